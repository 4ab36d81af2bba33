/*
 * The report writers: results.json read back with json-c, XML escaping,
 * the shape of TAP and JUnit, and the files report_write_all() leaves.
 */
#include <CUnit/CUnit.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/reports.h"
#include "results/results.h"
#include "report_capture.h"

static struct vcts_config config = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern",
	.mode = "modern",
};

/* Five results, one per verdict, with text that needs escaping. */
static void build_report(struct report *report)
{
	struct run_record *run = report_add_run(report, &config);
	struct failure f = {
		.file = "tests/modern/features.c", .line = 103, .clause = "2.2 <Feature> & \"Bits\"",
		.expected = "0x0", .actual = "0x1", .msg = "bit 49 kept",
	};
	struct result *r;

	run->accel = xstrdup("tcg");
	run->accel_reason = xstrdup("--accel tcg");
	run->hypervisor_version = xstrdup("QEMU emulator version 7.2.22");
	run->command = xstrdup("qemu-system-x86_64 -machine q35");
	run->log = xstrdup("logs/x.log");
	run->ended = xstrdup("summary");
	run->exited = true;
	run->exit_status = 3;
	run->duration_ms = 2098;
	run->garbled_lines = 2;

	r = report_add_result(report, "modern.features.version_1", &config, "rng0", "rng");
	r->verdict = VERDICT_PASS;
	r->duration_ms = 12;
	strlist_add(&r->clauses, "Reserved Feature Bits");

	r = report_add_result(report, "modern.features.rejects_unoffered", &config, "blk0", "blk");
	r->verdict = VERDICT_FAIL;
	result_add_failure(r, &f);
	result_set_message_from_failures(r, NULL);
	strlist_add(&r->clauses, "2.2 <Feature> & \"Bits\"");

	r = report_add_result(report, "devices.blk#packed", &config, "blk1", "blk");
	r->verdict = VERDICT_SKIP;
	result_set_message(r, "VIRTIO_F_RING_PACKED not offered");

	r = report_add_result(report, "devices.blk.flush", &config, "blk0", "blk");
	r->verdict = VERDICT_TIMEOUT;
	r->duration_ms = 120000;
	result_set_message(r, "no result within 120 s; VM killed\nsecond line");

	r = report_add_result(report, "kernel.boot", &config, "", "");
	r->verdict = VERDICT_CRASH;
	result_set_message(r, "kernel crash: vector=14 'quoted' \x01");
}

static json_object *member(json_object *obj, const char *key)
{
	json_object *value = NULL;

	CU_ASSERT_TRUE_FATAL(json_object_object_get_ex(obj, key, &value));
	return value;
}

static const char *string_member(json_object *obj, const char *key)
{
	return json_object_get_string(member(obj, key));
}

