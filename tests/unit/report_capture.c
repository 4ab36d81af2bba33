#include <stdlib.h>

#include "report_capture.h"
#include "util.h"

/*
 * The stream buffer lives on the heap: GCC 12 mistakes a local one for a
 * dangling pointer once this function is inlined.
 */
char *capture_report(void (*writer)(const struct report *, FILE *),
		     const struct report *report)
{
	struct { char *text; size_t len; } *buf = xcalloc(1, sizeof(*buf));
	FILE *f = open_memstream(&buf->text, &buf->len);
	char *text;

	writer(report, f);
	fclose(f);
	text = buf->text;
	free(buf);
	return text;
}

struct text_capture {
	FILE *out;
	char *text;
	size_t len;
};

struct text_capture *capture_begin(FILE **out)
{
	struct text_capture *c = xcalloc(1, sizeof(*c));

	c->out = open_memstream(&c->text, &c->len);
	*out = c->out;
	return c;
}

char *capture_end(struct text_capture *c)
{
	char *text;

	fclose(c->out);
	text = c->text;
	free(c);
	return text;
}
