/*
 * virtio-scsi driver (5.6): set-up, configuration, and the three queues,
 * polled, one request at a time:
 *
 *	request queue	header + CDB, dataout (readable); response + sense, datain (writable)
 *	controlq	TMF request (readable); response byte (writable)
 *	eventq		device-writable buffers of struct virtio_scsi_event
 *
 * Header and response are each one descriptor, as the legacy framing
 * rules want without ANY_LAYOUT (5.6.8). Nothing the device writes is
 * believed before it is checked against the sizes the driver gave it.
 */
#include <stdarg.h>

#include "drivers/scsi.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"

#define SCSI_QUEUE_SIZE		64
#define SCSI_QUEUE_COUNT	3	/* controlq, eventq, request queue 0 */
#define SCSI_LEGACY_F_ANY_LAYOUT 27
/* What the response byte holds until the device writes it: no response has it. */
#define SCSI_UNWRITTEN		0xff
#define SCSI_EVENT_POISON	0xa5

static void scsi_fail(struct scsi_host *host, const char *clause, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void scsi_fail(struct scsi_host *host, const char *clause, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(host->error, sizeof(host->error), format, args);
	va_end(args);
	host->error_clause = clause;
}

bool scsi_offers(const struct scsi_host *host, unsigned int bit)
{
	return bit < 64 && (host->offered >> bit) & 1;
}

/* Values the device writes: LE for 1.x, guest-native for legacy (5.6.6.1.2). */
static uint32_t from_device32(const struct scsi_host *host, const uint8_t *bytes)
{
	uint32_t value;

	memcpy(&value, bytes, sizeof(value));
	return virtio_from_device32(host->dev, value);
}

static uint16_t from_device16(const struct scsi_host *host, const uint8_t *bytes)
{
	uint16_t value;

	memcpy(&value, bytes, sizeof(value));
	return virtio_from_device16(host->dev, value);
}

static void to_device32(const struct scsi_host *host, uint8_t *bytes, uint32_t value)
{
	value = virtio_to_device32(host->dev, value);
	memcpy(bytes, &value, sizeof(value));
}

static void to_device64(const struct scsi_host *host, uint8_t *bytes, uint64_t value)
{
	value = virtio_to_device64(host->dev, value);
	memcpy(bytes, &value, sizeof(value));
}

/*
 * The configuration: LE for 1.x (2.5), guest-native for legacy (5.6.4.2:
 * big-endian on s390x), decoded by virtio_config_decode.
 */
bool scsi_read_config(struct scsi_host *host)
{
	uint8_t bytes[VIRTIO_SCSI_CFG_BYTES];
	struct scsi_config *config = &host->config;

	if (!virtio_config_read_stable(host->dev, 0, bytes, sizeof(bytes))) {
		scsi_fail(host, CLAUSE_CONFIG_SPACE,
			  "the configuration could not be read: generation never stable, or "
			  "its %u bytes lie beyond the %u bytes the transport exposes",
			  VIRTIO_SCSI_CFG_BYTES, host->dev->ops->config_size(host->dev));
		return false;
	}
#define FIELD(offset, size) ((uint32_t)virtio_config_decode(host->dev, bytes + (offset), size))
	config->num_queues = FIELD(VIRTIO_SCSI_CFG_NUM_QUEUES, 4);
	config->seg_max = FIELD(VIRTIO_SCSI_CFG_SEG_MAX, 4);
	config->max_sectors = FIELD(VIRTIO_SCSI_CFG_MAX_SECTORS, 4);
	config->cmd_per_lun = FIELD(VIRTIO_SCSI_CFG_CMD_PER_LUN, 4);
	config->event_info_size = FIELD(VIRTIO_SCSI_CFG_EVENT_INFO_SIZE, 4);
	config->sense_size = FIELD(VIRTIO_SCSI_CFG_SENSE_SIZE, 4);
	config->cdb_size = FIELD(VIRTIO_SCSI_CFG_CDB_SIZE, 4);
	config->max_channel = (uint16_t)FIELD(VIRTIO_SCSI_CFG_MAX_CHANNEL, 2);
	config->max_target = (uint16_t)FIELD(VIRTIO_SCSI_CFG_MAX_TARGET, 2);
	config->max_lun = FIELD(VIRTIO_SCSI_CFG_MAX_LUN, 4);
#undef FIELD
	return true;
}

/* The request layout follows @sense_size and @cdb_size, if the driver can use them. */
static bool use_sizes(struct scsi_host *host, uint32_t sense_size, uint32_t cdb_size)
{
	if (sense_size > SCSI_SENSE_SIZE_MAX || cdb_size < 6 || cdb_size > SCSI_CDB_SIZE_MAX) {
		scsi_fail(host, CLAUSE_SCSI_CONFIG,
			  "sense_size %u / cdb_size %u: the driver uses sense_size up to %u and "
			  "cdb_size 6 to %u", sense_size, cdb_size, SCSI_SENSE_SIZE_MAX,
			  SCSI_CDB_SIZE_MAX);
		return false;
	}
	host->sense_size = sense_size;
	host->cdb_size = cdb_size;
	return true;
}

bool scsi_set_sizes(struct scsi_host *host, uint32_t sense_size, uint32_t cdb_size)
{
	const struct virtio_transport_ops *ops = host->dev->ops;

	ops->config_write(host->dev, VIRTIO_SCSI_CFG_SENSE_SIZE, 4, sense_size);
	ops->config_write(host->dev, VIRTIO_SCSI_CFG_CDB_SIZE, 4, cdb_size);
	if (!scsi_read_config(host))
		return false;
	if (host->config.sense_size != sense_size || host->config.cdb_size != cdb_size) {
		scsi_fail(host, CLAUSE_SCSI_CONFIG,
			  "sense_size/cdb_size read back %u/%u after the driver wrote %u/%u",
			  host->config.sense_size, host->config.cdb_size, sense_size, cdb_size);
		return false;
	}
	return use_sizes(host, sense_size, cdb_size);
}

bool scsi_open(struct virtio_device *dev, uint64_t features_wanted,
	       struct scsi_host *out, const char **why)
{
	struct virtio_setup setup = {
		.features = features_wanted, .queue_count = SCSI_QUEUE_COUNT,
		.queue_size = SCSI_QUEUE_SIZE, .irq_mode = VIRTIO_IRQ_POLL,
	};
	const char *reason = NULL;

	*out = (struct scsi_host){ .dev = dev, .error_clause = CLAUSE_SCSI_CONFIG, .next_id = 1 };
	out->request = test_alloc(VIRTIO_SCSI_REQ_HEADER + SCSI_CDB_SIZE_MAX, 16);
	out->response = test_alloc(VIRTIO_SCSI_RESP_HEADER + SCSI_SENSE_SIZE_MAX, 16);
	out->tmf_request = test_alloc(VIRTIO_SCSI_TMF_REQ_BYTES, 16);
	out->tmf_response = test_alloc(1, 1);
	if (!virtio_setup(dev, &setup, &reason)) {
		scsi_fail(out, CLAUSE_FEATURES, "%s", reason ? reason : "device set-up failed");
		*why = out->error;
		return false;
	}
	out->offered = virtio_device_features(dev);
	out->controlq = dev->queues[0];
	out->eventq = dev->queues[1];
	out->requestq = dev->queues[2];
	if (!scsi_read_config(out) ||
	    !use_sizes(out, out->config.sense_size, out->config.cdb_size)) {
		*why = out->error;
		return false;
	}
	*why = "";
	return true;
}

void scsi_lun(uint8_t lun[8], uint8_t target, uint16_t lun_number)
{
	memset(lun, 0, 8);
	lun[0] = 1;
	lun[1] = target;
	/* Single-level LUN structure, flat space addressing for LUNs above 255. */
	lun[2] = (uint8_t)(lun_number >> 8) | (lun_number > 255 ? 0x40 : 0);
	lun[3] = (uint8_t)lun_number;
}

const char *scsi_result_name(enum scsi_result result)
{
	switch (result) {
	case SCSI_COMPLETED:
		return "completed";
	case SCSI_BAD_REPLY:
		return "the device's answer breaks a rule";
	case SCSI_RING_ERROR:
		return "ring rule broken";
	case SCSI_TIMEOUT:
		return "timeout";
	case SCSI_NOT_SENT:
		return "not sent";
	}
	return "?";
}

const char *scsi_response_name(uint8_t response)
{
	static const char *const names[] = {
		"OK", "OVERRUN", "ABORTED", "BAD_TARGET", "RESET", "BUSY",
		"TRANSPORT_FAILURE", "TARGET_FAILURE", "NEXUS_FAILURE", "FAILURE",
		"FUNCTION_SUCCEEDED", "FUNCTION_REJECTED", "INCORRECT_LUN",
	};

	if (response < sizeof(names) / sizeof(names[0]))
		return names[response];
	return response == SCSI_UNWRITTEN ? "0xff (never written)" : "not a response value";
}

const char *scsi_tmf_response_name(uint8_t response)
{
	return response == VIRTIO_SCSI_S_FUNCTION_COMPLETE ? "FUNCTION_COMPLETE" :
							     scsi_response_name(response);
}

bool scsi_is_sam_status(uint8_t status)
{
	switch (status) {
	case SCSI_STATUS_GOOD:
	case SCSI_STATUS_CHECK_CONDITION:
	case SCSI_STATUS_CONDITION_MET:
	case SCSI_STATUS_BUSY:
	case SCSI_STATUS_RESERVATION_CONFLICT:
	case SCSI_STATUS_TASK_SET_FULL:
	case SCSI_STATUS_ACA_ACTIVE:
	case SCSI_STATUS_TASK_ABORTED:
		return true;
	default:
		return false;
	}
}

bool scsi_sense_fields(const struct scsi_reply *reply, uint8_t *key, uint8_t *asc,
		       uint8_t *ascq)
{
	const uint8_t *sense = reply->sense;
	uint8_t code = sense[0] & 0x7f;

	if (code == 0x70 || code == 0x71) {
		if (reply->sense_len < 14)
			return false;
		*key = sense[2] & 0x0f;
		*asc = sense[12];
		*ascq = sense[13];
		return true;
	}
	if (code == 0x72 || code == 0x73) {
		if (reply->sense_len < 4)
			return false;
		*key = sense[1] & 0x0f;
		*asc = sense[2];
		*ascq = sense[3];
		return true;
	}
	return false;
}

static enum scsi_result not_sent(struct scsi_host *host, const char *what)
{
	scsi_fail(host, CLAUSE_SCSI_REQUESTQ, "%s", what);
	return SCSI_NOT_SENT;
}

/* Hands the chain to @vq and waits for it to come back (one request outstanding). */
static enum scsi_result submit_and_wait(struct scsi_host *host, struct virtqueue *vq,
					const struct vq_buffer *chain, int count,
					const char *clause, uint32_t *used_len)
{
	void *token = NULL;

	if (vq_add_chain(vq, chain, count, host) < 0)
		return not_sent(host, "the queue has no room for the request");
	vq_kick(vq);
	switch (vq_wait_used(vq, test_timeout_ms(), &token, used_len)) {
	case VQ_USED:
		break;
	case VQ_TIMEOUT:
	case VQ_DEVICE_ERROR:
		host->broken = true;
		scsi_fail(host, clause, "queue %u: %s", vq->index, vq->error);
		return SCSI_TIMEOUT;
	default:
		host->broken = true;
		scsi_fail(host, CLAUSE_USED_RING, "queue %u: %s", vq->index, vq->error);
		return SCSI_RING_ERROR;
	}
	if (token != host) {
		host->broken = true;
		scsi_fail(host, CLAUSE_USED_RING, "the used element names a buffer that was not sent");
		return SCSI_RING_ERROR;
	}
	return SCSI_COMPLETED;
}

/* The rules every reply keeps (5.6.6.1), whatever the command. */
static enum scsi_result judge_reply(struct scsi_host *host, const struct scsi_data *data,
				    const struct scsi_reply *reply)
{
	uint32_t transfer = data->in_length + data->out_length;

	/* 5.6.6.0.1: legacy drivers SHOULD ignore the used length. */
	if (!host->dev->legacy && reply->used_len < VIRTIO_SCSI_RESP_HEADER) {
		scsi_fail(host, CLAUSE_USED_RING,
			  "used length %u stops short of the response byte (the first %u "
			  "device-writable bytes are sense_len .. response)", reply->used_len,
			  VIRTIO_SCSI_RESP_HEADER);
		return SCSI_BAD_REPLY;
	}
	if (reply->response > VIRTIO_SCSI_S_FAILURE) {
		scsi_fail(host, CLAUSE_SCSI_REQUESTQ,
			  "response %#x is none of the ten request queue values (%s)",
			  reply->response, scsi_response_name(reply->response));
		return SCSI_BAD_REPLY;
	}
	if (reply->sense_len > host->sense_size) {
		scsi_fail(host, CLAUSE_SCSI_CONFIG,
			  "sense_len %u exceeds sense_size %u, the most the device will write",
			  reply->sense_len, host->sense_size);
		return SCSI_BAD_REPLY;
	}
	if (reply->residual > transfer) {
		scsi_fail(host, CLAUSE_SCSI_REQUESTQ,
			  "residual %u exceeds the %u data bytes of the request",
			  reply->residual, transfer);
		return SCSI_BAD_REPLY;
	}
	if (reply->response == VIRTIO_SCSI_S_OK && !scsi_is_sam_status(reply->status)) {
		scsi_fail(host, CLAUSE_SCSI_REQUESTQ,
			  "response OK, but status %#x is no SAM status code", reply->status);
		return SCSI_BAD_REPLY;
	}
	return SCSI_COMPLETED;
}

enum scsi_result scsi_command(struct scsi_host *host, const uint8_t lun[8], const uint8_t *cdb,
			      uint32_t cdb_length, const struct scsi_data *data,
			      struct scsi_reply *reply)
{
	static const struct scsi_data none;
	struct vq_buffer chain[2 + 2 * SCSI_DATA_SEGMENTS_MAX];
	uint32_t request_bytes = VIRTIO_SCSI_REQ_HEADER + host->cdb_size;
	uint32_t response_bytes = VIRTIO_SCSI_RESP_HEADER + host->sense_size;
	uint8_t *request = host->request, *response = host->response;
	enum scsi_result result;
	int count = 0;

	if (!data)
		data = &none;
	memset(reply, 0, sizeof(*reply));
	reply->response = SCSI_UNWRITTEN;
	host->error[0] = '\0';
	host->error_clause = CLAUSE_SCSI_REQUESTQ;
	if (host->broken)
		return not_sent(host, "the request queue is not used after the device failed on it");
	if (cdb_length > host->cdb_size)
		return not_sent(host, "the CDB is longer than cdb_size");
	/* 5.6.6.1: lun, id, task_attr SIMPLE, prio 0, crn 0, the CDB zero-padded. */
	memset(request, 0, request_bytes);
	memcpy(request, lun, 8);
	to_device64(host, request + 8, host->next_id++);
	memcpy(request + VIRTIO_SCSI_REQ_HEADER, cdb, cdb_length);
	memset(response, SCSI_UNWRITTEN, response_bytes);
	chain[count++] = (struct vq_buffer){ request, request_bytes, false };
	if (data->out_length)
		chain[count++] = (struct vq_buffer){ (void *)(uintptr_t)data->out,
						     data->out_length, false };
	chain[count++] = (struct vq_buffer){ response, response_bytes, true };
	if (data->in_length)
		chain[count++] = (struct vq_buffer){ data->in, data->in_length, true };
	result = submit_and_wait(host, host->requestq, chain, count, CLAUSE_SCSI_REQUESTQ,
				 &reply->used_len);
	if (result != SCSI_COMPLETED)
		return result;
	reply->sense_len = from_device32(host, response);
	reply->residual = from_device32(host, response + 4);
	reply->status_qualifier = from_device16(host, response + 8);
	reply->status = response[10];
	reply->response = response[11];
	memcpy(reply->sense, response + VIRTIO_SCSI_RESP_HEADER,
	       reply->sense_len < host->sense_size ? reply->sense_len : host->sense_size);
	return judge_reply(host, data, reply);
}

static bool is_tmf_response(uint8_t response)
{
	switch (response) {
	case VIRTIO_SCSI_S_FUNCTION_COMPLETE:
	case VIRTIO_SCSI_S_BAD_TARGET:
	case VIRTIO_SCSI_S_BUSY:
	case VIRTIO_SCSI_S_TRANSPORT_FAILURE:
	case VIRTIO_SCSI_S_TARGET_FAILURE:
	case VIRTIO_SCSI_S_NEXUS_FAILURE:
	case VIRTIO_SCSI_S_FAILURE:
	case VIRTIO_SCSI_S_FUNCTION_SUCCEEDED:
	case VIRTIO_SCSI_S_FUNCTION_REJECTED:
	case VIRTIO_SCSI_S_INCORRECT_LUN:
		return true;
	default:
		return false;
	}
}

enum scsi_result scsi_tmf(struct scsi_host *host, uint32_t subtype, const uint8_t lun[8],
			  uint64_t id, uint8_t *response, uint32_t *used_len)
{
	struct vq_buffer chain[2];
	uint8_t *request = host->tmf_request;
	enum scsi_result result;

	*response = SCSI_UNWRITTEN;
	*used_len = 0;
	host->error[0] = '\0';
	host->error_clause = CLAUSE_SCSI_CONTROLQ;
	if (host->broken)
		return not_sent(host, "the controlq is not used after the device failed");
	/* struct virtio_scsi_ctrl_tmf: le32 type, le32 subtype, u8 lun[8], le64 id. */
	to_device32(host, request, VIRTIO_SCSI_T_TMF);
	to_device32(host, request + 4, subtype);
	memcpy(request + 8, lun, 8);
	to_device64(host, request + 16, id);
	*host->tmf_response = SCSI_UNWRITTEN;
	chain[0] = (struct vq_buffer){ request, VIRTIO_SCSI_TMF_REQ_BYTES, false };
	chain[1] = (struct vq_buffer){ host->tmf_response, 1, true };
	result = submit_and_wait(host, host->controlq, chain, 2, CLAUSE_SCSI_CONTROLQ, used_len);
	if (result != SCSI_COMPLETED)
		return result;
	*response = *(volatile uint8_t *)host->tmf_response;
	if (!host->dev->legacy && *used_len < 1) {
		scsi_fail(host, CLAUSE_USED_RING,
			  "used length %u does not reach the response byte", *used_len);
		return SCSI_BAD_REPLY;
	}
	if (!is_tmf_response(*response)) {
		scsi_fail(host, CLAUSE_SCSI_CONTROLQ,
			  "TMF response %#x is none of the controlq response values (%s)",
			  *response, scsi_tmf_response_name(*response));
		return SCSI_BAD_REPLY;
	}
	return SCSI_COMPLETED;
}

static bool post_event(struct scsi_host *host, uint16_t index)
{
	uint8_t *buffer = host->events + (size_t)index * host->event_size;

	memset(buffer, SCSI_EVENT_POISON, host->event_size);
	host->event_chain[index] = (struct vq_buffer){ buffer, host->event_size, true };
	return vq_add_chain(host->eventq, &host->event_chain[index], 1,
			    &host->event_chain[index]) == 0;
}

bool scsi_post_events(struct scsi_host *host, uint16_t count, uint32_t size)
{
	if (host->broken || host->events || !count || count > SCSI_EVENT_BUFFERS_MAX ||
	    size < VIRTIO_SCSI_EVENT_BYTES || size > SCSI_EVENT_BUFFER_MAX) {
		scsi_fail(host, CLAUSE_SCSI_EVENTQ, "the event buffers cannot be posted (posted "
			  "already, or a count or size the driver cannot use)");
		return false;
	}
	host->events = test_alloc((size_t)count * size, 16);
	host->event_size = size;
	host->event_count = count;
	for (uint16_t i = 0; i < count; i++) {
		if (!post_event(host, i)) {
			scsi_fail(host, CLAUSE_SCSI_EVENTQ, "the eventq has no room for the buffers");
			return false;
		}
	}
	vq_kick(host->eventq);
	return true;
}

enum scsi_result scsi_next_event(struct scsi_host *host, uint32_t timeout_ms,
				 struct scsi_event *event)
{
	void *token = NULL;
	const uint8_t *buffer;
	int index = -1;

	memset(event, 0, sizeof(*event));
	host->error[0] = '\0';
	if (host->broken || !host->events)
		return not_sent(host, "no event buffers are posted on a working queue");
	switch (vq_wait_used(host->eventq, timeout_ms, &token, &event->used_len)) {
	case VQ_USED:
		break;
	case VQ_TIMEOUT:
		scsi_fail(host, CLAUSE_SCSI_EVENTQ, "%s", host->eventq->error);
		return SCSI_TIMEOUT;
	default:
		host->broken = true;
		scsi_fail(host, CLAUSE_USED_RING, "%s", host->eventq->error);
		return SCSI_RING_ERROR;
	}
	for (uint16_t i = 0; i < host->event_count; i++) {
		if (token == (void *)&host->event_chain[i])
			index = i;
	}
	if (index < 0) {
		host->broken = true;
		scsi_fail(host, CLAUSE_USED_RING, "a used event buffer the driver never posted");
		return SCSI_RING_ERROR;
	}
	buffer = host->events + (size_t)index * host->event_size;
	event->event = from_device32(host, buffer);
	memcpy(event->lun, buffer + 4, 8);
	event->reason = from_device32(host, buffer + 12);
	if (!post_event(host, (uint16_t)index)) {
		host->broken = true;
		scsi_fail(host, CLAUSE_USED_RING, "a used event buffer could not be posted again");
		return SCSI_RING_ERROR;
	}
	vq_kick(host->eventq);
	if (!host->dev->legacy && event->used_len < VIRTIO_SCSI_EVENT_BYTES) {
		scsi_fail(host, CLAUSE_USED_RING,
			  "used length %u of an event is short of the %u bytes of an event",
			  event->used_len, VIRTIO_SCSI_EVENT_BYTES);
		return SCSI_BAD_REPLY;
	}
	return SCSI_COMPLETED;
}
