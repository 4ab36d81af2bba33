/*
 * One VM run of one configuration: disk images, command line, console log,
 * the line protocol, host checks, and the run's record in the report.
 */
#ifndef VCTS_VM_RUN_H
#define VCTS_VM_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "hypervisors/backend.h"
#include "protocol/line_assembler.h"
#include "protocol/run_state.h"
#include "results/results.h"
#include "vm/host_actions.h"

struct vm_run {
	/* Filled by the caller. */
	const struct vcts_config *config;
	const struct backend *backend;	/* the installation that runs it */
	bool list_mode;
	/* 0 or 1: the first run of the configuration; 2... re-runs (--retries) */
	unsigned int attempt;
	/*
	 * A fresh VM after one that died (vm/config_resume.c): 1, 2... and
	 * the pair it resumes after; 0 and NULL for the first VM.
	 */
	unsigned int resume_index;
	const char *resume_test;
	const char *resume_device;
	/* Every result as it is settled; host-checked ones once more after. */
	result_ready_fn on_result;
	void *ctx;
	/* After each piece of console output: the progress line follows the state. */
	void (*on_activity)(void *ctx, const struct run_state *state);

	/* Filled by vm_run_execute(). */
	struct run_state state;
	struct run_record *record;
	char *log_path;		/* as the user reaches it: OUTPUT/logs/x.log */

	bool vm_exited;		/* host checks are running or done */
	FILE *log;
	bool log_at_line_start;
	struct strbuf held_log_lines;	/* harness lines waiting for the guest's line to end */
	struct line_assembler assembler;
	struct vcts_line *line;
	char *first_diagnostic;
	char *stop_reason;	/* why the harness stopped the VM (a helper died) */
	bool stopped_after_done;	/* still running DONE_GRACE_MS after `done` */
	struct host_session session;	/* host actions: QMP, backends */
};

/*
 * Run the VM. Returns 0 when it ran (whatever the verdicts), -1 on a setup
 * error that was already reported on stderr.
 */
int vm_run_execute(struct vm_run *vr, struct report *report);
void vm_run_release(struct vm_run *vr);

#endif
