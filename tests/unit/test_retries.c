/*
 * --retries: when a re-run is worth it, how a re-run's results merge into
 * the first run's (flaky both ways, failing again, a pseudo-test that did
 * not recur, a result only the re-run has, baseline matches left alone),
 * how flaky results show in every report, and the progress line.
 */
#include <CUnit/CUnit.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "cli/progress.h"
#include "reports/reports.h"
#include "report_capture.h"
#include "results/run_retry.h"

static struct vcts_config config = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern", .mode = "modern",
};

static struct vcts_config other = {
	.name = "qemu-x86_64-microvm-mmio-v2-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "microvm", .transport = "mmio-v2", .mode = "modern",
};

static struct baseline_entry known = {
	.test = "t.known", .transport = "*", .mode = "*", .device_type = "*",
	.device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "known", .source = "",
};

static struct baseline bl = { .path = "b.json", .entries = &known, .count = 1 };

static struct result *add(struct report *report, const char *test,
			  struct vcts_config *c, const char *device,
			  enum verdict verdict, const char *log)
{
	struct result *r = report_add_result(report, test, c, device, *device ? "blk" : "");

	r->verdict = verdict;
	free(r->log);
	r->log = xstrdup(log);
	if (verdict_is_failure(verdict)) {
		struct failure f = { .file = "t.c", .line = 1, .clause = "C",
				     .expected = "", .actual = "", .msg = (char *)test };

		result_add_failure(r, &f);
		result_set_message_from_failures(r, NULL);
	}
	return r;
}

static void test_retry_needed(void)
{
	struct report report = { 0 };

	add(&report, "t.pass", &config, "blk0", VERDICT_PASS, "");
	add(&report, "t.fail", &other, "blk0", VERDICT_FAIL, "");
	CU_ASSERT_FALSE(retry_needed(&report, &config, NULL));
	add(&report, "t.known", &config, "blk0", VERDICT_FAIL, "");
	/* A known deviation fails every time: a re-run tells nothing. */
	CU_ASSERT_FALSE(retry_needed(&report, &config, &bl));
	CU_ASSERT_TRUE(retry_needed(&report, &config, NULL));
	add(&report, "t.hang", &config, "blk1", VERDICT_TIMEOUT, "");
	CU_ASSERT_TRUE(retry_needed(&report, &config, &bl));
	report_free(&report);
}

struct seen {
	int flaky, again, added;
};

static void on_outcome(void *ctx, const struct result *r, enum retry_outcome outcome,
		       unsigned int attempt)
{
	struct seen *seen = ctx;

	(void)r;
	CU_ASSERT_EQUAL(attempt, 2);
	seen->flaky += outcome == RETRY_FLAKY;
	seen->again += outcome == RETRY_FAILED_AGAIN;
	seen->added += outcome == RETRY_NEW;
}

