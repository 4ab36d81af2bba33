/*
 * libFuzzer entry point: what the QMP client (hypervisors/qemu/qmp.c)
 * makes of the bytes QEMU's socket delivers. The bytes arrive in chunks
 * as read() would return them, into the client's own buffer; whole
 * lines are taken out as messages, the first must be the greeting, the
 * ones after it are replies to a command or events, as in qmp_connect
 * and qmp_execute. Only the socket calls are left out.
 *
 * Input: a chunking byte (chunks of N bytes; 0: as much as fits),
 * then the bytes from the socket.
 *
 * Oracles besides the sanitizers: the buffer never holds more than its
 * size; an error reply leaves a NUL-terminated message in the error
 * buffer; a "return" reply hands over its value with a reference of its
 * own (put here before the message: ASan sees a double free otherwise).
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/qemu/qmp.h"
#include "tests/fuzz/fuzz_check.h"
#include "util.h"

/* 64 KiB: kept across inputs rather than allocated for each. */
static struct qmp qmp;

/*
 * glibc prints a NULL string argument as "(null)": unless QEMU's "desc"
 * said just that, a NULL went into the error message.
 */
static void check_null_message(struct json_object *msg, const char *err)
{
	struct json_object *error, *desc;

	if (strcmp(err, "(null)"))
		return;
	FUZZ_CHECK(json_object_object_get_ex(msg, "error", &error) &&
		   json_object_object_get_ex(error, "desc", &desc) &&
		   json_object_is_type(desc, json_type_string),
		   "the error message comes from the reply");
}

/* qmp_connect's greeting check, then qmp_execute's loop for each message after it. */
static void judge(struct json_object *msg, bool first)
{
	struct json_object *result = NULL;
	char err[256];
	enum qmp_reply reply;

	if (first) {
		(void)qmp_is_greeting(msg);
		return;
	}
	memset(err, 'x', sizeof(err));
	reply = qmp_reply_parse(msg, &result, err, sizeof(err));
	if (reply == QMP_REPLY_ERROR) {
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)), "the error message is a string");
		check_null_message(msg, err);
	}
	if (reply == QMP_REPLY_RETURN) {
		/* What the actions do with an answer (query-balloon's "actual"). */
		(void)json_object_object_get_ex(result, "actual", NULL);
		json_object_put(result);
	}
}

/* Take out every whole message; false when the buffer is full without one. */
static bool drain(size_t *messages)
{
	struct json_object *msg;

	while ((msg = qmp_take_message(&qmp))) {
		FUZZ_CHECK(qmp.len <= sizeof(qmp.buf), "the buffer holds at most its size");
		judge(msg, *messages == 0);
		json_object_put(msg);
		++*messages;
	}
	/* read_message gives up here: "QMP message too long". */
	return qmp.len < sizeof(qmp.buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t max = size ? data[0] : 0;
	size_t at = size ? 1 : 0, messages = 0;

	qmp.fd = -1;
	qmp.len = 0;
	while (at < size) {
		size_t room = sizeof(qmp.buf) - qmp.len;
		size_t chunk = size - at;

		if (max && chunk > max)
			chunk = max;
		if (chunk > room)
			chunk = room;
		memcpy(qmp.buf + qmp.len, data + at, chunk);
		qmp.len += chunk;
		at += chunk;
		if (!drain(&messages))
			break;
	}
	return 0;
}
