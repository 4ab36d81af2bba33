/* Helpers of the virtio-scsi tests (scsi_tests.h). */
#include "lib/host_request.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/scsi/scsi_tests.h"

#define UNIT_ATTENTION_RETRIES	3
/* A number macro as a string, for the host request's fields. */
#define TEXT_OF(x)		#x
#define NUMBER_TEXT(x)		TEXT_OF(x)

bool scsi_test_open_at(const char *file, int line, struct virtio_device *dev,
		       uint64_t features, struct scsi_host *host)
{
	const char *why = "";
	bool opened = scsi_open(dev, features, host, &why);

	return test_check(opened, host->error_clause, file, line,
			  "the device can be initialised: %s", why);
}

bool scsi_check_completed_at(const char *file, int line, struct scsi_host *host,
			     enum scsi_result result, const char *what)
{
	return test_check(result == SCSI_COMPLETED, host->error_clause, file, line,
			  "%s completes with a well-formed response (%s: %s)", what,
			  scsi_result_name(result), host->error);
}

static bool is_unit_attention(const struct scsi_reply *reply)
{
	uint8_t key, asc, ascq;

	return reply->response == VIRTIO_SCSI_S_OK &&
	       reply->status == SCSI_STATUS_CHECK_CONDITION &&
	       scsi_sense_fields(reply, &key, &asc, &ascq) && key == SCSI_SENSE_UNIT_ATTENTION;
}

enum scsi_result scsi_test_command(struct scsi_host *host, uint8_t target, uint16_t lun,
				   const uint8_t *cdb, uint32_t cdb_length,
				   const struct scsi_data *data, struct scsi_reply *reply)
{
	uint8_t address[8];
	enum scsi_result result;

	scsi_lun(address, target, lun);
	for (int attempt = 0;; attempt++) {
		uint8_t key, asc, ascq;

		result = scsi_command(host, address, cdb, cdb_length, data, reply);
		if (result != SCSI_COMPLETED || !is_unit_attention(reply) ||
		    attempt == UNIT_ATTENTION_RETRIES)
			return result;
		scsi_sense_fields(reply, &key, &asc, &ascq);
		test_log("%s: opcode %#x to %u/%u: UNIT ATTENTION (asc %#x ascq %#x); sent again",
			 host->dev->name, cdb[0], target, lun, asc, ascq);
	}
}

bool scsi_check_good_at(const char *file, int line, struct scsi_host *host, uint8_t target,
			uint16_t lun, const uint8_t *cdb, uint32_t cdb_length,
			const struct scsi_data *data, struct scsi_reply *reply,
			const char *what)
{
	enum scsi_result result = scsi_test_command(host, target, lun, cdb, cdb_length, data,
						    reply);
	uint8_t key = 0, asc = 0, ascq = 0;

	if (!scsi_check_completed_at(file, line, host, result, what))
		return false;
	if (!test_check_eq(reply->response, VIRTIO_SCSI_S_OK, CLAUSE_SCSI_REQUESTQ, file, line,
			   "%s: response is VIRTIO_SCSI_S_OK (%s)", what,
			   scsi_response_name(reply->response)))
		return false;
	scsi_sense_fields(reply, &key, &asc, &ascq);
	return test_check_eq(reply->status, SCSI_STATUS_GOOD, CLAUSE_SCSI_REQUESTQ, file, line,
			     "%s: status is GOOD (sense key %#x asc %#x ascq %#x)", what, key, asc,
			     ascq);
}

static void put_be16(uint8_t *at, uint16_t value)
{
	at[0] = (uint8_t)(value >> 8);
	at[1] = (uint8_t)value;
}

static void put_be32(uint8_t *at, uint32_t value)
{
	put_be16(at, (uint16_t)(value >> 16));
	put_be16(at + 2, (uint16_t)value);
}

