/*
 * The live progress line of `vcts run` on a terminal:
 *
 *   [config 2/6 q35-pci-transitional-modern] devices.blk.flush_completes [blk0]  pass 120 fail 0 skip 80
 *
 * redrawn in place with "\r"; results that need attention are printed as
 * lines above it. When stdout is not a terminal nothing here is used and
 * every result is a line of its own, as CI logs want.
 */
#ifndef VCTS_PROGRESS_H
#define VCTS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "results/results.h"

struct progress {
	bool enabled;
	bool shown;		/* a progress line is on the screen now */
	size_t config_index;	/* from 1 */
	size_t config_count;
	const char *config_label;
	unsigned int attempt;	/* 1, or the re-run's number */
	unsigned int attempts;	/* 1 + --retries */
	char *test;		/* the test running now, "" between tests */
	size_t pass, fail, skip, xfail;
	bool baseline;		/* show the xfail count */
};

/* Enabled when stdout is a terminal and neither --quiet nor --verbose. */
void progress_init(struct progress *p, bool want);
void progress_free(struct progress *p);

/* The line, cut to @width columns (the test id gives way first). */
char *progress_text(const struct progress *p, size_t width);

void progress_set_test(struct progress *p, const char *test, const char *device);
/* Count a result announced with @verdict (@delta -1 takes one back). */
void progress_count(struct progress *p, enum verdict verdict, int delta);
/* Redraw the line in place. */
void progress_draw(struct progress *p);
/* Erase it, before anything else is printed. */
void progress_clear(struct progress *p);

#endif
