/*
 * The run state machine: lines in, results out. Every line goes through
 * the real encoder and parser, as on a console.
 */
#include <CUnit/CUnit.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_encode.h"
#include "protocol/run_state.h"
#include "feed_line.h"

static const struct device_instance rng0 = { .name = "rng0", .type = "rng", .pci_slot = 3 };
static const struct device_instance blk0 = { .name = "blk0", .type = "blk", .pci_slot = 4,
	.image_name = "blk0.img", .image_size = 8 << 20 };
static const struct device_instance *devices[] = { &rng0, &blk0 };
static struct vcts_config config = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern",
	.mode = "modern", .devices = devices, .device_count = 2,
};

static struct {
	struct report report;
	struct run_state rs;
	struct strlist notes;
	struct strlist announced;	/* "test/device/verdict" */
	uint64_t now;
	struct vcts_line line;
} fx;

static void on_note(void *ctx, const char *message)
{
	(void)ctx;
	strlist_add(&fx.notes, message);
}

static void on_result(void *ctx, struct result *r)
{
	char *entry = xasprintf("%s/%s/%s", r->test, r->device, verdict_name(r->verdict));

	(void)ctx;
	strlist_add(&fx.announced, entry);
	free(entry);
}

static void start(void)
{
	struct run_record *run;

	memset(&fx.report, 0, sizeof(fx.report));
	run = report_add_run(&fx.report, &config);
	run_state_init(&fx.rs, &fx.report, run, "logs/x.log");
	fx.rs.on_note = on_note;
	fx.rs.on_result = on_result;
	fx.now = 1000;
}

static void finish(void)
{
	run_state_finish(&fx.rs);
	run_state_free(&fx.rs);
	report_free(&fx.report);
	strlist_clear(&fx.notes);
	strlist_clear(&fx.announced);
}

/* Send one line: kind, then key/value pairs, NULL-terminated. */
static void feed(const char *kind, ...)
{
	va_list ap;

	fx.now += 5;
	va_start(ap, kind);
	feed_run_line_va(&fx.rs, &fx.line, fx.now, kind, ap);
	va_end(ap);
}

static struct result *result_at(size_t i)
{
	CU_ASSERT_FATAL(i < fx.report.result_count);
	return fx.report.results[i];
}

static void boot(void)
{
	feed("hello", "proto", "1", "kernel", "0.1.0", "arch", "x86_64", NULL);
	feed("device", "name", "rng0", "type", "rng", "location", "00:03.0", NULL);
	feed("device", "name", "blk0", "type", "blk", "location", "00:04.0", NULL);
}

static void test_begin_end_pass(void)
{
	start();
	boot();
	feed("begin", "test", "devices.rng.buffer_filled", "device", "rng0", NULL);
	feed("end", "test", "devices.rng.buffer_filled", "device", "rng0",
	     "verdict", "pass", "clauses", "5.4.4|2.7", "ms", "42", NULL);
	CU_ASSERT_TRUE(fx.rs.hello_seen);
	CU_ASSERT_STRING_EQUAL(fx.rs.run->kernel_version, "0.1.0");
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_STRING_EQUAL(result_at(0)->test, "devices.rng.buffer_filled");
	CU_ASSERT_STRING_EQUAL(result_at(0)->device, "rng0");
	CU_ASSERT_STRING_EQUAL(result_at(0)->device_type, "rng");
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_PASS);
	CU_ASSERT_EQUAL(result_at(0)->duration_ms, 42);
	CU_ASSERT_EQUAL(result_at(0)->clauses.count, 2);
	CU_ASSERT_STRING_EQUAL(result_at(0)->clauses.items[1], "2.7");
	CU_ASSERT_STRING_EQUAL(result_at(0)->message, "");
	CU_ASSERT_STRING_EQUAL(result_at(0)->log, "logs/x.log");
	CU_ASSERT_FALSE(fx.rs.open);
	CU_ASSERT_EQUAL(fx.announced.count, 1);
	finish();
}

