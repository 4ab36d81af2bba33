/* The kernel's `vcts.*` options (docs/kernel-options.md). */
#ifndef VCTS_CMDLINE_H
#define VCTS_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

struct kernel_options {
	char filter[512];	/* comma-separated globs; empty = every test */
	uint32_t seed;
	/*
	 * Which interface drives a device that has both (OpenBSD virtio's
	 * flags, in words): modern (1.x only), legacy (0.9.5 only, "never use
	 * 1.0"), prefer-modern, prefer-legacy.
	 */
	char mode[32];
	char transport[32];	/* what the harness configured; informative */
	uint32_t timeout_ms;	/* how long to wait for a device, per wait */
	uint32_t host_timeout_ms;	/* how long to wait for the harness to answer a request */
	bool list;		/* print the test registry and exit */
	/* vcts.interactive[=SECONDS]: the shell, ended after that long without input. */
	bool interactive;
	uint32_t interactive_idle_s;
	/*
	 * vcts.blk_serials=0: the harness could set no serial on the block
	 * devices (a vhost-user back end without the option), so the ID
	 * string has nothing to be compared with.
	 */
	bool blk_serials;
	/*
	 * vcts.resume=TEST/DEVICE: a fresh VM after the one that died in that
	 * test; run only the pairs planned after it (docs/kernel-options.md).
	 */
	char resume_test[128];
	char resume_device[32];
	/* vcts.exit=METHOD: how the VM ends (docs/exits.md); "" is auto. */
	char exit[32];
	/* vcts.acpi_dump: print the ACPI tables the exit reads, in hex. */
	bool acpi_dump;
	/*
	 * vcts.cmdline=ask: the boot loader's command line is only a stand-in;
	 * ask the harness for the real one (cmdline_ask.c).
	 */
	bool cmdline_ask;
	/*
	 * vcts.console=output-only: the harness reads the console from a file
	 * and can never answer a host request; a test that needs one skips.
	 */
	bool console_output_only;
};

extern struct kernel_options options;

void options_parse(const char *cmdline);
/* Whether @test_id matches the filter (globs with * and ?). */
bool options_select(const char *test_id);
/* Whether @test_id matches @filter, comma-separated globs with the same rules. */
bool filter_select(const char *filter, const char *test_id);
bool glob_match(const char *pattern, const char *text);

/* Whether options.mode allows (or prefers) each interface. */
bool options_mode_valid(void);
bool options_allow_modern(void);
bool options_allow_legacy(void);
bool options_prefer_legacy(void);

/*
 * The Linux-style `virtio_mmio.device=<size>@<base>:<irq>` entries of
 * @cmdline (QEMU microvm and Firecracker append them); returns how many.
 */
struct mmio_window;
int options_mmio_windows(const char *cmdline, struct mmio_window *windows, int max);

#endif
