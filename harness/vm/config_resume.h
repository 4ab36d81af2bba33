/*
 * One configuration to the end, whatever its VMs do (DESIGN: "one bad test
 * costs one result"). The first VM's `plan` lines say which (test, device)
 * pairs the configuration owes; when a VM dies (crash, timeout, the
 * hypervisor killed), a fresh VM resumes after the pair it died in
 * (vcts.resume=TEST/DEVICE); a pair that still never reported ends as
 * `not-run`, with the reason.
 */
#ifndef VCTS_CONFIG_RESUME_H
#define VCTS_CONFIG_RESUME_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/run_state.h"

/* How many fresh VMs one configuration may take before it gives up. */
#define MAX_RESUMES 32

struct config_resume {
	struct planned_pair *plan;	/* the first VM's plan, owned */
	size_t plan_count;
	unsigned int resumes;		/* fresh VMs started so far */
	char *test;			/* resume after this pair, or NULL */
	char *device;
	char *last_end;			/* how the last VM ended, for not-run messages */
	char *last_log;			/* its log, relative to the output directory */
};

/*
 * After a VM of the configuration: should a fresh VM resume it? Yes when
 * it ended without its summary, had begun a test, and planned pairs
 * remain after that test; then ->test and ->device name the resume point.
 */
bool config_resume_needed(struct config_resume *cr, const struct run_state *rs,
			  bool interrupted);
/*
 * Every planned pair without a result in @report for @config becomes a
 * `not-run` result, handed to @on_result like the others.
 */
void config_resume_fill_not_run(const struct config_resume *cr, struct report *report,
				const struct vcts_config *config, result_ready_fn on_result,
				void *ctx);
void config_resume_release(struct config_resume *cr);

#endif
