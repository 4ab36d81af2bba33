/*
 * virtio-scsi (5.6), driver side: controlq (0), eventq (1) and the first
 * request queue (2); polled, one request at a time. Everything the device
 * says back (configuration, used lengths, response, status, sense_len,
 * residual, event fields) is checked before the kernel relies on it; the
 * tests in tests/devices/scsi/ judge it.
 */
#ifndef VCTS_DRIVER_SCSI_H
#define VCTS_DRIVER_SCSI_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

/* 5.6.3 Feature bits */
#define VIRTIO_SCSI_F_INOUT		0
#define VIRTIO_SCSI_F_HOTPLUG		1
#define VIRTIO_SCSI_F_CHANGE		2
#define VIRTIO_SCSI_F_T10_PI		3

/* 5.6.4 Device configuration layout: byte offsets in struct virtio_scsi_config */
#define VIRTIO_SCSI_CFG_NUM_QUEUES	0	/* le32 */
#define VIRTIO_SCSI_CFG_SEG_MAX		4	/* le32 */
#define VIRTIO_SCSI_CFG_MAX_SECTORS	8	/* le32 */
#define VIRTIO_SCSI_CFG_CMD_PER_LUN	12	/* le32 */
#define VIRTIO_SCSI_CFG_EVENT_INFO_SIZE	16	/* le32 */
#define VIRTIO_SCSI_CFG_SENSE_SIZE	20	/* le32, driver-writable */
#define VIRTIO_SCSI_CFG_CDB_SIZE	24	/* le32, driver-writable */
#define VIRTIO_SCSI_CFG_MAX_CHANNEL	28	/* le16 */
#define VIRTIO_SCSI_CFG_MAX_TARGET	30	/* le16 */
#define VIRTIO_SCSI_CFG_MAX_LUN		32	/* le32 */
#define VIRTIO_SCSI_CFG_BYTES		36

#define VIRTIO_SCSI_SENSE_DEFAULT	96u
#define VIRTIO_SCSI_CDB_DEFAULT		32u

/* 5.6.6.1 request queue response values */
#define VIRTIO_SCSI_S_OK		0
#define VIRTIO_SCSI_S_OVERRUN		1
#define VIRTIO_SCSI_S_ABORTED		2
#define VIRTIO_SCSI_S_BAD_TARGET	3
#define VIRTIO_SCSI_S_RESET		4
#define VIRTIO_SCSI_S_BUSY		5
#define VIRTIO_SCSI_S_TRANSPORT_FAILURE	6
#define VIRTIO_SCSI_S_TARGET_FAILURE	7
#define VIRTIO_SCSI_S_NEXUS_FAILURE	8
#define VIRTIO_SCSI_S_FAILURE		9
/* 5.6.6.2 controlq */
#define VIRTIO_SCSI_S_FUNCTION_COMPLETE	0
#define VIRTIO_SCSI_S_FUNCTION_SUCCEEDED 10
#define VIRTIO_SCSI_S_FUNCTION_REJECTED	11
#define VIRTIO_SCSI_S_INCORRECT_LUN	12

#define VIRTIO_SCSI_T_TMF		0
#define VIRTIO_SCSI_T_TMF_ABORT_TASK	0
#define VIRTIO_SCSI_T_TMF_ABORT_TASK_SET 1
#define VIRTIO_SCSI_T_TMF_CLEAR_ACA	2
#define VIRTIO_SCSI_T_TMF_CLEAR_TASK_SET 3
#define VIRTIO_SCSI_T_TMF_I_T_NEXUS_RESET 4
#define VIRTIO_SCSI_T_TMF_LOGICAL_UNIT_RESET 5
#define VIRTIO_SCSI_T_TMF_QUERY_TASK	6
#define VIRTIO_SCSI_T_TMF_QUERY_TASK_SET 7