static void test_json_round_trip(void)
{
	struct report report = { 0 };
	json_object *root, *run, *results, *fail, *failure, *cfg;
	char *text;

	build_report(&report);
	text = report_json_text(&report);
	root = json_tokener_parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_EQUAL(json_object_get_int(member(root, "schema")), 1);
	CU_ASSERT_STRING_EQUAL(string_member(root, "vcts_version"), VCTS_VERSION);

	run = json_object_array_get_idx(member(root, "runs"), 0);
	CU_ASSERT_STRING_EQUAL(string_member(member(run, "config"), "transport"), "pci-modern");
	CU_ASSERT_STRING_EQUAL(string_member(run, "accel"), "tcg");
	CU_ASSERT_STRING_EQUAL(string_member(run, "accel_reason"), "--accel tcg");
	CU_ASSERT_EQUAL(json_object_get_int(member(run, "exit_status")), 3);
	CU_ASSERT_EQUAL(json_object_get_int(member(run, "duration_ms")), 2098);
	CU_ASSERT_EQUAL(json_object_get_int(member(run, "garbled_lines")), 2);
	CU_ASSERT_STRING_EQUAL(string_member(run, "log"), "logs/x.log");
	CU_ASSERT_PTR_NULL(member(run, "signal"));

	results = member(root, "results");
	CU_ASSERT_EQUAL_FATAL(json_object_array_length(results), 5);
	fail = json_object_array_get_idx(results, 1);
	cfg = member(fail, "config");
	CU_ASSERT_STRING_EQUAL(string_member(fail, "test"), "modern.features.rejects_unoffered");
	CU_ASSERT_STRING_EQUAL(string_member(fail, "verdict"), "fail");
	CU_ASSERT_STRING_EQUAL(string_member(cfg, "device"), "blk0");
	CU_ASSERT_STRING_EQUAL(string_member(cfg, "device_type"), "blk");
	CU_ASSERT_STRING_EQUAL(string_member(cfg, "mode"), "modern");
	CU_ASSERT_STRING_EQUAL(string_member(cfg, "machine"), "q35");
	CU_ASSERT_STRING_EQUAL(json_object_get_string(json_object_array_get_idx(
		member(fail, "clauses"), 0)), "2.2 <Feature> & \"Bits\"");
	CU_ASSERT_STRING_EQUAL(string_member(fail, "message"),
		"tests/modern/features.c:103: 2.2 <Feature> & \"Bits\": bit 49 kept (expected 0x0, actual 0x1)");
	failure = json_object_array_get_idx(member(fail, "failures"), 0);
	CU_ASSERT_EQUAL(json_object_get_int(member(failure, "line")), 103);
	CU_ASSERT_STRING_EQUAL(string_member(failure, "actual"), "0x1");
	CU_ASSERT_STRING_EQUAL(string_member(json_object_array_get_idx(results, 3), "message"),
			       "no result within 120 s; VM killed\nsecond line");
	CU_ASSERT_STRING_EQUAL(string_member(json_object_array_get_idx(results, 4), "verdict"),
			       "crash");
	json_object_put(root);
	free(text);
	report_free(&report);
}

static void test_xml_escape(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	xml_escape(f, "<a href='x'>&\"\x01\x1f\x7f\n\t\xc3\xa9");
	fclose(f);
	CU_ASSERT_STRING_EQUAL(text,
		"&lt;a href=&apos;x&apos;&gt;&amp;&quot;\\x01\\x1F\\x7F&#10;&#9;\xc3\xa9");
	free(text);
}

static size_t count_of(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_junit_shape(void)
{
	struct report report = { 0 };
	char *xml;

	build_report(&report);
	xml = capture_report(report_write_junit, &report);
	CU_ASSERT_EQUAL(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml,
		"<testsuite name=\"qemu-x86_64-q35-pci-modern-modern\" tests=\"5\" failures=\"1\" errors=\"2\" skipped=\"1\" time=\"120.012\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml,
		"      <property name=\"machine\" value=\"q35\"/>\n"
		"      <property name=\"transport\" value=\"pci-modern\"/>\n"
		"      <property name=\"mode\" value=\"modern\"/>\n"
		"      <property name=\"accel\" value=\"tcg\"/>\n"));
	CU_ASSERT_EQUAL(count_of(xml, "<testcase "), 5);
	CU_ASSERT_EQUAL(count_of(xml, "<failure "), 1);
	CU_ASSERT_EQUAL(count_of(xml, "<error "), 2);
	CU_ASSERT_EQUAL(count_of(xml, "<skipped "), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml,
		"classname=\"qemu-x86_64-q35-pci-modern-modern.rng0\" name=\"modern.features.version_1\" time=\"0.012\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "&lt;Feature&gt; &amp; &quot;Bits&quot;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "&apos;quoted&apos; \\x01"));
	CU_ASSERT_PTR_NULL(strchr(xml, '\x01'));
	CU_ASSERT_EQUAL(count_of(xml, "</testsuites>"), 1);
	free(xml);
	report_free(&report);
}

