/*
 * Host actions (host_actions.h): the session, the dispatch of a request to
 * its device type's module, and the helpers the modules share.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/host_action_module.h"
#include "vm/host_checks.h"
#include "hypervisors/qemu/qemu.h"
#include "protocol/line_encode.h"
#include "hypervisors/qemu/qmp.h"
#include "util.h"

#define QMP_TIMEOUT_MS 5000

/* Every device type with host actions; docs/host-actions.md lists them. */
static const struct host_action_module *const modules[] = {
	&host_actions_blk,
	&host_actions_console,
	&host_actions_balloon,
	&host_actions_scsi,
	&host_actions_net,
};

int host_session_open(struct host_session *session, const struct run_state *rs,
		      const struct vcts_config *config, const struct options *opts)
{
	char err[512] = "";

	*session = (struct host_session){ .rs = rs, .config = config, .opts = opts };
	session->qmp_path = qemu_qmp_socket(config, opts);
	unlink(session->qmp_path);
	for (size_t i = 0; i < ARRAY_SIZE(modules); i++) {
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
	for (size_t i = 0; i < ARRAY_SIZE(modules); i++) {
		if (modules[i]->close)
			modules[i]->close(session);
	}
	if (session->qmp_path)
		unlink(session->qmp_path);
	free(session->qmp_path);
	session->qmp_path = NULL;
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

int host_action_qmp(struct host_session *session, const char *command,
		    struct json_object *arguments, char *msg, size_t msg_size)
{
	struct qmp qmp = { .fd = -1 };
	int ret;

	if (qmp_connect(&qmp, session->qmp_path, QMP_TIMEOUT_MS, msg, msg_size)) {
		json_object_put(arguments);
		return -1;
	}
	ret = qmp_execute(&qmp, command, arguments, NULL, QMP_TIMEOUT_MS, msg, msg_size);
	qmp_close(&qmp);
	return ret;
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

static const struct host_action *find_action(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(modules); i++) {
		for (const struct host_action *a = modules[i]->actions; a->name; a++) {
			if (!strcmp(a->name, name))
				return a;
		}
	}
	return NULL;
}

char *host_action_perform(struct host_session *session, const struct vcts_line *line)
{
	const char *name = line_get(line, "action");
	const struct host_action *action = find_action(name);
	const char *id = line_get(line, "id");
	const char *status;
	char msg[512] = "";

	if (action) {
		status = action->perform(session, line, msg, sizeof(msg));
	} else {
		snprintf(msg, sizeof(msg), "unknown host action '%s'", name ? name : "");
		status = "unsupported";
	}
	return line_encode_answer(id, status, msg);
}
