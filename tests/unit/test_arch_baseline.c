/*
 * Baselines over several arches: --baseline auto picks each arch's file
 * and scopes it to that arch's results; the chain is applied, written to
 * results.json ("baseline" and "baselines"), read back, shown in the
 * summary, and judged by `vcts compare` with one baseline per arch.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "results/baseline.h"
#include "results/compare.h"
#include "reports/reports.h"
#include "results/results.h"
#include "report_capture.h"
#include "results/results_read.h"

static struct vcts_config x86 = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern", .mode = "modern",
};

static struct vcts_config arm = {
	.name = "qemu-aarch64-virt-pci-modern-modern", .hypervisor = "qemu",
	.arch = "aarch64", .machine = "virt", .transport = "pci-modern", .mode = "modern",
};

static const char *const committed[] = {
	"reports/baselines/qemu-7.2-x86_64.json",
	"reports/baselines/qemu-7.2-aarch64.json",
};

static int parse_options(struct options *opts, const char *const *words, int count)
{
	char *argv[8] = { "vcts" };
	char err[512];

	for (int i = 0; i < count; i++)
		argv[i + 1] = (char *)words[i];
	options_init(opts);
	return options_parse(opts, count + 1, argv, err, sizeof(err));
}

/* The committed aarch64 baseline: QEMU's deviations are the same on both. */
static void test_committed_aarch64(void)
{
	struct baseline bl[2];
	char err[512];

	for (size_t i = 0; i < 2; i++)
		CU_ASSERT_EQUAL_FATAL(baseline_load(&bl[i], committed[i], err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(bl[1].arch, "aarch64");
	CU_ASSERT_STRING_EQUAL(bl[1].version, "7.2");
	CU_ASSERT_EQUAL_FATAL(bl[1].count, bl[0].count);
	for (size_t i = 0; i < bl[0].count; i++) {
		CU_ASSERT_STRING_EQUAL(bl[1].entries[i].test, bl[0].entries[i].test);
		CU_ASSERT_STRING_EQUAL(bl[1].entries[i].transport, bl[0].entries[i].transport);
		CU_ASSERT_STRING_EQUAL(bl[1].entries[i].mode, bl[0].entries[i].mode);
	}
	baseline_release(&bl[0]);
	baseline_release(&bl[1]);
}

static void test_auto_per_arch(void)
{
	static const char *const auto_words[] = { "run", "--arch", "all", "--baseline", "auto" };
	static const char *const file_words[] = { "run", "--baseline",
						   "reports/baselines/qemu-7.2-x86_64.json" };
	struct options opts;
	struct baseline bl;
	bool quiet = vcts_quiet;
	char *path = baseline_auto_path("qemu", "QEMU emulator version 7.2.22 (Debian)", "aarch64");

	CU_ASSERT_STRING_EQUAL(path, "reports/baselines/qemu-7.2-aarch64.json");
	free(path);
	vcts_quiet = true;
	CU_ASSERT_EQUAL_FATAL(parse_options(&opts, auto_words, 5), 0);
	CU_ASSERT_EQUAL(baseline_select(&bl, opts.baseline, opts.hypervisor, "aarch64", "QEMU emulator version 7.2.22"), 1);
	CU_ASSERT_STRING_EQUAL(bl.path, "reports/baselines/qemu-7.2-aarch64.json");
	CU_ASSERT_STRING_EQUAL(bl.scope_arch, "aarch64");
	baseline_release(&bl);
	CU_ASSERT_EQUAL(baseline_select(&bl, opts.baseline, opts.hypervisor, "aarch64", "QEMU emulator version 9.9.0"), 0);
	options_free(&opts);
	/* A file named on the command line judges every arch. */
	CU_ASSERT_EQUAL_FATAL(parse_options(&opts, file_words, 3), 0);
	CU_ASSERT_EQUAL(baseline_select(&bl, opts.baseline, opts.hypervisor, "aarch64", "QEMU emulator version 7.2.22"), 1);
	CU_ASSERT_PTR_NULL(bl.scope_arch);
	CU_ASSERT_TRUE(baseline_applies_to(&bl, "aarch64"));
	baseline_release(&bl);
	options_free(&opts);
	vcts_quiet = quiet;
}

static struct baseline_entry x86_entries[] = {
	{ .test = "t.both", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "x86 reason", .source = "" },
};

static struct baseline_entry arm_entries[] = {
	{ .test = "t.both", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "arm reason", .source = "" },
	{ .test = "t.stale", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "gone", .source = "" },
};

/* x86_64's baseline judges x86_64 results only, aarch64's aarch64 ones. */
static void chain(struct baseline *x, struct baseline *a)
{
	memset(x, 0, sizeof(*x));
	memset(a, 0, sizeof(*a));
	*x = (struct baseline){ .path = "x.json", .hypervisor = "qemu", .version = "7.2",
				.arch = "x86_64", .entries = x86_entries, .count = 1,
				.scope_arch = "x86_64", .next = a };
	*a = (struct baseline){ .path = "a.json", .hypervisor = "qemu", .version = "7.2",
				.arch = "aarch64", .entries = arm_entries, .count = 2,
				.scope_arch = "aarch64" };
	for (size_t i = 0; i < 2; i++)
		arm_entries[i].matched = 0;
	x86_entries[0].matched = 0;
}

static void add(struct report *report, const char *test, struct vcts_config *config,
		enum verdict verdict)
{
	report_add_result(report, test, config, "blk0", "blk")->verdict = verdict;
}

static void build(struct report *report)
{
	report_add_run(report, &x86);
	report_add_run(report, &arm);
	add(report, "t.both", &x86, VERDICT_FAIL);
	add(report, "t.both", &arm, VERDICT_FAIL);
	add(report, "t.stale", &x86, VERDICT_FAIL);
	add(report, "t.stale", &arm, VERDICT_PASS);
}

static void test_chain_apply(void)
{
	struct report report = { 0 };
	struct baseline x, a;
	char *summary;

	chain(&x, &a);
	build(&report);
	CU_ASSERT_PTR_EQUAL(baseline_match(&x, report.results[0]), &x86_entries[0]);
	CU_ASSERT_PTR_EQUAL(baseline_match(&x, report.results[1]), &arm_entries[0]);
	/* aarch64's entry does not reach the x86_64 result. */
	CU_ASSERT_PTR_NULL(baseline_match(&x, report.results[2]));
	CU_ASSERT_PTR_EQUAL(baseline_match(&x, report.results[3]), &arm_entries[1]);
	baseline_apply(&x, &report);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_XFAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(report.results[1]->message, "arm reason"));
	CU_ASSERT_EQUAL(report.results[2]->verdict, VERDICT_FAIL);
	CU_ASSERT_EQUAL(report.results[3]->verdict, VERDICT_XPASS);
	CU_ASSERT_EQUAL(arm_entries[0].matched, 1);
	summary = capture_report(report_write_summary, &report);
	CU_ASSERT_PTR_NOT_NULL(strstr(summary, "Baselines `x.json`, `a.json`: 2 expected failures"));
	free(summary);
	report_free(&report);
}

static size_t count_of(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* results.json keeps both; read back, each judges its own arch again. */
static void test_chain_json(void)
{
	struct report report = { 0 };
	struct loaded_results lr;
	struct baseline x, a;
	char err[256];
	char *first, *second;

	chain(&x, &a);
	build(&report);
	baseline_apply(&x, &report);
	first = report_json_text(&report);
	/* "baseline" the first (as before), "baselines" both. */
	CU_ASSERT_EQUAL(count_of(first, "\"path\": \"x.json\""), 2);
	CU_ASSERT_EQUAL(count_of(first, "\"path\": \"a.json\""), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(first, "\"baselines\":"));
	CU_ASSERT_EQUAL_FATAL(results_parse(&lr, "r.json", first, strlen(first), err,
					    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(lr.baseline_count, 2);
	CU_ASSERT_STRING_EQUAL(lr.baselines[1].path, "a.json");
	CU_ASSERT_STRING_EQUAL(lr.baselines[1].scope_arch, "aarch64");
	CU_ASSERT_PTR_EQUAL(lr.report.baseline->next, &lr.baselines[1]);
	CU_ASSERT_PTR_EQUAL(lr.report.results[1]->baseline, &lr.baselines[1].entries[0]);
	second = report_json_text(&lr.report);
	CU_ASSERT_STRING_EQUAL(first, second);
	free(first);
	free(second);
	results_release(&lr);
	report_free(&report);
}

/* compare with one baseline per arch: regressions, fixes and stale entries of each. */
static void test_chain_compare(void)
{
	struct compare_names names = { "x.json", "results.json" };
	struct report report = { 0 };
	struct text_capture *capture;
	struct comparison c;
	struct baseline x, a;
	char *md, *line;
	FILE *out;

	chain(&x, &a);
	build(&report);
	compare_with_baseline(&c, &x, &report);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_KNOWN], 2);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_REGRESSION], 1);
	CU_ASSERT_EQUAL(c.kinds[COMPARE_FIXED], 1);
	CU_ASSERT_EQUAL(c.stale_count, 0);
	line = compare_summary_line(&c);
	CU_ASSERT_STRING_EQUAL(line, "1 regression, 1 fixed, 2 known deviations, 0 flaky, 0 stale baseline entries");
	free(line);
	capture = capture_begin(&out);
	compare_write_markdown(&c, &names, out);
	md = capture_end(capture);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "- Baseline: `x.json` \u2014 qemu 7.2 x86_64, 1 entries; judges the x86_64 results\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "- Baseline: `a.json` \u2014 qemu 7.2 aarch64, 2 entries; judges the aarch64 results\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| `t.both` (aarch64) | arm reason |"));
	free(md);
	comparison_free(&c);
	/* Without the aarch64 results, aarch64's entries are stale. */
	report_free(&report);
	memset(&report, 0, sizeof(report));
	add(&report, "t.both", &x86, VERDICT_FAIL);
	compare_with_baseline(&c, &x, &report);
	CU_ASSERT_EQUAL(c.stale_count, 2);
	comparison_free(&c);
	report_free(&report);
}

CU_TestInfo arch_baseline_tests[] = {
	{ "committed aarch64 baseline", test_committed_aarch64 },
	{ "--baseline auto per arch", test_auto_per_arch },
	{ "a chain applied per arch", test_chain_apply },
	{ "a chain in results.json", test_chain_json },
	{ "compare with a baseline per arch", test_chain_compare },
	CU_TEST_INFO_NULL,
};
