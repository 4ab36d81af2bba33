/*
 * libFuzzer entry point: the console path of one VM run, in the order
 * vm/vm_run.c drives it (on_console, on_protocol_line, run_process), fed
 * whatever bytes a guest could print. The line assembler cuts them into
 * candidate result lines, the parser judges each, the run state turns
 * them into results; then the run ends (the hypervisor exits, is killed
 * at the time limit or by a signal, or the user interrupts), leftovers
 * are settled, anomalies (garbled lines, protocol errors, an exit status
 * the lines disagree with) become error results, command_run.c decides from the `plan` lines whether a fresh
 * VM would resume the configuration and gives every planned pair without
 * a result its not-run result; everything is freed, so that LeakSanitizer
 * sees every allocation of the input come back.
 *
 * Left out, since they need a live hypervisor or disk images: answering
 * `request` lines (vm_run.c's answer_request; the run state ignores their
 * kind, as it does here) and the host checks after the run.
 *
 * Input: a flags byte, a chunking byte, then the console bytes.
 *   flags bit 0    sign: append the right " ~checksum" to every line that
 *                  holds "@vcts ", so that mutated lines still reach the
 *                  run state; without it the checksum itself is fuzzed
 *   flags bits 1-2 how the run ends (enum ending); bits 3-6 the exit status;
 *                  bit 7 the configuration: PCI, or mmio
 *   chunking       0: all bytes in one call; N: chunks of 1..N bytes, as
 *                  reads from the hypervisor's pipe come
 *
 * Oracles besides the sanitizers: the assembler emits the same lines
 * however the bytes are cut, each starting with "@vcts ", without LF, at
 * most VCTS_LINE_MAX + 1 bytes; once the run has ended no test is open
 * and no fail line is pending; a run that ends without summary or crash
 * gets a result saying so; every anomaly is an error result; a resume
 * point is the pair the VM reached; every planned pair has a result;
 * every result is announced, has all its strings and is counted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guest-kernel/lib/fnv.h"
#include "protocol/line_assembler.h"
#include "protocol/line_parser.h"
#include "protocol/run_state.h"
#include "results/results.h"
#include "tests/fuzz/fuzz_check.h"
#include "vm/config_resume.h"

#define PREFIX_LEN (sizeof(VCTS_LINE_PREFIX) - 1)
#define TRAILER_LEN 10		/* " ~" and eight hex digits */

enum ending {
	END_EXIT,		/* the hypervisor exited with a status */
	END_TIMEOUT,		/* killed at the time limit */
	END_SIGNAL,		/* killed by a signal */
	END_INTERRUPT,		/* the user interrupted: no event for the run state */
};

/* The lines an assembler emitted, as one hash, for comparing cuttings. */
struct emitted {
	uint32_t hash;
	size_t count;
};

struct console_run {
	struct run_state state;
	struct report *report;	/* outlives the state, as in command_run.c */
	struct vcts_line *line;
	struct emitted emitted;
	const struct vcts_config *config;
	uint64_t now_ms;
	/* Every result handed on, once each (an anomaly may hand one on again). */
	const struct result **announced;
	size_t announced_count, announced_cap;
};

/*
 * Big (60 KiB together) and set up afresh for each input: static, so that
 * an input costs no page faults for them. ASan still guards their ends.
 */
static struct vcts_line line;
static struct line_assembler assemblers[2];	/* chunked, and all at once */

/*
 * The devices a configuration attaches, where the kernel should find them;
 * vublk0 looks like blk to the kernel, so the configuration's type wins.
 */
static const struct device_instance rng0 = { .name = "rng0", .type = "rng", .pci_slot = 3 };
static const struct device_instance blk0 = { .name = "blk0", .type = "blk", .pci_slot = 4 };
static const struct device_instance vublk0 = {
	.name = "vublk0", .type = "vhost-user-blk", .pci_slot = 5,
};
static const struct device_instance *fuzz_devices[] = { &rng0, &blk0, &vublk0 };

/* QEMU's x86_64 mmio slots (microvm), so that mmio@ locations resolve. */
static const struct backend_arch fuzz_arches[] = {
	{ .arch = "x86_64", .mmio = { 0xfeb00000ull, 0x200, 8 } },
};
static const struct hypervisor_ops fuzz_hypervisor = {
	.name = "qemu", .arches = fuzz_arches, .arch_count = ARRAY_SIZE(fuzz_arches),
};

