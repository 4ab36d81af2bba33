/* The QMP client (qmp.h). */
#include <errno.h>
#include <json-c/json.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hypervisors/qemu/qmp.h"
#include "util.h"

struct json_object *qmp_take_message(struct qmp *qmp)
{
	char *nl;

	while ((nl = memchr(qmp->buf, '\n', qmp->len))) {
		size_t line_len = (size_t)(nl - qmp->buf) + 1;
		struct json_object *obj;

		*nl = '\0';
		obj = json_tokener_parse(qmp->buf);
		memmove(qmp->buf, qmp->buf + line_len, qmp->len - line_len);
		qmp->len -= line_len;
		if (obj)
			return obj;
		/* not JSON: skip */
	}
	return NULL;
}

/* One JSON message (QMP ends each with CRLF), or NULL on timeout/EOF. */
static struct json_object *read_message(struct qmp *qmp, uint64_t deadline_ms,
					char *err, size_t err_size)
{
	for (;;) {
		struct json_object *obj = qmp_take_message(qmp);
		struct pollfd pfd = { .fd = qmp->fd, .events = POLLIN };
		uint64_t now = monotonic_ms();
		ssize_t n;

		if (obj)
			return obj;
		if (qmp->len == sizeof(qmp->buf)) {
			snprintf(err, err_size, "QMP message too long");
			return NULL;
		}
		if (now >= deadline_ms) {
			snprintf(err, err_size, "QMP did not answer in time");
			return NULL;
		}
		if (poll(&pfd, 1, (int)(deadline_ms - now)) <= 0)
			continue;
		n = read(qmp->fd, qmp->buf + qmp->len, sizeof(qmp->buf) - qmp->len);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			snprintf(err, err_size, "QMP connection closed");
			return NULL;
		}
		qmp->len += (size_t)n;
	}
}

static int send_all(struct qmp *qmp, const char *text, char *err, size_t err_size)
{
	size_t len = strlen(text);

	while (len) {
		ssize_t n = send(qmp->fd, text, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, err_size, "cannot write to QMP: %s", strerror(errno));
			return -1;
		}
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

enum qmp_reply qmp_reply_parse(struct json_object *msg, struct json_object **result,
			       char *err, size_t err_size)
{
	struct json_object *value, *desc;

	if (json_object_object_get_ex(msg, "return", &value)) {
		if (result)
			*result = json_object_get(value);
		return QMP_REPLY_RETURN;
	}
	if (!json_object_object_get_ex(msg, "error", &value))
		return QMP_REPLY_OTHER;
	/* A "desc" of null has no string: json_object_get_string() gives NULL. */
	snprintf(err, err_size, "%s",
		 json_object_object_get_ex(value, "desc", &desc) &&
		 json_object_is_type(desc, json_type_string) ?
		 json_object_get_string(desc) : json_object_to_json_string(value));
	return QMP_REPLY_ERROR;
}

bool qmp_is_greeting(struct json_object *msg)
{
	return json_object_object_get_ex(msg, "QMP", NULL);
}

int qmp_execute(struct qmp *qmp, const char *command, struct json_object *arguments,
		struct json_object **result, unsigned int timeout_ms, char *err,
		size_t err_size)
{
	struct json_object *request = json_object_new_object();
	uint64_t deadline = monotonic_ms() + timeout_ms;
	int ret;

	if (result)
		*result = NULL;
	json_object_object_add(request, "execute", json_object_new_string(command));
	if (arguments)
		json_object_object_add(request, "arguments", arguments);
	ret = send_all(qmp, json_object_to_json_string_ext(request, JSON_C_TO_STRING_PLAIN),
		       err, err_size);
	json_object_put(request);
	if (ret)
		return -1;
	for (;;) {
		struct json_object *msg = read_message(qmp, deadline, err, err_size);
		enum qmp_reply reply;

		if (!msg)
			return -1;
		reply = qmp_reply_parse(msg, result, err, err_size);
		json_object_put(msg);
		if (reply != QMP_REPLY_OTHER)	/* an event: skip */
			return reply == QMP_REPLY_RETURN ? 0 : -1;
	}
}

int qmp_connect(struct qmp *qmp, const char *path, unsigned int timeout_ms,
		char *err, size_t err_size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	uint64_t deadline = monotonic_ms() + timeout_ms;
	struct json_object *greeting;

	qmp->len = 0;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		snprintf(err, err_size, "QMP socket path too long: %s", path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	qmp->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (qmp->fd < 0) {
		snprintf(err, err_size, "cannot create a socket: %s", strerror(errno));
		return -1;
	}
	if (connect(qmp->fd, (struct sockaddr *)&addr, sizeof(addr))) {
		snprintf(err, err_size, "cannot connect to %s: %s", path, strerror(errno));
		qmp_close(qmp);
		return -1;
	}
	greeting = read_message(qmp, deadline, err, err_size);
	if (!greeting || !qmp_is_greeting(greeting)) {
		if (greeting)
			snprintf(err, err_size, "no QMP greeting on %s", path);
		json_object_put(greeting);
		qmp_close(qmp);
		return -1;
	}
	json_object_put(greeting);
	if (qmp_execute(qmp, "qmp_capabilities", NULL, NULL, timeout_ms, err, err_size)) {
		qmp_close(qmp);
		return -1;
	}
	return 0;
}

void qmp_close(struct qmp *qmp)
{
	if (qmp->fd >= 0)
		close(qmp->fd);
	qmp->fd = -1;
	qmp->len = 0;
}
