/*
 * The streaming side of the protocol. Only result lines are kept: ordinary
 * console output is never buffered, so a firmware that prints megabytes
 * without a newline costs nothing. A line starts at the last "@vcts " seen
 * since the previous LF, as the protocol says, so a prefix that appears
 * again restarts the line.
 */
#include <string.h>

#include "protocol/line_assembler.h"

#define PREFIX_LEN (sizeof(VCTS_LINE_PREFIX) - 1)

void line_assembler_init(struct line_assembler *la, line_emit_fn emit, void *ctx)
{
	memset(la, 0, sizeof(*la));
	la->emit = emit;
	la->ctx = ctx;
}

static void reset_line(struct line_assembler *la)
{
	la->in_line = false;
	la->overlong = false;
	la->prefix_matched = 0;
	la->len = 0;
}

static void start_line(struct line_assembler *la)
{
	memcpy(la->buf, VCTS_LINE_PREFIX, PREFIX_LEN);
	la->len = PREFIX_LEN;
	la->in_line = true;
	la->overlong = false;
	la->prefix_matched = 0;
}

/* Advance the "@vcts " matcher; true when the whole prefix just matched. */
static bool prefix_completed(struct line_assembler *la, char c)
{
	if (c == VCTS_LINE_PREFIX[la->prefix_matched])
		la->prefix_matched++;
	else
		la->prefix_matched = (c == VCTS_LINE_PREFIX[0]) ? 1 : 0;
	return la->prefix_matched == PREFIX_LEN;
}

static void append_byte(struct line_assembler *la, char c)
{
	if (la->len < sizeof(la->buf))
		la->buf[la->len++] = c;
	else
		la->overlong = true;
}

static void end_line(struct line_assembler *la)
{
	if (la->in_line)
		la->emit(la->ctx, la->buf, la->len, la->overlong);
	reset_line(la);
}

void line_assembler_feed(struct line_assembler *la, const void *data, size_t len)
{
	const char *p = data;

	for (size_t i = 0; i < len; i++) {
		char c = p[i];

		if (c == '\n') {
			end_line(la);
			continue;
		}
		if (prefix_completed(la, c)) {
			start_line(la);
			continue;
		}
		if (la->in_line)
			append_byte(la, c);
	}
}

void line_assembler_flush(struct line_assembler *la)
{
	end_line(la);
}