/* Configurations as plan/ would make them: PCI, and mmio (flags bit 7). */
static struct vcts_config fuzz_configs[] = {
	{
		.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
		.hypervisor_ops = &fuzz_hypervisor, .arch = "x86_64", .machine = "q35",
		.transport = "pci-modern", .mode = "modern", .bus = BUS_PCI,
		.devices = fuzz_devices, .device_count = ARRAY_SIZE(fuzz_devices),
	},
	{
		.name = "qemu-x86_64-microvm-mmio-v2-modern", .hypervisor = "qemu",
		.hypervisor_ops = &fuzz_hypervisor, .arch = "x86_64", .machine = "microvm",
		.transport = "mmio-v2", .mode = "modern", .bus = BUS_MMIO,
		.devices = fuzz_devices, .device_count = ARRAY_SIZE(fuzz_devices),
	},
};

static void record_line(struct emitted *em, const char *text, size_t len, bool overlong)
{
	FUZZ_CHECK(len >= PREFIX_LEN && !memcmp(text, VCTS_LINE_PREFIX, PREFIX_LEN),
		   "an emitted line starts with the prefix");
	FUZZ_CHECK(!memchr(text, '\n', len), "an emitted line holds no LF");
	FUZZ_CHECK(len <= VCTS_LINE_MAX + 1, "an emitted line fits the buffer");
	em->hash = fnv1a32_update(em->hash, text, len);
	em->hash = fnv1a32_update(em->hash, &overlong, sizeof(overlong));
	em->hash = fnv1a32_update(em->hash, &len, sizeof(len));
	em->count++;
}

/* vm_run.c's on_protocol_line, without the host action answer. */
static void on_protocol_line(void *ctx, const char *text, size_t len, bool overlong)
{
	struct console_run *cr = ctx;
	enum line_status status;

	record_line(&cr->emitted, text, len, overlong);
	cr->now_ms += 7;
	if (overlong) {
		run_state_garbled(&cr->state, "longer than 4096 bytes", text, len);
		return;
	}
	status = line_parse(text, len, cr->line);
	FUZZ_CHECK(status != LINE_NOT_PROTOCOL, "an emitted line is a protocol line");
	if (status == LINE_OK)
		run_state_line(&cr->state, cr->line, cr->now_ms);
	else
		run_state_garbled(&cr->state, cr->line->garbled_reason, text, len);
}

static void on_record_only(void *ctx, const char *text, size_t len, bool overlong)
{
	record_line(ctx, text, len, overlong);
}

static void on_note(void *ctx, const char *message)
{
	(void)ctx;
	FUZZ_CHECK(strlen(message) < 512, "a note fits its buffer");
}

static void on_result(void *ctx, struct result *result)
{
	struct console_run *cr = ctx;
	bool in_report = false;

	for (size_t i = 0; i < cr->report->result_count && !in_report; i++)
		in_report = cr->report->results[i] == result;
	FUZZ_CHECK(in_report, "an announced result is in the report");
	for (size_t i = 0; i < cr->announced_count; i++)
		if (cr->announced[i] == result)
			return;
	grow_array((void **)&cr->announced, &cr->announced_cap, cr->announced_count + 1,
		   sizeof(*cr->announced));
	cr->announced[cr->announced_count++] = result;
}

/* The last "@vcts " in @len bytes, or NULL: where the parser starts a line. */
static const uint8_t *last_prefix(const uint8_t *text, size_t len)
{
	const uint8_t *found = NULL;

	for (size_t i = 0; i + PREFIX_LEN <= len; i++)
		if (!memcmp(text + i, VCTS_LINE_PREFIX, PREFIX_LEN))
			found = text + i;
	return found;
}

