/*
 * A minimal QMP client: connect to QEMU's UNIX socket, read the greeting,
 * leave negotiation mode, execute commands. Asynchronous events are
 * skipped; every read has a deadline.
 */
#ifndef VCTS_QMP_H
#define VCTS_QMP_H

#include <stdbool.h>
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

/*
 * What QEMU sent, read apart from the socket so that it can be tested on
 * any bytes (tests/fuzz/fuzz_qmp.c).
 */

/*
 * The next whole message in @qmp->buf, taken out of it; NULL when no
 * complete line is left. Lines that are not JSON are dropped.
 */
struct json_object *qmp_take_message(struct qmp *qmp);

enum qmp_reply {
	QMP_REPLY_RETURN,	/* the command's answer */
	QMP_REPLY_ERROR,	/* the command failed */
	QMP_REPLY_OTHER,	/* an event, or anything else: keep waiting */
};

/*
 * What @msg is to a command waiting for its answer. RETURN: the "return"
 * value in *@result (json_object_put() it; may be NULL) when @result is
 * not NULL; ERROR: QEMU's description in @err.
 */
enum qmp_reply qmp_reply_parse(struct json_object *msg, struct json_object **result,
			       char *err, size_t err_size);
/* Is @msg the greeting QEMU sends first ({"QMP": ...})? */
bool qmp_is_greeting(struct json_object *msg);

#endif
