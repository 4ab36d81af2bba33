/*
 * The glue of one VM run. The console goes byte for byte into the log and
 * through the line assembler into the run state; everything the harness
 * itself has to say about the run goes into the same log, on lines that
 * start with "vcts: ", so that the log alone tells the whole story.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/console.h"
#include "plan/exit_method.h"
#include "vm/disk_image.h"
#include "vm/kernel_cmdline.h"
#include "vm/host_actions.h"
#include "vm/host_checks.h"
#include "text.h"
#include "vm/vm_process.h"
#include "vm/vm_run.h"

/*
 * How long a VM may go on after the kernel's `done` before the harness
 * stops it (docs/exits.md). Every method that ends a VM by itself did so
 * here 7 to 36 ms after `done` under TCG (ACPI S5, reset with -no-reboot,
 * debug-exit, PSCI; the log says how long each time); a second leaves a
 * slower hypervisor or a loaded host 25 times that, and costs a halted VM
 * (which never ends by itself) no more than a second. Nothing is lost
 * either way: after `done` the kernel has nothing more to say.
 */
#define DONE_GRACE_MS 1000

/*
 * The harness's lines go between the guest's lines, never into one: a
 * line that arrives while the guest is half-way through one waits for its
 * end, so that the log read again (vcts ingest) has every guest line
 * whole.
 */
static void log_text_line(struct vm_run *vr, const char *prefix, const char *text)
{
	if (!vr->log)
		return;
	if (!vr->log_at_line_start) {
		strbuf_addf(&vr->held_log_lines, "%s%s\n", prefix, text);
		return;
	}
	fprintf(vr->log, "%s%s\n", prefix, text);
}

/* The lines held while the guest was mid-line; at the end, after a newline. */
static void release_held_lines(struct vm_run *vr)
{
	if (!vr->held_log_lines.len)
		return;
	if (!vr->log_at_line_start)
		fputc('\n', vr->log);
	fputs(vr->held_log_lines.buf, vr->log);
	fflush(vr->log);
	vr->log_at_line_start = true;
	strbuf_release(&vr->held_log_lines);
}

static void log_note(void *ctx, const char *message)
{
	log_text_line(ctx, "vcts: ", message);
}

/* Results go to the caller with its own context. */
static void forward_result(void *ctx, struct result *result)
{
	struct vm_run *vr = ctx;

	if (vr->on_result)
		vr->on_result(vr->ctx, result);
}

/*
 * A host action (docs/host-actions.md): perform it and answer on the
 * guest's console input; both lines go into the log.
 */
static void answer_request(struct vm_run *vr)
{
	char *answer;
	char *logged;
	size_t len;

	if (vr->state.summary_seen || vr->state.crash_seen)
		return;
	answer = host_action_perform(&vr->session, vr->line);
	len = strlen(answer);
	logged = xasprintf("answer: %.*s", (int)(len && answer[len - 1] == '\n' ? len - 1 : len),
			   answer);
	log_note(vr, logged);
	if (vm_process_send(answer, len))
		log_note(vr, "cannot write the answer to the VM's console input");
	free(logged);
	free(answer);
}

static void on_protocol_line(void *ctx, const char *text, size_t len,
			     bool overlong)
{
	struct vm_run *vr = ctx;
	enum line_status status;

	if (overlong) {
		run_state_garbled(&vr->state, "longer than 4096 bytes", text, len);
		return;
	}
	status = line_parse(text, len, vr->line);
	if (status == LINE_OK)
		run_state_line(&vr->state, vr->line, monotonic_ms());
	if (status == LINE_OK && !strcmp(vr->line->kind, "request"))
		answer_request(vr);
	else if (status == LINE_GARBLED)
		run_state_garbled(&vr->state, vr->line->garbled_reason, text, len);
}

