/*
 * The result-line encoder: every byte that is not "safe" in the grammar is
 * written as %XX with upper-case hex; the checksum is FNV-1a over the line
 * from "@" up to the space before "~".
 */
#include <stdio.h>
#include <string.h>

#include "protocol/line_encode.h"
#include "protocol/line_parser.h"

static void add_escaped(struct strbuf *sb, const unsigned char *p, size_t len,
			bool escape_bar)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool safe = c >= 0x21 && c <= 0x7e && c != '%' && c != '=' &&
			    c != '~' && !(escape_bar && c == '|');

		if (safe)
			strbuf_addch(sb, (char)c);
		else
			strbuf_addf(sb, "%%%02X", c);
	}
}

void line_builder_begin(struct line_builder *lb, const char *kind)
{
	memset(lb, 0, sizeof(*lb));
	strbuf_addstr(&lb->sb, VCTS_LINE_PREFIX);
	strbuf_addstr(&lb->sb, kind);
}

void line_builder_add_bytes(struct line_builder *lb, const char *key,
			    const void *value, size_t len)
{
	strbuf_addf(&lb->sb, " %s=", key);
	add_escaped(&lb->sb, value, len, false);
}

void line_builder_add(struct line_builder *lb, const char *key, const char *value)
{
	line_builder_add_bytes(lb, key, value, strlen(value));
}

void line_builder_add_list(struct line_builder *lb, const char *key,
			   const char *const *items, size_t count)
{
	strbuf_addf(&lb->sb, " %s=", key);
	for (size_t i = 0; i < count; i++) {
		if (i)
			strbuf_addch(&lb->sb, '|');
		add_escaped(&lb->sb, (const unsigned char *)items[i],
			    strlen(items[i]), true);
	}
}

char *line_builder_finish(struct line_builder *lb)
{
	uint32_t sum = line_checksum(lb->sb.buf, lb->sb.len);

	strbuf_addf(&lb->sb, " ~%08x\n", (unsigned int)sum);
	return strbuf_detach(&lb->sb);
}

char *line_encode_answer(const char *id, const char *status, const char *msg)
{
	struct line_builder lb;

	line_builder_begin(&lb, "answer");
	line_builder_add(&lb, "id", id ? id : "");
	line_builder_add(&lb, "status", status);
	line_builder_add(&lb, "msg", msg);
	return line_builder_finish(&lb);
}
