/*
 * The run state machine. The kernel's lines are the truth, but the kernel
 * can be buggy or die at any point: every event a well-behaved kernel
 * would never produce (an end without begin, a begin over an open test)
 * is handled deterministically and noted, never guessed about.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_fields.h"
#include "protocol/run_state.h"
#include "text.h"

void run_state_init(struct run_state *rs, struct report *report,
		    struct run_record *run, const char *log)
{
	memset(rs, 0, sizeof(*rs));
	rs->report = report;
	rs->run = run;
	rs->config = run->config;
	rs->log = xstrdup(log);
}

static void note(struct run_state *rs, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void note(struct run_state *rs, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (rs->on_note)
		rs->on_note(rs->ctx, buf);
}

void run_state_protocol_error(struct run_state *rs, const char *what)
{
	rs->run->protocol_errors++;
	note(rs, "protocol error: %s", what);
}

struct result *run_state_new_result(struct run_state *rs, const char *test,
				    const char *device)
{
	char *type = run_state_device_type(rs, device);
	struct result *r = report_add_result(rs->report, test, rs->config,
					     device, type);

	free(type);
	free(r->log);
	r->log = xstrdup(rs->log);
	return r;
}

void run_state_announce(struct run_state *rs, struct result *r)
{
	if (rs->on_result)
		rs->on_result(rs->ctx, r);
}

/* Move the pending fail lines of @test on @device into @r. */
static void claim_failures(struct run_state *rs, struct result *r,
			   const char *test, const char *device)
{
	size_t kept = 0;

	for (size_t i = 0; i < rs->pending_count; i++) {
		struct pending_failure *p = &rs->pending[i];

		if (strcmp(p->test, test) || strcmp(p->device, device)) {
			rs->pending[kept++] = *p;
			continue;
		}
		result_add_failure(r, &p->failure);
		failure_release(&p->failure);
		free(p->test);
		free(p->device);
	}
	rs->pending_count = kept;
}

static void close_open_test(struct run_state *rs)
{
	free(rs->open_test);
	free(rs->open_device);
	rs->open_test = NULL;
	rs->open_device = NULL;
	rs->open = false;
}

/*
 * End the open test with a verdict the harness gives (timeout, crash);
 * fail lines it printed before dying go into the message too.
 */
static struct result *end_open_test(struct run_state *rs, enum verdict verdict,
				    const char *message, uint64_t now_ms)
{
	struct result *r = run_state_new_result(rs, rs->open_test, rs->open_device);
	struct strbuf sb = { 0 };

	r->verdict = verdict;
	r->duration_ms = (long)(now_ms - rs->open_since_ms);
	claim_failures(rs, r, rs->open_test, rs->open_device);
	result_set_message_from_failures(r, NULL);
	strbuf_addstr(&sb, message);
	if (*r->message)
		strbuf_addf(&sb, "\n%s", r->message);
	free(r->message);
	r->message = strbuf_detach(&sb);
	close_open_test(rs);
	run_state_announce(rs, r);
	return r;
}

/* A result for the run as a whole when no test was open. */
static void pseudo_test(struct run_state *rs, enum verdict verdict,
			const char *device, const char *message)
{
	const char *test = rs->any_test_begun ? "kernel.run" : "kernel.boot";
	struct result *r = run_state_new_result(rs, test, device);

	r->verdict = verdict;
	result_set_message(r, message);
	run_state_announce(rs, r);
}

static void handle_hello(struct run_state *rs, const struct vcts_line *line)
{
	const char *proto = line_get(line, "proto");

	rs->hello_seen = true;
	free(rs->run->kernel_version);
	rs->run->kernel_version = line_field_text(line, "kernel");
	if (!proto || strcmp(proto, "1"))
		note(rs, "the kernel speaks protocol version %s; this harness speaks 1",
		     proto ? proto : "(none)");
}

static void handle_config(struct run_state *rs, const struct vcts_line *line)
{
	const char *transport = line_get(line, "transport");
	const char *mode = line_get(line, "mode");

	if (transport && strcmp(transport, rs->config->transport))
		note(rs, "the kernel runs transport %s, the harness configured %s",
		     transport, rs->config->transport);
	if (mode && strcmp(mode, rs->config->mode))
		note(rs, "the kernel runs mode %s, the harness configured %s",
		     mode, rs->config->mode);
}

