/*
 * Text hygiene. A misbehaving device or kernel can put any byte into a
 * result line; reports must stay well-formed whatever it sends.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Length of the well-formed UTF-8 sequence at @p, or 0 if there is none. */
static size_t utf8_sequence_length(const unsigned char *p, size_t avail)
{
	uint32_t code;
	size_t len;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (avail < len)
		return 0;
	code = p[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		code = (code << 6) | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && code < 0x800) || (len == 4 && code < 0x10000) ||
	    (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
		return 0;
	return len;
}

char *text_from_bytes(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	struct strbuf sb = { 0 };
	size_t i = 0;

	while (i < len) {
		size_t seq = utf8_sequence_length(p + i, len - i);

		if (seq == 1 && (p[i] < 0x20 || p[i] == 0x7f))
			seq = 0;
		if (seq) {
			strbuf_add(&sb, p + i, seq);
			i += seq;
		} else {
			strbuf_addf(&sb, "\\x%02X", p[i]);
			i++;
		}
	}
	return strbuf_detach(&sb);
}

static bool needs_shell_quotes(const char *s)
{
	if (!*s)
		return true;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_-+=/.,:@%", *s))
			return true;
	return false;
}

char *shell_quote(const char *s)
{
	struct strbuf sb = { 0 };

	if (!needs_shell_quotes(s))
		return xstrdup(s);
	strbuf_addch(&sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(&sb, "'\\''");
		else
			strbuf_addch(&sb, *s);
	}
	strbuf_addch(&sb, '\'');
	return strbuf_detach(&sb);
}

char *shell_join(char *const argv[])
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; argv[i]; i++) {
		char *quoted = shell_quote(argv[i]);

		if (i)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, quoted);
		free(quoted);
	}
	return strbuf_detach(&sb);
}

char *shell_join_with_environment(const struct strlist *environment, char *const argv[])
{
	struct strbuf sb = { 0 };
	char *command = shell_join(argv);

	for (size_t i = 0; environment && i < environment->count; i++) {
		const char *pair = environment->items[i];
		size_t name_len = strcspn(pair, "=");
		char *value = shell_quote(pair[name_len] ? pair + name_len + 1 : "");

		strbuf_addf(&sb, "%.*s=%s ", (int)name_len, pair, value);
		free(value);
	}
	strbuf_addstr(&sb, command);
	free(command);
	return strbuf_detach(&sb);
}
