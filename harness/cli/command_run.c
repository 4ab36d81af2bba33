/*
 * `vcts run`: every configuration of the matrix, one VM each, results on
 * stdout as they arrive and in every report format at the end. Reports
 * are written whatever happened, so nothing that ran is ever lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "reports/reports.h"
#include "results/results.h"
#include "results/run_retry.h"
#include "plan/setup.h"
#include "vm/config_resume.h"
#include "vm/vm_process.h"
#include "vm/vm_run.h"

struct run_command {
	const struct options *opts;
	const struct baseline *baseline;	/* NULL: none */
	bool label_results;	/* several configurations: say which one */
	struct vm_run *current;
	unsigned int attempt;	/* of the configuration running: 1, then re-runs */
	struct progress progress;
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
	case VERDICT_NOT_RUN:
		return "NOT-RUN";
	case VERDICT_WARN:
		return "WARN";
	case VERDICT_NOTE:
		return "NOTE";
	case VERDICT_ERROR:
		return "ERROR";
	case VERDICT_FLAKY:
		return "FLAKY";
	default:
		return "FAIL";
	}
}

/* On a terminal only these get a line of their own; the rest are counted. */
static bool needs_a_look(enum verdict verdict)
{
	return verdict_is_failure(verdict) || verdict == VERDICT_XPASS ||
	       verdict == VERDICT_WARN || verdict == VERDICT_NOTE;
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
 * verdict already printed, the new one is printed too. On a terminal the
 * progress line counts every result and only the ones that need a look
 * get a line; the re-runs of --retries print what they changed instead
 * (see on_retry_outcome()).
 */
static void on_result(void *ctx, struct result *r)
{
	struct run_command *rc = ctx;
	struct vm_run *vr = rc->current;
	const struct baseline_entry *e = baseline_match(rc->baseline, r);
	enum verdict verdict = baseline_verdict(e, r, r->verdict);

	/* No VM for a not-run result: nothing of it is left to check. */
	if (vr && !vr->vm_exited && run_state_has_host_check(&vr->state, r->test, r->device))
		return;
	if (r->announced && r->announced_verdict == r->verdict)
		return;
	if (rc->attempt > 1)
		return;
	if (r->announced)
		progress_count(&rc->progress, baseline_verdict(e, r, r->announced_verdict), -1);
	progress_count(&rc->progress, verdict, 1);
	r->announced = true;
	r->announced_verdict = r->verdict;
	if (rc->opts->quiet && !verdict_is_failure(verdict))
		return;
	if (rc->progress.enabled && !needs_a_look(verdict)) {
		progress_draw(&rc->progress);
		return;
	}
	progress_clear(&rc->progress);
	print_result(r, e, verdict, rc->label_results);
	progress_draw(&rc->progress);
}

/* The progress line follows the test the kernel is in. */
static void on_activity(void *ctx, const struct run_state *state)
{
	struct run_command *rc = ctx;

	if (state->open)
		progress_set_test(&rc->progress, state->open_test, state->open_device);
}

/* "FLAKY test [where] — ...", "FAIL ... — failed again on attempt 2". */
static void on_retry_outcome(void *ctx, const struct result *r,
			     enum retry_outcome outcome, unsigned int attempt)
{
	struct run_command *rc = ctx;

	if (rc->opts->quiet && outcome != RETRY_FAILED_AGAIN)
		return;
	progress_clear(&rc->progress);
	printf("%s %s", outcome == RETRY_FLAKY ? "FLAKY" : verdict_word(r->verdict), r->test);
	print_where(r, rc->label_results);
	if (outcome == RETRY_FLAKY)
		printf(" \u2014 %.*s\n", (int)strcspn(r->message, "\n"), r->message);
	else if (outcome == RETRY_FAILED_AGAIN)
		printf(" \u2014 failed again on attempt %u\n", attempt);
	else
		printf(" \u2014 only attempt %u ran it\n", attempt);
	fflush(stdout);
	progress_draw(&rc->progress);
}

/*
 * One VM of @config, the first or one that resumes after @cr's pair. 0
 * ran, -1 setup error; *@resume: should another VM resume it?
 */
static int run_vm(struct run_command *rc, struct report *report,
		  const struct host_setup *setup, const struct vcts_config *config,
		  struct config_resume *cr, bool *resume)
{
	struct vm_run vr = {
		.config = config,
		.backend = host_setup_for(setup, config->arch),
		.attempt = rc->attempt,
		.resume_index = cr->resumes,
		.resume_test = cr->test,
		.resume_device = cr->device,
		.on_result = on_result,
		.on_activity = on_activity,
		.ctx = rc,
	};
	int ret;

	rc->current = &vr;
	ret = vm_run_execute(&vr, report);
	rc->current = NULL;
	*resume = !ret && config_resume_needed(cr, &vr.state, vm_process_interrupted());
	vm_run_release(&vr);
	return ret;
}

static void announce_resume(const struct run_command *rc, const struct vcts_config *config,
			    const struct config_resume *cr)
{
	if (rc->opts->quiet || rc->progress.enabled)
		return;
	printf("# %s (a fresh VM, resuming after %s on %s)\n", config->name, cr->test,
	       cr->device);
	fflush(stdout);
}

/* Every planned result of @config, whatever its VMs did. 0 ran, -1 setup error. */
static int run_config(struct run_command *rc, struct report *report,
		      const struct host_setup *setup,
		      const struct vcts_config *config)
{
	struct config_resume cr = { 0 };
	bool resume = false;
	int ret;

	rc->progress.attempt = rc->attempt;
	rc->progress.config_label = config->label;
	progress_set_test(&rc->progress, "", "");
	if (!rc->opts->quiet && !rc->progress.enabled) {
		if (rc->attempt > 1)
			printf("# %s (re-run %u of %u)\n", config->name, rc->attempt - 1,
			       rc->opts->retries);
		else
			printf("# %s\n", config->name);
		fflush(stdout);
	}
	ret = run_vm(rc, report, setup, config, &cr, &resume);
	while (!ret && resume) {
		announce_resume(rc, config, &cr);
		ret = run_vm(rc, report, setup, config, &cr, &resume);
	}
	if (!ret)
		config_resume_fill_not_run(&cr, report, config, on_result, rc);
	config_resume_release(&cr);
	return ret;
}

/*
 * The first run of @config, then re-runs while a failure no baseline
 * accounts for is left (--retries): each goes into a report of its own,
 * merged into @report's results of @config. 0, or -1 on a setup error.
 */
static int run_with_retries(struct run_command *rc, struct report *report,
			    const struct host_setup *setup,
			    const struct vcts_config *config)
{
	int ret;

	rc->attempt = 1;
	ret = run_config(rc, report, setup, config);
	while (!ret && rc->attempt <= rc->opts->retries && !vm_process_interrupted() &&
	       retry_needed(report, config, rc->baseline)) {
		struct report retry = { 0 };

		rc->attempt++;
		ret = run_config(rc, &retry, setup, config);
		retry_merge(report, &retry, config, rc->attempt, rc->baseline,
			    on_retry_outcome, rc);
		report_free(&retry);
	}
	rc->attempt = 1;
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
	if (counts.flaky)
		printf("%zu flaky (passed on one attempt, failed on another; counted as failed)\n",
		       counts.flaky);
	if (counts.warn || counts.note)
		printf("%zu warnings (SHOULD), %zu notes (descriptive text); neither fails the run\n",
		       counts.warn, counts.note);
	if (report->baseline)
		printf("%zu expected failures (baseline), %zu unexpected passes\n",
		       counts.xfail, counts.xpass);
	printf("%zu passed, %zu failed, %zu skipped\n", counts.pass + counts.xpass,
	       verdict_counts_failed(&counts), counts.skip);
}

static void start_progress(struct run_command *rc, size_t configs)
{
	progress_init(&rc->progress, !rc->opts->quiet && !rc->opts->verbose);
	rc->progress.config_count = configs;
	rc->progress.attempts = rc->opts->retries + 1;
	rc->progress.baseline = rc->baseline != NULL;
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
	if (config_matrix_open_socket_dir(&matrix) ||
	    host_setup_prepare(&setup, opts, matrix.configs, matrix.count)) {
		host_setup_release(&setup);
		config_matrix_free(&matrix);
		return EXIT_SETUP_ERROR;
	}
	rc.baseline = setup.baseline;
	rc.label_results = matrix.count > 1;
	start_progress(&rc, matrix.count);
	vm_process_catch_interrupts();
	for (size_t i = 0; i < matrix.count && !vm_process_interrupted(); i++) {
		rc.progress.config_index = i + 1;
		if (run_with_retries(&rc, &report, &setup, &matrix.configs[i])) {
			setup_error = true;
			break;
		}
	}
	progress_free(&rc.progress);
	/* Every result and host check is final: now the baseline may judge. */
	if (setup.baseline)
		baseline_apply(setup.baseline, &report);
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
