/*
 * report.html: one self-contained page (inline style and script, no URL
 * outside the output directory) for a person to look at a run: counts per
 * verdict, the matrix of tests by configuration with a coloured mark per
 * result, filters, and a details entry for every result that did not simply
 * pass or skip. Everything that comes from the results is HTML-escaped; the
 * script reads the page, never the results, so no result text can run.
 *
 * The page carries its numbers for machines too: id="count-VERDICT" with
 * data-count (from the results), and data-dom-count spans the script fills
 * by counting the marks in the matrix (tests/report/ compares them).
 */
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "reports/reports.h"
#include "results/results.h"
#include "reports/report_html.h"

/* One result placed in the matrix. */
struct mark {
	const struct result *r;
	size_t col;
	size_t index;		/* in report->results: the details anchor d-INDEX */
};

struct html_page {
	const struct report *report;
	const struct vcts_config **cols;
	size_t col_count, col_cap;
	struct mark *marks;	/* sorted by test, device, column, index */
	size_t row_count;
	bool several_arches;	/* column headings keep the arch */
};

/* Up to the first newline, escaped: a title attribute or a summary line. */
static void html_escape_first_line(FILE *out, const char *text)
{
	char *line = xstrndup(text, strcspn(text, "\n"));

	html_escape(out, line);
	free(line);
}

const char *report_html_column_label(const struct vcts_config *config,
				     bool several_arches)
{
	size_t h = strlen(config->hypervisor), a = strlen(config->arch);
	const char *name = config->name;

	if (several_arches && !strncmp(name, config->hypervisor, h) && name[h] == '-' &&
	    name[h + 1])
		return name + h + 1;
	if (!strncmp(name, config->hypervisor, h) && name[h] == '-' &&
	    !strncmp(name + h + 1, config->arch, a) && name[h + 1 + a] == '-' &&
	    name[h + 2 + a])
		return name + h + 2 + a;
	return name;
}

/*
 * A log link only when it stays inside the output directory: results.json
 * may come from anywhere (vcts report), and "javascript:" is a URL too.
 */
static bool safe_relative_path(const char *path)
{
	return *path && *path != '/' && !strchr(path, ':') && !strstr(path, "..");
}

static size_t column_of(struct html_page *page, const struct vcts_config *config)
{
	for (size_t i = 0; i < page->col_count; i++)
		if (page->cols[i] == config || !strcmp(page->cols[i]->name, config->name))
			return i;
	grow_array((void **)&page->cols, &page->col_cap, page->col_count + 1,
		   sizeof(*page->cols));
	page->cols[page->col_count] = config;
	return page->col_count++;
}

static int by_row_then_column(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;
	int c = strcmp(x->r->test, y->r->test);

	if (!c)
		c = strcmp(x->r->device, y->r->device);
	if (!c)
		c = (x->col > y->col) - (x->col < y->col);
	if (!c)
		c = (x->index > y->index) - (x->index < y->index);
	return c;
}

static bool same_row(const struct mark *a, const struct mark *b)
{
	return !strcmp(a->r->test, b->r->test) && !strcmp(a->r->device, b->r->device);
}

/* Columns in the order the configurations ran; rows sorted by test id. */
static void page_build(struct html_page *page, const struct report *report)
{
	size_t n = report->result_count;

	memset(page, 0, sizeof(*page));
	page->report = report;
	for (size_t i = 0; i < report->run_count; i++)
		if (run_is_first_attempt(report->runs[i]))
			column_of(page, report->runs[i]->config);
	page->marks = xcalloc(n ? n : 1, sizeof(*page->marks));
	for (size_t i = 0; i < n; i++) {
		page->marks[i].r = report->results[i];
		page->marks[i].col = column_of(page, report->results[i]->config);
		page->marks[i].index = i;
	}
	for (size_t i = 1; i < page->col_count; i++)
		page->several_arches |= strcmp(page->cols[i]->arch, page->cols[0]->arch) != 0;
	qsort(page->marks, n, sizeof(*page->marks), by_row_then_column);
	for (size_t i = 0; i < n; i++)
		page->row_count += !i || !same_row(&page->marks[i - 1], &page->marks[i]);
}

static void page_free(struct html_page *page)
{
	free(page->cols);
	free(page->marks);
}