static void test_merge(void)
{
	struct report main = { 0 }, retry = { 0 };
	struct seen seen = { 0 };
	struct run_record *run;
	struct result *r;

	report_add_run(&main, &config);
	add(&main, "t.flaky", &config, "blk0", VERDICT_FAIL, "logs/a1.log");
	add(&main, "t.solid", &config, "blk0", VERDICT_FAIL, "logs/a1.log");
	add(&main, "t.wobbly", &config, "blk0", VERDICT_PASS, "logs/a1.log");
	add(&main, "t.steady", &config, "blk0", VERDICT_PASS, "logs/a1.log");
	add(&main, "t.skip", &config, "blk0", VERDICT_SKIP, "logs/a1.log");
	add(&main, "kernel.run", &config, "", VERDICT_CRASH, "logs/a1.log");
	add(&main, "t.known", &config, "blk0", VERDICT_FAIL, "logs/a1.log");
	add(&main, "t.elsewhere", &other, "blk0", VERDICT_FAIL, "logs/o.log");
	run = report_add_run(&retry, &config);
	run->attempt = 2;
	add(&retry, "t.flaky", &config, "blk0", VERDICT_PASS, "logs/a2.log");
	add(&retry, "t.solid", &config, "blk0", VERDICT_FAIL, "logs/a2.log");
	add(&retry, "t.wobbly", &config, "blk0", VERDICT_FAIL, "logs/a2.log");
	add(&retry, "t.steady", &config, "blk0", VERDICT_PASS, "logs/a2.log");
	add(&retry, "t.skip", &config, "blk0", VERDICT_SKIP, "logs/a2.log");
	add(&retry, "t.known", &config, "blk0", VERDICT_PASS, "logs/a2.log");
	add(&retry, "t.late", &config, "blk1", VERDICT_PASS, "logs/a2.log");
	retry_merge(&main, &retry, &config, 2, &bl, on_outcome, &seen);
	report_free(&retry);

	/* Failed, then passed: flaky (not a pass), keeping its failure. */
	r = main.results[0];
	CU_ASSERT_EQUAL(r->verdict, VERDICT_FLAKY);
	CU_ASSERT_TRUE(r->flaky);
	CU_ASSERT_EQUAL(r->attempts, 2);
	CU_ASSERT_EQUAL(r->failure_count, 1);
	CU_ASSERT_STRING_EQUAL(r->log, "logs/a1.log");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->message, "flaky: passed on attempt 2 after failing on an earlier one:\nt.c:1: C: t.flaky"));
	/* Failed twice: stays a failure. */
	r = main.results[1];
	CU_ASSERT_EQUAL(r->verdict, VERDICT_FAIL);
	CU_ASSERT_FALSE(r->flaky);
	CU_ASSERT_EQUAL(r->attempts, 2);
	/* Passed, then failed: flaky too, with the failure and log of the re-run. */
	r = main.results[2];
	CU_ASSERT_EQUAL(r->verdict, VERDICT_FLAKY);
	CU_ASSERT_TRUE(r->flaky);
	CU_ASSERT_EQUAL(r->failure_count, 1);
	CU_ASSERT_STRING_EQUAL(r->log, "logs/a2.log");
	CU_ASSERT_EQUAL(strncmp(r->message, "flaky: failed on attempt 2", 26), 0);
	CU_ASSERT_EQUAL(main.results[3]->attempts, 2);
	CU_ASSERT_FALSE(main.results[3]->flaky);
	CU_ASSERT_EQUAL(main.results[4]->attempts, 1);
	/* A crash between tests that did not happen again. */
	CU_ASSERT_EQUAL(main.results[5]->verdict, VERDICT_FLAKY);
	CU_ASSERT_TRUE(main.results[5]->flaky);
	/* The baseline judges known deviations, not re-runs. */
	CU_ASSERT_EQUAL(main.results[6]->verdict, VERDICT_FAIL);
	CU_ASSERT_EQUAL(main.results[6]->attempts, 1);
	CU_ASSERT_EQUAL(main.results[7]->attempts, 1);
	/* Only the re-run had it: added, with its log. */
	CU_ASSERT_EQUAL_FATAL(main.result_count, 9);
	CU_ASSERT_STRING_EQUAL(main.results[8]->test, "t.late");
	CU_ASSERT_STRING_EQUAL(main.results[8]->log, "logs/a2.log");
	CU_ASSERT_EQUAL(seen.flaky, 3);
	CU_ASSERT_EQUAL(seen.again, 1);
	CU_ASSERT_EQUAL(seen.added, 1);
	/* The re-run is a run of the report, not a configuration of its own. */
	CU_ASSERT_EQUAL_FATAL(main.run_count, 2);
	CU_ASSERT_EQUAL(main.runs[1]->attempt, 2);
	CU_ASSERT_FALSE(run_is_first_attempt(main.runs[1]));
	report_free(&main);
}