/* The guest's bytes into the log, held harness lines after its next line end. */
static void log_console_bytes(struct vm_run *vr, const char *data, size_t len)
{
	const char *last_newline = memrchr(data, '\n', len);
	size_t head = last_newline ? (size_t)(last_newline - data) + 1 : 0;

	if (vr->held_log_lines.len && head) {
		fwrite(data, 1, head, vr->log);
		vr->log_at_line_start = true;
		release_held_lines(vr);
		data += head;
		len -= head;
	}
	fwrite(data, 1, len, vr->log);
	fflush(vr->log);
	if (len)
		vr->log_at_line_start = data[len - 1] == '\n';
}

static void on_console(void *ctx, const char *data, size_t len)
{
	struct vm_run *vr = ctx;

	/* Flushed as it comes: a user (or a test) may follow the log live. */
	log_console_bytes(vr, data, len);
	if (vr->config->settings->verbose)
		fwrite(data, 1, len, stderr);
	line_assembler_feed(&vr->assembler, data, len);
	if (vr->on_activity)
		vr->on_activity(vr->ctx, &vr->state);
}

/* What the hypervisor said on stderr, in the log after its name. */
static void log_hypervisor_line(struct vm_run *vr, const char *text)
{
	char *prefix = xasprintf("%s: ", vr->config->hypervisor);

	log_text_line(vr, prefix, text);
	free(prefix);
}

static void on_diagnostic(void *ctx, const char *line)
{
	struct vm_run *vr = ctx;
	char *text = text_from_bytes(line, strlen(line));

	log_hypervisor_line(vr, text);
	if (vr->config->settings->verbose)
		fprintf(stderr, "%s: %s\n", vr->config->hypervisor, text);
	if (!vr->first_diagnostic && *text)
		vr->first_diagnostic = xstrdup(text);
	free(text);
}

/* A helper the VM depends on (a vhost-user back end) that died stops it. */
static bool helpers_alive(struct vm_run *vr)
{
	char why[512];

	if (host_session_alive(&vr->session, why, sizeof(why)))
		return true;
	free(vr->stop_reason);
	vr->stop_reason = xstrdup(why);
	return false;
}

/* When the grace after the kernel's `done` ends, or 0 before `done`. */
static uint64_t done_grace_end(void *ctx)
{
	const struct vm_run *vr = ctx;

	return vr->state.done_seen ? vr->state.done_ms + DONE_GRACE_MS : 0;
}

/*
 * After `done` only the grace counts (a helper that goes away with its
 * VM is no news); before it, the helpers must live.
 */
static bool keep_running(void *ctx)
{
	struct vm_run *vr = ctx;
	uint64_t grace_end = done_grace_end(vr);

	if (!grace_end)
		return helpers_alive(vr);
	if (monotonic_ms() < grace_end)
		return true;
	vr->stopped_after_done = true;
	return false;
}

static char *images_dir(const struct vm_run *vr)
{
	return xasprintf("%s/images", vr->config->settings->output);
}

static int create_images(struct vm_run *vr)
{
	char *dir = images_dir(vr);
	int ret = 0;

	for (size_t i = 0; !ret && i < vr->config->device_count; i++) {
		const struct device_instance *dev = vr->config->devices[i];
		char *path;

		if (!dev->image_name)
			continue;
		path = xasprintf("%s/%s", dir, dev->image_name);
		if (disk_image_create(path, dev->image_size, HOST_PATTERN_SEED)) {
			vcts_error("cannot create disk image %s: %s", path, strerror(errno));
			ret = -1;
		}
		free(path);
	}
	free(dir);
	return ret;
}

static void fill_record(struct vm_run *vr, char **argv, const char *log_name)
{
	struct run_record *rec = vr->record;

	const struct run_settings *settings = vr->config->settings;

	rec->accel = xstrdup(vr->backend->accel.name);
	rec->accel_reason = xstrdup(vr->backend->accel.reason);
	rec->hypervisor_version = xstrdup(vr->backend->version);
	rec->command = shell_join_with_environment(&vr->backend->environment, argv);
	rec->log = xasprintf("logs/%s", log_name);
	rec->seed = settings->seed;
	rec->filter = strlist_join(&settings->filters, ",");
	strlist_copy(&rec->kernel_args, &settings->kernel_args);
	rec->ended = xstrdup("exit");
	if (vr->resume_test)
		rec->resumed_after = xasprintf("%s/%s", vr->resume_test, vr->resume_device);
}