/* Not a plain pass or skip: it gets an entry under "Details". */
static bool needs_detail(const struct result *r)
{
	return r->verdict != VERDICT_PASS && r->verdict != VERDICT_SKIP;
}

static void write_head(FILE *out, const struct report *report)
{
	const struct run_record *first = report->run_count ? report->runs[0] : NULL;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>vcts results</title>\n<style>\n", out);
	fputs(report_html_style, out);
	fputs("</style>\n</head>\n<body data-ready=\"0\">\n<header>\n<h1>vcts results</h1>\n", out);
	fprintf(out, "<p class=\"meta\">vcts %s", VCTS_VERSION);
	if (first && first->hypervisor_version) {
		fputs(" &middot; ", out);
		html_escape(out, first->hypervisor_version);
	}
	if (first && first->accel) {
		fputs(" &middot; accel ", out);
		html_escape(out, first->accel);
	}
	for (const struct baseline *bl = report->baseline; bl; bl = bl->next) {
		fputs(bl == report->baseline ? " &middot; baseline <code>" : ", <code>", out);
		html_escape(out, bl->path);
		fputs("</code>", out);
	}
	fputs("</p>\n</header>\n", out);
}

static size_t count_of_verdict(const struct verdict_counts *c, enum verdict v)
{
	const size_t by_verdict[VERDICT_COUNT] = {
		[VERDICT_PASS] = c->pass, [VERDICT_FAIL] = c->fail,
		[VERDICT_SKIP] = c->skip, [VERDICT_TIMEOUT] = c->timeout,
		[VERDICT_CRASH] = c->crash, [VERDICT_XFAIL] = c->xfail,
		[VERDICT_XPASS] = c->xpass, [VERDICT_NOT_RUN] = c->not_run,
		[VERDICT_WARN] = c->warn, [VERDICT_NOTE] = c->note,
		[VERDICT_ERROR] = c->error, [VERDICT_FLAKY] = c->flaky,
	};

	return by_verdict[v];
}

static void write_count_chips(FILE *out, const struct verdict_counts *all)
{
	fprintf(out, "<ul class=\"counts\">\n<li class=\"total\">total "
		"<span id=\"count-total\" data-count=\"%zu\">%zu</span></li>\n",
		all->total, all->total);
	for (int v = 0; v < VERDICT_COUNT; v++) {
		const char *name = verdict_name((enum verdict)v);
		size_t n = count_of_verdict(all, (enum verdict)v);

		fprintf(out, "<li class=\"v-%s\">%s <span id=\"count-%s\" data-count=\"%zu\">%zu</span></li>\n",
			name, name, name, n, n);
	}
	fputs("</ul>\n", out);
}

/* What the script counted in the matrix; equal to the chips when all is well. */
static void write_dom_counts(FILE *out)
{
	fputs("<p class=\"meta\" id=\"dom-counts\">Marks in the matrix: "
	      "<span id=\"dom-count-total\" data-dom-count=\"total\">?</span> total", out);
	for (int v = 0; v < VERDICT_COUNT; v++) {
		const char *name = verdict_name((enum verdict)v);

		fprintf(out, ", %s <span id=\"dom-count-%s\" data-dom-count=\"%s\">?</span>",
			name, name, name);
	}
	fputs(".</p>\n", out);
}

static void write_config_row(FILE *out, const struct report *report,
			     const struct run_record *run)
{
	struct verdict_counts c;

	report_count(report, run->config, &c);
	fputs("<tr><th><code>", out);
	html_escape(out, run->config->name);
	fputs("</code></th><td>", out);
	html_escape(out, run->config->transport);
	fputs("</td><td>", out);
	html_escape(out, run->config->mode);
	fputs("</td><td>", out);
	html_escape(out, run->accel ? run->accel : "");
	fputs("</td>", out);
	for (int v = 0; v < VERDICT_COUNT; v++)
		fprintf(out, "<td>%zu</td>", count_of_verdict(&c, (enum verdict)v));
	fputs("<td>", out);
	if (safe_relative_path(run->log ? run->log : "")) {
		fputs("<a href=\"", out);
		html_escape(out, run->log);
		fputs("\">log</a>", out);
	}
	fputs("</td></tr>\n", out);
}

