/*
 * The regression report of `vcts compare`: Markdown that reads well both
 * rendered (GitLab, GitHub) and as plain text (Bugzilla, mail). Tables for
 * the overview, then one section per regression with everything a
 * hypervisor developer needs to start: configuration, clause, the failed
 * check with expected and actual values, the message and the console log.
 */
#include <stdlib.h>
#include <string.h>

#include "results/compare.h"

#define CELL_MAX 200

/* A table cell: first line only, "|" escaped, long text cut. */
static void md_cell(FILE *out, const char *text)
{
	size_t i;

	for (i = 0; text[i] && text[i] != '\n' && i < CELL_MAX; i++) {
		if (text[i] == '|')
			fputc('\\', out);
		fputc(text[i], out);
	}
	if (text[i] && text[i] != '\n')
		fputs("\u2026", out);
}

/* A code span: a backtick inside would end it early. */
static void md_code(FILE *out, const char *text)
{
	fputc('`', out);
	for (size_t i = 0; text[i] && text[i] != '\n' && i < CELL_MAX; i++) {
		if (text[i] == '|')
			fputc('\\', out);
		fputc(text[i] == '`' ? '\'' : text[i], out);
	}
	fputc('`', out);
}

/* A fence longer than any run of backticks in @text. */
static void md_block(FILE *out, const char *text)
{
	size_t longest = 0, run = 0, fence;

	for (const char *p = text; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	fence = longest >= 3 ? longest + 1 : 3;
	for (size_t i = 0; i < fence; i++)
		fputc('`', out);
	fprintf(out, "text\n%s\n", text);
	for (size_t i = 0; i < fence; i++)
		fputc('`', out);
	fputc('\n', out);
}

static size_t config_count(const struct report *report)
{
	size_t n = 0;

	for (size_t i = 0; i < report->run_count; i++)
		n += run_is_first_attempt(report->runs[i]);
	return n;
}

static void write_run_line(FILE *out, const char *what, const char *path,
			   const struct report *report)
{
	fprintf(out, "- %s: `%s`", what, path);
	if (report->run_count && report->runs[0]->hypervisor_version)
		fprintf(out, " \u2014 %s", report->runs[0]->hypervisor_version);
	fprintf(out, ", %zu configurations, %zu results\n", config_count(report),
		report->result_count);
}

/* Was the reference run made with another version of the hypervisor? */
static bool other_version(const struct comparison *c)
{
	const char *now, *then;

	if (c->baseline || !c->results->run_count || !c->reference->run_count)
		return false;
	now = c->results->runs[0]->hypervisor_version;
	then = c->reference->runs[0]->hypervisor_version;
	return now && then && strcmp(now, then);
}

static void write_header(FILE *out, const struct comparison *c,
			 const struct compare_names *names)
{
	char *line = compare_summary_line(c);
	size_t regressions = c->kinds[COMPARE_REGRESSION];

	fprintf(out, "# vcts regression report\n\n");
	if (other_version(c))
		fprintf(out, "%s compared with %s: what changed between the two versions.\n\n",
			c->results->runs[0]->hypervisor_version,
			c->reference->runs[0]->hypervisor_version);
	write_run_line(out, "Results", names->results_path, c->results);
	for (const struct baseline *bl = c->baseline; bl; bl = bl->next)
		fprintf(out, "- Baseline: `%s` \u2014 %s %s %s, %zu entries%s%s%s\n",
			bl == c->baseline ? names->reference_path : bl->path,
			bl->hypervisor, bl->version, bl->arch, bl->count,
			bl->scope_arch ? "; judges the " : "",
			bl->scope_arch ? bl->scope_arch : "",
			bl->scope_arch ? " results" : "");
	if (!c->baseline)
		write_run_line(out, "Reference run", names->reference_path, c->reference);
	fprintf(out, "- Harness: vcts %s; clauses are sections of the virtio 1.2 specification\n\n",
		VCTS_VERSION);
	if (regressions)
		fprintf(out, "**%zu regression%s.** %s.\n", regressions,
			regressions == 1 ? "" : "s", line);
	else
		fprintf(out, "**No regressions.** %s.\n", line);
	free(line);
}

static const char *first_clause(const struct result *r)
{
	for (size_t i = 0; i < r->failure_count; i++)
		if (*r->failures[i].clause)
			return r->failures[i].clause;
	return r->clauses.count ? r->clauses.items[0] : "";
}

/*
 * The message as the run saw it: without the note a baseline put first
 * (the results may have been judged by another baseline than this one).
 */
static const char *raw_message(const struct result *r)
{
	const char *nl;

	if (r->verdict == VERDICT_XPASS)
		return "";
	if (r->verdict != VERDICT_XFAIL)
		return r->message;
	nl = strchr(r->message, '\n');
	return nl ? nl + 1 : "";
}

/* Is item @i the first regression of its test? Reports group by test. */
static bool first_of_test(const struct comparison *c, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (c->items[k].kind == COMPARE_REGRESSION &&
		    !strcmp(c->items[k].r->test, c->items[i].r->test))
			return false;
	return true;
}

static size_t regressions_of_test(const struct comparison *c, const char *test)
{
	size_t n = 0;

	for (size_t i = 0; i < c->count; i++)
		n += c->items[i].kind == COMPARE_REGRESSION && !strcmp(c->items[i].r->test, test);
	return n;
}

static void write_regression_table(FILE *out, const struct comparison *c)
{
	size_t n = 0;

	fprintf(out, "\n## Regressions\n\n"
		"| # | test | results | clause |\n|---:|---|---:|---|\n");
	for (size_t i = 0; i < c->count; i++) {
		const struct result *r = c->items[i].r;

		if (c->items[i].kind != COMPARE_REGRESSION || !first_of_test(c, i))
			continue;
		fprintf(out, "| %zu | ", ++n);
		md_code(out, r->test);
		fprintf(out, " | %zu | ", regressions_of_test(c, r->test));
		md_cell(out, first_clause(r));
		fputs(" |\n", out);
	}
}

static bool has_failure(const struct result *r, const char *text)
{
	bool found = false;

	for (size_t i = 0; !found && i < r->failure_count; i++) {
		char *d = failure_describe(&r->failures[i]);

		found = !strcmp(d, text);
		free(d);
	}
	return found;
}

static void write_check(FILE *out, const struct failure *f)
{
	if (*f->file)
		fprintf(out, "`%s:%ld` ", f->file, f->line);
	if (*f->clause)
		fprintf(out, "(%s) ", f->clause);
	fputs(*f->msg ? f->msg : "check failed", out);
	if (*f->expected || *f->actual)
		fprintf(out, " \u2014 expected `%s`, actual `%s`", f->expected, f->actual);
}

/* One line per result: where it failed and how. */
static void write_where(FILE *out, const struct comparison *c,
			const struct compare_item *item)
{
	const struct result *r = item->r;
	const struct vcts_config *cfg = r->config;

	fprintf(out, "- **%s** on `%s`", verdict_name(item->verdict), cfg->name);
	if (*r->device)
		fprintf(out, ", device %s (%s)", r->device, r->device_type);
	fprintf(out, ": machine %s, transport %s, mode %s; log `%s`", cfg->machine,
		cfg->transport, cfg->mode, r->log);
	if (item->ref)
		fprintf(out, "; reference run: %s", verdict_name(item->ref->verdict));
	else if (c->reference)
		fputs("; not in the reference run (a new test)", out);
	if (item->entry)
		fprintf(out, "; baseline entry `%s` forgives a failed check, not a %s",
			item->entry->test, verdict_name(item->verdict));
	if (r->attempts > 1)
		fprintf(out, "; failed on all %u attempts", r->attempts);
	fputc('\n', out);
}

/* Is @r one of @test's regressions? */
static bool regression_of(const struct compare_item *item, const char *test)
{
	return item->kind == COMPARE_REGRESSION && !strcmp(item->r->test, test);
}

/*
 * The failed checks of a test's regressions, each distinct one once with
 * how often it failed: the same check on six configurations is one line.
 */
static void write_checks(FILE *out, const struct comparison *c, const char *test)
{
	struct strlist seen = { 0 };

	for (size_t i = 0; i < c->count; i++) {
		const struct result *r = c->items[i].r;

		for (size_t f = 0; regression_of(&c->items[i], test) && f < r->failure_count; f++) {
			char *text = failure_describe(&r->failures[f]);
			size_t n = 0;

			if (!strlist_contains(&seen, text)) {
				strlist_add(&seen, text);
				for (size_t k = i; k < c->count; k++)
					n += regression_of(&c->items[k], test) &&
					     has_failure(c->items[k].r, text);
				fputs(seen.count == 1 ? "\nFailed checks:\n\n- " : "- ", out);
				write_check(out, &r->failures[f]);
				fprintf(out, n > 1 ? " (%zu results)\n" : "\n", n);
			}
			free(text);
		}
	}
	strlist_clear(&seen);
}

/* Timeouts and crashes say what happened in the message, not in checks. */
static void write_messages(FILE *out, const struct comparison *c, const char *test)
{
	struct strlist seen = { 0 };

	for (size_t i = 0; i < c->count; i++) {
		const char *msg = raw_message(c->items[i].r);

		if (!regression_of(&c->items[i], test) || c->items[i].r->failure_count ||
		    !*msg || strlist_contains(&seen, msg))
			continue;
		strlist_add(&seen, msg);
		fputc('\n', out);
		md_block(out, msg);
	}
	strlist_clear(&seen);
}

static void write_regression(FILE *out, const struct comparison *c, size_t first,
			     size_t n)
{
	const struct result *r = c->items[first].r;
	char *clauses = strlist_join(&r->clauses, "; ");

	fprintf(out, "\n### %zu. `%s`\n\n", n, r->test);
	fprintf(out, "Clauses checked: %s.\n\n", *clauses ? clauses : "(none reported)");
	for (size_t i = first; i < c->count; i++)
		if (c->items[i].kind == COMPARE_REGRESSION && !strcmp(c->items[i].r->test, r->test))
			write_where(out, c, &c->items[i]);
	write_checks(out, c, r->test);
	write_messages(out, c, r->test);
	free(clauses);
}

static void write_regressions(FILE *out, const struct comparison *c)
{
	size_t n = 0;

	if (!c->kinds[COMPARE_REGRESSION])
		return;
	write_regression_table(out, c);
	for (size_t i = 0; i < c->count; i++)
		if (c->items[i].kind == COMPARE_REGRESSION && first_of_test(c, i))
			write_regression(out, c, i, ++n);
}

/* Test, configuration, device, then @extra's cells; a table of @kind. */
typedef void (*extra_cells_fn)(FILE *out, const struct compare_item *item);

static void write_kind_table(FILE *out, const struct comparison *c,
			     enum compare_kind kind, const char *title,
			     const char *extra_heads, extra_cells_fn extra)
{
	if (!c->kinds[kind])
		return;
	fprintf(out, "\n## %s\n\n| test | configuration | device |%s\n|---|---|---|", title,
		extra_heads);
	for (const char *p = extra_heads; *p; p++)
		if (*p == '|')
			fputs("---|", out);
	fputc('\n', out);
	for (size_t i = 0; i < c->count; i++) {
		if (c->items[i].kind != kind)
			continue;
		fputs("| ", out);
		md_code(out, c->items[i].r->test);
		fputs(" | ", out);
		md_cell(out, c->items[i].r->config->name);
		fputs(" | ", out);
		md_cell(out, c->items[i].r->device);
		fputs(" |", out);
		extra(out, &c->items[i]);
		fputc('\n', out);
	}
}

static void fixed_cells(FILE *out, const struct compare_item *item)
{
	if (!item->entry) {
		fprintf(out, " %s |", item->ref ? verdict_name(item->ref->verdict) : "");
		return;
	}
	fputc(' ', out);
	md_cell(out, item->entry->reason);
	fputs(" | ", out);
	md_cell(out, item->entry->source);
	fputs(" |", out);
}

/* Why the reference run skipped it: what the newer device now offers. */
static void skip_reason_cells(FILE *out, const struct compare_item *item)
{
	fputc(' ', out);
	md_cell(out, item->ref ? item->ref->message : "");
	fputs(" |", out);
}

static void verdict_cells(FILE *out, const struct compare_item *item)
{
	fprintf(out, " %s |", verdict_name(item->verdict));
}

static void before_cells(FILE *out, const struct compare_item *item)
{
	fprintf(out, " %s | %s |", item->ref ? verdict_name(item->ref->verdict) : "",
		verdict_name(item->verdict));
}

/* " (aarch64)" after an entry when several baselines judge, each its own arch. */
static void write_entry_arch(FILE *out, const struct comparison *c,
			     const struct baseline_entry *e)
{
	if (!c->baseline->next)
		return;
	for (const struct baseline *bl = c->baseline; bl; bl = bl->next)
		for (size_t i = 0; i < bl->count; i++)
			if (&bl->entries[i] == e)
				fprintf(out, " (%s)", bl->arch);
}

static void write_known_entry(FILE *out, const struct comparison *c,
			      const struct baseline_entry *e)
{
	size_t n = 0;

	for (size_t i = 0; i < c->count; i++)
		n += c->items[i].kind == COMPARE_KNOWN && c->items[i].entry == e;
	if (!n)
		return;
	fputs("| ", out);
	md_code(out, e->test);
	write_entry_arch(out, c, e);
	fputs(" | ", out);
	md_cell(out, e->reason);
	fputs(" | ", out);
	md_cell(out, e->source);
	fprintf(out, " | %zu |\n", n);
}

/* Known deviations by baseline entry: one line each, however many results. */
static void write_known_by_entry(FILE *out, const struct comparison *c)
{
	if (!c->kinds[COMPARE_KNOWN])
		return;
	fputs("\n## Known deviations (failing as the baseline expects)\n\n"
	      "| baseline entry | reason | source | results |\n|---|---|---|---:|\n", out);
	for (const struct baseline *bl = c->baseline; bl; bl = bl->next)
		for (size_t e = 0; e < bl->count; e++)
			write_known_entry(out, c, &bl->entries[e]);
}

static void write_flaky(FILE *out, const struct comparison *c)
{
	if (!c->flaky)
		return;
	fputs("\n## Flaky (passed on one attempt, failed on another)\n\n"
	      "| test | configuration | device | attempts | failure |\n|---|---|---|---:|---|\n", out);
	for (size_t i = 0; i < c->count; i++) {
		const struct result *r = c->items[i].r;

		if (!r->flaky)
			continue;
		fputs("| ", out);
		md_code(out, r->test);
		fputs(" | ", out);
		md_cell(out, r->config->name);
		fputs(" | ", out);
		md_cell(out, r->device);
		fprintf(out, " | %u | ", r->attempts);
		md_cell(out, r->message);
		fputs(" |\n", out);
	}
}

static void write_stale(FILE *out, const struct comparison *c)
{
	if (!c->stale_count)
		return;
	fputs("\n## Stale baseline entries (no result failed or passed against them)\n\n"
	      "| test | transport | mode | device type | device | reason |\n"
	      "|---|---|---|---|---|---|\n", out);
	for (size_t i = 0; i < c->stale_count; i++) {
		const struct baseline_entry *e = c->stale[i];

		fputs("| ", out);
		md_code(out, e->test);
		write_entry_arch(out, c, e);
		fprintf(out, " | %s | %s | %s | %s | ", e->transport, e->mode,
			e->device_type, e->device);
		md_cell(out, e->reason);
		fputs(" |\n", out);
	}
}

static void write_missing(FILE *out, const struct comparison *c)
{
	if (!c->missing_count)
		return;
	fputs("\n## Missing (in the reference run, not in these results)\n\n"
	      "| test | configuration | device | verdict then |\n|---|---|---|---|\n", out);
	for (size_t i = 0; i < c->missing_count; i++) {
		const struct result *r = c->missing[i];

		fputs("| ", out);
		md_code(out, r->test);
		fputs(" | ", out);
		md_cell(out, r->config->name);
		fputs(" | ", out);
		md_cell(out, r->device);
		fprintf(out, " | %s |\n", verdict_name(r->verdict));
	}
}

void compare_write_markdown(const struct comparison *c,
			    const struct compare_names *names, FILE *out)
{
	write_header(out, c, names);
	write_regressions(out, c);
	if (c->baseline) {
		write_kind_table(out, c, COMPARE_FIXED, "Fixed (expected to fail, passes now)",
				 " baseline reason | source |", fixed_cells);
		write_known_by_entry(out, c);
		write_flaky(out, c);
		write_stale(out, c);
		return;
	}
	write_kind_table(out, c, COMPARE_FIXED, "Fixed (failed in the reference run, passes now)",
			 " then |", fixed_cells);
	write_kind_table(out, c, COMPARE_KNOWN, "Failing as in the reference run",
			 " verdict |", verdict_cells);
	write_flaky(out, c);
	write_kind_table(out, c, COMPARE_NOW_TESTED,
			 "Newly tested (skipped in the reference run, passes now)",
			 " why it was skipped |", skip_reason_cells);
	write_kind_table(out, c, COMPARE_NOW_SKIPPED, "Now skipped (passed in the reference run)",
			 " then | now |", before_cells);
	write_kind_table(out, c, COMPARE_NEW, "New results (not in the reference run)",
			 " verdict |", verdict_cells);
	write_missing(out, c);
}