static void test_duration_without_ms(void)
{
	start();
	feed("begin", "test", "a.b.c", "device", "blk0", NULL);
	feed("end", "test", "a.b.c", "device", "blk0", "verdict", "pass", NULL);
	CU_ASSERT_EQUAL(result_at(0)->duration_ms, 5);
	finish();
}

static void test_fail_lines_attach_to_their_test(void)
{
	start();
	boot();
	feed("begin", "test", "t.one", "device", "rng0", NULL);
	feed("fail", "test", "t.one", "device", "rng0", "file", "tests/a.c",
	     "line", "17", "clause", "2.1", "expected", "0x1", "actual", "0x0",
	     "msg", "status", NULL);
	feed("fail", "test", "t.one", "device", "rng0", "file", "tests/a.c",
	     "line", "20", "clause", "2.2", "msg", "second", NULL);
	feed("end", "test", "t.one", "device", "rng0", "verdict", "fail", NULL);
	feed("begin", "test", "t.one", "device", "blk0", NULL);
	feed("end", "test", "t.one", "device", "blk0", "verdict", "pass", NULL);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_FAIL);
	CU_ASSERT_EQUAL(result_at(0)->failure_count, 2);
	CU_ASSERT_EQUAL(result_at(0)->failures[0].line, 17);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message,
		"tests/a.c:17: 2.1: status (expected 0x1, actual 0x0)\n"
		"tests/a.c:20: 2.2: second");
	CU_ASSERT_EQUAL(result_at(1)->verdict, VERDICT_PASS);
	CU_ASSERT_EQUAL(result_at(1)->failure_count, 0);
	finish();
}

static void test_fail_and_skip_reasons(void)
{
	start();
	feed("end", "test", "t.fail", "device", "rng0", "verdict", "fail",
	     "reason", "device absent", NULL);
	feed("end", "test", "t.skip", "device", "rng0", "verdict", "skip",
	     "reason", "VIRTIO_F_RING_PACKED not offered", NULL);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_FAIL);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message, "device absent");
	CU_ASSERT_EQUAL(result_at(1)->verdict, VERDICT_SKIP);
	CU_ASSERT_STRING_EQUAL(result_at(1)->message, "VIRTIO_F_RING_PACKED not offered");
	CU_ASSERT_EQUAL(fx.rs.run->protocol_errors, 0);
	finish();
}

static void test_pass_with_fail_lines_is_fail(void)
{
	start();
	feed("begin", "test", "t", "device", "rng0", NULL);
	feed("fail", "test", "t", "device", "rng0", "msg", "x", NULL);
	feed("end", "test", "t", "device", "rng0", "verdict", "pass", NULL);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_FAIL);
	finish();
}

static void test_unknown_verdict(void)
{
	start();
	feed("end", "test", "t", "device", "rng0", "verdict", "maybe", NULL);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(result_at(0)->message, "maybe"));
	CU_ASSERT_EQUAL(fx.rs.run->protocol_errors, 1);
	finish();
}

static void test_timeout_goes_to_open_test(void)
{
	uint64_t began;

	start();
	boot();
	feed("begin", "test", "t.first", "device", "rng0", NULL);
	feed("end", "test", "t.first", "device", "rng0", "verdict", "pass", NULL);
	feed("begin", "test", "t.hangs", "device", "blk0", NULL);
	began = fx.now;
	feed("fail", "test", "t.hangs", "device", "blk0", "msg", "before the hang", NULL);
	run_state_timeout(&fx.rs, 7, began + 7000);
	run_state_finish(&fx.rs);
	CU_ASSERT_EQUAL(fx.report.result_count, 2);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_PASS);
	CU_ASSERT_EQUAL(result_at(1)->verdict, VERDICT_TIMEOUT);
	CU_ASSERT_STRING_EQUAL(result_at(1)->test, "t.hangs");
	CU_ASSERT_STRING_EQUAL(result_at(1)->message,
			       "no result within 7 s; VM killed\nbefore the hang");
	CU_ASSERT_EQUAL(result_at(1)->duration_ms, 7000);
	finish();
}