static void handle_begin(struct run_state *rs, const struct vcts_line *line,
			 uint64_t now_ms)
{
	if (!line_get(line, "test")) {
		run_state_protocol_error(rs, "begin line without test");
		return;
	}
	if (rs->open) {
		char *next = line_field_text(line, "test");
		char *msg = xasprintf("the kernel began %s before ending this test (protocol error)", next);

		run_state_protocol_error(rs, msg);
		end_open_test(rs, VERDICT_CRASH, msg, now_ms);
		free(msg);
		free(next);
	}
	rs->open = true;
	rs->any_test_begun = true;
	rs->open_test = line_field_text(line, "test");
	rs->open_device = line_field_text(line, "device");
	/* Where a fresh VM resumes should this one die from here on. */
	free(rs->reached_test);
	free(rs->reached_device);
	rs->reached_test = xstrdup(rs->open_test);
	rs->reached_device = xstrdup(rs->open_device);
	rs->open_since_ms = now_ms;
}

static void handle_fail(struct run_state *rs, const struct vcts_line *line)
{
	struct pending_failure *p;

	if (!line_get(line, "test")) {
		run_state_protocol_error(rs, "fail line without test");
		return;
	}
	grow_array((void **)&rs->pending, &rs->pending_cap, rs->pending_count + 1,
		   sizeof(*rs->pending));
	p = &rs->pending[rs->pending_count++];
	p->test = line_field_text(line, "test");
	p->device = line_field_text(line, "device");
	p->failure.file = line_field_text(line, "file");
	p->failure.line = line_field_number(line, "line", 0);
	p->failure.clause = line_field_text(line, "clause");
	p->failure.expected = line_field_text(line, "expected");
	p->failure.actual = line_field_text(line, "actual");
	p->failure.msg = line_field_text(line, "msg");
	/* A kernel before severities: every failed check was a MUST. */
	p->failure.severity = line_get(line, "severity") ? line_field_text(line, "severity") :
				xstrdup("must");
	p->failure.check = line_field_text(line, "check");
}

static bool parse_verdict(const char *text, enum verdict *verdict)
{
	if (!strcmp(text, "pass"))
		*verdict = VERDICT_PASS;
	else if (!strcmp(text, "fail"))
		*verdict = VERDICT_FAIL;
	else if (!strcmp(text, "skip"))
		*verdict = VERDICT_SKIP;
	else if (!strcmp(text, "warn"))
		*verdict = VERDICT_WARN;
	else if (!strcmp(text, "note"))
		*verdict = VERDICT_NOTE;
	else
		return false;
	return true;
}

/* Verdict and message of an end line, given the fail lines it collected. */
static void settle_end_verdict(struct run_state *rs, struct result *r,
			       const struct vcts_line *line)
{
	const char *text = line_get(line, "verdict");
	char *reason = line_field_text(line, "reason");

	if (!text || !parse_verdict(text, &r->verdict)) {
		char *shown = line_field_text(line, "verdict");
		char *msg = xasprintf("the kernel reported an unknown verdict '%s'", shown);

		r->verdict = VERDICT_FAIL;
		result_set_message_from_failures(r, msg);
		run_state_protocol_error(rs, msg);
		free(msg);
		free(shown);
	} else if (r->verdict == VERDICT_PASS && r->failure_count) {
		r->verdict = VERDICT_FAIL;
		result_set_message_from_failures(r, NULL);
		note(rs, "%s on %s: verdict pass with fail lines; counted as fail",
		     r->test, r->device);
	} else if (r->verdict == VERDICT_PASS && line_field_number(line, "checks", -1) == 0) {
		/* DESIGN: a vacuous pass is a defect of the test, not a verdict on the device. */
		r->verdict = VERDICT_ERROR;
		result_set_message(r, "a pass with no checks: this test could not have failed");
	} else if (r->verdict == VERDICT_FAIL || r->verdict == VERDICT_WARN ||
		   r->verdict == VERDICT_NOTE) {
		result_set_message_from_failures(r, *reason ? reason :
			"the kernel reported a failure without details");
	} else if (r->verdict == VERDICT_SKIP) {
		result_set_message(r, reason);
	}
	free(reason);
}

static void handle_end(struct run_state *rs, const struct vcts_line *line,
		       uint64_t now_ms)
{
	char *test, *device;
	struct result *r;
	bool matches_open;

	if (!line_get(line, "test")) {
		run_state_protocol_error(rs, "end line without test");
		return;
	}
	test = line_field_text(line, "test");
	device = line_field_text(line, "device");
	matches_open = rs->open && !strcmp(rs->open_test, test) &&
		       !strcmp(rs->open_device, device);
	if (rs->open && !matches_open) {
		char *msg = xasprintf("end of %s on %s while %s on %s is open",
				      test, device, rs->open_test, rs->open_device);

		run_state_protocol_error(rs, msg);
		free(msg);
	}
	r = run_state_new_result(rs, test, device);
	line_field_list(line, "clauses", &r->clauses);
	r->duration_ms = line_field_number(line, "ms", -1);
	if (r->duration_ms < 0)
		r->duration_ms = matches_open ? (long)(now_ms - rs->open_since_ms) : 0;
	claim_failures(rs, r, test, device);
	settle_end_verdict(rs, r, line);
	if (matches_open)
		close_open_test(rs);
	rs->tests_ended++;
	free(test);
	free(device);
	run_state_announce(rs, r);
}

