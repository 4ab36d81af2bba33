/*
 * One boot of the kernel with vcts.list: the registry of tests, for
 * `vcts list` and `vcts coverage`.
 */
#ifndef VCTS_LIST_SESSION_H
#define VCTS_LIST_SESSION_H

#include "cli/options.h"
#include "results/results.h"
#include "plan/setup.h"
#include "vm/vm_run.h"

struct list_session {
	struct report report;
	struct config_matrix matrix;
	struct host_setup setup;
	struct vm_run vr;	/* vr.state.listed: the tests, in kernel order */
};

/*
 * Boot the first configuration of @opts in list mode. Returns an exit
 * status: 0 with the whole listing, 1 when the kernel did not finish it
 * (what arrived is still in vr.state), 2 or 130 when nothing ran. Release
 * the session whatever it returned.
 */
int list_session_run(struct list_session *ls, const struct options *opts);
void list_session_release(struct list_session *ls);

#endif