static void test_timeout_between_tests(void)
{
	start();
	boot();
	feed("begin", "test", "t.first", "device", "rng0", NULL);
	feed("end", "test", "t.first", "device", "rng0", "verdict", "pass", NULL);
	run_state_timeout(&fx.rs, 3, fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 2);
	CU_ASSERT_STRING_EQUAL(result_at(1)->test, "kernel.run");
	CU_ASSERT_EQUAL(result_at(1)->verdict, VERDICT_TIMEOUT);
	finish();
}

static void test_timeout_before_any_output(void)
{
	start();
	run_state_timeout(&fx.rs, 3, fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_STRING_EQUAL(result_at(0)->test, "kernel.boot");
	CU_ASSERT_STRING_EQUAL(result_at(0)->device, "");
	finish();
}

static void test_timeout_after_summary(void)
{
	start();
	feed("summary", "pass", "0", "fail", "0", "skip", "0", "tests", "0", NULL);
	run_state_timeout(&fx.rs, 3, fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 0);
	CU_ASSERT_EQUAL(fx.notes.count, 1);
	finish();
}

/*
 * `done` ends the run: later lines are noise, the VM's end (exit, stop,
 * timeout) adds no result, a summary-less listing included.
 */
static void test_done_ends_the_run(void)
{
	start();
	boot();
	feed("begin", "test", "t", "device", "rng0", NULL);
	feed("end", "test", "t", "device", "rng0", "verdict", "pass", NULL);
	feed("summary", "pass", "1", "fail", "0", "skip", "0", "tests", "1", NULL);
	feed("done", "status", "0", "exit", "acpi", NULL);
	CU_ASSERT_TRUE(fx.rs.done_seen);
	CU_ASSERT_EQUAL(fx.rs.done_ms, fx.now);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fx.rs.done_exit);
	CU_ASSERT_STRING_EQUAL(fx.rs.done_exit, "acpi");
	feed("crash", "test", "", "vector", "13", "name", "#GP", NULL);
	CU_ASSERT_FALSE(fx.rs.crash_seen);
	run_state_timeout(&fx.rs, 3, fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_EQUAL(fx.notes.count, 2);
	finish();
	start();
	feed("hello", "proto", "1", NULL);
	feed("list", "test", "t", "type", "rng", NULL);
	feed("done", "status", "0", "exit", "halt", NULL);
	run_state_hypervisor_exit(&fx.rs, "was stopped", fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 0);
	finish();
}

/* A `done` inside a test: that test crashed, and the kernel broke the protocol. */
static void test_done_while_a_test_is_open(void)
{
	start();
	boot();
	feed("begin", "test", "t.open", "device", "blk0", NULL);
	feed("done", "status", "0", "exit", "halt", NULL);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_CRASH);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message,
			       "the kernel printed its done line before this test ended");
	CU_ASSERT_EQUAL(fx.rs.run->protocol_errors, 1);
	CU_ASSERT_FALSE(fx.rs.open);
	finish();
}

static void test_crash_line_goes_to_open_test(void)
{
	start();
	boot();
	feed("begin", "test", "t.crashes", "device", "blk0", NULL);
	feed("crash", "test", "t.crashes", "device", "blk0", "vector", "14",
	     "name", "page fault", "ip", "0x101234", "error", "0x2",
	     "address", "0xdead0000", "msg", "unexpected exception", NULL);
	run_state_hypervisor_exit(&fx.rs, "exited with status 5", fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_CRASH);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message,
		"kernel crash: vector=14 name=page fault ip=0x101234 error=0x2 address=0xdead0000: unexpected exception");
	CU_ASSERT_TRUE(fx.rs.crash_seen);
	finish();
}