/* 5.6.6.3 eventq */
#define VIRTIO_SCSI_T_EVENTS_MISSED	0x80000000u
#define VIRTIO_SCSI_T_NO_EVENT		0
#define VIRTIO_SCSI_T_TRANSPORT_RESET	1
#define VIRTIO_SCSI_T_ASYNC_NOTIFY	2
#define VIRTIO_SCSI_T_PARAM_CHANGE	3
#define VIRTIO_SCSI_EVT_RESET_HARD	0
#define VIRTIO_SCSI_EVT_RESET_RESCAN	1
#define VIRTIO_SCSI_EVT_RESET_REMOVED	2
#define VIRTIO_SCSI_EVENT_BYTES		16u	/* struct virtio_scsi_event */

/* SAM status codes (SAM-5, 5.3) */
#define SCSI_STATUS_GOOD		0x00
#define SCSI_STATUS_CHECK_CONDITION	0x02
#define SCSI_STATUS_CONDITION_MET	0x04
#define SCSI_STATUS_BUSY		0x08
#define SCSI_STATUS_RESERVATION_CONFLICT 0x18
#define SCSI_STATUS_TASK_SET_FULL	0x28
#define SCSI_STATUS_ACA_ACTIVE		0x30
#define SCSI_STATUS_TASK_ABORTED	0x40

/* Sense keys (SPC) */
#define SCSI_SENSE_NO_SENSE		0x0
#define SCSI_SENSE_NOT_READY		0x2
#define SCSI_SENSE_ILLEGAL_REQUEST	0x5
#define SCSI_SENSE_UNIT_ATTENTION	0x6

/* Request header sizes besides the CDB, and the response's besides the sense. */
#define VIRTIO_SCSI_REQ_HEADER		19u	/* lun[8], id, task_attr, prio, crn */
#define VIRTIO_SCSI_RESP_HEADER		12u	/* sense_len .. response */
#define VIRTIO_SCSI_TMF_REQ_BYTES	24u	/* type, subtype, lun[8], id */

/* What the driver accepts from the configuration (larger ones are not sent). */
#define SCSI_SENSE_SIZE_MAX		256u
#define SCSI_CDB_SIZE_MAX		256u
/* Data segments of one request. */
#define SCSI_DATA_SEGMENTS_MAX		2
/* Event buffers the driver posts at most. */
#define SCSI_EVENT_BUFFERS_MAX		16
#define SCSI_EVENT_BUFFER_MAX		256u

/* The configuration, in CPU order. */
struct scsi_config {
	uint32_t num_queues;
	uint32_t seg_max;
	uint32_t max_sectors;
	uint32_t cmd_per_lun;
	uint32_t event_info_size;
	uint32_t sense_size;
	uint32_t cdb_size;
	uint16_t max_channel;
	uint16_t max_target;
	uint32_t max_lun;
};

/* How a request ended, as far as the driver can tell. */
enum scsi_result {
	SCSI_COMPLETED,		/* used, with a response the driver can read */
	SCSI_BAD_REPLY,		/* used, but the response breaks a rule (see error) */
	SCSI_RING_ERROR,	/* the device broke a ring rule */
	SCSI_TIMEOUT,		/* not used within test_timeout_ms() */
	SCSI_NOT_SENT,		/* the driver could not send it */
};

/* A command's data: device-readable @out (dataout), device-writable @in (datain). */
struct scsi_data {
	const void *out;
	uint32_t out_length;
	void *in;
	uint32_t in_length;
};

/* What the device wrote back for one command (5.6.6.1), in CPU order. */
struct scsi_reply {
	uint32_t sense_len;
	uint32_t residual;
	uint16_t status_qualifier;
	uint8_t status;
	uint8_t response;
	uint8_t sense[SCSI_SENSE_SIZE_MAX];	/* the first min(sense_len, sense_size) bytes */
	uint32_t used_len;
};

