#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_fields.h"
#include "util.h"

char *line_field_text(const struct vcts_line *line, const char *key)
{
	const struct line_field *f = line_field(line, key);

	return f ? text_from_bytes(f->value, f->value_len) : xstrdup("");
}

void line_field_list(const struct vcts_line *line, const char *key, struct strlist *out)
{
	struct strlist raw = { 0 };

	line_get_list(line, key, &raw);
	for (size_t i = 0; i < raw.count; i++) {
		char *text = text_from_bytes(raw.items[i], strlen(raw.items[i]));

		strlist_add(out, text);
		free(text);
	}
	strlist_clear(&raw);
}

long line_field_number(const struct vcts_line *line, const char *key, long fallback)
{
	const char *v = line_get(line, key);
	char *end;
	long n;

	if (!v || !isdigit((unsigned char)*v))
		return fallback;
	n = strtol(v, &end, 10);
	return *end ? fallback : n;
}