static size_t count_of(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* One flaky result and one failure seen on all three attempts, two runs. */
static void build_retried(struct report *report)
{
	struct result *r;

	report_add_run(report, &config);
	report_add_run(report, &config)->attempt = 2;
	r = add(report, "t.flaky", &config, "blk0", VERDICT_FAIL, "logs/a1.log");
	r->verdict = VERDICT_FLAKY;
	r->flaky = true;
	r->attempts = 2;
	result_set_message(r, "flaky: passed on attempt 2 after failing on an earlier one:\nt.c:1: C: t.flaky");
	r = add(report, "t.solid", &config, "blk0", VERDICT_FAIL, "logs/a1.log");
	r->attempts = 3;
}

static void test_reports_show_flaky(void)
{
	struct report report = { 0 };
	struct verdict_counts c;
	char *text;
	json_object *root, *results;

	build_retried(&report);
	report_count(&report, NULL, &c);
	CU_ASSERT_EQUAL(c.pass, 0);
	CU_ASSERT_EQUAL(c.flaky, 1);
	text = report_json_text(&report);
	root = json_tokener_parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_TRUE(json_object_object_get_ex(root, "results", &results));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"attempt\": 2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"flaky\": true"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"attempts\": 3"));
	json_object_put(root);
	free(text);
	text = capture_report(report_write_junit, &report);
	/* Re-runs are not suites of their own. */
	CU_ASSERT_EQUAL(count_of(text, "<testsuite "), 1);
	/* Flaky is not a pass: a failure, the earlier one in its text. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "<failure message=\"flaky: passed on attempt 2"));
	free(text);
	text = capture_report(report_write_tap, &report);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nnot ok 1 - t.flaky [qemu-x86_64-q35-pci-modern-modern/blk0]\n  ---\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  attempts: 2\n  flaky: true\n"));
	free(text);
	text = capture_report(report_write_summary, &report);
	CU_ASSERT_EQUAL(count_of(text, "| qemu-x86_64-q35-pci-modern-modern |"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "1 flaky: passed on one attempt and failed on another"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "## Flaky (passed on one attempt, failed on another)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "`t.solid` [qemu-x86_64-q35-pci-modern-modern/blk0] (on all 3 attempts)"));
	free(text);
	report_free(&report);
}

static void test_progress_text(void)
{
	struct progress p;
	char *line;

	progress_init(&p, false);
	CU_ASSERT_FALSE(p.enabled);
	p.config_index = 2;
	p.config_count = 6;
	p.config_label = "q35-pci-transitional-modern";
	free(p.test);
	p.test = xstrdup("devices.blk.flush_completes [blk0]");
	progress_count(&p, VERDICT_PASS, 1);
	progress_count(&p, VERDICT_XPASS, 1);
	progress_count(&p, VERDICT_TIMEOUT, 1);
	progress_count(&p, VERDICT_SKIP, 1);
	progress_count(&p, VERDICT_SKIP, -1);
	line = progress_text(&p, 200);
	CU_ASSERT_STRING_EQUAL(line, "[config 2/6 q35-pci-transitional-modern] devices.blk.flush_completes [blk0]  pass 2 fail 1 skip 0");
	free(line);
	/* Narrow terminal: the test id gives way, the counts stay. */
	line = progress_text(&p, 70);
	CU_ASSERT_STRING_EQUAL(line, "[config 2/6 q35-pci-transitional-modern] devices  pass 2 fail 1 skip 0");
	CU_ASSERT(strlen(line) <= 70);
	free(line);
	line = progress_text(&p, 10);
	CU_ASSERT_EQUAL(strlen(line), 10);
	free(line);
	p.attempt = 2;
	p.attempts = 3;
	p.baseline = true;
	progress_count(&p, VERDICT_XFAIL, 1);
	line = progress_text(&p, 200);
	CU_ASSERT_EQUAL(strncmp(line, "[config 2/6 q35-pci-transitional-modern, re-run 1/2] ", 53), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "skip 0 xfail 1"));
	free(line);
	progress_free(&p);
}

CU_TestInfo retry_tests[] = {
	{ "when to re-run", test_retry_needed },
	{ "merging a re-run", test_merge },
	{ "flaky in every report", test_reports_show_flaky },
	{ "progress line", test_progress_text },
	CU_TEST_INFO_NULL,
};
