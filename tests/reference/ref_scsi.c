/*
 * The reference SCSI host device (5.6): its configuration (sense_size and
 * cdb_size writable, back to 96 / 32 on reset), the controlq (task
 * management, asynchronous notification queries), the eventq (hot-plug
 * events, fed through has_data, and lost events flagged) and one request
 * queue in front of the target of ref_scsi_target.c. Offers
 * VIRTIO_SCSI_F_HOTPLUG; scsi-hotplug / scsi-unplug host actions add and
 * remove a 1 MiB zero disk as the harness does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/protocol/line_parser.h"
#include "tests/reference/ref_scsi.h"

#define CONTROLQ	0
#define EVENTQ		1
#define REQUESTQ	2

#define F_HOTPLUG	1
#define F_INOUT		0

/* 5.6.4 configuration layout */
#define CFG_NUM_QUEUES		0
#define CFG_SEG_MAX		4
#define CFG_MAX_SECTORS		8
#define CFG_CMD_PER_LUN		12
#define CFG_EVENT_INFO_SIZE	16
#define CFG_SENSE_SIZE		20
#define CFG_CDB_SIZE		24
#define CFG_MAX_CHANNEL		28
#define CFG_MAX_TARGET		30
#define CFG_MAX_LUN		32
#define CFG_SIZE		36

#define SENSE_SIZE_DEFAULT	96
#define CDB_SIZE_DEFAULT	32
/* The largest sense_size / cdb_size the device uses (larger: requests are refused). */
#define SIZE_LIMIT		256

#define REQ_HEADER		19	/* lun[8], id, task_attr, prio, crn */
#define RESP_HEADER		12	/* sense_len, residual, status_qualifier, status, response */
#define EVENT_BYTES		16

/* 5.6.6.1 / 5.6.6.2 response values, 5.6.6.3 events */
#define S_OK			0
#define S_OVERRUN		1
#define S_BAD_TARGET		3
#define S_FAILURE		9
#define S_FUNCTION_COMPLETE	0
#define S_FUNCTION_REJECTED	11
#define T_TMF			0
#define T_AN_QUERY		1
#define T_AN_SUBSCRIBE		2
#define TMF_SUBTYPE_LAST	7	/* QUERY TASK SET */
#define T_NO_EVENT		0
#define T_TRANSPORT_RESET	1
#define T_EVENTS_MISSED		0x80000000u
#define EVT_RESET_HARD		0
#define EVT_RESET_RESCAN	1
#define EVT_RESET_REMOVED	2

/* LU 0/0: what the harness attaches (8 MiB of host pattern); hot-plugged: 1 MiB of zeros. */
#define DISK_BLOCKS		(8u * 1024 * 1024 / REF_SCSI_SECTOR)
#define HOTPLUG_BLOCKS		(1024u * 1024 / REF_SCSI_SECTOR)

static void put_le(uint8_t *at, uint64_t value, int bytes)
{
	for (int i = 0; i < bytes; i++)
		at[i] = (uint8_t)(value >> (8 * i));
}

static uint32_t le32_at(const uint8_t *at)
{
	return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 |
	       (uint32_t)at[3] << 24;
}

static void scsi_init(struct ref_device *dev)
{
	struct ref_scsi_state *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	s->lus[0] = (struct ref_scsi_lu){ .present = true, .blocks = DISK_BLOCKS,
					  .pattern = true };
	dev->type_state = s;
	put_le(dev->config + CFG_SENSE_SIZE, SENSE_SIZE_DEFAULT, 4);
	put_le(dev->config + CFG_CDB_SIZE, CDB_SIZE_DEFAULT, 4);
}

/* 5.6.4.2: sense_size 96 and cdb_size 32 on reset; pending events are gone. */
static void scsi_reset(struct ref_device *dev)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	uint8_t *c = dev->config;

	put_le(c + CFG_NUM_QUEUES, dev->fault == REF_FAULT_SCSI_NUM_QUEUES_ZERO ? 0 : 1, 4);
	put_le(c + CFG_SEG_MAX, REF_MAX_SEGMENTS - 2, 4);
	put_le(c + CFG_MAX_SECTORS, 0xffff, 4);
	put_le(c + CFG_CMD_PER_LUN, 128, 4);
	put_le(c + CFG_EVENT_INFO_SIZE, EVENT_BYTES, 4);
	if (dev->fault != REF_FAULT_SCSI_SIZES_KEPT_OVER_RESET) {
		put_le(c + CFG_SENSE_SIZE, dev->fault == REF_FAULT_SCSI_SENSE_SIZE_DEFAULT_WRONG ?
			SENSE_SIZE_DEFAULT / 2 : SENSE_SIZE_DEFAULT, 4);
		put_le(c + CFG_CDB_SIZE, CDB_SIZE_DEFAULT, 4);
	}
	put_le(c + CFG_MAX_CHANNEL, 0, 2);
	put_le(c + CFG_MAX_TARGET, 255, 2);
	put_le(c + CFG_MAX_LUN, 16383, 4);
	s->pending_count = 0;
	s->events_missed = false;
}

