/* Host actions of block devices: blk-resize (docs/host-actions.md). */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "hypervisors/qemu/actions.h"

/* blk-resize: QMP block_resize of the drive behind the device. */
static const char *blk_resize(struct host_session *session, const struct vcts_line *line,
			      char *msg, size_t msg_size)
{
	const struct device_instance *dev = host_action_device(session, line, "vhost-user-blk",
							       msg, msg_size);
	struct json_object *args;
	unsigned long long size;

	/*
	 * Its disk belongs to qemu-storage-daemon: QEMU's block_resize cannot
	 * reach it, and the daemon's own (7.2) tells QEMU of no config change.
	 */
	if (dev) {
		snprintf(msg, msg_size, "%s is served by qemu-storage-daemon (vhost-user): no host action resizes it with a config change",
			 dev->name);
		return HOST_STATUS_ERROR;
	}
	dev = host_action_device(session, line, "blk", msg, msg_size);
	if (!dev)
		return HOST_STATUS_ERROR;
	if (!dev->image_name) {
		snprintf(msg, msg_size, "no disk behind %s", dev->name);
		return HOST_STATUS_ERROR;
	}
	if (dev->read_only) {
		snprintf(msg, msg_size, "%s is read-only", dev->name);
		return HOST_STATUS_ERROR;
	}
	if (!host_action_number(line, "bytes", &size, msg, msg_size))
		return HOST_STATUS_ERROR;
	if (!size) {
		snprintf(msg, msg_size, "bad bytes '0'");
		return HOST_STATUS_ERROR;
	}
	args = json_object_new_object();
	/* The harness's -drive id is the configuration's device name. */
	json_object_object_add(args, "device", json_object_new_string(dev->name));
	json_object_object_add(args, "size", json_object_new_int64((int64_t)size));
	if (qemu_action_qmp(session, "block_resize", args, NULL, msg, msg_size))
		return HOST_STATUS_ERROR;
	snprintf(msg, msg_size, "%s (drive %s) resized to %llu bytes", line_get(line, "device"),
		 dev->name, size);
	return HOST_STATUS_OK;
}

static const struct host_action blk_actions[] = {
	{ "blk-resize", blk_resize },
	{ NULL, NULL },
};

const struct host_action_module qemu_actions_blk = {
	.actions = blk_actions,
};
