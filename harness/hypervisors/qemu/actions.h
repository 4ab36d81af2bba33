/*
 * What QEMU's host-action modules (actions_*.c) share: the module
 * interface and QMP on the VM's monitor socket.
 */
#ifndef VCTS_QEMU_ACTIONS_H
#define VCTS_QEMU_ACTIONS_H

#include "hypervisors/qemu/qemu.h"
#include "vm/host_action_module.h"

struct json_object;

/*
 * Runs one QMP command on the session's VM (connect, execute, close).
 * 0 and its "return" value in *@result when @result is not NULL
 * (json_object_put() it), or -1 with the reason in @msg. @arguments (may
 * be NULL) is taken over.
 */
int qemu_action_qmp(struct host_session *session, const char *command,
		    struct json_object *arguments, struct json_object **result, char *msg,
		    size_t msg_size);

#endif