/* 5.6.4: the driver may write sense_size and cdb_size, nothing else. */
static void scsi_config_write(struct ref_device *dev, uint32_t offset, int width,
			      uint32_t value)
{
	for (int i = 0; i < width; i++, offset++) {
		if (offset >= CFG_SENSE_SIZE && offset < CFG_CDB_SIZE + 4)
			dev->config[offset] = (uint8_t)(value >> (8 * i));
	}
}

/* What a request's response says besides the data (5.6.6.1). */
struct response {
	uint32_t sense_len, residual;
	uint8_t status, response;
	const uint8_t *sense;
};

static uint32_t write_response(struct ref_device *dev, struct ref_chain *chain,
			       const struct response *r, uint32_t sense_size)
{
	uint8_t bytes[RESP_HEADER + SIZE_LIMIT] = { 0 };
	uint32_t sense_len = r->sense_len < sense_size ? r->sense_len : sense_size;

	put_le(bytes, sense_len && dev->fault == REF_FAULT_SCSI_SENSE_LEN_BEYOND_SIZE ?
		      sense_size + 1 : sense_len, 4);
	put_le(bytes + 4, r->residual, 4);
	bytes[10] = r->status;
	bytes[11] = dev->fault == REF_FAULT_SCSI_BAD_RESPONSE ? 0x0d : r->response;
	if (sense_len)
		memcpy(bytes + RESP_HEADER, r->sense, sense_len);
	return ref_chain_write(chain, 0, bytes, RESP_HEADER + sense_size);
}

/* The target and LU a request's lun addresses: false for BAD_TARGET. */
static bool address(struct ref_device *dev, const uint8_t lun[8],
		    struct ref_scsi_command *command)
{
	uint16_t number = (uint16_t)((lun[2] & 0x3f) << 8 | lun[3]);

	/* 5.6.6.1: 1, target, single-level LUN, four zero bytes (no well-known LUs here). */
	if (lun[0] != 1 || lun[4] || lun[5] || lun[6] || lun[7])
		return false;
	command->target = lun[1];
	command->lu = ref_scsi_find_lu(dev, lun[1], number, &command->lu_index);
	return ref_scsi_target_exists(dev, lun[1]) ||
	       dev->fault == REF_FAULT_SCSI_ABSENT_TARGET_PROCESSED;
}

static uint32_t serve_request(struct ref_device *dev, struct ref_chain *chain)
{
	static uint8_t dataout[REF_SCSI_DATA_MAX], datain[REF_SCSI_DATA_MAX];
	uint32_t cdb_size = le32_at(dev->config + CFG_CDB_SIZE);
	uint32_t sense_size = le32_at(dev->config + CFG_SENSE_SIZE);
	uint8_t request[REQ_HEADER + SIZE_LIMIT];
	struct ref_scsi_command c = { .cdb = request + REQ_HEADER, .dataout = dataout,
				      .datain = datain };
	struct response r = { 0 };
	uint32_t used, data_length;

	if (cdb_size > SIZE_LIMIT || sense_size > SIZE_LIMIT ||
	    chain->readable_bytes < REQ_HEADER + cdb_size ||
	    chain->writable_bytes < RESP_HEADER + sense_size)
		return 0;
	ref_chain_read(chain, 0, request, REQ_HEADER + cdb_size);
	c.dataout_length = chain->readable_bytes - REQ_HEADER - cdb_size;
	c.datain_length = chain->writable_bytes - RESP_HEADER - sense_size;
	data_length = c.dataout_length + c.datain_length;
	c.dataout_length = c.dataout_length < REF_SCSI_DATA_MAX ? c.dataout_length :
								   REF_SCSI_DATA_MAX;
	c.datain_length = c.datain_length < REF_SCSI_DATA_MAX ? c.datain_length :
								 REF_SCSI_DATA_MAX;
	r.residual = data_length;
	if (!address(dev, request, &c)) {
		r.response = S_BAD_TARGET;
	} else if (c.dataout_length && c.datain_length && !ref_negotiated(dev, F_INOUT) &&
		   dev->fault != REF_FAULT_SCSI_INOUT_PROCESSED) {
		r.response = S_FAILURE;		/* 5.6.6.1.1: at once, nothing transferred */
	} else {
		ref_chain_read(chain, REQ_HEADER + cdb_size, dataout, c.dataout_length);
		ref_scsi_execute(dev, &c);
		r = (struct response){ .sense_len = c.sense_len, .sense = c.sense,
				       .residual = data_length - c.datain_written -
						   c.dataout_taken,
				       .status = c.status,
				       .response = c.overrun ? S_OVERRUN : S_OK };
	}
	used = write_response(dev, chain, &r, sense_size);
	if (c.datain_written)
		used += ref_chain_write(chain, RESP_HEADER + sense_size, datain, c.datain_written);
	if (dev->fault == REF_FAULT_SCSI_USED_LEN_WHOLE_DATAIN)
		used = RESP_HEADER + sense_size + c.datain_length;
	return used;
}