static void write_summary(FILE *out, const struct report *report)
{
	struct verdict_counts all;

	report_count(report, NULL, &all);
	fputs("<section id=\"summary\">\n<h2>Summary</h2>\n", out);
	write_count_chips(out, &all);
	/* The numbers of the last line on stdout: xpass is a pass, xfail in none. */
	fprintf(out, "<p id=\"last-line\">%zu passed, %zu failed, %zu skipped</p>\n",
		all.pass + all.xpass, verdict_counts_failed(&all), all.skip);
	write_dom_counts(out);
	fputs("<table id=\"configs\">\n<thead><tr><th>configuration</th><th>transport</th>"
	      "<th>mode</th><th>accel</th>", out);
	for (int v = 0; v < VERDICT_COUNT; v++)
		fprintf(out, "<th>%s</th>", verdict_name((enum verdict)v));
	fputs("<th>console</th></tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < report->run_count; i++)
		if (run_is_first_attempt(report->runs[i]))
			write_config_row(out, report, report->runs[i]);
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void write_filters(FILE *out, const struct html_page *page)
{
	fputs("<section id=\"filters\">\n", out);
	for (int v = 0; v < VERDICT_COUNT; v++)
		fprintf(out, "<label><input type=\"checkbox\" class=\"f-verdict\" value=\"%s\" checked> %s</label>\n",
			verdict_name((enum verdict)v), verdict_name((enum verdict)v));
	fputs("<button type=\"button\" id=\"f-problems\">only problems</button>\n"
	      "<button type=\"button\" id=\"f-all\">all</button><br>\n"
	      "<label>test <input type=\"search\" id=\"f-text\" placeholder=\"part of a test id or device\"></label>\n"
	      "<label>configuration <select id=\"f-config\">\n<option value=\"\">all</option>\n", out);
	for (size_t i = 0; i < page->col_count; i++) {
		fprintf(out, "<option value=\"%zu\">", i);
		html_escape(out, page->cols[i]->name);
		fputs("</option>\n", out);
	}
	fputs("</select></label>\n<span id=\"shown\"></span>\n</section>\n", out);
}

static void write_mark(FILE *out, const struct mark *m)
{
	const struct result *r = m->r;
	const char *verdict = verdict_name(r->verdict);

	fprintf(out, "<a class=\"r v-%s\" data-verdict=\"%s\"", verdict, verdict);
	if (needs_detail(r)) {
		fprintf(out, " href=\"#d-%zu\"", m->index);
	} else if (safe_relative_path(r->log)) {
		fputs(" href=\"", out);
		html_escape(out, r->log);
		fputc('"', out);
	}
	fputs(" title=\"", out);
	html_escape_first_line(out, *r->message ? r->message : verdict);
	fprintf(out, "\">%s</a>", verdict);
}

/* One row: the marks [@first, @end) of one test and device. */
static void write_row(FILE *out, const struct html_page *page, size_t first,
		      size_t end)
{
	const struct result *r = page->marks[first].r;
	size_t i = first;

	fputs("<tr data-test=\"", out);
	html_escape(out, r->test);
	fputs("\" data-device=\"", out);
	html_escape(out, r->device);
	fputs("\"><th><code>", out);
	html_escape(out, r->test);
	fputs("</code></th><td>", out);
	html_escape(out, r->device);
	fputs("</td>", out);
	for (size_t col = 0; col < page->col_count; col++) {
		bool any = i < end && page->marks[i].col == col;

		fprintf(out, "<td class=\"cell%s\" data-col=\"%zu\">", any ? "" : " none", col);
		if (!any)
			fputs("&ndash;", out);
		for (; i < end && page->marks[i].col == col; i++)
			write_mark(out, &page->marks[i]);
		fputs("</td>", out);
	}
	fputs("</tr>\n", out);
}

static void write_matrix(FILE *out, const struct html_page *page)
{
	size_t n = page->report->result_count;

	fputs("<section id=\"results\">\n<h2>Tests by configuration</h2>\n", out);
	fprintf(out, "<table id=\"matrix\" data-rows=\"%zu\" data-columns=\"%zu\">\n"
		"<thead><tr><th>test</th><th>device</th>", page->row_count,
		page->col_count);
	for (size_t col = 0; col < page->col_count; col++) {
		fprintf(out, "<th class=\"col\" data-col=\"%zu\" title=\"", col);
		html_escape(out, page->cols[col]->name);
		fputs("\">", out);
		html_escape(out, report_html_column_label(page->cols[col], page->several_arches));
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t first = 0, end; first < n; first = end) {
		for (end = first + 1; end < n && same_row(&page->marks[first], &page->marks[end]); end++)
			;
		write_row(out, page, first, end);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void write_list_item(FILE *out, const char *text)
{
	fputs("<li>", out);
	html_escape(out, text);
	fputs("</li>", out);
}

static void write_failure_item(FILE *out, const struct failure *f)
{
	fputs("<li>", out);
	if (*f->file) {
		fputs("<code>", out);
		html_escape(out, f->file);
		fprintf(out, ":%ld</code> ", f->line);
	}
	if (*f->clause) {
		html_escape(out, f->clause);
		fputs(": ", out);
	}
	html_escape(out, *f->msg ? f->msg : "check failed");
	if (*f->expected || *f->actual) {
		fputs(" (expected <code>", out);
		html_escape(out, f->expected);
		fputs("</code>, actual <code>", out);
		html_escape(out, f->actual);
		fputs("</code>)", out);
	}
	fputs("</li>", out);
}

static void write_detail_fields(FILE *out, const struct result *r)
{
	fputs("<dl>\n<dt>clauses</dt><dd><ul>", out);
	for (size_t i = 0; i < r->clauses.count; i++)
		write_list_item(out, r->clauses.items[i]);
	fputs("</ul></dd>\n", out);
	if (r->failure_count) {
		fputs("<dt>checks</dt><dd><ul>", out);
		for (size_t i = 0; i < r->failure_count; i++)
			write_failure_item(out, &r->failures[i]);
		fputs("</ul></dd>\n", out);
	}
	if (r->baseline) {
		fputs("<dt>baseline</dt><dd>", out);
		html_escape(out, r->baseline->reason);
		if (*r->baseline->source) {
			fputs(" &mdash; <code>", out);
			html_escape(out, r->baseline->source);
			fputs("</code>", out);
		}
		fputs("</dd>\n", out);
	}
	if (r->attempts > 1)
		fprintf(out, "<dt>attempts</dt><dd>%u%s</dd>\n", r->attempts,
			r->flaky ? " (flaky: passed on one, failed on another)" : "");
	fputs("<dt>console</dt><dd>", out);
	if (safe_relative_path(r->log)) {
		fputs("<a href=\"", out);
		html_escape(out, r->log);
		fputs("\">", out);
		html_escape(out, r->log);
		fputs("</a>", out);
	}
	fputs("</dd>\n</dl>\n", out);
}

static void write_detail(FILE *out, const struct mark *m)
{
	const struct result *r = m->r;
	const char *verdict = verdict_name(r->verdict);
	char *label = result_label(r);

	fprintf(out, "<article class=\"detail\" id=\"d-%zu\" data-verdict=\"%s\" data-col=\"%zu\" data-test=\"",
		m->index, verdict, m->col);
	html_escape(out, r->test);
	fputs("\" data-device=\"", out);
	html_escape(out, r->device);
	fprintf(out, "\">\n<h3><span class=\"badge v-%s\">%s</span> <code>", verdict,
		verdict);
	html_escape(out, r->test);
	fputs("</code> on <code>", out);
	html_escape(out, label);
	fputs("</code></h3>\n<pre class=\"message\">", out);
	html_escape(out, r->message);
	fputs("</pre>\n", out);
	write_detail_fields(out, r);
	fputs("</article>\n", out);
	free(label);
}

/* In the order of the matrix, so that the list reads like the table. */
static void write_details(FILE *out, const struct html_page *page)
{
	size_t count = 0;

	fputs("<section id=\"details\">\n<h2>Details</h2>\n", out);
	for (size_t i = 0; i < page->report->result_count; i++) {
		if (!needs_detail(page->marks[i].r))
			continue;
		write_detail(out, &page->marks[i]);
		count++;
	}
	if (!count)
		fputs("<p>Every result passed or was skipped.</p>\n", out);
	fputs("</section>\n", out);
}

void report_write_html(const struct report *report, FILE *out)
{
	struct html_page page;

	page_build(&page, report);
	write_head(out, report);
	write_summary(out, report);
	write_filters(out, &page);
	write_matrix(out, &page);
	write_details(out, &page);
	fputs("<script>\n", out);
	fputs(report_html_script, out);
	fputs("</script>\n</body>\n</html>\n", out);
	page_free(&page);
}