static int open_log(struct vm_run *vr, const char *log_name)
{
	vr->log_path = xasprintf("%s/logs/%s", vr->config->settings->output, log_name);
	vr->log = fopen(vr->log_path, "w");
	if (!vr->log) {
		vcts_error("cannot write %s: %s", vr->log_path, strerror(errno));
		return -1;
	}
	fprintf(vr->log, "vcts: vcts %s, configuration %s\n", VCTS_VERSION,
		vr->config->name);
	fprintf(vr->log, "vcts: %s\n", vr->backend->version);
	fprintf(vr->log, "vcts: accel %s (%s)\n", vr->backend->accel.name,
		vr->backend->accel.reason);
	fprintf(vr->log, "vcts: command: %s\n", vr->record->command);
	fflush(vr->log);
	vr->log_at_line_start = true;
	return 0;
}

static void set_ended(struct vm_run *vr, const char *how)
{
	free(vr->record->ended);
	vr->record->ended = xstrdup(how);
}

/*
 * A console the harness never reached: the VM was killed with nothing
 * heard, and that is what its results say.
 */
static void settle_console_unreachable(struct vm_run *vr, const struct vm_outcome *out,
				       uint64_t now)
{
	char *how = xasprintf("was stopped: %s", out->console_error);
	char *logged = xasprintf("%s %s", vr->config->hypervisor, how);

	log_note(vr, logged);
	free(logged);
	run_state_hypervisor_exit(&vr->state, how, now);
	set_ended(vr, "console-unreachable");
	free(how);
}

/*
 * What the kernel's lines add to how the run ended: a crash is a crash;
 * after `done` the VM ended by itself ("done"), or as settled above
 * ("stopped-after-done"; "timeout" only if the time limit came first); an
 * older kernel without `done` ended after its summary.
 */
static void set_ended_by_lines(struct vm_run *vr, const struct vm_outcome *out)
{
	const struct run_state *rs = &vr->state;

	if (rs->crash_seen)
		set_ended(vr, "crash");
	else if (rs->done_seen && !out->stopped && !out->timed_out && !out->interrupted)
		set_ended(vr, "done");
	else if (rs->summary_seen && !rs->done_seen)
		set_ended(vr, "summary");
}

/* Give the outcome of the process to the state machine and the record. */
static void settle_outcome(struct vm_run *vr, const struct vm_outcome *out)
{
	struct run_record *rec = vr->record;
	uint64_t now = monotonic_ms();

	rec->exited = out->exited;
	rec->exit_status = out->exit_status;
	rec->signal = out->signal;
	rec->duration_ms = (long)out->duration_ms;
	if (out->interrupted) {
		log_note(vr, "interrupted; VM killed");
		set_ended(vr, "interrupted");
	} else if (vr->stopped_after_done) {
		char *how = xasprintf("was still running %d ms after the kernel's done line; stopped",
				      DONE_GRACE_MS);

		log_note(vr, how);
		run_state_hypervisor_exit(&vr->state, how, now);
		set_ended(vr, "stopped-after-done");
		free(how);
	} else if (out->stopped) {
		char *how = xasprintf("was stopped: %s", vr->stop_reason);

		log_note(vr, how);
		run_state_hypervisor_exit(&vr->state, how, now);
		set_ended(vr, "helper-died");
		free(how);
	} else if (out->console_unreachable) {
		settle_console_unreachable(vr, out, now);
	} else if (out->timed_out) {
		log_note(vr, "time limit reached; VM killed");
		run_state_timeout(&vr->state, vr->config->settings->timeout_s, now);
		set_ended(vr, "timeout");
	} else {
		char *how = out->exited ?
			xasprintf("exited with status %d", out->exit_status) :
			xasprintf("was killed by signal %d", out->signal);
		char *logged = vr->state.done_seen ?
			xasprintf("%s %s %llu ms after the kernel's done line", vr->config->hypervisor,
				  how, (unsigned long long)(now - vr->state.done_ms)) :
			xasprintf("%s %s", vr->config->hypervisor, how);

		log_note(vr, logged);
		free(logged);
		run_state_hypervisor_exit(&vr->state, how, now);
		free(how);
	}
	set_ended_by_lines(vr, out);
}