/* 5.6.6.2: task management functions and asynchronous notification queries. */
static uint32_t serve_control(struct ref_device *dev, struct ref_chain *chain)
{
	uint8_t request[24] = { 0 }, reply[5] = { 0 };
	struct ref_scsi_command target = { 0 };
	uint32_t type, subtype;

	if (chain->readable_bytes < 4 || !chain->writable_bytes)
		return 0;
	ref_chain_read(chain, 0, request, sizeof(request));
	type = le32_at(request);
	if (type == T_AN_QUERY || type == T_AN_SUBSCRIBE) {
		/* No asynchronous events here: event_actual 0, response OK. */
		return chain->writable_bytes < 5 ? 0 : ref_chain_write(chain, 0, reply, 5);
	}
	if (type != T_TMF || chain->readable_bytes < 24)
		return 0;
	subtype = le32_at(request + 4);
	if (!address(dev, request + 8, &target) &&
	    dev->fault != REF_FAULT_SCSI_TMF_ABSENT_TARGET_COMPLETE)
		reply[0] = S_BAD_TARGET;
	else if (subtype > TMF_SUBTYPE_LAST || dev->fault == REF_FAULT_SCSI_TMF_REJECTED)
		reply[0] = S_FUNCTION_REJECTED;
	else
		reply[0] = S_FUNCTION_COMPLETE;	/* nothing is ever outstanding to abort */
	return ref_chain_write(chain, 0, reply, 1);
}

static bool reports_missed(const struct ref_device *dev)
{
	return dev->fault != REF_FAULT_SCSI_EVENTS_MISSED_UNSET;
}

/*
 * 5.6.6.3: the next pending event, or NO_EVENT to report lost ones; bit
 * 31 set on the first event after a loss (MUST).
 */
static uint32_t serve_event(struct ref_device *dev, struct ref_chain *chain)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	struct ref_scsi_event event = { .event = T_NO_EVENT };
	uint8_t bytes[EVENT_BYTES];

	if (chain->writable_bytes < EVENT_BYTES)
		return 0;
	if (s->pending_count) {
		event = s->pending[0];
		memmove(s->pending, s->pending + 1, sizeof(s->pending[0]) * --s->pending_count);
	}
	if (s->events_missed && reports_missed(dev))
		event.event |= T_EVENTS_MISSED;
	s->events_missed = false;
	put_le(bytes, event.event, 4);
	memcpy(bytes + 4, event.lun, 8);
	put_le(bytes + 12, event.reason, 4);
	return ref_chain_write(chain, 0, bytes, EVENT_BYTES);
}

static uint32_t scsi_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	if (queue == REQUESTQ)
		return serve_request(dev, chain);
	if (queue == CONTROLQ)
		return serve_control(dev, chain);
	return serve_event(dev, chain);
}

/* The eventq's buffers stay with the device until it has something to say. */
static bool scsi_has_data(struct ref_device *dev, uint16_t queue)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);

	return queue != EVENTQ || s->pending_count || (s->events_missed && reports_missed(dev));
}

/*
 * A hot-plug or unplug event for @target / @lun, whose lun field is what
 * a request would use to address it (5.6.6.1). Only with
 * VIRTIO_SCSI_F_HOTPLUG (5.6.6.3.2); dropped, and remembered as missed,
 * when the driver left no buffer for it. The buffer is used at the next
 * step (has_data).
 */
