/*
 * A minimal QMP client: connect to QEMU's UNIX socket, read the greeting,
 * leave negotiation mode, execute commands. Asynchronous events are
 * skipped; every read has a deadline.
 */
#ifndef VCTS_QMP_H
#define VCTS_QMP_H

#include <stddef.h>

struct json_object;

struct qmp {
	int fd;
	char buf[65536];
	size_t len;
};

/* 0, or -1 with the reason in @err. */
int qmp_connect(struct qmp *qmp, const char *path, unsigned int timeout_ms,
		char *err, size_t err_size);
/*
 * Runs @command with @arguments (taken over; may be NULL). Returns 0 and
 * the "return" value in *@result (json_object_put() it; may be NULL), or
 * -1 with QEMU's error (or the I/O problem) in @err.
 */
int qmp_execute(struct qmp *qmp, const char *command, struct json_object *arguments,
		struct json_object **result, unsigned int timeout_ms, char *err,
		size_t err_size);
void qmp_close(struct qmp *qmp);

#endif
