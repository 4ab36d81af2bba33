/*
 * Host actions (host_actions.h): the session, the dispatch of a request to
 * its device type's module, and the helpers the modules share.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hypervisors/backend.h"
#include "protocol/line_encode.h"
#include "util.h"
#include "vm/host_action_module.h"
#include "vm/host_checks.h"

/* The modules of the configuration's hypervisor (docs/host-actions.md lists them). */
static const struct host_action_module *const *modules_of(const struct host_session *session,
							   size_t *count)
{
	const struct hypervisor_ops *ops = session->config->hypervisor_ops;

	*count = ops ? ops->host_action_count : 0;
	return ops ? ops->host_actions : NULL;
}

int host_session_open(struct host_session *session, const struct run_state *rs,
		      const struct vcts_config *config)
{
	const struct host_action_module *const *modules;
	char err[512] = "";
	size_t count;

	*session = (struct host_session){ .rs = rs, .config = config };
	modules = modules_of(session, &count);
	for (size_t i = 0; i < count; i++) {
		if (modules[i]->open && modules[i]->open(session, err, sizeof(err))) {
			vcts_error("%s: %s", config->name, err);
			host_session_close(session);
			return -1;
		}
	}
	return 0;
}

void host_session_close(struct host_session *session)
{
	size_t count;
	const struct host_action_module *const *modules = modules_of(session, &count);

	for (size_t i = 0; i < count; i++) {
		if (modules[i]->close)
			modules[i]->close(session);
	}
}

bool host_session_alive(struct host_session *session, char *why, size_t why_size)
{
	size_t count;
	const struct host_action_module *const *modules = modules_of(session, &count);

	for (size_t i = 0; i < count; i++)
		if (modules[i]->alive && !modules[i]->alive(session, why, why_size))
			return false;
	return true;
}

const struct device_instance *host_action_device(const struct host_session *session,
						 const struct vcts_line *line, const char *type,
						 char *msg, size_t msg_size)
{
	const char *name = line_get(line, "device");
	const struct device_instance *dev = name ? host_backing_device(session->rs, name) : NULL;

	if (!dev || strcmp(dev->type, type)) {
		snprintf(msg, msg_size, "no %s device behind '%s'", type, name ? name : "");
		return NULL;
	}
	return dev;
}

bool host_action_number(const struct vcts_line *line, const char *key,
			unsigned long long *value, char *msg, size_t msg_size)
{
	const char *text = line_get(line, key);
	char *end = NULL;

	if (text && *text >= '0' && *text <= '9')
		*value = strtoull(text, &end, 10);
	if (!end || *end) {
		snprintf(msg, msg_size, "bad %s '%s'", key, text ? text : "");
		return false;
	}
	return true;
}

/*
 * Actions every backend has: the harness performs them alone, without the
 * hypervisor (the command line a kernel on a boot image without -append
 * asks for).
 */
extern const struct host_action_module host_action_kernel_cmdline;
static const struct host_action_module *const generic_modules[] = {
	&host_action_kernel_cmdline,
};

static const struct host_action *find_in(const struct host_action_module *const *modules,
					 size_t count, const char *name)
{
	for (size_t i = 0; name && i < count; i++) {
		for (const struct host_action *a = modules[i]->actions; a->name; a++) {
			if (!strcmp(a->name, name))
				return a;
		}
	}
	return NULL;
}

static const struct host_action *find_action(const struct host_session *session,
					      const char *name)
{
	size_t count;
	const struct host_action_module *const *modules = modules_of(session, &count);
	const struct host_action *generic = find_in(generic_modules, ARRAY_SIZE(generic_modules), name);

	return generic ? generic : find_in(modules, count, name);
}

char *host_action_perform(struct host_session *session, const struct vcts_line *line)
{
	const char *name = line_get(line, "action");
	const struct host_action *action = find_action(session, name);
	const char *id = line_get(line, "id");
	const char *status;
	/* Long enough for a command line (host_action_cmdline.c). */
	char msg[VCTS_LINE_MAX] = "";

	if (action) {
		status = action->perform(session, line, msg, sizeof(msg));
	} else {
		snprintf(msg, sizeof(msg), "%s cannot perform host action '%s'",
			 session->config->hypervisor, name ? name : "");
		status = "unsupported";
	}
	return line_encode_answer(id, status, msg);
}
