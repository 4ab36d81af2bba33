/*
 * `vcts run`: every configuration of the matrix, one VM each, results on
 * stdout as they arrive and in every report format at the end. Reports
 * are written whatever happened, so nothing that ran is ever lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "commands.h"
#include "report.h"
#include "setup.h"
#include "vm_process.h"
#include "vm_run.h"

struct run_command {
	const struct options *opts;
	const struct baseline *baseline;	/* NULL: none */
	bool label_results;	/* several configurations: say which one */
	struct vm_run *current;
};

static const char *verdict_word(enum verdict verdict)
{
	switch (verdict) {
	case VERDICT_PASS:
		return "PASS";
	case VERDICT_SKIP:
		return "SKIP";
	case VERDICT_TIMEOUT:
		return "TIMEOUT";
	case VERDICT_CRASH:
		return "CRASH";
	case VERDICT_XFAIL:
		return "XFAIL";
	case VERDICT_XPASS:
		return "XPASS";
	default:
		return "FAIL";
	}
}

/* What follows the dash: the baseline's word, else the message's first line. */
static char *shown_text(const struct result *r, const struct baseline_entry *e,
			enum verdict verdict)
{
	const char *msg = r->message;
	size_t first_len = strcspn(msg, "\n");
	size_t more = 0;

	if (verdict == VERDICT_XFAIL)
		return xstrdup(e->reason);
	if (verdict == VERDICT_XPASS)
		return baseline_note(e, verdict);
	if (verdict == VERDICT_PASS || !*msg)
		return NULL;
	for (const char *p = msg + first_len; *p; p++)
		more += *p == '\n';
	if (!more)
		return xstrndup(msg, first_len);
	return xasprintf("%.*s (+%zu more line%s in the reports)", (int)first_len,
			 msg, more, more == 1 ? "" : "s");
}

/*
 * "[rng0]"; with several configurations "[pci-legacy-legacy/rng0]", and
 * "[pci-legacy-legacy]" for a pseudo-test, so that a line read alone (in a
 * CI log, through grep) still says where it ran.
 */
static void print_where(const struct result *r, bool label)
{
	if (label && *r->device)
		printf(" [%s/%s]", r->config->label, r->device);
	else if (label)
		printf(" [%s]", r->config->label);
	else if (*r->device)
		printf(" [%s]", r->device);
}

/*
 * "PASS devices.rng.buffer_filled [rng0]", "FAIL ... — first line (+N more)",
 * "XFAIL ... — reason". The baseline is applied to the results only at the
 * end; a line shows now what the result will be then.
 */
static void print_result(const struct result *r, const struct baseline_entry *e,
			 enum verdict verdict, bool label)
{
	char *text = shown_text(r, e, verdict);

	printf("%s %s", verdict_word(verdict), r->test);
	print_where(r, label);
	if (text)
		printf(" \u2014 %s", text);
	putchar('\n');
	fflush(stdout);
	free(text);
}

/*
 * A result whose test asked for a host check is held until the check ran,
 * so that the line printed is the final verdict; if a check changes a
 * verdict already printed, the new one is printed too.
 */
static void on_result(void *ctx, struct result *r)
{
	struct run_command *rc = ctx;
	struct vm_run *vr = rc->current;
	const struct baseline_entry *e;
	enum verdict verdict;

	if (!vr->vm_exited && run_state_has_host_check(&vr->state, r->test, r->device))
		return;
	if (r->announced && r->announced_verdict == r->verdict)
		return;
	r->announced = true;
	r->announced_verdict = r->verdict;
	e = baseline_match(rc->baseline, r);
	verdict = baseline_verdict(e, r->verdict);
	if (rc->opts->quiet && !verdict_is_failure(verdict))
		return;
	print_result(r, e, verdict, rc->label_results);
}

/* 0 ran, -1 setup error. */
static int run_config(struct run_command *rc, struct report *report,
		      const struct host_setup *setup,
		      const struct vcts_config *config)
{
	struct vm_run vr = {
		.config = config,
		.opts = rc->opts,
		.host = &setup->qemu,
		.accel_reason = setup->accel.reason,
		.on_result = on_result,
		.ctx = rc,
	};
	int ret;

	if (!rc->opts->quiet) {
		printf("# %s\n", config->name);
		fflush(stdout);
	}
	rc->current = &vr;
	ret = vm_run_execute(&vr, report);
	rc->current = NULL;
	vm_run_release(&vr);
	return ret;
}

int run_exit_status(const struct report *report, bool setup_error)
{
	if (setup_error)
		return EXIT_SETUP_ERROR;
	if (vm_process_interrupted())
		return EXIT_INTERRUPTED;
	for (size_t i = 0; i < report->result_count; i++)
		if (verdict_is_failure(report->results[i]->verdict))
			return EXIT_TEST_FAILED;
	return EXIT_ALL_PASSED;
}

/*
 * The last line keeps its form for the CI tools that parse it: xfail is
 * in none of its numbers, xpass counts as passed. The baseline's own
 * counts go on the line before.
 */
static void print_counts(const struct report *report)
{
	struct verdict_counts counts;

	report_count(report, NULL, &counts);
	if (report->baseline)
		printf("%zu expected failures (baseline), %zu unexpected passes\n",
		       counts.xfail, counts.xpass);
	printf("%zu passed, %zu failed, %zu skipped\n", counts.pass + counts.xpass,
	       counts.fail + counts.timeout + counts.crash, counts.skip);
}

int command_run(const struct options *opts)
{
	struct run_command rc = { .opts = opts };
	struct report report = { 0 };
	struct config_matrix matrix;
	struct host_setup setup;
	bool setup_error = false;
	int status;

	config_matrix_build(&matrix, opts);
	if (host_setup_prepare(&setup, opts, matrix.configs, matrix.count)) {
		host_setup_release(&setup);
		config_matrix_free(&matrix);
		return EXIT_SETUP_ERROR;
	}
	rc.baseline = setup.have_baseline ? &setup.baseline : NULL;
	rc.label_results = matrix.count > 1;
	vm_process_catch_interrupts();
	for (size_t i = 0; i < matrix.count && !vm_process_interrupted(); i++) {
		if (run_config(&rc, &report, &setup, &matrix.configs[i])) {
			setup_error = true;
			break;
		}
	}
	/* Every result and host check is final: now the baseline may judge. */
	if (setup.have_baseline)
		baseline_apply(&setup.baseline, &report);
	if (report_write_all(&report, opts->output))
		setup_error = true;
	else
		vcts_note("reports in %s/", opts->output);
	print_counts(&report);
	status = run_exit_status(&report, setup_error);
	report_free(&report);
	config_matrix_free(&matrix);
	host_setup_release(&setup);
	return status;
}
