/*
 * Parsing one result line of the kernel's console protocol
 * (docs/result-protocol.md, version 1).
 */
#ifndef VCTS_LINE_PARSER_H
#define VCTS_LINE_PARSER_H

#include <stddef.h>
#include <stdint.h>

/* Longest protocol line, from "@vcts" to the last checksum digit. */
#define VCTS_LINE_MAX 4096

#define VCTS_LINE_PREFIX "@vcts "

/* The shortest field, " k=", takes three bytes. */
#define VCTS_LINE_MAX_FIELDS (VCTS_LINE_MAX / 3 + 1)

enum line_status {
	LINE_NOT_PROTOCOL,	/* no "@vcts " on it: ordinary console output */
	LINE_OK,
	LINE_GARBLED,		/* looks like a result line but is not a valid one */
};

struct line_field {
	const char *key;
	const char *value;	/* decoded, NUL-terminated */
	size_t value_len;	/* a decoded value may itself contain NUL */
	const char *raw;	/* as on the line, still escaped */
};

struct vcts_line {
	const char *kind;
	size_t field_count;
	const char *garbled_reason;	/* set when LINE_GARBLED */
	struct line_field fields[VCTS_LINE_MAX_FIELDS];
	/* Kind, keys, raw and decoded values live here, NUL-terminated. */
	char storage[3 * VCTS_LINE_MAX];
};

/*
 * Parse @len bytes of one console line (with or without its CR/LF).
 * The line starts at its last "@vcts "; anything before it is ignored.
 * @line only needs to live as long as the caller looks at the fields.
 */
enum line_status line_parse(const char *text, size_t len, struct vcts_line *line);

/* The decoded value of @key, or NULL when the line has no such field. */
const char *line_get(const struct vcts_line *line, const char *key);
const struct line_field *line_field(const struct vcts_line *line, const char *key);

/*
 * Split the list in @key at "|" and decode each element (so "%7C" stays a
 * literal "|" inside an element); empty elements are dropped. Returns the
 * number of elements added to @out.
 */
struct strlist;
size_t line_get_list(const struct vcts_line *line, const char *key,
		     struct strlist *out);

/* The FNV-1a checksum the protocol puts after " ~". */
uint32_t line_checksum(const char *text, size_t len);

#endif