struct scsi_host {
	struct virtio_device *dev;
	uint64_t offered;
	struct virtqueue *controlq;
	struct virtqueue *eventq;
	struct virtqueue *requestq;	/* request queue 0, virtqueue 2 */
	struct scsi_config config;
	/* The sizes the request layout uses: the configuration's when set up. */
	uint32_t sense_size;
	uint32_t cdb_size;
	uint64_t next_id;		/* the command identifier ("tag") of the next request */
	uint8_t *request;		/* header and CDB */
	uint8_t *response;		/* response header and sense */
	uint8_t *tmf_request;
	uint8_t *tmf_response;
	/* Event buffers: event_count of event_size bytes. */
	uint8_t *events;
	uint32_t event_size;
	uint16_t event_count;
	struct vq_buffer event_chain[SCSI_EVENT_BUFFERS_MAX];
	bool broken;
	const char *error_clause;
	char error[192];
};

/*
 * Initialises @dev (3.1.1) with VERSION_1 and @features_wanted & offered,
 * the control, event and first request queues, then reads the
 * configuration and takes sense_size and cdb_size from it.
 */
bool scsi_open(struct virtio_device *dev, uint64_t features_wanted,
	       struct scsi_host *out, const char **why);
bool scsi_offers(const struct scsi_host *host, unsigned int bit);
bool scsi_read_config(struct scsi_host *host);
/*
 * Writes sense_size and cdb_size (the only fields a driver may write,
 * 5.6.4.1) and reads them back; the request layout follows the values
 * read back. False if they do not read back as written.
 */
bool scsi_set_sizes(struct scsi_host *host, uint32_t sense_size, uint32_t cdb_size);

/* The 8-byte LUN of 5.6.6.1: 1, target, single-level LUN, four zero bytes. */
void scsi_lun(uint8_t lun[8], uint8_t target, uint16_t lun_number);

/*
 * One command on request queue 0 to @lun, with @cdb (at most cdb_size
 * bytes, zero-padded) and @data. The reply is returned whenever the
 * device used the request, also when the result says it breaks a rule:
 * used length short of the response byte (1.x only: legacy drivers
 * ignore it, 5.6.6.0.1), a response value that does not exist, a
 * sense_len beyond sense_size, a residual beyond the data, or a status
 * byte that is no SAM status where the response says it holds one.
 */
enum scsi_result scsi_command(struct scsi_host *host, const uint8_t lun[8], const uint8_t *cdb,
			      uint32_t cdb_length, const struct scsi_data *data,
			      struct scsi_reply *reply);
/*
 * A task management function on the controlq (5.6.6.2): *@response is
 * what the device wrote (0xff until it does); SCSI_BAD_REPLY when that is
 * no response value or the used length does not reach it.
 */
enum scsi_result scsi_tmf(struct scsi_host *host, uint32_t subtype, const uint8_t lun[8],
			  uint64_t id, uint8_t *response, uint32_t *used_len);

/* Posts @count device-writable event buffers of @size bytes, filled with 0xa5. */
bool scsi_post_events(struct scsi_host *host, uint16_t count, uint32_t size);
/* An event the device used (5.6.6.3), in CPU order. */
struct scsi_event {
	uint32_t event;
	uint8_t lun[8];
	uint32_t reason;
	uint32_t used_len;
};
/*
 * Waits up to @timeout_ms for a used event buffer; SCSI_TIMEOUT if none
 * came (normal: no events), SCSI_BAD_REPLY if its used length is short of
 * struct virtio_scsi_event. The buffer is posted again.
 */
enum scsi_result scsi_next_event(struct scsi_host *host, uint32_t timeout_ms,
				 struct scsi_event *event);

const char *scsi_result_name(enum scsi_result result);
const char *scsi_response_name(uint8_t response);
/* The same for a TMF's response, where 0 is FUNCTION_COMPLETE. */
const char *scsi_tmf_response_name(uint8_t response);
bool scsi_is_sam_status(uint8_t status);
/* The sense key, ASC and ASCQ of fixed (0x70/0x71) or descriptor (0x72/0x73) sense data. */
bool scsi_sense_fields(const struct scsi_reply *reply, uint8_t *key, uint8_t *asc,
		       uint8_t *ascq);

#endif
