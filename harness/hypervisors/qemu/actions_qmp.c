/*
 * QMP for the host actions of the other modules: the VM's monitor socket
 * (OUTPUT/qmp-CONFIG.sock, -qmp in command.c) and one command run on it.
 * A module of its own so that the socket is gone before QEMU creates it
 * and after QEMU is gone.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <unistd.h>

#include "hypervisors/qemu/actions.h"
#include "hypervisors/qemu/qmp.h"

#define QMP_TIMEOUT_MS 5000

int qemu_action_qmp(struct host_session *session, const char *command,
		    struct json_object *arguments, struct json_object **result, char *msg,
		    size_t msg_size)
{
	char *path = qemu_qmp_socket(session->config);
	struct qmp qmp = { .fd = -1 };
	int ret = -1;

	if (qmp_connect(&qmp, path, QMP_TIMEOUT_MS, msg, msg_size) == 0) {
		ret = qmp_execute(&qmp, command, arguments, result, QMP_TIMEOUT_MS, msg, msg_size);
		arguments = NULL;
		qmp_close(&qmp);
	}
	json_object_put(arguments);
	free(path);
	return ret;
}

static void remove_qmp_socket(struct host_session *session)
{
	char *path = qemu_qmp_socket(session->config);

	unlink(path);
	free(path);
}

static int qmp_open(struct host_session *session, char *err, size_t err_size)
{
	(void)err;
	(void)err_size;
	remove_qmp_socket(session);
	return 0;
}

static const struct host_action no_actions[] = {
	{ NULL, NULL },
};

const struct host_action_module qemu_actions_qmp = {
	.actions = no_actions,
	.open = qmp_open,
	.close = remove_qmp_socket,
};
