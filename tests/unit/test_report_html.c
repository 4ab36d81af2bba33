/*
 * report.html: HTML escaping, the shape of the matrix (rows, columns,
 * empty cells, two results in one cell), the counts the page carries for
 * machines, details only where they help, log links that cannot leave the
 * output directory, and a page with no external resource at all.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "reports/reports.h"
#include "results/results.h"
#include "report_capture.h"
#include "reports/report_html.h"

static struct vcts_config modern = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern", .mode = "modern",
};

static struct vcts_config mmio = {
	.name = "qemu-x86_64-microvm-mmio-v2-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "microvm", .transport = "mmio-v2", .mode = "modern",
};

static size_t count_of(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static struct result *add(struct report *report, const char *test,
			  struct vcts_config *config, const char *device,
			  enum verdict verdict, const char *message)
{
	struct result *r = report_add_result(report, test, config, device, "blk");

	r->verdict = verdict;
	result_set_message(r, message);
	free(r->log);
	r->log = xasprintf("logs/%s.log", config->name);
	return r;
}

/*
 * Two configurations, three rows: a.pass on both, b only on modern (an
 * empty cell on mmio), c with a hostile message and two results in one
 * cell (a buggy kernel that reported it twice).
 */
static void build(struct report *report)
{
	struct failure f = { .file = "t.c", .line = 7, .clause = "Feature <Bits>",
			     .expected = "0", .actual = "1", .msg = "kept" };
	struct result *r;

	report_add_run(report, &modern)->log = xstrdup("logs/modern.log");
	report_add_run(report, &mmio)->log = xstrdup("javascript:alert(1)");
	add(report, "t.a", &modern, "blk0", VERDICT_PASS, "");
	add(report, "t.a", &mmio, "blk0", VERDICT_SKIP, "not \"offered\"");
	add(report, "t.b", &modern, "blk0", VERDICT_TIMEOUT, "no result within 1 s");
	r = add(report, "t.c", &mmio, "blk0", VERDICT_FAIL,
		"\"><b id=\"injected\">x</b><script>alert(1)</script>");
	result_add_failure(r, &f);
	strlist_add(&r->clauses, "Feature <Bits>");
	add(report, "t.c", &mmio, "blk0", VERDICT_PASS, "");
}

static void test_escape(void)
{
	FILE *f;
	struct text_capture *capture = capture_begin(&f);
	char *text;

	html_escape(f, "<a href='x'>&\"\xc3\xa9");
	text = capture_end(capture);
	CU_ASSERT_STRING_EQUAL(text, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\xc3\xa9");
	free(text);
}

static void test_matrix_shape(void)
{
	struct report report = { 0 };
	char *html;

	build(&report);
	html = capture_report(report_write_html, &report);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<table id=\"matrix\" data-rows=\"3\" data-columns=\"2\">"));
	CU_ASSERT_EQUAL(count_of(html, "<tr data-test="), 3);
	CU_ASSERT_EQUAL(count_of(html, "<th class=\"col\""), 2);
	/* Labels without the hypervisor and arch every column shares. */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "title=\"qemu-x86_64-q35-pci-modern-modern\">q35-pci-modern-modern</th>"));
	/* Five results, five marks; one cell holds two; b and c have an empty cell each. */
	CU_ASSERT_EQUAL(count_of(html, "<a class=\"r "), 5);
	CU_ASSERT_EQUAL(count_of(html, "<td class=\"cell none\""), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "data-verdict=\"fail\" href=\"#d-3\""));
	/* Rows in test order, cells in column order. */
	CU_ASSERT(strstr(html, "data-test=\"t.a\"") < strstr(html, "data-test=\"t.b\""));
	free(html);
	report_free(&report);
}

static void test_counts_for_machines(void)
{
	struct report report = { 0 };
	char *html;

	build(&report);
	html = capture_report(report_write_html, &report);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"count-total\" data-count=\"5\">5</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"count-pass\" data-count=\"2\">2</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"count-fail\" data-count=\"1\">1</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"count-timeout\" data-count=\"1\">1</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"count-xfail\" data-count=\"0\">0</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"dom-count-pass\" data-dom-count=\"pass\">?</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<p id=\"last-line\">2 passed, 2 failed, 1 skipped</p>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<body data-ready=\"0\">"));
	free(html);
	report_free(&report);
}