uint32_t scsi_be32(const uint8_t *at)
{
	return (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 | (uint32_t)at[2] << 8 | at[3];
}

uint64_t scsi_be64(const uint8_t *at)
{
	return (uint64_t)scsi_be32(at) << 32 | scsi_be32(at + 4);
}

uint32_t scsi_cdb_inquiry(uint8_t *cdb, uint16_t allocation)
{
	memset(cdb, 0, 6);
	cdb[0] = SCSI_OP_INQUIRY;
	put_be16(cdb + 3, allocation);
	return 6;
}

uint32_t scsi_cdb_test_unit_ready(uint8_t *cdb)
{
	memset(cdb, 0, 6);
	return 6;
}

uint32_t scsi_cdb_read_capacity_10(uint8_t *cdb)
{
	memset(cdb, 0, 10);
	cdb[0] = SCSI_OP_READ_CAPACITY_10;
	return 10;
}

uint32_t scsi_cdb_read_capacity_16(uint8_t *cdb, uint32_t allocation)
{
	memset(cdb, 0, 16);
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = SCSI_SAI_READ_CAPACITY_16;
	put_be32(cdb + 10, allocation);
	return 16;
}

uint32_t scsi_cdb_rw_10(uint8_t *cdb, uint8_t opcode, uint32_t lba, uint16_t blocks)
{
	memset(cdb, 0, 10);
	cdb[0] = opcode;
	put_be32(cdb + 2, lba);
	put_be16(cdb + 7, blocks);
	return 10;
}

uint32_t scsi_cdb_report_luns(uint8_t *cdb, uint32_t allocation)
{
	memset(cdb, 0, 12);
	cdb[0] = SCSI_OP_REPORT_LUNS;
	put_be32(cdb + 6, allocation);
	return 12;
}

bool scsi_test_capacity_at(const char *file, int line, struct scsi_host *host,
			   uint64_t *blocks, uint32_t *block_size)
{
	uint8_t cdb[16], *data = test_alloc(8, 8);
	struct scsi_data io = { .in = data, .in_length = 8 };
	struct scsi_reply reply;
	uint32_t length = scsi_cdb_read_capacity_10(cdb);

	if (!scsi_check_good_at(file, line, host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb, length,
				&io, &reply, "READ CAPACITY(10)"))
		return false;
	*blocks = (uint64_t)scsi_be32(data) + 1;
	*block_size = scsi_be32(data + 4);
	return test_check(*block_size >= 512 && *block_size % 512 == 0 && *blocks > 1,
			  CLAUSE_SCSI_REQUESTQ, file, line,
			  "READ CAPACITY(10) reports a usable disk: %llu blocks of %u bytes",
			  (unsigned long long)*blocks, *block_size);
}

uint32_t scsi_test_event_size(const struct scsi_host *host)
{
	uint32_t size = host->config.event_info_size;

	/* 5.6.6.3.1: at least event_info_size (SHOULD), at least an event (MUST). */
	if (size < VIRTIO_SCSI_EVENT_BYTES)
		size = VIRTIO_SCSI_EVENT_BYTES;
	return size > SCSI_EVENT_BUFFER_MAX ? SCSI_EVENT_BUFFER_MAX : size;
}

void scsi_test_log_event(const struct scsi_host *host, const struct scsi_event *event)
{
	test_log("%s: event %#x reason %u lun %02x %02x %02x %02x, used length %u",
		 host->dev->name, event->event, event->reason, event->lun[0], event->lun[1],
		 event->lun[2], event->lun[3], event->used_len);
}

bool scsi_test_hotplug(struct scsi_host *host, const char *action, bool needed)
{
	static const char *const pairs[] = {
		"target", NUMBER_TEXT(SCSI_HOTPLUG_TARGET),
		"lun", NUMBER_TEXT(SCSI_HOTPLUG_LUN), NULL,
	};
	char msg[192];
	enum host_answer answer;

	if (needed)
		return host_request_done(action, host->dev->name, pairs, NULL, msg, sizeof(msg));
	answer = host_request(action, host->dev->name, pairs, msg, sizeof(msg));
	if (answer != HOST_ANSWER_OK)
		test_log("%s: %s not done: %s", host->dev->name, action, msg);
	return answer == HOST_ANSWER_OK;
}