static void test_crash_without_open_test(void)
{
	start();
	feed("hello", "proto", "1", NULL);
	feed("crash", "test", "", "vector", "13", "name", "#GP", NULL);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_STRING_EQUAL(result_at(0)->test, "kernel.boot");
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_CRASH);
	/* The kernel is gone after a crash line: later lines are noise. */
	feed("begin", "test", "t", "device", "rng0", NULL);
	CU_ASSERT_FALSE(fx.rs.open);
	finish();
}

static void test_hypervisor_dies_mid_test(void)
{
	start();
	boot();
	feed("begin", "test", "t.open", "device", "rng0", NULL);
	run_state_hypervisor_exit(&fx.rs, "exited with status 1", fx.now);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_CRASH);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message,
			       "hypervisor exited with status 1 before the test ended");
	finish();
}

static void test_summary_then_exit(void)
{
	start();
	boot();
	feed("begin", "test", "t", "device", "rng0", NULL);
	feed("end", "test", "t", "device", "rng0", "verdict", "pass", NULL);
	feed("summary", "pass", "1", "fail", "0", "skip", "0", "tests", "1", NULL);
	run_state_hypervisor_exit(&fx.rs, "exited with status 1", fx.now);
	CU_ASSERT_TRUE(fx.rs.summary_seen);
	CU_ASSERT_EQUAL(fx.rs.summary_fail, 0);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_EQUAL(fx.notes.count, 0);
	finish();
}

static void test_summary_count_mismatch_is_noted(void)
{
	start();
	feed("end", "test", "t", "device", "rng0", "verdict", "pass", NULL);
	feed("summary", "pass", "2", "fail", "0", "skip", "0", "tests", "2", NULL);
	CU_ASSERT_EQUAL(fx.notes.count, 1);
	finish();
}

static void test_begin_over_open_test(void)
{
	start();
	feed("begin", "test", "t.one", "device", "rng0", NULL);
	feed("begin", "test", "t.two", "device", "rng0", NULL);
	feed("end", "test", "t.two", "device", "rng0", "verdict", "pass", NULL);
	CU_ASSERT_EQUAL(fx.report.result_count, 2);
	CU_ASSERT_STRING_EQUAL(result_at(0)->test, "t.one");
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_CRASH);
	CU_ASSERT_EQUAL(result_at(1)->verdict, VERDICT_PASS);
	CU_ASSERT_EQUAL(fx.rs.run->protocol_errors, 1);
	finish();
}

static void test_fail_lines_without_end(void)
{
	start();
	feed("fail", "test", "t.lost", "device", "blk0", "msg", "orphan", NULL);
	feed("summary", "pass", "0", "fail", "1", "skip", "0", NULL);
	run_state_finish(&fx.rs);
	CU_ASSERT_EQUAL(fx.report.result_count, 2);
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_FAIL);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message, "orphan");
	/* The protocol error fails the run on its own. */
	CU_ASSERT_STRING_EQUAL(result_at(1)->test, "kernel.protocol");
	CU_ASSERT_EQUAL(result_at(1)->verdict, VERDICT_ERROR);
	finish();
}

/* A kernel's own result under the anomaly's name cannot hide it: it becomes the error. */
static void test_anomaly_over_a_kernel_result_of_its_name(void)
{
	start();
	feed("device", "type", "rng", NULL);
	feed("end", "test", "kernel.protocol", "device", "", "verdict", "pass", "checks", "1", NULL);
	run_state_finish(&fx.rs);
	CU_ASSERT_EQUAL(fx.report.result_count, 1);
	CU_ASSERT_STRING_EQUAL(result_at(0)->test, "kernel.protocol");
	CU_ASSERT_EQUAL(result_at(0)->verdict, VERDICT_ERROR);
	finish();
}