static void test_escaping_everywhere(void)
{
	struct report report = { 0 };
	char *html;

	build(&report);
	html = capture_report(report_write_html, &report);
	CU_ASSERT_PTR_NULL(strstr(html, "<b id=\"injected\">"));
	CU_ASSERT_PTR_NULL(strstr(html, "<script>alert"));
	CU_ASSERT_EQUAL(count_of(html, "<script>"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "&quot;&gt;&lt;b id=&quot;injected&quot;&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "title=\"not &quot;offered&quot;\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<li><code>t.c:7</code> Feature &lt;Bits&gt;: kept (expected <code>0</code>, actual <code>1</code>)</li>"));
	free(html);
	report_free(&report);
}

static void test_details_and_links(void)
{
	struct report report = { 0 };
	char *html;

	build(&report);
	html = capture_report(report_write_html, &report);
	/* The timeout and the failure; passes and skips have none. */
	CU_ASSERT_EQUAL(count_of(html, "<article class=\"detail\""), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "id=\"d-2\" data-verdict=\"timeout\" data-col=\"0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<a href=\"logs/qemu-x86_64-q35-pci-modern-modern.log\">"));
	/* A pass links its log; a log that is not a relative path gets no link. */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "data-verdict=\"pass\" href=\"logs/qemu-x86_64-q35-pci-modern-modern.log\""));
	CU_ASSERT_PTR_NULL(strstr(html, "href=\"javascript"));
	/* Self-contained: nothing fetched from anywhere. */
	CU_ASSERT_PTR_NULL(strstr(html, "src="));
	CU_ASSERT_PTR_NULL(strstr(html, "<link"));
	CU_ASSERT_PTR_NULL(strstr(html, "http://"));
	CU_ASSERT_PTR_NULL(strstr(html, "https://"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "</script>\n</body>\n</html>\n"));
	free(html);
	report_free(&report);
}

static void test_baseline_and_flaky(void)
{
	struct baseline_entry entry = { .test = "t.a", .transport = "*", .mode = "*",
		.device_type = "*", .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "known <bug>",
		.source = "hw/x.c" };
	struct baseline bl = { .path = "b.json", .entries = &entry, .count = 1 };
	struct report report = { 0 };
	struct result *r;
	char *html;

	report_add_run(&report, &modern);
	r = add(&report, "t.a", &modern, "blk0", VERDICT_XFAIL, "known deviation: known <bug>");
	r->baseline = &entry;
	r = add(&report, "t.f", &modern, "blk0", VERDICT_FLAKY, "flaky: passed on attempt 2");
	r->flaky = true;
	r->attempts = 2;
	report.baseline = &bl;
	html = capture_report(report_write_html, &report);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "baseline <code>b.json</code>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<dt>baseline</dt><dd>known &lt;bug&gt; &mdash; <code>hw/x.c</code></dd>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "class=\"r v-flaky\" data-verdict=\"flaky\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span id=\"count-flaky\" data-count=\"1\">1</span>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<dt>attempts</dt><dd>2 (flaky"));
	CU_ASSERT_EQUAL(count_of(html, "<article class=\"detail\""), 2);
	free(html);
	report_free(&report);
}

static void test_empty_report(void)
{
	struct report report = { 0 };
	char *html = capture_report(report_write_html, &report);

	CU_ASSERT_PTR_NOT_NULL(strstr(html, "data-rows=\"0\" data-columns=\"0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "Every result passed or was skipped."));
	free(html);
}

static void test_column_label(void)
{
	struct vcts_config odd = { .name = "custom", .hypervisor = "qemu", .arch = "x86_64" };

	CU_ASSERT_STRING_EQUAL(report_html_column_label(&mmio, false), "microvm-mmio-v2-modern");
	CU_ASSERT_STRING_EQUAL(report_html_column_label(&odd, false), "custom");
	/* Columns of several arches keep the arch. */
	CU_ASSERT_STRING_EQUAL(report_html_column_label(&mmio, true),
			       "x86_64-microvm-mmio-v2-modern");
	CU_ASSERT_STRING_EQUAL(report_html_column_label(&odd, true), "custom");
}

CU_TestInfo report_html_tests[] = {
	{ "HTML escaping", test_escape },
	{ "matrix shape", test_matrix_shape },
	{ "counts for machines", test_counts_for_machines },
	{ "results text escaped everywhere", test_escaping_everywhere },
	{ "details, log links, self-contained", test_details_and_links },
	{ "baseline and flaky", test_baseline_and_flaky },
	{ "empty report", test_empty_report },
	{ "column labels", test_column_label },
	CU_TEST_INFO_NULL,
};
