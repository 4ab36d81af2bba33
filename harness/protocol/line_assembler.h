/*
 * Cutting the console byte stream into result lines. Bytes arrive in
 * chunks of any size; firmware output, NUL bytes and 8-bit noise may sit
 * between or in front of result lines.
 */
#ifndef VCTS_LINE_ASSEMBLER_H
#define VCTS_LINE_ASSEMBLER_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/line_parser.h"

/*
 * Called once per candidate result line: @text starts with "@vcts " and
 * has no LF. @overlong says the line went past VCTS_LINE_MAX (+1 byte for
 * a CR) and was cut, so it is garbled whatever @text holds.
 */
typedef void (*line_emit_fn)(void *ctx, const char *text, size_t len,
			     bool overlong);

struct line_assembler {
	line_emit_fn emit;
	void *ctx;
	bool in_line;		/* a "@vcts " was seen since the last LF */
	bool overlong;
	size_t prefix_matched;	/* bytes of "@vcts " matched so far */
	size_t len;
	char buf[VCTS_LINE_MAX + 1];
};

void line_assembler_init(struct line_assembler *la, line_emit_fn emit, void *ctx);
void line_assembler_feed(struct line_assembler *la, const void *data, size_t len);
/* The stream ended: hand over a last line that had no LF. */
void line_assembler_flush(struct line_assembler *la);

#endif