static void handle_host_check(struct run_state *rs, const struct vcts_line *line)
{
	struct host_check_request *hc;

	if (!line_get(line, "test") || !line_get(line, "what")) {
		run_state_protocol_error(rs, "host-check line without test or what");
		return;
	}
	grow_array((void **)&rs->host_checks, &rs->host_check_cap,
		   rs->host_check_count + 1, sizeof(*rs->host_checks));
	hc = &rs->host_checks[rs->host_check_count++];
	memset(hc, 0, sizeof(*hc));
	hc->test = line_field_text(line, "test");
	hc->device = line_field_text(line, "device");
	hc->what = line_field_text(line, "what");
	line_field_list(line, "clauses", &hc->clauses);
	hc->lba = line_field_text(line, "lba");
	hc->count = line_field_text(line, "count");
	hc->seed = line_field_text(line, "seed");
}

static char *describe_crash(const struct vcts_line *line)
{
	static const char *const keys[] = { "vector", "name", "ip", "error", "address" };
	char *msg = line_field_text(line, "msg");
	struct strbuf sb = { 0 };

	strbuf_addstr(&sb, "kernel crash:");
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		char *v = line_field_text(line, keys[i]);

		if (*v)
			strbuf_addf(&sb, " %s=%s", keys[i], v);
		free(v);
	}
	if (*msg)
		strbuf_addf(&sb, ": %s", msg);
	free(msg);
	return strbuf_detach(&sb);
}

static void handle_crash(struct run_state *rs, const struct vcts_line *line,
			 uint64_t now_ms)
{
	char *msg = describe_crash(line);
	char *test = line_field_text(line, "test");
	char *device = line_field_text(line, "device");

	rs->crash_seen = true;
	if (rs->open) {
		end_open_test(rs, VERDICT_CRASH, msg, now_ms);
	} else if (*test) {
		struct result *r = run_state_new_result(rs, test, device);

		r->verdict = VERDICT_CRASH;
		claim_failures(rs, r, test, device);
		result_set_message(r, msg);
		run_state_announce(rs, r);
	} else {
		pseudo_test(rs, VERDICT_CRASH, device, msg);
	}
	free(msg);
	free(test);
	free(device);
}

static void handle_summary(struct run_state *rs, const struct vcts_line *line,
			   uint64_t now_ms)
{
	rs->summary_seen = true;
	rs->summary_fail = line_field_number(line, "fail", 0);
	rs->summary_tests = line_field_number(line, "tests", -1);
	if (rs->open) {
		run_state_protocol_error(rs, "summary while a test is open");
		end_open_test(rs, VERDICT_CRASH,
			      "the kernel printed its summary before this test ended",
			      now_ms);
	}
	if (rs->summary_tests >= 0 && (size_t)rs->summary_tests != rs->tests_ended) {
		char *msg = xasprintf("the kernel's summary counts %ld tests, the harness saw %zu end lines",
				      rs->summary_tests, rs->tests_ended);

		note(rs, "%s", msg);
		run_state_anomaly(rs, "kernel.summary", msg);
		free(msg);
	}
}

/*
 * `done`: the run is over, whatever follows. A test still open gets a
 * crash, as after a summary that comes too early.
 */
static void handle_done(struct run_state *rs, const struct vcts_line *line,
			uint64_t now_ms)
{
	rs->done_seen = true;
	rs->done_ms = now_ms;
	free(rs->done_exit);
	rs->done_exit = line_field_text(line, "exit");
	if (rs->open) {
		run_state_protocol_error(rs, "done while a test is open");
		end_open_test(rs, VERDICT_CRASH,
			      "the kernel printed its done line before this test ended", now_ms);
	}
}

