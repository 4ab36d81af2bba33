/*
 * A console log captured outside a live run (vcts ingest, docs/ingest.md)
 * made fit for the line assembler: terminal escape sequences (ANSI colours
 * and cursor moves from firmware, GRUB or a terminal program) and carriage
 * returns are dropped, and so are the harness's own lines in one of its
 * logs ("vcts: ..." at the start of a line), which are handed to a
 * callback instead. None of these can be part of a result line, whose
 * bytes are printable ASCII only (docs/result-protocol.md), so dropping
 * them never changes one; anything else is left to the parser, which
 * ignores what is not a line of the protocol.
 */
#ifndef VCTS_CONSOLE_FILTER_H
#define VCTS_CONSOLE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The prefix of the harness's lines in its logs (vm/vm_run.c). */
#define HARNESS_LINE_PREFIX "vcts: "

enum escape_state {
	ESCAPE_NONE,
	ESCAPE_START,		/* after ESC */
	ESCAPE_CSI,		/* ESC [ ... final byte */
	ESCAPE_STRING,		/* ESC ] (OSC), P, X, ^, _ ... BEL or ESC \ */
	ESCAPE_STRING_ESC,	/* ESC inside a string: ESC \ ends it */
	ESCAPE_NF,		/* ESC, intermediates (0x20-0x2f), final byte */
};

struct console_filter {
	enum escape_state escape;
	bool at_line_start;
	bool in_harness_line;
	struct strbuf held;	/* a line's start that may still become "vcts: " */
	struct strbuf harness_line;
	/* Each harness line, without prefix and newline (may be NULL). */
	void (*on_harness_line)(void *ctx, const char *text);
	void *ctx;
};

void console_filter_init(struct console_filter *f);
/* Appends what is left of @data to @out. */
void console_filter_feed(struct console_filter *f, const char *data, size_t len,
			 struct strbuf *out);
/* The end of the log: what was held goes out. */
void console_filter_finish(struct console_filter *f, struct strbuf *out);
void console_filter_release(struct console_filter *f);

#endif
