/* The kernel's `vcts.*` options (docs/kernel-options.md). */
#ifndef VCTS_CMDLINE_H
#define VCTS_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

struct kernel_options {
	char filter[512];	/* comma-separated globs; empty = every test */
	uint32_t seed;
	char mode[32];		/* modern (legacy and others come with their transports) */
	char transport[32];	/* what the harness configured; informative */
	uint32_t timeout_ms;	/* how long to wait for a device, per wait */
	bool list;		/* print the test registry and exit */
};

extern struct kernel_options options;

void options_parse(const char *cmdline);
/* Whether @test_id matches the filter (globs with * and ?). */
bool options_select(const char *test_id);
bool glob_match(const char *pattern, const char *text);

#endif
