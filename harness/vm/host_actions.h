/*
 * Host actions (docs/host-actions.md): what the kernel asks the harness to
 * do to a device while the VM runs. Which actions exist and how they are
 * done is the hypervisor backend's (hypervisors/qemu/actions_*.c), apart
 * from the few the harness does alone for every backend (vm/host_action_*.c):
 * this is the session they share and the dispatch of a request to them.
 *
 * A session lives as long as one VM: opened before the hypervisor starts
 * (so that sockets it connects to exist), closed after it is gone.
 */
#ifndef VCTS_HOST_ACTIONS_H
#define VCTS_HOST_ACTIONS_H

#include "plan/config.h"
#include "protocol/line_parser.h"
#include "protocol/run_state.h"

/* Backend state of the device types that have one (hypervisors/qemu/actions_TYPE.c). */
struct host_net_peer;
struct host_console_ports;
struct host_vhost_daemons;

struct host_session {
	const struct run_state *rs;
	const struct vcts_config *config;
	struct host_net_peer *net;
	struct host_console_ports *console;
	struct host_vhost_daemons *vhost;
	/*
	 * The command line the kernel of this VM would get with -append
	 * (vm/kernel_cmdline.c, set by vm_run.c): the `kernel-cmdline` action
	 * gives it to a kernel booted with vcts.cmdline=ask.
	 */
	const char *kernel_cmdline;
};

/*
 * Sets @session up for the VM of @config: every device type's backend
 * that must exist before the hypervisor starts. 0, or -1 after a `vcts:` error line
 * (the run does not start).
 */
int host_session_open(struct host_session *session, const struct run_state *rs,
		      const struct vcts_config *config);
/* After the VM is gone: closes and removes what the session opened. */
void host_session_close(struct host_session *session);
/*
 * While the VM runs: is every helper process the session started still
 * there? false with @why set when one died.
 */
bool host_session_alive(struct host_session *session, char *why, size_t why_size);

/*
 * Performs the `request` line @line and returns the `answer` line to
 * write to the guest (free() it).
 */
char *host_action_perform(struct host_session *session, const struct vcts_line *line);

#endif
