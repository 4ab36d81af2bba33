/*
 * The noise filter for captured console logs (console_filter.h). Escape
 * sequences follow ECMA-48: CSI (ESC [ parameters intermediates final),
 * control strings (ESC ] / P / X / ^ / _ up to BEL or ESC \), and ESC
 * with intermediates and one final byte. A newline always ends a
 * sequence, so that a truncated one never swallows the rest of a log.
 */
#include <string.h>

#include "protocol/console_filter.h"

#define ESC 0x1b
#define BEL 0x07

void console_filter_init(struct console_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->at_line_start = true;
}

void console_filter_release(struct console_filter *f)
{
	strbuf_release(&f->held);
	strbuf_release(&f->harness_line);
}

static enum escape_state after_esc(unsigned char c)
{
	if (c == '[')
		return ESCAPE_CSI;
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
		return ESCAPE_STRING;
	if (c >= 0x20 && c <= 0x2f)
		return ESCAPE_NF;
	return ESCAPE_NONE;	/* ESC and one byte: ESC 7, ESC c, ESC = ... */
}

/* Is @c part of an escape sequence (and so dropped)? */
static bool escape_byte(struct console_filter *f, unsigned char c)
{
	if (f->escape == ESCAPE_NONE) {
		if (c != ESC)
			return false;
		f->escape = ESCAPE_START;
		return true;
	}
	if (c == '\n') {
		f->escape = ESCAPE_NONE;
		return false;
	}
	switch (f->escape) {
	case ESCAPE_START:
		f->escape = after_esc(c);
		break;
	case ESCAPE_CSI:
		if (c >= 0x40 && c <= 0x7e)
			f->escape = ESCAPE_NONE;
		break;
	case ESCAPE_STRING:
		if (c == BEL)
			f->escape = ESCAPE_NONE;
		else if (c == ESC)
			f->escape = ESCAPE_STRING_ESC;
		break;
	case ESCAPE_STRING_ESC:
		f->escape = c == '\\' ? ESCAPE_NONE : ESCAPE_STRING;
		break;
	case ESCAPE_NF:
		if (c >= 0x30 && c <= 0x7e)
			f->escape = ESCAPE_NONE;
		break;
	case ESCAPE_NONE:
		break;
	}
	return true;
}

static void end_harness_line(struct console_filter *f)
{
	if (f->on_harness_line)
		f->on_harness_line(f->ctx, f->harness_line.buf ? f->harness_line.buf : "");
	f->harness_line.len = 0;
	if (f->harness_line.buf)
		f->harness_line.buf[0] = '\0';
	f->in_harness_line = false;
}

static void release_held(struct console_filter *f, struct strbuf *out)
{
	strbuf_add(out, f->held.buf ? f->held.buf : "", f->held.len);
	f->held.len = 0;
}

/*
 * A line's first bytes are held while they still spell the start of
 * "vcts: ": then the line is the harness's, else they go out as they came.
 */
static void line_start_byte(struct console_filter *f, char c, struct strbuf *out)
{
	static const char prefix[] = HARNESS_LINE_PREFIX;
	const size_t prefix_len = sizeof(prefix) - 1;

	strbuf_addch(&f->held, c);
	if (!memcmp(f->held.buf, prefix, f->held.len)) {
		if (f->held.len == prefix_len) {
			f->held.len = 0;
			f->in_harness_line = true;
			f->at_line_start = false;
		}
		return;
	}
	release_held(f, out);
	f->at_line_start = c == '\n';
}

static void text_byte(struct console_filter *f, char c, struct strbuf *out)
{
	if (c == '\r')
		return;
	if (f->in_harness_line) {
		if (c != '\n') {
			strbuf_addch(&f->harness_line, c);
			return;
		}
		end_harness_line(f);
		f->at_line_start = true;
		return;
	}
	if (f->at_line_start) {
		line_start_byte(f, c, out);
		return;
	}
	strbuf_addch(out, c);
	f->at_line_start = c == '\n';
}

void console_filter_feed(struct console_filter *f, const char *data, size_t len,
			 struct strbuf *out)
{
	for (size_t i = 0; i < len; i++)
		if (!escape_byte(f, (unsigned char)data[i]))
			text_byte(f, data[i], out);
}

void console_filter_finish(struct console_filter *f, struct strbuf *out)
{
	if (f->in_harness_line)
		end_harness_line(f);
	release_held(f, out);
	f->escape = ESCAPE_NONE;
	f->at_line_start = true;
}
