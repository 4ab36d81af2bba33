/*
 * The result-line parser. It is strict on purpose: a line either matches
 * the grammar and its checksum exactly, or it is garbled and ignored. A
 * harness that guessed what a damaged line meant could turn a failure
 * into a pass.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "guest-kernel/lib/fnv.h"
#include "protocol/line_parser.h"
#include "util.h"

#define PREFIX_LEN (sizeof(VCTS_LINE_PREFIX) - 1)
/* " ~" and eight hex digits end every line. */
#define TRAILER_LEN 10

uint32_t line_checksum(const char *text, size_t len)
{
	return fnv1a32_update(FNV1A32_INIT, text, len);
}

static int hex_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool is_kind_char(char c)
{
	return (c >= 'a' && c <= 'z') || c == '-';
}

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static bool is_safe_value_char(char c)
{
	return c >= 0x21 && c <= 0x7e && c != '%' && c != '=' && c != '~';
}

/* Where the last "@vcts " starts, or NULL. */
static const char *find_last_prefix(const char *text, size_t len)
{
	const char *found = NULL;

	for (size_t i = 0; i + PREFIX_LEN <= len; i++)
		if (!memcmp(text + i, VCTS_LINE_PREFIX, PREFIX_LEN))
			found = text + i;
	return found;
}

static bool checksum_matches(const char *line, size_t len)
{
	const char *digits = line + len - 8;
	uint32_t expected = 0;

	if (line[len - TRAILER_LEN] != ' ' || line[len - TRAILER_LEN + 1] != '~')
		return false;
	for (int i = 0; i < 8; i++) {
		int v = hex_digit_value(digits[i]);

		if (v < 0)
			return false;
		expected = (expected << 4) | (uint32_t)v;
	}
	return line_checksum(line, len - TRAILER_LEN) == expected;
}

static enum line_status garbled(struct vcts_line *line, const char *reason)
{
	line->garbled_reason = reason;
	return LINE_GARBLED;
}

/*
 * Decode the value starting at *pos (up to a space or @end) into storage;
 * returns false on a byte the grammar does not allow.
 */
static bool decode_value(const char **pos, const char *end, char **out,
			 size_t *out_len)
{
	const char *p = *pos;
	char *dst = *out;
	char *start = dst;

	while (p < end && *p != ' ') {
		if (*p == '%') {
			int hi, lo;

			if (end - p < 3)
				return false;
			hi = hex_digit_value(p[1]);
			lo = hex_digit_value(p[2]);
			if (hi < 0 || lo < 0)
				return false;
			*dst++ = (char)(hi << 4 | lo);
			p += 3;
		} else if (is_safe_value_char(*p)) {
			*dst++ = *p++;
		} else {
			return false;
		}
	}
	*out_len = (size_t)(dst - start);
	*dst++ = '\0';
	*pos = p;
	*out = dst;
	return true;
}

/* Copy the value at @p as it is, for lists that split before decoding. */
static char *copy_raw_value(const char *p, const char *end, char *store)
{
	while (p < end && *p != ' ')
		*store++ = *p++;
	*store++ = '\0';
	return store;
}

static bool key_seen(const struct vcts_line *line, const char *key)
{
	return line_field(line, key) != NULL;
}

/* Parse "kind *( SP field )" between @p and @end. */
static enum line_status parse_body(const char *p, const char *end,
				   struct vcts_line *line)
{
	char *store = line->storage;

	line->kind = store;
	while (p < end && *p != ' ') {
		if (!is_kind_char(*p))
			return garbled(line, "bad character in the kind");
		*store++ = *p++;
	}
	if (store == line->kind)
		return garbled(line, "empty kind");
	*store++ = '\0';

	while (p < end) {
		struct line_field *field;

		p++;	/* the single space before each field */
		field = &line->fields[line->field_count];
		field->key = store;
		while (p < end && *p != '=' && *p != ' ') {
			if (!is_key_char(*p))
				return garbled(line, "bad character in a key");
			*store++ = *p++;
		}
		if (store == field->key || p >= end || *p != '=')
			return garbled(line, "field without key=value");
		*store++ = '\0';
		p++;
		field->raw = store;
		store = copy_raw_value(p, end, store);
		field->value = store;
		if (!decode_value(&p, end, &store, &field->value_len))
			return garbled(line, "bad byte or escape in a value");
		if (key_seen(line, field->key))
			return garbled(line, "duplicate key");
		line->field_count++;
	}
	return LINE_OK;
}

enum line_status line_parse(const char *text, size_t len, struct vcts_line *line)
{
	const char *start;

	line->kind = "";
	line->field_count = 0;
	line->garbled_reason = NULL;

	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	start = find_last_prefix(text, len);
	if (!start)
		return LINE_NOT_PROTOCOL;
	len -= (size_t)(start - text);
	if (len > VCTS_LINE_MAX)
		return garbled(line, "longer than 4096 bytes");
	if (len < PREFIX_LEN + 1 + TRAILER_LEN)
		return garbled(line, "truncated");
	if (!checksum_matches(start, len))
		return garbled(line, "checksum mismatch or no checksum");
	return parse_body(start + PREFIX_LEN, start + len - TRAILER_LEN, line);
}

const struct line_field *line_field(const struct vcts_line *line, const char *key)
{
	for (size_t i = 0; i < line->field_count; i++)
		if (!strcmp(line->fields[i].key, key))
			return &line->fields[i];
	return NULL;
}

const char *line_get(const struct vcts_line *line, const char *key)
{
	const struct line_field *field = line_field(line, key);

	return field ? field->value : NULL;
}

/* Decode an element of a raw value the parser has already validated. */
static char *decode_element(const char *raw, size_t len)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < len; i++) {
		if (raw[i] == '%' && i + 2 < len) {
			int hi = hex_digit_value(raw[i + 1]);
			int lo = hex_digit_value(raw[i + 2]);

			strbuf_addch(&sb, (char)(hi << 4 | lo));
			i += 2;
		} else {
			strbuf_addch(&sb, raw[i]);
		}
	}
	return strbuf_detach(&sb);
}

size_t line_get_list(const struct vcts_line *line, const char *key,
		     struct strlist *out)
{
	const struct line_field *field = line_field(line, key);
	const char *p;
	size_t added = 0;

	if (!field)
		return 0;
	for (p = field->raw; *p; ) {
		size_t len = strcspn(p, "|");

		if (len) {
			char *element = decode_element(p, len);

			strlist_add(out, element);
			free(element);
			added++;
		}
		p += len;
		if (*p == '|')
			p++;
	}
	return added;
}
