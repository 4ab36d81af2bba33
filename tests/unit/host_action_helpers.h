/*
 * What the unit tests of host actions share (test_host_actions.c): the
 * answer of the harness to a request, and a listening UNIX socket that
 * stands in for QEMU's end of a monitor or a chardev.
 */
#ifndef VCTS_UNIT_HOST_ACTION_HELPERS_H
#define VCTS_UNIT_HOST_ACTION_HELPERS_H

#include "vm/host_actions.h"

/*
 * Builds the request line of @pairs (key, value, ..., NULL), performs it
 * in @session and parses the answer into @answer; returns its status.
 */
const char *host_action_answer(struct host_session *session, const char *const *pairs,
			       struct vcts_line *answer);

/* A listening UNIX socket at @path (an old file there is removed); -1 on error. */
int listen_on(const char *path);

#endif