static void announce(struct ref_device *dev, uint8_t target, uint16_t lun, uint32_t reason)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	struct ref_scsi_event event = { .event = T_TRANSPORT_RESET, .reason = reason };
	struct ref_scsi_event *e = &event;

	if ((!ref_negotiated(dev, F_HOTPLUG) && dev->fault != REF_FAULT_SCSI_HOTPLUG_UNASKED) ||
	    dev->fault == REF_FAULT_SCSI_HOTPLUG_NO_EVENT)
		return;
	e->lun[0] = 1;
	e->lun[1] = target;
	e->lun[2] = (uint8_t)(lun >> 8) | (lun > 255 ? 0x40 : 0);
	e->lun[3] = (uint8_t)lun;
	if (dev->fault == REF_FAULT_SCSI_HOTPLUG_WRONG_LUN) {
		e->lun[1] = (uint8_t)lun;
		e->lun[3] = target;
	}
	if (!ref_queue_more(dev, EVENTQ) || s->pending_count == REF_SCSI_EVENTS)
		s->events_missed = true;
	else
		s->pending[s->pending_count++] = event;
}

static bool field_number(const struct vcts_line *line, const char *key, unsigned long limit,
			 unsigned long *value)
{
	const char *text = line_get(line, key);
	char *end = NULL;

	if (text && *text >= '0' && *text <= '9')
		*value = strtoul(text, &end, 10);
	return end && !*end && *value <= limit;
}

static const char *plug(struct ref_device *dev, uint8_t target, uint16_t lun, char *msg,
			size_t msg_size)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	int index, slot = -1;

	if (ref_scsi_find_lu(dev, target, lun, &index)) {
		snprintf(msg, msg_size, "target %u lun %u is in use", target, lun);
		return "error";
	}
	for (int i = REF_SCSI_LUS - 1; i >= 0; i--)
		slot = s->lus[i].present ? slot : i;
	if (slot < 0) {
		snprintf(msg, msg_size, "no room for another disk");
		return "error";
	}
	s->lus[slot] = (struct ref_scsi_lu){ .present = true, .target = target, .lun = lun,
					     .blocks = HOTPLUG_BLOCKS };
	for (int i = 0; i < s->written_count; i++)
		s->written[i].lu = s->written[i].lu == slot ? -1 : s->written[i].lu;
	announce(dev, target, lun, dev->fault == REF_FAULT_SCSI_HOTPLUG_WRONG_REASON ?
		 EVT_RESET_HARD : EVT_RESET_RESCAN);
	snprintf(msg, msg_size, "%s: disk at target %u lun %u", dev->vdev.name, target, lun);
	return "ok";
}

static const char *unplug(struct ref_device *dev, uint8_t target, uint16_t lun, char *msg,
			  size_t msg_size)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	int index;

	if (!ref_scsi_find_lu(dev, target, lun, &index) || !index) {
		snprintf(msg, msg_size, "no hot-plugged disk at target %u lun %u", target, lun);
		return "error";
	}
	if (dev->fault != REF_FAULT_SCSI_UNPLUG_LUN_STAYS)
		s->lus[index].present = false;
	announce(dev, target, lun, EVT_RESET_REMOVED);
	snprintf(msg, msg_size, "%s: disk at target %u lun %u removed", dev->vdev.name, target,
		 lun);
	return "ok";
}

static const char *scsi_host_action(struct ref_device *dev, const struct vcts_line *line,
				    char *msg, size_t msg_size)
{
	const char *action = line_get(line, "action");
	unsigned long target = 0, lun = 0;
	bool hotplug = action && !strcmp(action, "scsi-hotplug");

	if (!hotplug && (!action || strcmp(action, "scsi-unplug"))) {
		snprintf(msg, msg_size, "unknown host action '%s'", action ? action : "");
		return "unsupported";
	}
	if (!field_number(line, "target", 255, &target) ||
	    !field_number(line, "lun", 16383, &lun)) {
		snprintf(msg, msg_size, "bad target or lun");
		return "error";
	}
	return (hotplug ? plug : unplug)(dev, (uint8_t)target, (uint16_t)lun, msg, msg_size);
}

const struct ref_device_type ref_scsi_type = {
	.name = "scsi",
	.device_id = VIRTIO_ID_SCSI,
	.queue_count = 3,
	.features = 1ull << F_HOTPLUG,
	.config_size = CFG_SIZE,
	.init = scsi_init,
	.reset = scsi_reset,
	.config_write = scsi_config_write,
	.process = scsi_process,
	.has_data = scsi_has_data,
	.host_action = scsi_host_action,
};
