/*
 * Typed views of a parsed line's fields, as the run state machine needs
 * them: text made safe for reports, lists, decimal numbers.
 */
#ifndef VCTS_LINE_FIELDS_H
#define VCTS_LINE_FIELDS_H

#include "protocol/line_parser.h"
#include "text.h"

/* A field as safe text (allocated); "" when absent. */
char *line_field_text(const struct vcts_line *line, const char *key);
/* A '|'-separated field as safe texts appended to @out. */
void line_field_list(const struct vcts_line *line, const char *key, struct strlist *out);
/* A decimal field, or @fallback when absent or not a number. */
long line_field_number(const struct vcts_line *line, const char *key, long fallback);

#endif
