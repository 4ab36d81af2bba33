/*
 * Reading results.json back: what report_json_text() writes, read and
 * written again, is the same text (runs, results, failures, baseline with
 * xfail/xpass, re-runs and flaky results); unknown fields are ignored; a
 * wrong schema, verdict or type is an error naming the file.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "results/results.h"
#include "results/results_read.h"

static struct vcts_config config = {
	.name = "qemu-x86_64-q35-pci-legacy-legacy", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-legacy", .mode = "legacy",
};

static struct baseline_entry entries[] = {
	{ .test = "t.x*", .transport = "pci-*", .mode = "*", .device_type = "blk",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "C", .reason = "known", .source = "hw/a.c", .matched = 2 },
	{ .test = "t.stale", .transport = "*", .mode = "*", .device_type = "*",
	  .device = "*", .expected = VERDICT_FAIL,
	  .clause = "", .reason = "gone", .source = "" },
};

static void build(struct report *report, bool with_baseline)
{
	static struct baseline bl = { .path = "reports/baselines/b.json", .hypervisor = "qemu",
				      .version = "7.2", .arch = "x86_64", .entries = entries,
				      .count = 2 };
	struct failure f = { .file = "t.c", .line = 9, .clause = "C", .expected = "1",
			     .actual = "2", .msg = "m \"q\"" };
	struct run_record *run = report_add_run(report, &config);
	struct result *r;

	run->accel = xstrdup("tcg");
	run->accel_reason = xstrdup("why");
	run->hypervisor_version = xstrdup("QEMU emulator version 7.2.22");
	run->command = xstrdup("qemu-system-x86_64 -machine q35");
	run->log = xstrdup("logs/x.log");
	run->ended = xstrdup("summary");
	run->seed = 7;
	run->filter = xstrdup("t.*");
	strlist_add(&run->kernel_args, "vcts.selftest=hang");
	strlist_add(&config.device_types, "blk");
	run->exited = true;
	run->exit_status = 3;
	run->duration_ms = 1234;
	run = report_add_run(report, &config);
	run->attempt = 2;
	run->signal = 9;
	r = report_add_result(report, "t.xa", &config, "blk0", "blk");
	r->verdict = with_baseline ? VERDICT_XFAIL : VERDICT_FAIL;
	result_add_failure(r, &f);
	result_set_message_from_failures(r, NULL);
	strlist_add(&r->clauses, "C");
	strlist_add(&r->clauses, "D / E");
	r->duration_ms = 5;
	r->attempts = 3;
	r->baseline = with_baseline ? &entries[0] : NULL;
	r = report_add_result(report, "t.xb", &config, "blk1", "blk");
	r->verdict = with_baseline ? VERDICT_XPASS : VERDICT_PASS;
	r->baseline = with_baseline ? &entries[0] : NULL;
	r = report_add_result(report, "t.flaky", &config, "", "");
	r->verdict = VERDICT_FLAKY;
	r->flaky = true;
	r->attempts = 2;
	result_set_message(r, "flaky: passed on attempt 2\n\\x01 bytes");
	report->baseline = with_baseline ? &bl : NULL;
}

static void round_trip(bool with_baseline)
{
	struct report report = { 0 };
	struct loaded_results lr;
	char err[256];
	char *first, *second;

	build(&report, with_baseline);
	first = report_json_text(&report);
	CU_ASSERT_EQUAL_FATAL(results_parse(&lr, "r.json", first, strlen(first), err,
					    sizeof(err)), 0);
	CU_ASSERT_EQUAL(lr.config_count, 1);
	CU_ASSERT_EQUAL(lr.report.run_count, 2);
	CU_ASSERT_EQUAL(lr.report.result_count, 3);
	CU_ASSERT_PTR_EQUAL(lr.report.results[0]->config, lr.report.runs[1]->config);
	second = report_json_text(&lr.report);
	CU_ASSERT_STRING_EQUAL(first, second);
	if (with_baseline) {
		CU_ASSERT_PTR_EQUAL(lr.report.results[0]->baseline, &lr.baselines[0].entries[0]);
		CU_ASSERT_PTR_EQUAL(lr.report.results[1]->baseline, &lr.baselines[0].entries[0]);
		CU_ASSERT_EQUAL(lr.baselines[0].count, 2);
	}
	free(first);
	free(second);
	results_release(&lr);
	report_free(&report);
	strlist_clear(&config.device_types);
}

static void test_round_trip(void)
{
	round_trip(false);
}

static void test_round_trip_with_baseline(void)
{
	round_trip(true);
}

static int parse(const char *text, char *err, size_t size)
{
	struct loaded_results lr;
	int ret = results_parse(&lr, "r.json", text, strlen(text), err, size);

	if (!ret)
		results_release(&lr);
	return ret;
}

static void test_errors(void)
{
	char err[256];

	CU_ASSERT_EQUAL(parse("{\"schema\": 2, \"results\": []}", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "r.json: unknown schema 2 (this vcts reads schema 1)");
	CU_ASSERT_EQUAL(parse("[1]", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "r.json: not a results file: no \"schema\" or \"results\"");
	CU_ASSERT_EQUAL(parse("{\"schema\": 1, \"results\": [", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(strncmp(err, "r.json: not valid JSON", 22), 0);
	CU_ASSERT_EQUAL(parse("{\"schema\": 1, \"results\": [{\"test\": \"t\", \"verdict\": \"great\","
			      " \"config\": {\"name\": \"c\"}}]}", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "r.json: unknown verdict \"great\"");
	/* Bytes quoted from the file are escaped: the error stays one line. */
	CU_ASSERT_EQUAL(parse("{\"schema\": 1, \"results\": [{\"test\": \"t\", \"verdict\": \"gr\\neat\","
			      " \"config\": {\"name\": \"c\"}}]}", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "r.json: unknown verdict \"gr\\x0Aeat\"");
	CU_ASSERT_EQUAL(parse("{\"schema\": 1, \"results\": [{\"test\": 3, \"verdict\": \"pass\","
			      " \"config\": {\"name\": \"c\"}}]}", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "r.json: \"test\" must be a string");
	CU_ASSERT_EQUAL(parse("{\"schema\": 1, \"results\": [{\"verdict\": \"pass\"}]}", err,
			      sizeof(err)), -1);
}

/* Fields a newer writer adds are ignored; missing optional ones default. */
static void test_tolerant(void)
{
	const char *text = "{\"schema\": 1, \"future\": {\"x\": 1}, \"runs\": [], \"results\": "
			   "[{\"test\": \"t\", \"verdict\": \"skip\", \"new_field\": [1, 2],"
			   " \"config\": {\"name\": \"c\", \"transport\": \"mmio-v2\"}}],"
			   " \"baseline\": null}";
	struct loaded_results lr;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(results_parse(&lr, "r.json", text, strlen(text), err,
					    sizeof(err)), 0);
	CU_ASSERT_EQUAL(lr.report.result_count, 1);
	CU_ASSERT_EQUAL(lr.report.results[0]->verdict, VERDICT_SKIP);
	CU_ASSERT_EQUAL(lr.report.results[0]->attempts, 1);
	CU_ASSERT_FALSE(lr.report.results[0]->flaky);
	CU_ASSERT_STRING_EQUAL(lr.report.results[0]->config->transport, "mmio-v2");
	CU_ASSERT_STRING_EQUAL(lr.report.results[0]->config->mode, "");
	CU_ASSERT_PTR_NULL(lr.report.baseline);
	results_release(&lr);
}

/* An xfail whose entry the file does not list gets one made from its note. */
static void test_baseline_without_entry(void)
{
	const char *text = "{\"schema\": 1, \"results\": [{\"test\": \"t\", \"verdict\": \"xfail\","
			   " \"config\": {\"name\": \"c\"}, \"baseline\": {\"reason\": \"r\","
			   " \"clause\": \"\", \"source\": \"s\"}}]}";
	struct loaded_results lr;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(results_parse(&lr, "r.json", text, strlen(text), err,
					    sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(lr.report.results[0]->baseline);
	CU_ASSERT_STRING_EQUAL(lr.report.results[0]->baseline->reason, "r");
	CU_ASSERT_STRING_EQUAL(lr.report.results[0]->baseline->source, "s");
	CU_ASSERT_PTR_NULL(lr.report.baseline);
	results_release(&lr);
}

CU_TestInfo results_read_tests[] = {
	{ "round trip", test_round_trip },
	{ "round trip with a baseline", test_round_trip_with_baseline },
	{ "errors", test_errors },
	{ "unknown fields ignored", test_tolerant },
	{ "xfail without its entry", test_baseline_without_entry },
	CU_TEST_INFO_NULL,
};
