/*
 * summary.md: what a person reads first. Counts per configuration, then
 * every result that did not pass, with the first line of its message; then
 * the known deviations a baseline forgave and the unexpected passes.
 */
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "reports/reports.h"
#include "results/results.h"

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
	/* Transport and mode apart too: the columns a reader compares by. */
	fputs("| configuration | transport | mode | accel | passed | failed | timeout | crash | not run | skipped | xfail | xpass | time (s) |\n", out);
	fputs("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", out);
	for (size_t i = 0; i < report->run_count; i++) {
		const struct run_record *run = report->runs[i];
		struct verdict_counts c;

		if (!run_is_first_attempt(run))
			continue;
		report_count(report, run->config, &c);
		fprintf(out, "| %s | %s | %s | %s | %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu | %ld.%03ld |\n",
			run->config->name, run->config->transport, run->config->mode,
			run->accel ? run->accel : "", c.pass,
			c.fail, c.timeout, c.crash, c.not_run, c.skip, c.xfail, c.xpass,
			run->duration_ms / 1000, run->duration_ms % 1000);
	}
}

/* "- **fail** `test` [config/device]: first line of the message" */
static void write_item(FILE *out, const struct result *r)
{
	char *label = result_label(r);

	fprintf(out, "- **%s** `%s` [%s]", verdict_name(r->verdict), r->test, label);
	if (r->attempts > 1 && verdict_is_failure(r->verdict))
		fprintf(out, " (on all %u attempts)", r->attempts);
	if (*r->message) {
		fputs(": ", out);
		write_cell(out, r->message, 300);
	}
	fputc('\n', out);
	free(label);
}

typedef bool (*result_pick_fn)(const struct result *r);

/* Did not pass, no baseline accounts for it, and no list of its own has it. */
static bool not_passing(const struct result *r)
{
	return r->verdict != VERDICT_PASS && r->verdict != VERDICT_XFAIL &&
	       r->verdict != VERDICT_XPASS && r->verdict != VERDICT_WARN &&
	       r->verdict != VERDICT_NOTE && r->verdict != VERDICT_FLAKY;
}

static bool warning(const struct result *r)
{
	return r->verdict == VERDICT_WARN;
}

static bool note(const struct result *r)
{
	return r->verdict == VERDICT_NOTE;
}

static bool known_deviation(const struct result *r)
{
	return r->verdict == VERDICT_XFAIL;
}

static bool unexpected_pass(const struct result *r)
{
	return r->verdict == VERDICT_XPASS;
}

static bool flaky(const struct result *r)
{
	return r->verdict == VERDICT_FLAKY;
}

/* The results @pick chooses, under "## @title"; returns how many. */
static size_t write_list(const struct report *report, FILE *out,
			 const char *title, result_pick_fn pick)
{
	size_t count = 0;

	for (size_t i = 0; i < report->result_count; i++) {
		const struct result *r = report->results[i];

		if (!pick(r))
			continue;
		if (!count++)
			fprintf(out, "\n## %s\n\n", title);
		write_item(out, r);
	}
	return count;
}

void report_write_summary(const struct report *report, FILE *out)
{
	struct verdict_counts all;

	report_count(report, NULL, &all);
	fprintf(out, "# vcts %s results\n\n", VCTS_VERSION);
	/* The same numbers as the last line on stdout: xpass is a pass. */
	fprintf(out, "%zu passed, %zu failed, %zu skipped (%zu results).\n",
		all.pass + all.xpass, verdict_counts_failed(&all), all.skip,
		all.total);
	if (report->baseline) {
		fputs(report->baseline->next ? "Baselines" : "Baseline", out);
		for (const struct baseline *bl = report->baseline; bl; bl = bl->next)
			fprintf(out, "%s`%s`", bl == report->baseline ? " " : ", ", bl->path);
		fprintf(out, ": %zu expected failures (known deviations), %zu unexpected passes.\n",
			all.xfail, all.xpass);
	}
	if (all.flaky)
		fprintf(out, "%zu flaky: passed on one attempt and failed on another (--retries); counted as failed.\n",
			all.flaky);
	if (all.warn || all.note)
		fprintf(out, "%zu warnings (a SHOULD of the spec does not hold), %zu notes (descriptive text does not hold); neither fails the run.\n",
			all.warn, all.note);
	fputc('\n', out);
	write_counts_table(report, out);
	if (!write_list(report, out, "Not passing", not_passing))
		fputs(all.xfail ? "\nEvery test passed or failed as the baseline expects.\n" :
			"\nEvery test passed.\n", out);
	write_list(report, out, "Warnings (a SHOULD does not hold)", warning);
	write_list(report, out, "Notes (descriptive text does not hold)", note);
	write_list(report, out, "Known deviations", known_deviation);
	write_list(report, out, "Unexpected passes", unexpected_pass);
	write_list(report, out, "Flaky (passed on one attempt, failed on another)", flaky);
}
