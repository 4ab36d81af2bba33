/*
 * The `kernel-cmdline` host action (docs/host-actions.md): a kernel booted
 * with vcts.cmdline=ask (the ISO's GRUB menu, where the harness cannot
 * pass -append) asks for the command line this VM would have had, and
 * gets it in the answer's msg. Nothing in it depends on the hypervisor:
 * host_actions.c offers it on every backend.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_encode.h"
#include "protocol/line_parser.h"
#include "vm/host_action_module.h"

/* guest-kernel/lib/cmdline_ask.c's buffer, its NUL included. */
#define KERNEL_CMDLINE_MAX 2048

static const char *perform_kernel_cmdline(struct host_session *session,
					  const struct vcts_line *line, char *msg,
					  size_t msg_size)
{
	const char *cmdline = session->kernel_cmdline;
	size_t len = cmdline ? strlen(cmdline) : 0;
	char *answer;
	size_t answer_len;

	if (!cmdline) {
		snprintf(msg, msg_size, "no kernel command line for this VM");
		return HOST_STATUS_ERROR;
	}
	if (len >= KERNEL_CMDLINE_MAX || len >= msg_size) {
		snprintf(msg, msg_size, "the command line is %zu bytes; the kernel takes %d at most",
			 len, KERNEL_CMDLINE_MAX - 1);
		return HOST_STATUS_ERROR;
	}
	/* Escaped, it must still fit in one line of the protocol. */
	answer = line_encode_answer(line_get(line, "id"), HOST_STATUS_OK, cmdline);
	answer_len = strlen(answer) - 1;	/* without its LF */
	free(answer);
	if (answer_len > VCTS_LINE_MAX) {
		snprintf(msg, msg_size,
			 "the command line needs a %zu-byte answer line; the protocol allows %d",
			 answer_len, VCTS_LINE_MAX);
		return HOST_STATUS_ERROR;
	}
	snprintf(msg, msg_size, "%s", cmdline);
	return HOST_STATUS_OK;
}

static const struct host_action kernel_cmdline_actions[] = {
	{ "kernel-cmdline", perform_kernel_cmdline },
	{ NULL, NULL },
};

const struct host_action_module host_action_kernel_cmdline = {
	.actions = kernel_cmdline_actions,
};