void run_state_line(struct run_state *rs, const struct vcts_line *line,
		    uint64_t now_ms)
{
	const char *kind = line->kind;

	/*
	 * After its summary or a crash the kernel has nothing more to say but
	 * `done`, and after `done` nothing at all.
	 */
	if (rs->done_seen ||
	    ((rs->summary_seen || rs->crash_seen) && strcmp(kind, "host-check") &&
	     strcmp(kind, "done"))) {
		note(rs, "ignored a %s line after the end of the run", kind);
		return;
	}
	if (!strcmp(kind, "hello"))
		handle_hello(rs, line);
	else if (!strcmp(kind, "config"))
		handle_config(rs, line);
	else if (!strcmp(kind, "device"))
		run_device_line(rs, line);
	else if (!strcmp(kind, "list"))
		run_list_line(rs, line);
	else if (!strcmp(kind, "plan"))
		run_plan_line(rs, line);
	else if (!strcmp(kind, "begin"))
		handle_begin(rs, line, now_ms);
	else if (!strcmp(kind, "fail"))
		handle_fail(rs, line);
	else if (!strcmp(kind, "end"))
		handle_end(rs, line, now_ms);
	else if (!strcmp(kind, "host-check"))
		handle_host_check(rs, line);
	else if (!strcmp(kind, "crash"))
		handle_crash(rs, line, now_ms);
	else if (!strcmp(kind, "summary"))
		handle_summary(rs, line, now_ms);
	else if (!strcmp(kind, "done"))
		handle_done(rs, line, now_ms);
	/* Unknown kinds are ignored: the protocol may grow. */
}

void run_state_garbled(struct run_state *rs, const char *reason,
		       const char *text, size_t len)
{
	char *shown = text_from_bytes(text, len > 200 ? 200 : len);

	rs->run->garbled_lines++;
	note(rs, "garbled line (%s), ignored: %s%s", reason, shown,
	     len > 200 ? "..." : "");
	free(shown);
}

void run_state_timeout(struct run_state *rs, unsigned int timeout_s,
		       uint64_t now_ms)
{
	char *msg;

	if (rs->summary_seen || rs->crash_seen || rs->done_seen) {
		note(rs, "the kernel finished but the VM did not exit within %u s", timeout_s);
		return;
	}
	if (rs->open) {
		msg = xasprintf("no result within %u s; VM killed", timeout_s);
		end_open_test(rs, VERDICT_TIMEOUT, msg, now_ms);
	} else {
		msg = xasprintf("no summary within %u s and no test running; VM killed",
				timeout_s);
		pseudo_test(rs, VERDICT_TIMEOUT, "", msg);
	}
	free(msg);
}

void run_state_hypervisor_exit(struct run_state *rs, const char *how,
			       uint64_t now_ms)
{
	char *msg;

	if (rs->summary_seen || rs->crash_seen || rs->done_seen)
		return;
	if (rs->open) {
		msg = xasprintf("hypervisor %s before the test ended", how);
		end_open_test(rs, VERDICT_CRASH, msg, now_ms);
	} else {
		msg = xasprintf("hypervisor %s before the kernel's summary", how);
		pseudo_test(rs, VERDICT_CRASH, "", msg);
	}
	free(msg);
}

void run_state_finish(struct run_state *rs)
{
	/* Fail lines whose test never printed an end: still failures. */
	while (rs->pending_count) {
		char *test = xstrdup(rs->pending[0].test);
		char *device = xstrdup(rs->pending[0].device);
		struct result *r = run_state_new_result(rs, test, device);

		r->verdict = VERDICT_FAIL;
		claim_failures(rs, r, test, device);
		result_set_message_from_failures(r, NULL);
		run_state_protocol_error(rs, "fail lines without an end line");
		run_state_announce(rs, r);
		free(test);
		free(device);
	}
	run_state_report_anomalies(rs);
}

bool run_state_has_host_check(const struct run_state *rs, const char *test,
			      const char *device)
{
	for (size_t i = 0; i < rs->host_check_count; i++)
		if (!strcmp(rs->host_checks[i].test, test) &&
		    !strcmp(rs->host_checks[i].device, device))
			return true;
	return false;
}

void run_state_free(struct run_state *rs)
{
	run_inventory_free(rs);
	for (size_t i = 0; i < rs->host_check_count; i++) {
		struct host_check_request *hc = &rs->host_checks[i];

		free(hc->test);
		free(hc->device);
		free(hc->what);
		strlist_clear(&hc->clauses);
		free(hc->lba);
		free(hc->count);
		free(hc->seed);
	}
	for (size_t i = 0; i < rs->pending_count; i++) {
		failure_release(&rs->pending[i].failure);
		free(rs->pending[i].test);
		free(rs->pending[i].device);
	}
	free(rs->pending);
	free(rs->host_checks);
	free(rs->open_test);
	free(rs->done_exit);
	free(rs->open_device);
	run_plan_free(rs);
	free(rs->log);
	memset(rs, 0, sizeof(*rs));
}