/* One line (without its LF) into @out, signed if it holds a prefix; its new end. */
static char *sign_line(const uint8_t *line, size_t len, char *out)
{
	size_t body = len;
	const uint8_t *prefix;

	while (body && line[body - 1] == '\r')
		body--;
	prefix = last_prefix(line, body);
	memcpy(out, line, body);
	out += body;
	if (prefix) {
		uint32_t sum = line_checksum((const char *)prefix,
					     (size_t)(line + body - prefix));

		snprintf(out, TRAILER_LEN + 1, " ~%08x", (unsigned int)sum);
		out += TRAILER_LEN;
	}
	memcpy(out, line + body, len - body);	/* the CRs, after the checksum */
	return out + (len - body);
}

/* The console bytes with every result line signed; each line grows by at most the trailer. */
static char *sign_lines(const uint8_t *data, size_t size, size_t *out_len)
{
	size_t lines = 1;
	char *out, *at;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	out = xmalloc(size + lines * TRAILER_LEN + 1);
	at = out;
	for (size_t start = 0; start <= size; ) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - data) : size;

		at = sign_line(data + start, end - start, at);
		if (nl)
			*at++ = '\n';
		start = end + 1;
	}
	*out_len = (size_t)(at - out);
	return out;
}

/* Feed @len bytes in chunks of 1..@max (all at once when @max is 0). */
static void feed(struct line_assembler *la, const char *data, size_t len, uint8_t max)
{
	uint32_t rng = 0x9e3779b9u ^ max;

	while (len) {
		size_t chunk = len;

		if (max) {
			rng = rng * 1103515245u + 12345u;
			chunk = 1 + (rng >> 16) % max;
			if (chunk > len)
				chunk = len;
		}
		line_assembler_feed(la, data, chunk);
		data += chunk;
		len -= chunk;
	}
	line_assembler_flush(la);
}

/* settle_outcome: how the run ended, for the run state and the record. */
static void end_run(struct console_run *cr, enum ending ending, unsigned int status)
{
	struct run_state *rs = &cr->state;
	bool finished = rs->summary_seen || rs->crash_seen;
	size_t before = rs->report->result_count;
	char *how;

	cr->now_ms += 1000;
	rs->run->exited = ending == END_EXIT;
	rs->run->exit_status = ending == END_EXIT ? (int)status : 0;
	rs->run->signal = ending == END_SIGNAL ? (int)status : 0;
	rs->run->ended = xstrdup(ending == END_INTERRUPT ? "interrupted" :
				 ending == END_TIMEOUT ? "timeout" : "exit");
	if (ending == END_EXIT || ending == END_SIGNAL) {
		how = ending == END_EXIT ? xasprintf("exited with status %u", status)
					 : xasprintf("was killed by signal %u", status);
		run_state_hypervisor_exit(rs, how, cr->now_ms);
		free(how);
	} else if (ending == END_TIMEOUT) {
		run_state_timeout(rs, 30, cr->now_ms);
	}
	if (ending != END_INTERRUPT) {
		FUZZ_CHECK(!rs->open, "no test is open after the run ended");
		FUZZ_CHECK(rs->report->result_count == before + !finished,
			   "an unfinished run gets one result saying how it ended");
	}
	if (finished) {
		free(rs->run->ended);
		rs->run->ended = xstrdup(rs->summary_seen ? "summary" : "crash");
	}
}

/* The harness's own result @test ("kernel.protocol") is an error. */
static bool anomaly_reported(const struct console_run *cr, const char *test)
{
	const struct result *r = report_find_result(cr->report, test, cr->config, "");

	return r && r->verdict == VERDICT_ERROR;
}

/*
 * vm_run.c's check_exit_status, with QEMU's isa-debug-exit mapping of the
 * kernel's exit value v to status (v << 1) | 1.
 */
static void check_exit_status(struct console_run *cr)
{
	struct run_state *rs = &cr->state;
	int expected = (rs->crash_seen ? 2 : rs->summary_fail ? 1 : 0) << 1 | 1;
	char *msg;

	if (!rs->run->exited || (!rs->summary_seen && !rs->crash_seen) ||
	    rs->run->exit_status == expected)
		return;
	msg = xasprintf("exit status %d does not match the kernel's lines (expected %d)",
			rs->run->exit_status, expected);
	run_state_anomaly(rs, "kernel.exit_status", msg);
	free(msg);
	FUZZ_CHECK(anomaly_reported(cr, "kernel.exit_status"),
		   "an exit status the lines disagree with is an error result");
}

