/*
 * `vcts compare`: classification against a baseline (regression, known,
 * fixed, stale entries; a timeout is never forgiven; results judged by
 * another baseline are judged again by the verdict they had) and against a
 * reference run (new, missing, now skipped), and the Markdown report.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "results/compare.h"
#include "report_capture.h"

static struct vcts_config pci = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern", .mode = "modern",
};

static struct vcts_config mmio = {
	.name = "qemu-x86_64-microvm-mmio-v2-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "microvm", .transport = "mmio-v2", .mode = "modern",
};

static struct baseline_entry entries[] = {
	{ .test = "t.known", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "C", .reason = "known bug", .source = "hw/k.c" },
	{ .test = "t.hang", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "hangs", .source = "" },
	{ .test = "t.gone", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "no longer run", .source = "" },
};

static struct baseline bl = {
	.path = "b.json", .hypervisor = "qemu", .version = "7.2", .arch = "x86_64",
	.entries = entries, .count = 3,
};

static struct result *add(struct report *report, const char *test,
			  struct vcts_config *config, enum verdict verdict,
			  const char *message)
{
	struct result *r = report_add_result(report, test, config, "blk0", "blk");

	r->verdict = verdict;
	result_set_message(r, message);
	return r;
}

static void build(struct report *report)
{
	struct failure f = { .file = "t.c", .line = 3, .clause = "C", .expected = "0",
			     .actual = "1", .msg = "bit | kept" };

	report_add_run(report, &pci);
	report_add_run(report, &mmio);
	add(report, "t.pass", &pci, VERDICT_PASS, "");
	result_add_failure(add(report, "t.new_fail", &pci, VERDICT_FAIL, "t.c:3: C: bit | kept"), &f);
	result_add_failure(add(report, "t.new_fail", &mmio, VERDICT_FAIL, "t.c:3: C: bit | kept"), &f);
	add(report, "t.known", &pci, VERDICT_FAIL, "k");
	/* Judged by a baseline when it ran: xfail is a fail, xpass a pass. */
	add(report, "t.known", &mmio, VERDICT_XPASS, "expected to fail (baseline): x");
	add(report, "t.hang", &pci, VERDICT_TIMEOUT, "no result within 9 s; VM killed");
	add(report, "t.skip", &pci, VERDICT_SKIP, "not offered");
	add(report, "t.other", &mmio, VERDICT_XFAIL, "known deviation: other\nreal failure");
}

static void test_against_baseline(void)
{
	struct report report = { 0 };
	struct comparison c;
	char *line;

	build(&report);
	compare_with_baseline(&c, &bl, &report);
	CU_ASSERT_EQUAL(c.items[0].kind, COMPARE_UNCHANGED);
	CU_ASSERT_EQUAL(c.items[1].kind, COMPARE_REGRESSION);
	CU_ASSERT_EQUAL(c.items[2].kind, COMPARE_REGRESSION);
	CU_ASSERT_EQUAL(c.items[3].kind, COMPARE_KNOWN);
	CU_ASSERT_PTR_EQUAL(c.items[3].entry, &entries[0]);
	CU_ASSERT_EQUAL(c.items[4].kind, COMPARE_FIXED);
	CU_ASSERT_EQUAL(c.items[4].verdict, VERDICT_PASS);
	/* A baseline forgives a failed check, never a timeout. */
	CU_ASSERT_EQUAL(c.items[5].kind, COMPARE_REGRESSION);
	CU_ASSERT_EQUAL(c.items[6].kind, COMPARE_UNCHANGED);
	/* Another baseline's xfail is a plain failure for this one. */
	CU_ASSERT_EQUAL(c.items[7].verdict, VERDICT_FAIL);
	CU_ASSERT_EQUAL(c.items[7].kind, COMPARE_REGRESSION);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_REGRESSION], 4);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_KNOWN], 1);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_FIXED], 1);
	/* t.hang matched only a timeout, t.gone nothing: both stale. */
	CU_ASSERT_EQUAL_FATAL(c.stale_count, 2);
	CU_ASSERT_PTR_EQUAL(c.stale[0], &entries[1]);
	CU_ASSERT_PTR_EQUAL(c.stale[1], &entries[2]);
	line = compare_summary_line(&c);
	CU_ASSERT_STRING_EQUAL(line, "4 regressions, 1 fixed, 1 known deviation, 0 flaky, 2 stale baseline entries");
	free(line);
	comparison_free(&c);
	report_free(&report);
}