/*
 * The kernel's exit value, 0 all passed, 1 a failure, 2 a crash, becomes
 * the hypervisor's exit status as its backend says, with the exit methods
 * that carry it (debug-exit, semihosting). With the others (ACPI S5, a
 * reset, PSCI, a halt) the status says nothing and is not looked at: the
 * verdicts never depend on it.
 */
static void check_exit_status(struct vm_run *vr)
{
	const struct run_record *rec = vr->record;
	int expected;

	/* A backend whose exit status means nothing (command) has nothing to check. */
	if (!vr->backend->ops->exit_status ||
	    !exit_method_carries_status(vr->config->exit_method))
		return;
	if (!rec->exited || (!vr->state.summary_seen && !vr->state.crash_seen))
		return;
	if (vr->state.crash_seen)
		expected = vr->backend->ops->exit_status(vr->backend, 2);
	else
		expected = vr->backend->ops->exit_status(vr->backend,
						       vr->state.summary_fail ? 1 : 0);
	if (rec->exit_status != expected) {
		char *msg = xasprintf("%s: exit status %d does not match the kernel's lines (expected %d); see %s",
				      vr->config->name, rec->exit_status, expected,
				      vr->log_path);

		log_note(vr, msg);
		vcts_error("%s", msg);
		run_state_anomaly(&vr->state, "kernel.exit_status", msg);
		free(msg);
	}
}

/* A routed console's problem instead of "printed nothing"; true if there was one. */
static bool report_console_problem(struct vm_run *vr, const struct vm_outcome *out)
{
	char *problem = console_outcome_problem(out, vr->state.hello_seen);

	if (!problem)
		return false;
	vcts_error("%s: %s (see %s)", vr->config->name, problem, vr->log_path);
	free(problem);
	return true;
}

/* One line on stderr for each thing about the run the user must know. */
static void report_problems(struct vm_run *vr, const struct vm_outcome *out)
{
	const char *name = vr->config->name;
	const struct run_record *rec = vr->record;

	if (out->interrupted)
		vcts_error("%s: interrupted; VM killed", name);
	else if (out->timed_out && !vr->state.summary_seen && !vr->state.crash_seen)
		vcts_error("%s: no summary within %u s; VM killed (see %s)", name,
			   vr->config->settings->timeout_s, vr->log_path);
	if (report_console_problem(vr, out))
		;
	else if (!vr->state.hello_seen) {
		if (vr->first_diagnostic)
			vcts_error("%s: the kernel printed nothing the harness understood; %s said: %s (see %s)",
				   name, vr->config->hypervisor, vr->first_diagnostic,
				   vr->log_path);
		else
			vcts_error("%s: the kernel printed nothing the harness understood; see %s",
				   name, vr->log_path);
	}
	if (rec->garbled_lines)
		vcts_error("%s: %u garbled result line%s ignored; see %s", name,
			   rec->garbled_lines, rec->garbled_lines == 1 ? "" : "s",
			   vr->log_path);
	if (rec->protocol_errors)
		vcts_error("%s: %u protocol error%s in the kernel's lines; see %s",
			   name, rec->protocol_errors,
			   rec->protocol_errors == 1 ? "" : "s", vr->log_path);
	check_exit_status(vr);
}

/* What the log says about a console the harness connected to. */
static void log_console(struct vm_run *vr, const struct console_spec *console,
			const struct vm_outcome *out)
{
	char *text;

	if (!console)
		return;
	text = console_outcome_note(out);
	log_note(vr, text);
	free(text);
}

