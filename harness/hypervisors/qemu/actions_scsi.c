/*
 * Host actions of SCSI controllers (docs/host-actions.md): scsi-hotplug
 * and scsi-unplug of a small disk at a target and LUN of the controller's
 * bus, for the hot-plug events of VIRTIO_SCSI_F_HOTPLUG (5.6.6.3).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hypervisors/qemu/actions.h"

/* The hot-plugged disk: zeroes, no file behind it. */
#define SCSI_HOTPLUG_BYTES	(1024 * 1024)
/* What a virtio-scsi LUN can address (5.6.6.1): 256 targets, 16384 LUNs. */
#define SCSI_TARGET_LIMIT	255
#define SCSI_LUN_LIMIT		16383
/*
 * QEMU lets go of a removed disk's block node only after an RCU grace
 * period: blockdev-del is tried this often, this far apart.
 */
#define NODE_DELETE_TRIES	40
#define NODE_DELETE_PAUSE_NS	(50 * 1000 * 1000)

struct scsi_address {
	const struct device_instance *controller;
	unsigned long long target;
	unsigned long long lun;
	char device_id[96];	/* the scsi-hd's id */
	char node_name[112];	/* its block node */
};

/* The request's controller, target and LUN, and the names derived from them. */
static bool scsi_address_of(struct host_session *session, const struct vcts_line *line,
			    struct scsi_address *at, char *msg, size_t msg_size)
{
	at->controller = host_action_device(session, line, "scsi", msg, msg_size);
	if (!at->controller || !host_action_number(line, "target", &at->target, msg, msg_size) ||
	    !host_action_number(line, "lun", &at->lun, msg, msg_size))
		return false;
	if (at->target > SCSI_TARGET_LIMIT || at->lun > SCSI_LUN_LIMIT) {
		snprintf(msg, msg_size, "target %llu / lun %llu beyond what a LUN can address",
			 at->target, at->lun);
		return false;
	}
	snprintf(at->device_id, sizeof(at->device_id), "vcts-%s-t%llu-l%llu",
		 at->controller->name, at->target, at->lun);
	snprintf(at->node_name, sizeof(at->node_name), "%s-node", at->device_id);
	return true;
}

static int add_null_node(struct host_session *session, const struct scsi_address *at,
			 char *msg, size_t msg_size)
{
	struct json_object *args = json_object_new_object();

	json_object_object_add(args, "driver", json_object_new_string("null-co"));
	json_object_object_add(args, "node-name", json_object_new_string(at->node_name));
	json_object_object_add(args, "size", json_object_new_int64(SCSI_HOTPLUG_BYTES));
	json_object_object_add(args, "read-zeroes", json_object_new_boolean(true));
	return qemu_action_qmp(session, "blockdev-add", args, NULL, msg, msg_size);
}

static int add_disk(struct host_session *session, const struct scsi_address *at, char *msg,
		    size_t msg_size)
{
	struct json_object *args = json_object_new_object();
	char bus[96];

	/* The controller's -device id is the configuration's device name. */
	snprintf(bus, sizeof(bus), "%s.0", at->controller->name);
	json_object_object_add(args, "driver", json_object_new_string("scsi-hd"));
	json_object_object_add(args, "id", json_object_new_string(at->device_id));
	json_object_object_add(args, "drive", json_object_new_string(at->node_name));
	json_object_object_add(args, "bus", json_object_new_string(bus));
	json_object_object_add(args, "channel", json_object_new_int(0));
	json_object_object_add(args, "scsi-id", json_object_new_int((int)at->target));
	json_object_object_add(args, "lun", json_object_new_int((int)at->lun));
	return qemu_action_qmp(session, "device_add", args, NULL, msg, msg_size);
}

static int delete_by_name(struct host_session *session, const char *command, const char *key,
			  const char *name, char *msg, size_t msg_size)
{
	struct json_object *args = json_object_new_object();

	json_object_object_add(args, key, json_object_new_string(name));
	return qemu_action_qmp(session, command, args, NULL, msg, msg_size);
}

static int delete_node(struct host_session *session, const struct scsi_address *at,
		       char *msg, size_t msg_size)
{
	const struct timespec pause = { .tv_nsec = NODE_DELETE_PAUSE_NS };

	for (int i = 0;; i++) {
		if (!delete_by_name(session, "blockdev-del", "node-name", at->node_name, msg,
				    msg_size))
			return 0;
		if (i + 1 == NODE_DELETE_TRIES)
			return -1;
		nanosleep(&pause, NULL);
	}
}

/* scsi-hotplug: a 1 MiB zero disk (null-co) as scsi-hd at target/lun. */
static const char *scsi_hotplug(struct host_session *session, const struct vcts_line *line,
				char *msg, size_t msg_size)
{
	struct scsi_address at;
	char ignored[256];

	if (!scsi_address_of(session, line, &at, msg, msg_size))
		return HOST_STATUS_ERROR;
	/* A node an earlier unplug could not delete is free by now. */
	delete_by_name(session, "blockdev-del", "node-name", at.node_name, ignored,
		       sizeof(ignored));
	if (add_null_node(session, &at, msg, msg_size))
		return HOST_STATUS_ERROR;
	if (add_disk(session, &at, msg, msg_size)) {
		delete_by_name(session, "blockdev-del", "node-name", at.node_name, ignored,
			       sizeof(ignored));
		return HOST_STATUS_ERROR;
	}
	snprintf(msg, msg_size, "%s: scsi-hd %s at target %llu lun %llu", at.controller->name,
		 at.device_id, at.target, at.lun);
	return HOST_STATUS_OK;
}

/*
 * scsi-unplug: device_del of the disk scsi-hotplug added (a SCSI bus
 * unplugs at once, no guest handshake), then blockdev-del of its node.
 */
static const char *scsi_unplug(struct host_session *session, const struct vcts_line *line,
			       char *msg, size_t msg_size)
{
	struct scsi_address at;

	if (!scsi_address_of(session, line, &at, msg, msg_size) ||
	    delete_by_name(session, "device_del", "id", at.device_id, msg, msg_size))
		return HOST_STATUS_ERROR;
	if (delete_node(session, &at, msg, msg_size)) {
		/* The disk is gone, which is what the test asked for; the node stays. */
		snprintf(msg + strlen(msg), msg_size - strlen(msg), " (node %s kept)",
			 at.node_name);
		return HOST_STATUS_OK;
	}
	snprintf(msg, msg_size, "%s: %s removed from target %llu lun %llu", at.controller->name,
		 at.device_id, at.target, at.lun);
	return HOST_STATUS_OK;
}

static const struct host_action scsi_actions[] = {
	{ "scsi-hotplug", scsi_hotplug },
	{ "scsi-unplug", scsi_unplug },
	{ NULL, NULL },
};

const struct host_action_module qemu_actions_scsi = {
	.actions = scsi_actions,
};
