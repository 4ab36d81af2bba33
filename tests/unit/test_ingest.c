/*
 * vcts ingest's reading of a captured log: the noise filter
 * (harness/protocol/console_filter.c) and the log through the run state
 * (harness/cli/ingest_log.c), with logs built from real result lines.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/ingest_log.h"
#include "protocol/console_filter.h"
#include "protocol/line_encode.h"
#include "vm/config_resume.h"

static struct strlist harness_lines;

static void keep_harness_line(void *ctx, const char *text)
{
	(void)ctx;
	strlist_add(&harness_lines, text);
}

/* @input through a filter, @chunk bytes at a time (0: at once). */
static char *filtered(const char *input, size_t len, size_t chunk)
{
	struct console_filter f;
	struct strbuf out = { 0 };

	console_filter_init(&f);
	f.on_harness_line = keep_harness_line;
	for (size_t at = 0; at < len; at += chunk ? chunk : len)
		console_filter_feed(&f, input + at,
				    chunk && len - at > chunk ? chunk : len - at, &out);
	console_filter_finish(&f, &out);
	console_filter_release(&f);
	return strbuf_detach(&out);
}

static void test_filter_drops_noise(void)
{
	static const char input[] =
		"\x1b[2J\x1b[1;1HSeaBIOS\r\n"		/* CSI */
		"\x1b]0;title\x07GRUB\x1b" "7\r\n"	/* OSC to BEL, ESC and one byte */
		"\x1b[32m@vcts end x ~0\x1b[0m\r\n"	/* colour around a line */
		"vcts: answer: @vcts answer id=1\n"	/* the harness's own line */
		"xvcts: kept\nvcts:kept\nvcts\n"	/* not the harness's prefix */
		"\x1bPdevice string\x1b\\after\n"	/* DCS to ST */
		"\x1b[12;3\nnext\n"			/* a newline ends a broken sequence */
		"vcts: last without newline";
	static const char expected[] =
		"SeaBIOS\nGRUB\n@vcts end x ~0\nxvcts: kept\nvcts:kept\nvcts\nafter\n\nnext\n";

	for (size_t chunk = 0; chunk <= 3; chunk++) {
		char *out = filtered(input, sizeof(input) - 1, chunk);

		CU_ASSERT_STRING_EQUAL(out, expected);
		CU_ASSERT_EQUAL(harness_lines.count, 2);
		if (harness_lines.count == 2) {
			CU_ASSERT_STRING_EQUAL(harness_lines.items[0], "answer: @vcts answer id=1");
			CU_ASSERT_STRING_EQUAL(harness_lines.items[1], "last without newline");
		}
		strlist_clear(&harness_lines);
		free(out);
	}
}

/* A result line as the kernel prints it: kind and key/value pairs. */
static void add_line(struct strbuf *log, const char *kind, const char *const *pairs)
{
	struct line_builder lb;
	char *line;

	line_builder_begin(&lb, kind);
	for (; pairs[0] && pairs[1]; pairs += 2)
		line_builder_add(&lb, pairs[0], pairs[1]);
	line = line_builder_finish(&lb);
	/* As a serial line with CR LF ends delivers it. */
	line[strlen(line) - 1] = '\0';
	strbuf_addstr(log, line);
	strbuf_addstr(log, "\r\n");
	free(line);
}

#define LINE(log, kind, ...) add_line(log, kind, (const char *const[]){ __VA_ARGS__, NULL })

static char log_path[64];

static void write_log(const struct strbuf *log)
{
	FILE *f;

	snprintf(log_path, sizeof(log_path), "/tmp/vcts-unit-ingest-%d.log", (int)getpid());
	f = fopen(log_path, "wb");
	fwrite(log->buf, 1, log->len, f);
	fclose(f);
}

static void start_vm(struct strbuf *log, const char *cmdline)
{
	LINE(log, "hello", "proto", "1", "kernel", "0.1.0", "arch", "x86_64", "boot", "pvh",
	     "cmdline", cmdline);
	LINE(log, "config", "transport", "mmio-v2", "mode", "modern", "seed", "7", "filter", "*");
	LINE(log, "device", "name", "rng0", "type", "rng", "location", "mmio@0xfeb00e00");
}

static void plan_three(struct strbuf *log)
{
	LINE(log, "plan", "test", "t.one", "device", "rng0");
	LINE(log, "plan", "test", "t.two", "device", "rng0");
	LINE(log, "plan", "test", "t.three", "device", "rng0");
}

