/*
 * results.tap: TAP version 14, one test point per result. Failures carry a
 * YAML diagnostic block so that TAP consumers show the message, the spec
 * clauses and where the check is.
 */
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"
#include "results/results.h"

/* A test point description: "#" would start a directive, "\" escapes. */
static void write_description(FILE *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len && text[i]; i++) {
		if (text[i] == '#' || text[i] == '\\')
			fputc('\\', out);
		fputc(text[i] == '\n' ? ' ' : text[i], out);
	}
}

/* " # SKIP reason", " # TODO reason" */
static void write_directive(FILE *out, const char *word, const char *text,
			    size_t len)
{
	fprintf(out, " # %s", word);
	if (len) {
		fputc(' ', out);
		write_description(out, text, len);
	}
}

/* A YAML double-quoted scalar. */
static void write_yaml_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (; *text; text++) {
		unsigned char c = (unsigned char)*text;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void write_diagnostics(FILE *out, const struct result *r)
{
	fputs("  ---\n  message: ", out);
	write_yaml_string(out, r->message);
	fprintf(out, "\n  severity: %s\n", verdict_name(r->verdict));
	if (r->attempts > 1)
		fprintf(out, "  attempts: %u\n  flaky: %s\n", r->attempts,
			r->flaky ? "true" : "false");
	if (r->clauses.count) {
		fputs("  clauses:\n", out);
		for (size_t i = 0; i < r->clauses.count; i++) {
			fputs("    - ", out);
			write_yaml_string(out, r->clauses.items[i]);
			fputc('\n', out);
		}
	}
	if (r->failure_count && *r->failures[0].file) {
		fputs("  file: ", out);
		write_yaml_string(out, r->failures[0].file);
		fprintf(out, "\n  line: %ld\n", r->failures[0].line);
	}
	fputs("  log: ", out);
	write_yaml_string(out, r->log);
	fputs("\n  ...\n", out);
}

/*
 * The test point line. A baseline's xfail is "not ok ... # TODO" and its
 * xpass "ok ... # TODO": TAP's TODO is exactly "expected to fail", so TAP
 * consumers neither fail the run on the first nor hide the second.
 */
static void write_test_point(FILE *out, size_t number, const struct result *r)
{
	bool not_ok = verdict_is_failure(r->verdict) || r->verdict == VERDICT_XFAIL;
	char *label = result_label(r);

	fprintf(out, "%s %zu - ", not_ok ? "not ok" : "ok", number);
	write_description(out, r->test, strlen(r->test));
	fputs(" [", out);
	write_description(out, label, strlen(label));
	fputc(']', out);
	/* A TODO carries the first line only: the baseline's note. */
	if (r->verdict == VERDICT_SKIP)
		write_directive(out, "SKIP", r->message, strlen(r->message));
	else if (r->verdict == VERDICT_XFAIL || r->verdict == VERDICT_XPASS)
		write_directive(out, "TODO", r->message, strcspn(r->message, "\n"));
	fputc('\n', out);
	/* A warning or note is ok, and says what did not hold. */
	if (not_ok || r->verdict == VERDICT_WARN || r->verdict == VERDICT_NOTE)
		write_diagnostics(out, r);
	free(label);
}

void report_write_tap(const struct report *report, FILE *out)
{
	fputs("TAP version 14\n", out);
	fprintf(out, "1..%zu\n", report->result_count);
	for (size_t i = 0; i < report->result_count; i++)
		write_test_point(out, i + 1, report->results[i]);
}