static void test_against_reference(void)
{
	struct report before = { 0 }, now = { 0 };
	struct comparison c;

	add(&before, "t.a", &pci, VERDICT_PASS, "");
	add(&before, "t.b", &pci, VERDICT_XFAIL, "known deviation: b\nfail");
	add(&before, "t.c", &pci, VERDICT_FAIL, "");
	add(&before, "t.d", &pci, VERDICT_PASS, "");
	add(&before, "t.gone", &pci, VERDICT_PASS, "");
	add(&now, "t.a", &pci, VERDICT_FAIL, "broke");
	add(&now, "t.b", &pci, VERDICT_FAIL, "still");
	add(&now, "t.c", &pci, VERDICT_PASS, "");
	add(&now, "t.d", &pci, VERDICT_SKIP, "not offered any more");
	add(&now, "t.new", &pci, VERDICT_PASS, "");
	add(&now, "t.new_bad", &pci, VERDICT_CRASH, "vector 14");
	add(&now, "t.a", &mmio, VERDICT_PASS, "");
	compare_with_reference(&c, &before, &now);
	CU_ASSERT_EQUAL(c.items[0].kind, COMPARE_REGRESSION);
	CU_ASSERT_EQUAL(c.items[1].kind, COMPARE_KNOWN);
	CU_ASSERT_EQUAL(c.items[2].kind, COMPARE_FIXED);
	CU_ASSERT_EQUAL(c.items[3].kind, COMPARE_NOW_SKIPPED);
	CU_ASSERT_EQUAL(c.items[4].kind, COMPARE_NEW);
	/* A new test that fails is a failure nobody accepted. */
	CU_ASSERT_EQUAL(c.items[5].kind, COMPARE_REGRESSION);
	/* Same test, another configuration: a new result. */
	CU_ASSERT_EQUAL(c.items[6].kind, COMPARE_NEW);
	CU_ASSERT_EQUAL_FATAL(c.missing_count, 1);
	CU_ASSERT_STRING_EQUAL(c.missing[0]->test, "t.gone");
	comparison_free(&c);
	report_free(&before);
	report_free(&now);
}

static char *markdown(const struct comparison *c)
{
	struct compare_names names = { "reports/baselines/b.json", "reports/latest/results.json" };
	FILE *f;
	struct text_capture *capture = capture_begin(&f);

	compare_write_markdown(c, &names, f);
	return capture_end(capture);
}

static size_t count_of(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_markdown(void)
{
	struct report report = { 0 };
	struct comparison c;
	char *md;

	build(&report);
	compare_with_baseline(&c, &bl, &report);
	md = markdown(&c);
	CU_ASSERT_EQUAL(strncmp(md, "# vcts regression report\n", 25), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "- Baseline: `reports/baselines/b.json` \u2014 qemu 7.2 x86_64, 3 entries\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "**4 regressions.** 4 regressions, 1 fixed"));
	/* One row and one section per test, however many results. */
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1 | `t.new_fail` | 2 | C |\n"));
	CU_ASSERT_EQUAL(count_of(md, "\n### "), 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "- **fail** on `qemu-x86_64-microvm-mmio-v2-modern`, device blk0 (blk): machine microvm, transport mmio-v2, mode modern"));
	/* The same failed check on two configurations: one line, counted. */
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "- `t.c:3` (C) bit | kept \u2014 expected `0`, actual `1` (2 results)\n"));
	/* A timeout says what happened in a block; the entry does not forgive it. */
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "```text\nno result within 9 s; VM killed\n```\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "baseline entry `t.hang` forgives a failed check, not a timeout"));
	/* Another baseline's note is not part of the failure. */
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "```text\nreal failure\n```\n"));
	CU_ASSERT_PTR_NULL(strstr(md, "known deviation: other"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Fixed (expected to fail, passes now)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| `t.known` | qemu-x86_64-microvm-mmio-v2-modern | blk0 | known bug | hw/k.c |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| `t.known` | known bug | hw/k.c | 1 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Stale baseline entries"));
	free(md);
	comparison_free(&c);
	report_free(&report);
}

/* Table cells cannot be split by a "|", nor code spans ended by a backtick. */
static void test_markdown_escaping(void)
{
	struct report report = { 0 };
	struct comparison c;
	char *md;

	add(&report, "t.`odd|id`", &pci, VERDICT_FAIL, "```\nfence inside\n````");
	compare_with_baseline(&c, &bl, &report);
	md = markdown(&c);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| `t.'odd\\|id'` |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n`````text\n```\nfence inside\n````\n`````\n"));
	free(md);
	comparison_free(&c);
	report_free(&report);
}

static void test_no_regressions(void)
{
	struct report report = { 0 };
	struct comparison c;
	char *md;

	add(&report, "t.known", &pci, VERDICT_XFAIL, "known deviation: known bug\nk");
	compare_with_baseline(&c, &bl, &report);
	md = markdown(&c);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_REGRESSION], 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "**No regressions.** 0 regressions, 0 fixed, 1 known deviation"));
	CU_ASSERT_PTR_NULL(strstr(md, "## Regressions"));
	free(md);
	comparison_free(&c);
	report_free(&report);
}

CU_TestInfo compare_tests[] = {
	{ "against a baseline", test_against_baseline },
	{ "against a reference run", test_against_reference },
	{ "Markdown report", test_markdown },
	{ "Markdown escaping", test_markdown_escaping },
	{ "no regressions", test_no_regressions },
	CU_TEST_INFO_NULL,
};