/* run_process after settle_outcome: leftovers and anomalies become results. */
static void finish_run(struct console_run *cr)
{
	const struct run_record *run = cr->state.run;

	run_state_finish(&cr->state);
	FUZZ_CHECK(cr->state.pending_count == 0, "no fail line is pending after finish");
	FUZZ_CHECK(!run->garbled_lines || anomaly_reported(cr, "kernel.garbled_lines"),
		   "garbled lines are an error result");
	FUZZ_CHECK(!run->protocol_errors || anomaly_reported(cr, "kernel.protocol"),
		   "protocol errors are an error result");
	check_exit_status(cr);
}

/*
 * command_run.c after the VM (run_vm, run_config): would a fresh VM resume
 * the configuration, then every planned pair without a result becomes
 * not-run. The run state is freed in between, as vm_run_release does.
 */
static void resume_step(struct console_run *cr, bool interrupted)
{
	struct config_resume resume = { 0 };

	if (config_resume_needed(&resume, &cr->state, interrupted))
		FUZZ_CHECK(resume.test && resume.device && cr->state.reached_test &&
			   !strcmp(resume.test, cr->state.reached_test),
			   "a fresh VM resumes after the pair this one reached");
	run_state_free(&cr->state);
	config_resume_fill_not_run(&resume, cr->report, cr->config, on_result, cr);
	for (size_t i = 0; i < resume.plan_count; i++)
		FUZZ_CHECK(report_find_result(cr->report, resume.plan[i].test, cr->config,
					      resume.plan[i].device),
			   "every planned pair has a result");
	config_resume_release(&resume);
}

static void check_results(const struct console_run *cr, const struct report *report)
{
	struct verdict_counts counts;

	FUZZ_CHECK(cr->announced_count == report->result_count, "every result is announced");
	for (size_t i = 0; i < report->result_count; i++) {
		const struct result *r = report->results[i];

		FUZZ_CHECK(r->test && r->device && r->device_type && r->message && r->log,
			   "a result has all its strings");
		FUZZ_CHECK((int)r->verdict >= 0 && r->verdict < VERDICT_COUNT,
			   "a result has a verdict");
	}
	/* What `vcts run` and every report do with the results: count them. */
	report_count(report, NULL, &counts);
	FUZZ_CHECK(counts.total == report->result_count, "every result is counted");
}

/* The same bytes in one piece: the lines must not depend on the cutting. */
static void check_cutting(const char *data, size_t len, const struct emitted *chunked)
{
	struct line_assembler *la = &assemblers[1];
	struct emitted whole = { FNV1A32_INIT, 0 };

	line_assembler_init(la, on_record_only, &whole);
	feed(la, data, len, 0);
	FUZZ_CHECK(whole.count == chunked->count && whole.hash == chunked->hash,
		   "the lines do not depend on how the bytes are cut");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report report = { 0 };
	struct console_run cr = { .report = &report, .emitted = { FNV1A32_INIT, 0 } };
	enum ending ending;
	struct line_assembler *la = &assemblers[0];
	uint8_t flags = size > 0 ? data[0] : 0, chunking = size > 1 ? data[1] : 0;
	const uint8_t *console = data + (size > 2 ? 2 : size);
	size_t len = size > 2 ? size - 2 : 0;
	char *text = (flags & 1) ? sign_lines(console, len, &len) : NULL;
	const char *bytes = text ? text : (const char *)console;

	cr.config = &fuzz_configs[flags >> 7];
	run_state_init(&cr.state, &report, report_add_run(&report, cr.config),
		       "logs/fuzz.log");
	cr.state.on_result = on_result;
	cr.state.on_note = on_note;
	cr.state.ctx = &cr;
	cr.line = &line;
	line_assembler_init(la, on_protocol_line, &cr);
	feed(la, bytes, len, chunking);
	ending = (enum ending)(flags >> 1 & 3);
	end_run(&cr, ending, flags >> 3 & 15);
	finish_run(&cr);
	check_cutting(bytes, len, &cr.emitted);
	resume_step(&cr, ending == END_INTERRUPT);
	check_results(&cr, &report);
	report_free(&report);
	free(cr.announced);
	free(text);
	return 0;
}