static void test_tap_shape(void)
{
	struct report report = { 0 };
	char *tap;

	build_report(&report);
	tap = capture_report(report_write_tap, &report);
	CU_ASSERT_EQUAL(strncmp(tap, "TAP version 14\n1..5\n", 20), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(tap,
		"\nok 1 - modern.features.version_1 [qemu-x86_64-q35-pci-modern-modern/rng0]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tap,
		"\nnot ok 2 - modern.features.rejects_unoffered [qemu-x86_64-q35-pci-modern-modern/blk0]\n  ---\n  message: \"tests/modern/features.c:103: 2.2 <Feature> & \\\"Bits\\\": bit 49 kept (expected 0x0, actual 0x1)\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tap, "  file: \"tests/modern/features.c\"\n  line: 103\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tap, "  clauses:\n    - \"2.2 <Feature> & \\\"Bits\\\"\"\n"));
	/* "#" in a description must not start a directive. */
	CU_ASSERT_PTR_NOT_NULL(strstr(tap,
		"\nok 3 - devices.blk\\#packed [qemu-x86_64-q35-pci-modern-modern/blk1] # SKIP VIRTIO_F_RING_PACKED not offered\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tap, "\nnot ok 4 - devices.blk.flush"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tap, "second line\"\n  severity: timeout\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tap, "\nnot ok 5 - kernel.boot [qemu-x86_64-q35-pci-modern-modern]\n"));
	CU_ASSERT_EQUAL(count_of(tap, "\n  ---\n"), 3);
	CU_ASSERT_EQUAL(count_of(tap, "\n  ...\n"), 3);
	free(tap);
	report_free(&report);
}

static void test_summary_markdown(void)
{
	struct report report = { 0 };
	char *md;

	build_report(&report);
	md = capture_report(report_write_summary, &report);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "1 passed, 3 failed, 1 skipped (5 results)."));
	CU_ASSERT_PTR_NOT_NULL(strstr(md,
		"| qemu-x86_64-q35-pci-modern-modern | pci-modern | modern | tcg | 1 | 1 | 1 | 1 | 0 | 1 | 0 | 0 | 2.098 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Not passing"));
	CU_ASSERT_EQUAL(count_of(md, "\n- **"), 4);
	free(md);
	report_free(&report);
}

static void test_write_all(void)
{
	static const char *const files[] = { "results.json", "results.tap",
					     "junit.xml", "summary.md" };
	struct report report = { 0 };
	char dir[] = "/tmp/vcts-unit-XXXXXX";

	build_report(&report);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_EQUAL(report_write_all(&report, dir), 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *path = xasprintf("%s/%s", dir, files[i]);
		struct stat st;

		CU_ASSERT_EQUAL(stat(path, &st), 0);
		CU_ASSERT(st.st_size > 0);
		unlink(path);
		free(path);
	}
	rmdir(dir);
	report_free(&report);
}

static void test_counts(void)
{
	struct report report = { 0 };
	struct verdict_counts c;

	build_report(&report);
	report_count(&report, NULL, &c);
	CU_ASSERT_EQUAL(c.total, 5);
	CU_ASSERT_EQUAL(c.pass, 1);
	CU_ASSERT_EQUAL(c.fail, 1);
	CU_ASSERT_EQUAL(c.skip, 1);
	CU_ASSERT_EQUAL(c.timeout, 1);
	CU_ASSERT_EQUAL(c.crash, 1);
	CU_ASSERT_TRUE(verdict_is_failure(VERDICT_TIMEOUT));
	CU_ASSERT_FALSE(verdict_is_failure(VERDICT_SKIP));
	report_free(&report);
}

CU_TestInfo report_tests[] = {
	{ "JSON round trip", test_json_round_trip },
	{ "XML escaping", test_xml_escape },
	{ "JUnit shape", test_junit_shape },
	{ "TAP shape", test_tap_shape },
	{ "summary.md", test_summary_markdown },
	{ "write all files", test_write_all },
	{ "verdict counts", test_counts },
	CU_TEST_INFO_NULL,
};
