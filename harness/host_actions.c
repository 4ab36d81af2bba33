/* Host actions (host_actions.h). */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "host_actions.h"
#include "host_checks.h"
#include "line_encode.h"
#include "qmp.h"
#include "util.h"

#define QMP_TIMEOUT_MS 5000

/* blk-resize: QMP block_resize of the drive behind the device. */
static const char *blk_resize(const struct run_state *rs, const char *qmp_path,
			      const struct vcts_line *line, char *msg, size_t msg_size)
{
	const char *device = line_get(line, "device");
	const char *bytes = line_get(line, "bytes");
	const struct device_instance *dev = device ? host_backing_device(rs, device) : NULL;
	struct qmp qmp = { .fd = -1 };
	struct json_object *args;
	char *end = NULL;
	unsigned long long size;

	if (!dev || strcmp(dev->type, "blk") || !dev->image_name) {
		snprintf(msg, msg_size, "no disk behind device '%s'", device ? device : "");
		return "error";
	}
	if (dev->read_only) {
		snprintf(msg, msg_size, "%s is read-only", dev->name);
		return "error";
	}
	size = bytes && *bytes ? strtoull(bytes, &end, 10) : 0;
	if (!end || *end || !size) {
		snprintf(msg, msg_size, "bad bytes '%s'", bytes ? bytes : "");
		return "error";
	}
	if (qmp_connect(&qmp, qmp_path, QMP_TIMEOUT_MS, msg, msg_size))
		return "error";
	args = json_object_new_object();
	/* The harness's -drive id is the configuration's device name. */
	json_object_object_add(args, "device", json_object_new_string(dev->name));
	json_object_object_add(args, "size", json_object_new_int64((int64_t)size));
	if (qmp_execute(&qmp, "block_resize", args, NULL, QMP_TIMEOUT_MS, msg, msg_size)) {
		qmp_close(&qmp);
		return "error";
	}
	qmp_close(&qmp);
	snprintf(msg, msg_size, "%s (drive %s) resized to %llu bytes", device, dev->name, size);
	return "ok";
}

char *host_action_perform(const struct run_state *rs, const char *qmp_path,
			  const struct vcts_line *line)
{
	const char *action = line_get(line, "action");
	const char *id = line_get(line, "id");
	const char *status;
	char msg[512] = "";
	struct line_builder lb;

	if (action && !strcmp(action, "blk-resize")) {
		status = blk_resize(rs, qmp_path, line, msg, sizeof(msg));
	} else {
		snprintf(msg, sizeof(msg), "unknown host action '%s'", action ? action : "");
		status = "unsupported";
	}
	line_builder_begin(&lb, "answer");
	line_builder_add(&lb, "id", id ? id : "");
	line_builder_add(&lb, "status", status);
	line_builder_add(&lb, "msg", msg);
	return line_builder_finish(&lb);
}
