/*
 * Reading one captured console log (ingest_log.h). The lines go through
 * line_assembler, line_parse and run_state exactly as vm/vm_run.c feeds
 * them from a live console; only what a live run adds from outside the
 * console is missing: no host action is answered (the log has the
 * kernel's skip), no disk image is read back (a host check is noted, the
 * kernel's verdict stands), and there is no clock, so a test cut off by
 * the end of the log lasted 0 ms.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/ingest_log.h"
#include "protocol/console_filter.h"
#include "protocol/line_assembler.h"
#include "protocol/line_fields.h"
#include "results/results_read.h"
#include "vm/host_checks.h"

/*
 * The harness's header in its logs, four lines in this order (vm/vm_run.c,
 * open_log()): "vcts VERSION, configuration NAME", the hypervisor's
 * version, "accel NAME (REASON)", "command: ...".
 */
static void header_line(void *ctx, const char *text)
{
	struct log_facts *facts = ctx;
	unsigned int index = facts->harness_lines++;
	const char *reason;

	if (index == 0)
		facts->ours = !strncmp(text, "vcts ", 5) && strstr(text, ", configuration ");
	if (!facts->ours || index == 0 || index > 3)
		return;
	if (index == 1) {
		facts->hypervisor_version = xstrdup(text);
	} else if (index == 2 && !strncmp(text, "accel ", 6)) {
		reason = strchr(text + 6, ' ');
		facts->accel = xstrndup(text + 6, reason ? (size_t)(reason - text - 6) :
						    strlen(text + 6));
		if (reason && reason[1] == '(' && text[strlen(text) - 1] == ')')
			facts->accel_reason = xstrndup(reason + 2, strlen(reason + 2) - 1);
	} else if (index == 3 && !strncmp(text, "command: ", 9)) {
		facts->command = xstrdup(text + 9);
	}
}

/* The value of `vcts.resume=` on a kernel command line, or NULL. */
static char *resume_point(const char *cmdline)
{
	for (const char *p = strstr(cmdline, "vcts.resume="); p; p = strstr(p + 1, "vcts.resume="))
		if (p == cmdline || p[-1] == ' ')
			return xstrndup(p + 12, strcspn(p + 12, " "));
	return NULL;
}

struct scan {
	struct log_facts *facts;
	struct vcts_line *line;
};

/* The prescan: how many VMs, and what the first one's lines say. */
static void scan_line(void *ctx, const char *text, size_t len, bool overlong)
{
	struct scan *s = ctx;
	struct log_facts *f = s->facts;

	if (overlong || line_parse(text, len, s->line) != LINE_OK)
		return;
	if (!strcmp(s->line->kind, "hello") && f->hellos++ == 0) {
		char *cmdline = line_field_text(s->line, "cmdline");
		char *resume = resume_point(cmdline);

		free(f->arch);
		f->arch = line_field_text(s->line, "arch");
		f->resumed = resume != NULL;
		free(resume);
		free(cmdline);
	} else if (!strcmp(s->line->kind, "device")) {
		char *type = line_field_text(s->line, "type");

		if (*type && !strlist_contains(&f->device_types, type))
			strlist_add(&f->device_types, type);
		free(type);
	} else if (!strcmp(s->line->kind, "config") && f->hellos == 1 && !*f->transport) {
		free(f->transport);
		free(f->mode);
		f->transport = line_field_text(s->line, "transport");
		f->mode = line_field_text(s->line, "mode");
	}
}

static void scan_facts(struct ingest_log *log)
{
	struct scan s = { .facts = &log->facts, .line = xmalloc(sizeof(*s.line)) };
	struct line_assembler la;

	log->facts.arch = xstrdup("");
	log->facts.transport = xstrdup("");
	log->facts.mode = xstrdup("");
	line_assembler_init(&la, scan_line, &s);
	line_assembler_feed(&la, log->text.buf ? log->text.buf : "", log->text.len);
	line_assembler_flush(&la);
	free(s.line);
}

static char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return xasprintf("logs/%s", slash ? slash + 1 : path);
}

