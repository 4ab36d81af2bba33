/*
 * Every report format from one results model: each file written on its
 * own and atomically, so one that cannot be written does not stop the
 * rest; and the markup escapers the XML and HTML writers share.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"

/*
 * @text with &<>"' as entities, ' as @apos. With @xml, newline and tab
 * become character references (so attribute values keep them) and other
 * control characters "\xNN": XML 1.0 has no way to carry them.
 */
static void markup_escape(FILE *out, const char *text, const char *apos, bool xml)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs(apos, out);
			break;
		default:
			if (xml && (*p == '\n' || *p == '\t'))
				fprintf(out, "&#%d;", *p);
			else if (xml && (*p < 0x20 || *p == 0x7f))
				fprintf(out, "\\x%02X", *p);
			else
				fputc(*p, out);
		}
	}
}

void xml_escape(FILE *out, const char *text)
{
	markup_escape(out, text, "&apos;", true);
}

void html_escape(FILE *out, const char *text)
{
	markup_escape(out, text, "&#39;", false);
}

typedef void (*stream_writer_fn)(const struct report *report, FILE *out);

/* Run a stream writer into memory, then write the file atomically. */
static int write_stream_report(const struct report *report, const char *dir,
			       const char *name, stream_writer_fn writer)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int ret;

	if (!mem) {
		free(path);
		return -1;
	}
	writer(report, mem);
	fclose(mem);
	ret = write_file_atomically(path, text, len);
	if (ret)
		vcts_error("cannot write %s: %s", path, strerror(errno));
	free(text);
	free(path);
	return ret;
}

static int write_json_report(const struct report *report, const char *dir)
{
	char *path = xasprintf("%s/results.json", dir);
	char *text = report_json_text(report);
	int ret = write_file_atomically(path, text, strlen(text));

	if (ret)
		vcts_error("cannot write %s: %s", path, strerror(errno));
	free(text);
	free(path);
	return ret;
}

int report_write_all(const struct report *report, const char *dir)
{
	int ret = 0;

	/* Each file on its own: one that cannot be written does not stop the rest. */
	ret |= write_json_report(report, dir);
	ret |= write_stream_report(report, dir, "results.tap", report_write_tap);
	ret |= write_stream_report(report, dir, "junit.xml", report_write_junit);
	ret |= write_stream_report(report, dir, "summary.md", report_write_summary);
	ret |= write_stream_report(report, dir, "report.html", report_write_html);
	return ret ? -1 : 0;
}