static void test_device_types(void)
{
	char *type;

	start();
	boot();
	type = run_state_device_type(&fx.rs, "blk0");
	CU_ASSERT_STRING_EQUAL(type, "blk");
	free(type);
	/* Without a device line, the name says it: type + index. */
	type = run_state_device_type(&fx.rs, "net12");
	CU_ASSERT_STRING_EQUAL(type, "net");
	free(type);
	CU_ASSERT_STRING_EQUAL(run_state_device(&fx.rs, "blk0")->location, "00:04.0");
	finish();
}

static void test_host_check_and_list_lines(void)
{
	start();
	feed("list", "test", "devices.blk.write", "type", "blk", "clauses", "5.2|5.2.6", NULL);
	feed("host-check", "test", "devices.blk.write", "device", "blk0",
	     "what", "blk-pattern", "lba", "16", "count", "4", "seed", "9", NULL);
	CU_ASSERT_EQUAL(fx.rs.listed_count, 1);
	CU_ASSERT_EQUAL(fx.rs.listed[0].clauses.count, 2);
	CU_ASSERT_EQUAL(fx.rs.host_check_count, 1);
	CU_ASSERT_STRING_EQUAL(fx.rs.host_checks[0].lba, "16");
	CU_ASSERT_TRUE(run_state_has_host_check(&fx.rs, "devices.blk.write", "blk0"));
	CU_ASSERT_FALSE(run_state_has_host_check(&fx.rs, "devices.blk.write", "blk1"));
	finish();
}

static void test_list_line_scope_and_file(void)
{
	const struct listed_test *t;

	start();
	feed("list", "test", "modern.pci.device_ids", "type", "any", "interface", "modern",
	     "transport", "pci", "file", "tests/modern/pci_layout.c",
	     "clauses", "4.1.2", "needs", "blk-resize|console-open", NULL);
	CU_ASSERT_EQUAL_FATAL(fx.rs.listed_count, 1);
	t = &fx.rs.listed[0];
	CU_ASSERT_STRING_EQUAL(t->test, "modern.pci.device_ids");
	CU_ASSERT_STRING_EQUAL(t->type, "any");
	CU_ASSERT_STRING_EQUAL(t->interface, "modern");
	CU_ASSERT_STRING_EQUAL(t->transport, "pci");
	CU_ASSERT_STRING_EQUAL(t->file, "tests/modern/pci_layout.c");
	CU_ASSERT_EQUAL_FATAL(t->needs.count, 2);
	CU_ASSERT_STRING_EQUAL(t->needs.items[1], "console-open");
	CU_ASSERT_EQUAL(fx.rs.run->protocol_errors, 0);
	finish();
}

/* A kernel from before file=, interface= and transport=: still a listing. */
static void test_list_line_without_new_fields(void)
{
	const struct listed_test *t;

	start();
	feed("list", "test", "devices.blk.write", "type", "blk", "clauses", "5.2", NULL);
	feed("list", "type", "blk", NULL);
	CU_ASSERT_EQUAL_FATAL(fx.rs.listed_count, 1);
	t = &fx.rs.listed[0];
	CU_ASSERT_STRING_EQUAL(t->file, "");
	CU_ASSERT_STRING_EQUAL(t->interface, "");
	CU_ASSERT_STRING_EQUAL(t->transport, "");
	CU_ASSERT_EQUAL(t->needs.count, 0);
	CU_ASSERT_EQUAL(t->clauses.count, 1);
	/* Only the line without a test id is an error. */
	CU_ASSERT_EQUAL(fx.rs.run->protocol_errors, 1);
	finish();
}

static void test_garbled_and_unknown_are_counted_or_ignored(void)
{
	start();
	run_state_garbled(&fx.rs, "checksum mismatch", "@vcts end x ~0", 14);
	feed("telemetry", "value", "3", NULL);
	CU_ASSERT_EQUAL(fx.rs.run->garbled_lines, 1);
	CU_ASSERT_EQUAL(fx.report.result_count, 0);
	finish();
}

