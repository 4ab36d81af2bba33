/*
 * What a backend's module of host actions provides (one per device type,
 * e.g. hypervisors/qemu/actions_blk.c) and the helpers they share
 * (vm/host_actions.c).
 */
#ifndef VCTS_HOST_ACTION_MODULE_H
#define VCTS_HOST_ACTION_MODULE_H

#include <stdbool.h>
#include <stddef.h>

#include "vm/host_actions.h"

struct json_object;

/* Answer statuses (docs/host-actions.md). */
#define HOST_STATUS_OK		"ok"
#define HOST_STATUS_ERROR	"error"		/* tried, and it failed: the test skips */
#define HOST_STATUS_DIFFERS	"differs"	/* done, and the host saw other data: the test fails */

struct host_action {
	const char *name;	/* the request's action= */
	/* Returns one of HOST_STATUS_*; @msg says what happened, in one line. */
	const char *(*perform)(struct host_session *session, const struct vcts_line *line,
			       char *msg, size_t msg_size);
};

struct host_action_module {
	const struct host_action *actions;	/* ends with a { NULL } entry */
	/* Before the hypervisor starts (may be NULL): 0, or -1 with @err set. */
	int (*open)(struct host_session *session, char *err, size_t err_size);
	/* After the hypervisor is gone (may be NULL); also after a failed open. */
	void (*close)(struct host_session *session);
	/* While the VM runs (may be NULL): false with @why when a helper died. */
	bool (*alive)(struct host_session *session, char *why, size_t why_size);
};

/*
 * The configuration's device behind the request's device= field, if it
 * is of @type; else NULL with @msg set.
 */
const struct device_instance *host_action_device(const struct host_session *session,
						 const struct vcts_line *line, const char *type,
						 char *msg, size_t msg_size);
/* The request's field @key as an unsigned number; false (and @msg set) if absent or bad. */
bool host_action_number(const struct vcts_line *line, const char *key,
			unsigned long long *value, char *msg, size_t msg_size);

#endif
