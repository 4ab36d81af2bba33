/*
 * Host actions (docs/host-actions.md): what the kernel asks the harness to
 * do to a device while the VM runs, through QMP.
 */
#ifndef VCTS_HOST_ACTIONS_H
#define VCTS_HOST_ACTIONS_H

#include "line_parser.h"
#include "run_state.h"

/*
 * Performs the `request` line @line against the VM whose QMP socket is
 * @qmp_path and returns the `answer` line to write to the guest
 * (free() it).
 */
char *host_action_perform(const struct run_state *rs, const char *qmp_path,
			  const struct vcts_line *line);

#endif