static struct run_settings settings = { .output = "/tmp" };
static struct vcts_config config = {
	.name = "vbox-x86_64-pc-mmio-v2-modern", .hypervisor = "virtualbox",
	.settings = &settings, .arch = "x86_64", .machine = "pc", .transport = "mmio-v2",
	.mode = "modern", .bus = BUS_MMIO,
};

static const char *verdict_of(const struct report *report, const char *test)
{
	const struct result *r = report_find_result(report, test, &config, "rng0");

	return r ? verdict_name(r->verdict) : "(none)";
}

/* Facts first; then the lines as a live run reads them, noise and all. */
static void test_ingested_log_gives_results(void)
{
	struct strbuf log = { 0 };
	struct ingest_log in;
	struct report report = { 0 };
	struct config_resume cr = { 0 };
	char err[256];

	strbuf_addstr(&log, "\x1b[0mBIOS noise\r\n");
	start_vm(&log, "vcts.seed=7");
	plan_three(&log);
	LINE(&log, "begin", "test", "t.one", "device", "rng0");
	LINE(&log, "end", "test", "t.one", "device", "rng0", "verdict", "pass", "checks", "3",
	     "ms", "5");
	LINE(&log, "begin", "test", "t.two", "device", "rng0");
	LINE(&log, "fail", "test", "t.two", "device", "rng0", "file", "x.c", "line", "9",
	     "clause", "c", "msg", "bad");
	/* The capture stops here: no end, no summary. */
	write_log(&log);
	CU_ASSERT_EQUAL_FATAL(ingest_log_load(&in, log_path, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(in.facts.hellos, 1);
	CU_ASSERT_STRING_EQUAL(in.facts.arch, "x86_64");
	CU_ASSERT_STRING_EQUAL(in.facts.transport, "mmio-v2");
	CU_ASSERT_STRING_EQUAL(in.facts.mode, "modern");
	CU_ASSERT(!in.facts.resumed);
	CU_ASSERT(strlist_contains(&in.facts.device_types, "rng"));
	ingest_log_feed(&in, &report, &config, &cr, NULL);
	config_resume_fill_not_run(&cr, &report, &config, NULL, NULL);
	CU_ASSERT_STRING_EQUAL(verdict_of(&report, "t.one"), "pass");
	/* The test the log stops in crashed, with its fail line; the rest never ran. */
	CU_ASSERT_STRING_EQUAL(verdict_of(&report, "t.two"), "crash");
	CU_ASSERT_PTR_NOT_NULL(strstr(report_find_result(&report, "t.two", &config, "rng0")->message,
				      "the log stops here"));
	CU_ASSERT_STRING_EQUAL(verdict_of(&report, "t.three"), "not-run");
	CU_ASSERT_EQUAL_FATAL(report.run_count, 1);
	CU_ASSERT_STRING_EQUAL(report.runs[0]->ended, "log-ended");
	CU_ASSERT_EQUAL(report.runs[0]->seed, 7);
	CU_ASSERT_STRING_EQUAL(report.runs[0]->log, in.name);
	config_resume_release(&cr);
	report_free(&report);
	ingest_log_release(&in);
	strbuf_release(&log);
	unlink(log_path);
}

/*
 * A log that goes on across boots: each hello is a VM of its own; a
 * resumed one is recognised, and a complete VM ends with its summary.
 */
static void test_one_vm_per_hello(void)
{
	struct strbuf log = { 0 };
	struct ingest_log in;
	struct report report = { 0 };
	struct config_resume cr = { 0 };
	char err[256];

	start_vm(&log, "vcts.seed=7");
	plan_three(&log);
	LINE(&log, "begin", "test", "t.one", "device", "rng0");
	LINE(&log, "crash", "test", "t.one", "device", "rng0", "vector", "13", "msg", "boom");
	start_vm(&log, "vcts.seed=7 vcts.resume=t.one/rng0");
	LINE(&log, "plan", "test", "t.two", "device", "rng0");
	LINE(&log, "plan", "test", "t.three", "device", "rng0");
	LINE(&log, "begin", "test", "t.two", "device", "rng0");
	LINE(&log, "end", "test", "t.two", "device", "rng0", "verdict", "skip", "reason", "no");
	LINE(&log, "begin", "test", "t.three", "device", "rng0");
	LINE(&log, "end", "test", "t.three", "device", "rng0", "verdict", "pass", "checks", "1");
	LINE(&log, "summary", "pass", "1", "fail", "0", "skip", "1", "tests", "2");
	write_log(&log);
	CU_ASSERT_EQUAL_FATAL(ingest_log_load(&in, log_path, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(in.facts.hellos, 2);
	ingest_log_feed(&in, &report, &config, &cr, NULL);
	config_resume_fill_not_run(&cr, &report, &config, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.run_count, 2);
	CU_ASSERT_STRING_EQUAL(report.runs[0]->ended, "crash");
	CU_ASSERT_STRING_EQUAL(report.runs[1]->ended, "summary");
	CU_ASSERT_STRING_EQUAL(report.runs[1]->resumed_after ? report.runs[1]->resumed_after : "",
			       "t.one/rng0");
	CU_ASSERT_STRING_EQUAL(verdict_of(&report, "t.one"), "crash");
	CU_ASSERT_STRING_EQUAL(verdict_of(&report, "t.two"), "skip");
	CU_ASSERT_STRING_EQUAL(verdict_of(&report, "t.three"), "pass");
	CU_ASSERT_EQUAL(report.result_count, 3);
	config_resume_release(&cr);
	report_free(&report);
	ingest_log_release(&in);
	strbuf_release(&log);
	unlink(log_path);
}

/* A host check needs the disk image: without --images its outcome is a skip that says so. */
static void test_host_check_without_images(void)
{
	struct strbuf log = { 0 };
	struct ingest_log in;
	struct report report = { 0 };
	struct config_resume cr = { 0 };
	const struct result *r;
	char err[256];

	start_vm(&log, "");
	LINE(&log, "host-check", "test", "t.disk", "device", "rng0", "what", "blk-pattern",
	     "lba", "0", "count", "1", "seed", "1");
	LINE(&log, "summary", "pass", "0", "fail", "0", "skip", "0", "tests", "0");
	write_log(&log);
	CU_ASSERT_EQUAL_FATAL(ingest_log_load(&in, log_path, err, sizeof(err)), 0);
	ingest_log_feed(&in, &report, &config, &cr, NULL);
	r = report_find_result(&report, "t.disk", &config, "rng0");
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT_EQUAL(r->verdict, VERDICT_SKIP);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->message, "without the disk images (--images DIR)"));
	config_resume_release(&cr);
	report_free(&report);
	ingest_log_release(&in);
	strbuf_release(&log);
	unlink(log_path);
}

static void test_no_hello_is_an_error(void)
{
	struct strbuf log = { 0 };
	struct ingest_log in;
	char err[256] = "";

	strbuf_addstr(&log, "GRUB loading.\r\nvcts: vcts 0.1.0, configuration x\r\n");
	write_log(&log);
	CU_ASSERT_EQUAL(ingest_log_load(&in, log_path, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "no hello line of the vcts kernel in it"));
	ingest_log_release(&in);
	CU_ASSERT_EQUAL(ingest_log_load(&in, "/nonexistent/x.log", err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "cannot read /nonexistent/x.log"));
	ingest_log_release(&in);
	strbuf_release(&log);
	unlink(log_path);
}

/* A log of ours: its header fills the run record. */
static void test_header_of_our_log(void)
{
	struct strbuf log = { 0 };
	struct ingest_log in;
	char err[256];

	strbuf_addstr(&log, "vcts: vcts 0.1.0, configuration qemu-x\n"
			    "vcts: QEMU emulator version 7.2.22\n"
			    "vcts: accel tcg (/dev/kvm does not exist)\n"
			    "vcts: command: qemu-system-x86_64 -kernel k\n");
	start_vm(&log, "");
	write_log(&log);
	CU_ASSERT_EQUAL_FATAL(ingest_log_load(&in, log_path, err, sizeof(err)), 0);
	CU_ASSERT(in.facts.ours);
	CU_ASSERT_STRING_EQUAL(in.facts.hypervisor_version, "QEMU emulator version 7.2.22");
	CU_ASSERT_STRING_EQUAL(in.facts.accel, "tcg");
	CU_ASSERT_STRING_EQUAL(in.facts.accel_reason, "/dev/kvm does not exist");
	CU_ASSERT_STRING_EQUAL(in.facts.command, "qemu-system-x86_64 -kernel k");
	ingest_log_release(&in);
	strbuf_release(&log);
	unlink(log_path);
}

CU_TestInfo ingest_tests[] = {
	{ "the filter drops escapes, CR and our lines", test_filter_drops_noise },
	{ "a truncated log: crash and not-run", test_ingested_log_gives_results },
	{ "one VM per hello", test_one_vm_per_hello },
	{ "a host check without images", test_host_check_without_images },
	{ "no hello line is an error", test_no_hello_is_an_error },
	{ "the header of our own log", test_header_of_our_log },
	CU_TEST_INFO_NULL,
};