static int run_process(struct vm_run *vr, char **argv, const struct console_spec *console)
{
	struct vm_callbacks cb = {
		.console = on_console,
		.diagnostic = on_diagnostic,
		.keep_running = keep_running,
		.check_by = done_grace_end,
		.ctx = vr,
	};
	struct vm_outcome out;
	char err[512];
	char *dir;

	if (vm_process_run_console(argv, &vr->backend->environment,
				   vr->config->settings->timeout_s, console, &cb, &out, err,
				   sizeof(err))) {
		log_note(vr, err);
		vcts_error("%s", err);
		set_ended(vr, "setup-error");
		return -1;
	}
	log_console(vr, console, &out);
	line_assembler_flush(&vr->assembler);
	settle_outcome(vr, &out);
	run_state_finish(&vr->state);
	vr->vm_exited = true;
	dir = images_dir(vr);
	host_checks_run(&vr->state, dir, forward_result, vr);
	free(dir);
	report_problems(vr, &out);
	return 0;
}

/*
 * CONFIG.log, CONFIG-list.log, CONFIG-attempt2.log, CONFIG-resume1.log,
 * CONFIG-attempt2-resume1.log: no VM overwrites another's log.
 */
static char *log_file_name(const struct vm_run *vr)
{
	struct strbuf sb = { 0 };

	strbuf_addstr(&sb, vr->config->name);
	if (vr->list_mode)
		strbuf_addstr(&sb, "-list");
	if (vr->attempt > 1)
		strbuf_addf(&sb, "-attempt%u", vr->attempt);
	if (vr->resume_index)
		strbuf_addf(&sb, "-resume%u", vr->resume_index);
	strbuf_addstr(&sb, ".log");
	return strbuf_detach(&sb);
}

int vm_run_execute(struct vm_run *vr, struct report *report)
{
	char *log_name = log_file_name(vr);
	char *dir = images_dir(vr);
	char *cmdline = kernel_cmdline(vr->config, vr->list_mode, vr->resume_test,
				       vr->resume_device);
	struct vm_launch launch = {
		.backend = vr->backend,
		.config = vr->config,
		.image_dir = dir,
		.list_mode = vr->list_mode,
		.kernel_cmdline = cmdline,
	};
	struct console_spec console = { .route = CONSOLE_STDIO };
	char err[256];
	char **argv;
	int ret = -1;

	if (console_route_launch(&launch, &console, &cmdline, err, sizeof(err))) {
		vcts_error("%s: %s", vr->config->name, err);
		console_spec_release(&console);
		free(cmdline);
		free(dir);
		free(log_name);
		return -1;
	}
	argv = vr->backend->ops->command(&launch);

	vr->record = report_add_run(report, vr->config);
	fill_record(vr, argv, log_name);
	vr->record->attempt = vr->attempt > 1 ? vr->attempt : 1;
	run_state_init(&vr->state, report, vr->record, vr->record->log);
	vr->state.on_result = forward_result;
	vr->state.on_note = log_note;
	vr->state.ctx = vr;
	vr->line = xmalloc(sizeof(*vr->line));
	line_assembler_init(&vr->assembler, on_protocol_line, vr);
	if (open_log(vr, log_name) == 0 && create_images(vr) == 0 &&
	    host_session_open(&vr->session, &vr->state, vr->config) == 0) {
		vr->session.kernel_cmdline = cmdline;
		ret = run_process(vr, argv, launch.console);
		host_session_close(&vr->session);
	} else {
		set_ended(vr, "setup-error");
	}
	if (vr->log)
		release_held_lines(vr);
	if (vr->log && fclose(vr->log)) {
		vcts_error("cannot write %s: %s", vr->log_path, strerror(errno));
		ret = -1;
	}
	vr->log = NULL;
	argv_free(argv);
	console_spec_release(&console);
	free(cmdline);
	free(dir);
	free(log_name);
	return ret;
}

void vm_run_release(struct vm_run *vr)
{
	run_state_free(&vr->state);
	free(vr->line);
	free(vr->log_path);
	free(vr->first_diagnostic);
	free(vr->stop_reason);
	vr->stop_reason = NULL;
	vr->line = NULL;
	vr->log_path = NULL;
	vr->first_diagnostic = NULL;
}
