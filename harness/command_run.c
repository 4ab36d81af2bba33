/*
 * `vcts run`: every configuration of the matrix, one VM each, results on
 * stdout as they arrive and in every report format at the end. Reports
 * are written whatever happened, so nothing that ran is ever lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "report.h"
#include "setup.h"
#include "vm_process.h"
#include "vm_run.h"

struct run_command {
	const struct options *opts;
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
	default:
		return "FAIL";
	}
}

/* "PASS devices.rng.buffer_filled [rng0]", "FAIL ... — first line (+N more)" */
static void print_result(const struct result *r)
{
	const char *msg = r->message;
	size_t first_len = strcspn(msg, "\n");
	size_t more = 0;

	for (const char *p = msg + first_len; *p; p++)
		more += *p == '\n';
	printf("%s %s", verdict_word(r->verdict), r->test);
	if (*r->device)
		printf(" [%s]", r->device);
	if (r->verdict != VERDICT_PASS && *msg) {
		printf(" \u2014 %.*s", (int)first_len, msg);
		if (more)
			printf(" (+%zu more line%s in the reports)", more,
			       more == 1 ? "" : "s");
	}
	putchar('\n');
	fflush(stdout);
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

	if (!vr->vm_exited && run_state_has_host_check(&vr->state, r->test, r->device))
		return;
	if (r->announced && r->announced_verdict == r->verdict)
		return;
	r->announced = true;
	r->announced_verdict = r->verdict;
	if (rc->opts->quiet && !verdict_is_failure(r->verdict))
		return;
	print_result(r);
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

static int exit_status(const struct report *report, bool setup_error)
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

int command_run(const struct options *opts)
{
	struct run_command rc = { .opts = opts };
	struct report report = { 0 };
	struct config_matrix matrix;
	struct host_setup setup;
	struct verdict_counts counts;
	bool setup_error = false;
	int status;

	if (host_setup_prepare(&setup, opts)) {
		host_setup_release(&setup);
		return EXIT_SETUP_ERROR;
	}
	config_matrix_build(&matrix, opts);
	vm_process_catch_interrupts();
	for (size_t i = 0; i < matrix.count && !vm_process_interrupted(); i++) {
		if (run_config(&rc, &report, &setup, &matrix.configs[i])) {
			setup_error = true;
			break;
		}
	}
	if (report_write_all(&report, opts->output))
		setup_error = true;
	else
		vcts_note("reports in %s/", opts->output);
	report_count(&report, NULL, &counts);
	printf("%zu passed, %zu failed, %zu skipped\n", counts.pass,
	       counts.fail + counts.timeout + counts.crash, counts.skip);
	status = exit_status(&report, setup_error);
	report_free(&report);
	config_matrix_free(&matrix);
	host_setup_release(&setup);
	return status;
}