int ingest_log_load(struct ingest_log *log, const char *path, char *err, size_t err_size)
{
	struct console_filter filter;

	memset(log, 0, sizeof(*log));
	log->path = xstrdup(path);
	log->name = base_name(path);
	log->raw = read_whole_file(path, &log->raw_len);
	if (!log->raw) {
		snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	console_filter_init(&filter);
	filter.on_harness_line = header_line;
	filter.ctx = &log->facts;
	console_filter_feed(&filter, log->raw, log->raw_len, &log->text);
	console_filter_finish(&filter, &log->text);
	console_filter_release(&filter);
	scan_facts(log);
	if (!log->facts.hellos) {
		snprintf(err, err_size, "%s: no hello line of the vcts kernel in it: not a console log of a vcts run (docs/ingest.md)",
			 path);
		return -1;
	}
	return 0;
}

void ingest_log_release(struct ingest_log *log)
{
	struct log_facts *f = &log->facts;

	free(log->path);
	free(log->name);
	free(log->raw);
	strbuf_release(&log->text);
	free(f->arch);
	free(f->transport);
	free(f->mode);
	free(f->hypervisor_version);
	free(f->accel);
	free(f->accel_reason);
	free(f->command);
	strlist_clear(&f->device_types);
	memset(log, 0, sizeof(*log));
}

/* Feeding: the VM being read, and what every VM of the log shares. */
struct feed {
	const struct ingest_log *log;
	struct report *report;
	const struct vcts_config *config;
	struct config_resume *cr;
	const char *image_dir;
	bool vm_open;
	struct run_state state;
	struct run_record *record;
	struct vcts_line *line;
};

static char *copy_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void open_vm(struct feed *fd)
{
	const struct log_facts *facts = &fd->log->facts;
	struct run_record *rec = report_add_run(fd->report, fd->config);

	rec->accel = xstrdup(facts->accel ? facts->accel : "unknown");
	rec->accel_reason = xstrdup(facts->accel_reason ? facts->accel_reason :
				    "ingested: the log does not say");
	rec->hypervisor_version = copy_or_null(facts->hypervisor_version);
	rec->command = copy_or_null(facts->command);
	rec->log = xstrdup(fd->log->name);
	rec->ended = xstrdup("log-ended");
	rec->filter = xstrdup("");
	fd->record = rec;
	run_state_init(&fd->state, fd->report, rec, rec->log);
	fd->vm_open = true;
}

static void set_ended(struct run_record *rec, const char *how)
{
	free(rec->ended);
	rec->ended = xstrdup(how);
}

/*
 * Without the disk images a host check cannot be made: its outcome is a
 * skip, folded in as host_checks_run() folds one (a pass becomes a skip;
 * a result only the check would have made is a skip).
 */
static void skip_host_checks(struct feed *fd)
{
	struct run_state *rs = &fd->state;

	for (size_t i = 0; i < rs->host_check_count; i++) {
		const struct host_check_request *hc = &rs->host_checks[i];
		struct result *r = report_find_result(fd->report, hc->test, fd->config, hc->device);
		char *msg = xasprintf("host check %s not done: the log was ingested without the disk images (--images DIR)",
				      hc->what);

		if (!r) {
			r = run_state_new_result(rs, hc->test, hc->device);
			r->verdict = VERDICT_SKIP;
			result_set_message(r, msg);
		} else {
			char *joined = xasprintf("%s%s%s", r->message, *r->message ? "\n" : "", msg);

			if (r->verdict == VERDICT_PASS)
				r->verdict = VERDICT_SKIP;
			result_set_message(r, joined);
			free(joined);
		}
		free(msg);
	}
}

/*
 * The end of a VM's part of the log: without its summary or a crash line
 * it ends as a live VM that stopped there would (the open test crashed).
 */
static void close_vm(struct feed *fd)
{
	struct run_state *rs = &fd->state;

	if (!fd->vm_open)
		return;
	if (rs->crash_seen)
		set_ended(fd->record, "crash");
	else if (rs->done_seen)
		set_ended(fd->record, "done");
	else if (rs->summary_seen)
		set_ended(fd->record, "summary");
	else
		run_state_hypervisor_exit(rs, "ended (the log stops here)", 0);
	run_state_finish(rs);
	if (fd->image_dir)
		host_checks_run(rs, fd->image_dir, NULL, NULL);
	else
		skip_host_checks(fd);
	config_resume_needed(fd->cr, rs, false);
	run_state_free(rs);
	fd->vm_open = false;
}

/* What the hello and config lines say about the run, into its record. */
static void record_line(struct feed *fd)
{
	struct run_record *rec = fd->record;

	if (!strcmp(fd->line->kind, "hello")) {
		char *cmdline = line_field_text(fd->line, "cmdline");

		free(rec->resumed_after);
		rec->resumed_after = resume_point(cmdline);
		free(cmdline);
	} else if (!strcmp(fd->line->kind, "config")) {
		rec->seed = (uint32_t)line_field_number(fd->line, "seed", 1);
		free(rec->filter);
		rec->filter = line_field_text(fd->line, "filter");
	}
}

static void feed_line(void *ctx, const char *text, size_t len, bool overlong)
{
	struct feed *fd = ctx;
	enum line_status status = overlong ? LINE_GARBLED : line_parse(text, len, fd->line);

	if (status == LINE_NOT_PROTOCOL)
		return;
	/* Each hello is a VM of its own: the log went on across a reboot or a resume. */
	if (status == LINE_OK && !strcmp(fd->line->kind, "hello") && fd->vm_open &&
	    fd->state.hello_seen)
		close_vm(fd);
	if (!fd->vm_open)
		open_vm(fd);
	if (overlong)
		run_state_garbled(&fd->state, "longer than 4096 bytes", text, len);
	else if (status == LINE_GARBLED)
		run_state_garbled(&fd->state, fd->line->garbled_reason, text, len);
	else {
		record_line(fd);
		run_state_line(&fd->state, fd->line, 0);
	}
}

void ingest_log_feed(const struct ingest_log *log, struct report *report,
		     const struct vcts_config *config, struct config_resume *cr,
		     const char *image_dir)
{
	struct feed fd = { .log = log, .report = report, .config = config, .cr = cr,
			   .image_dir = image_dir, .line = xmalloc(sizeof(*fd.line)) };
	struct line_assembler la;

	line_assembler_init(&la, feed_line, &fd);
	line_assembler_feed(&la, log->text.buf ? log->text.buf : "", log->text.len);
	line_assembler_flush(&la);
	close_vm(&fd);
	free(fd.line);
}
