#include <stdlib.h>
#include <string.h>

#include "vm/config_resume.h"

static void copy_plan(struct config_resume *cr, const struct run_state *rs)
{
	cr->plan = xcalloc(rs->planned_count ? rs->planned_count : 1, sizeof(*cr->plan));
	for (size_t i = 0; i < rs->planned_count; i++) {
		cr->plan[i].test = xstrdup(rs->planned[i].test);
		cr->plan[i].device = xstrdup(rs->planned[i].device);
		/* The type the VM's device lines gave (vhost-user-blk, not blk). */
		cr->plan[i].device_type = run_state_device_type(rs, rs->planned[i].device);
	}
	cr->plan_count = rs->planned_count;
}

/* The position of @test on @device in the plan, or plan_count. */
static size_t plan_index(const struct config_resume *cr, const char *test,
			 const char *device)
{
	size_t i;

	for (i = 0; i < cr->plan_count; i++)
		if (!strcmp(cr->plan[i].test, test) && !strcmp(cr->plan[i].device, device))
			break;
	return i;
}

static void set_last_end(struct config_resume *cr, const struct run_state *rs)
{
	free(cr->last_log);
	cr->last_log = xstrdup(rs->log);
	free(cr->last_end);
	cr->last_end = xasprintf("%s of the configuration ended (%s) before it reported (see %s)",
				 cr->resumes ? "the last VM" : "the VM",
				 rs->run->ended ? rs->run->ended : "?", rs->log);
}

bool config_resume_needed(struct config_resume *cr, const struct run_state *rs,
			  bool interrupted)
{
	size_t at;

	if (!cr->plan)
		copy_plan(cr, rs);
	set_last_end(cr, rs);
	if (rs->summary_seen || interrupted || !rs->reached_test)
		return false;
	at = plan_index(cr, rs->reached_test, rs->reached_device);
	/* Nothing left after it, or a pair the plan never named: no resume point. */
	if (at + 1 >= cr->plan_count)
		return false;
	if (cr->resumes >= MAX_RESUMES) {
		free(cr->last_end);
		cr->last_end = xasprintf("%u VMs of the configuration died; vcts stopped resuming it (see %s)",
					 cr->resumes + 1, rs->log);
		return false;
	}
	free(cr->test);
	free(cr->device);
	cr->test = xstrdup(rs->reached_test);
	cr->device = xstrdup(rs->reached_device);
	cr->resumes++;
	return true;
}

void config_resume_fill_not_run(const struct config_resume *cr, struct report *report,
				const struct vcts_config *config, result_ready_fn on_result,
				void *ctx)
{
	for (size_t i = 0; i < cr->plan_count; i++) {
		const struct planned_pair *p = &cr->plan[i];
		struct result *r;

		if (report_find_result(report, p->test, config, p->device))
			continue;
		r = report_add_result(report, p->test, config, p->device, p->device_type);
		r->verdict = VERDICT_NOT_RUN;
		result_set_message(r, cr->last_end ? cr->last_end : "never reported");
		free(r->log);
		r->log = xstrdup(cr->last_log ? cr->last_log : "");
		if (on_result)
			on_result(ctx, r);
	}
}

void config_resume_release(struct config_resume *cr)
{
	for (size_t i = 0; i < cr->plan_count; i++) {
		free(cr->plan[i].test);
		free(cr->plan[i].device);
		free(cr->plan[i].device_type);
	}
	free(cr->plan);
	free(cr->test);
	free(cr->device);
	free(cr->last_end);
	free(cr->last_log);
	memset(cr, 0, sizeof(*cr));
}
