/*
 * summary.md: what a person reads first. Counts per configuration, then
 * every result that did not pass, with the first line of its message.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Table cells: a "|" would split the cell, a newline the row. */
static void write_cell(FILE *out, const char *text, size_t max)
{
	for (size_t i = 0; text[i] && text[i] != '\n' && i < max; i++) {
		if (text[i] == '|')
			fputc('\\', out);
		fputc(text[i], out);
	}
}

static void write_counts_table(const struct report *report, FILE *out)
{
	fputs("| configuration | accel | passed | failed | timeout | crash | skipped | time (s) |\n", out);
	fputs("|---|---|---:|---:|---:|---:|---:|---:|\n", out);
	for (size_t i = 0; i < report->run_count; i++) {
		const struct run_record *run = report->runs[i];
		struct verdict_counts c;

		report_count(report, run->config, &c);
		fprintf(out, "| %s | %s | %zu | %zu | %zu | %zu | %zu | %ld.%03ld |\n",
			run->config->name, run->accel ? run->accel : "", c.pass,
			c.fail, c.timeout, c.crash, c.skip, run->duration_ms / 1000,
			run->duration_ms % 1000);
	}
}

static void write_not_passing(const struct report *report, FILE *out)
{
	bool any = false;

	for (size_t i = 0; i < report->result_count; i++) {
		const struct result *r = report->results[i];
		char *label;

		if (r->verdict == VERDICT_PASS)
			continue;
		if (!any)
			fputs("\n## Not passing\n\n", out);
		any = true;
		label = result_label(r);
		fprintf(out, "- **%s** `%s` [%s]", verdict_name(r->verdict), r->test, label);
		if (*r->message) {
			fputs(": ", out);
			write_cell(out, r->message, 300);
		}
		fputc('\n', out);
		free(label);
	}
	if (!any)
		fputs("\nEvery test passed.\n", out);
}

void report_write_summary(const struct report *report, FILE *out)
{
	struct verdict_counts all;

	report_count(report, NULL, &all);
	fprintf(out, "# vcts %s results\n\n", VCTS_VERSION);
	fprintf(out, "%zu passed, %zu failed, %zu skipped (%zu results).\n\n",
		all.pass, all.fail + all.timeout + all.crash, all.skip, all.total);
	write_counts_table(report, out);
	write_not_passing(report, out);
}