static void test_results_announced_in_order(void)
{
	start();
	feed("end", "test", "a", "device", "rng0", "verdict", "pass", NULL);
	feed("end", "test", "b", "device", "rng0", "verdict", "skip", NULL);
	CU_ASSERT_EQUAL_FATAL(fx.announced.count, 2);
	CU_ASSERT_STRING_EQUAL(fx.announced.items[0], "a/rng0/pass");
	CU_ASSERT_STRING_EQUAL(fx.announced.items[1], "b/rng0/skip");
	finish();
}

static void test_hostile_bytes_become_safe_text(void)
{
	struct line_builder lb;
	char *text;

	start();
	line_builder_begin(&lb, "end");
	line_builder_add(&lb, "test", "t");
	line_builder_add(&lb, "verdict", "fail");
	line_builder_add_bytes(&lb, "reason", "a\x01\xff<b>\n", 7);
	text = line_builder_finish(&lb);
	CU_ASSERT_EQUAL_FATAL(line_parse(text, strlen(text), &fx.line), LINE_OK);
	run_state_line(&fx.rs, &fx.line, 1);
	CU_ASSERT_STRING_EQUAL(result_at(0)->message, "a\\x01\\xFF<b>\\x0A");
	free(text);
	finish();
}

/* Two tests of ms=LONG_MAX: the total sticks at LONG_MAX (was a signed overflow). */
static void test_huge_durations_add_up_without_overflow(void)
{
	struct verdict_counts c;

	start();
	feed("end", "test", "a", "device", "rng0", "verdict", "pass", "ms", "9223372036854775807", NULL);
	feed("end", "test", "b", "device", "rng0", "verdict", "pass", "ms", "9223372036854775807", NULL);
	report_count(&fx.report, NULL, &c);
	CU_ASSERT_EQUAL(c.total, 2);
	CU_ASSERT_EQUAL(c.duration_ms, LONG_MAX);
	finish();
}

CU_TestInfo run_state_tests[] = {
	{ "begin/end pass", test_begin_end_pass },
	{ "duration without ms", test_duration_without_ms },
	{ "huge durations add up without overflow", test_huge_durations_add_up_without_overflow },
	{ "fail lines attach to their test", test_fail_lines_attach_to_their_test },
	{ "fail and skip reasons", test_fail_and_skip_reasons },
	{ "pass with fail lines is fail", test_pass_with_fail_lines_is_fail },
	{ "unknown verdict", test_unknown_verdict },
	{ "timeout goes to the open test", test_timeout_goes_to_open_test },
	{ "timeout between tests", test_timeout_between_tests },
	{ "timeout before any output", test_timeout_before_any_output },
	{ "timeout after summary", test_timeout_after_summary },
	{ "done ends the run", test_done_ends_the_run },
	{ "done while a test is open", test_done_while_a_test_is_open },
	{ "crash line goes to the open test", test_crash_line_goes_to_open_test },
	{ "crash without open test", test_crash_without_open_test },
	{ "hypervisor dies mid-test", test_hypervisor_dies_mid_test },
	{ "summary then exit", test_summary_then_exit },
	{ "summary count mismatch is noted", test_summary_count_mismatch_is_noted },
	{ "begin over an open test", test_begin_over_open_test },
	{ "fail lines without end", test_fail_lines_without_end },
	{ "an anomaly over a kernel result of its name", test_anomaly_over_a_kernel_result_of_its_name },
	{ "device types", test_device_types },
	{ "host-check and list lines", test_host_check_and_list_lines },
	{ "list line: scope, file and needs", test_list_line_scope_and_file },
	{ "list line without the newer fields", test_list_line_without_new_fields },
	{ "garbled counted, unknown ignored", test_garbled_and_unknown_are_counted_or_ignored },
	{ "results announced in order", test_results_announced_in_order },
	{ "hostile bytes become safe text", test_hostile_bytes_become_safe_text },
	CU_TEST_INFO_NULL,
};
