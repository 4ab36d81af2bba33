/*
 * Building result lines, with the same rules as the kernel's encoder.
 * The harness writes one kind itself, the answers to host actions; the
 * rest is for the unit tests and the reference machine, and an executable
 * statement of the grammar that the parser can be checked against.
 */
#ifndef VCTS_LINE_ENCODE_H
#define VCTS_LINE_ENCODE_H

#include <stddef.h>

#include "util.h"

struct line_builder {
	struct strbuf sb;
};

void line_builder_begin(struct line_builder *lb, const char *kind);
void line_builder_add(struct line_builder *lb, const char *key, const char *value);
void line_builder_add_bytes(struct line_builder *lb, const char *key,
			    const void *value, size_t len);
/* A "|"-separated list; a "|" inside an element becomes %7C. */
void line_builder_add_list(struct line_builder *lb, const char *key,
			   const char *const *items, size_t count);
/* Append " ~checksum\n" and hand the line over (free() it). */
char *line_builder_finish(struct line_builder *lb);

/*
 * The `answer` line to a host-action request (docs/host-actions.md):
 * @id is the request's (NULL: empty), @status ok, differs, error or
 * unsupported. free() it.
 */
char *line_encode_answer(const char *id, const char *status, const char *msg);

#endif
