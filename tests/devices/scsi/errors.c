/*
 * virtio-scsi requests that must fail, and fail in the defined way
 * (Device Operation: Request Queues, 5.6.6.1.1): BAD_TARGET for a target
 * that does not exist, OVERRUN for a CDB that wants more data than the
 * buffers hold, FAILURE for data both ways without VIRTIO_SCSI_F_INOUT;
 * and the used length of a transfer shorter than its buffer.
 */
#include "drivers/blk.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/scsi/scsi_tests.h"

#define POISON		0xa5

/* The first byte of @data that is no longer @POISON, or @length if none. */
static uint32_t first_written(const uint8_t *data, uint32_t length)
{
	for (uint32_t i = 0; i < length; i++) {
		if (data[i] != POISON)
			return i;
	}
	return length;
}

/* The end of the last byte of @data that is no longer @POISON (0 if none). */
static uint32_t written_end(const uint8_t *data, uint32_t length)
{
	while (length && data[length - 1] == POISON)
		length--;
	return length;
}

/*
 * A command to a target nothing is attached to: "VIRTIO_SCSI_S_BAD_TARGET
 * if the request was never processed because the target indicated by lun
 * does not exist". Never processed, so the datain buffer stays as the
 * driver left it. Fails with a disk at scsi-id=5.
 */
VCTS_TEST(scsi_bad_target, "devices.scsi.absent_target_bad_target", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(96, 8);
	struct scsi_data io = { .in = data, .in_length = 96 };
	enum scsi_result result;

	if (!scsi_test_open(dev, 0, &host))
		return;
	if (host.config.max_target < SCSI_ABSENT_TARGET)
		skip("max_target %u: target %u is beyond the device's range", host.config.max_target,
		     SCSI_ABSENT_TARGET);
	memset(data, POISON, 96);
	result = scsi_test_command(&host, SCSI_ABSENT_TARGET, 0, cdb, scsi_cdb_inquiry(cdb, 96),
				   &io, &reply);
	if (!scsi_check_completed(&host, result, "INQUIRY to target 5, which does not exist"))
		return;
	test_log("%s: target 5: response %s, status %#x, residual %u, used length %u", dev->name,
		 scsi_response_name(reply.response), reply.status, reply.residual, reply.used_len);
	check_eq(reply.response, VIRTIO_SCSI_S_BAD_TARGET, CLAUSE_SCSI_REQUESTQ,
		 "the response for an absent target is BAD_TARGET (got %s)",
		 scsi_response_name(reply.response));
	check_eq(first_written(data, 96), 96, CLAUSE_SCSI_REQUESTQ,
		 "the request was never processed: no byte of datain was written");
}

/*
 * A LUN nothing is attached to, on a target that exists (target 0,
 * LUN 3): the target processes the command, so the response is OK with
 * the status filled in, CHECK CONDITION for TEST UNIT READY with sense
 * ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED (asc 0x25), the code
 * 5.6.6.3 gives for a removed LUN. Not BAD_TARGET: the target exists.
 * INQUIRY there is logged (SPC answers it with peripheral qualifier 3).
 * Fails with a disk at lun=3.
 */
VCTS_TEST(scsi_missing_lun, "devices.scsi.absent_lun_check_condition", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(96, 8), key = 0, asc = 0, ascq = 0;
	struct scsi_data io = { .in = data, .in_length = 96 };
	enum scsi_result result;
	bool has_sense;

	if (!scsi_test_open(dev, 0, &host))
		return;
	result = scsi_test_command(&host, SCSI_DISK_TARGET, SCSI_ABSENT_LUN, cdb,
				   scsi_cdb_test_unit_ready(cdb), NULL, &reply);
	if (!scsi_check_completed(&host, result, "TEST UNIT READY to LUN 3 of target 0"))
		return;
	has_sense = scsi_sense_fields(&reply, &key, &asc, &ascq);
	test_log("%s: LUN 3: response %s, status %#x, sense_len %u, key %#x asc %#x ascq %#x",
		 dev->name, scsi_response_name(reply.response), reply.status, reply.sense_len, key,
		 asc, ascq);
	if (!check_eq(reply.response, VIRTIO_SCSI_S_OK, CLAUSE_SCSI_REQUESTQ,
		      "target 0 exists: the response is OK, with the status filled in (got %s)",
		      scsi_response_name(reply.response)))
		return;
	check_eq(reply.status, SCSI_STATUS_CHECK_CONDITION, CLAUSE_SCSI_REQUESTQ,
		 "the status for an absent LUN is CHECK CONDITION");
	check(has_sense && key == SCSI_SENSE_ILLEGAL_REQUEST && asc == 0x25, CLAUSE_SCSI_REQUESTQ,
	      "the sense data is ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED (sense_len %u, key "
	      "%#x, asc %#x)", reply.sense_len, key, asc);
	memset(data, POISON, 96);
	result = scsi_test_command(&host, SCSI_DISK_TARGET, SCSI_ABSENT_LUN, cdb,
				   scsi_cdb_inquiry(cdb, 96), &io, &reply);
	if (scsi_check_completed(&host, result, "INQUIRY to LUN 3 of target 0"))
		test_log("%s: INQUIRY to LUN 3: response %s, status %#x, byte 0 %#x", dev->name,
			 scsi_response_name(reply.response), reply.status, data[0]);
}

/*
 * "VIRTIO_SCSI_S_OVERRUN if the content of the CDB (such as the
 * allocation length, parameter length or transfer size) requires more
 * data than is available in the datain and dataout buffers": a READ(10)
 * of 2 blocks into a buffer of one. Fails against a device that
 * transfers the part that fits and says OK (the reference device).
 */
VCTS_TEST(scsi_overrun, "devices.scsi.short_buffer_overrun", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint64_t blocks;
	uint32_t block_size;
	uint8_t cdb[16], *data;
	struct scsi_data io;
	enum scsi_result result;

	if (!scsi_test_open(dev, 0, &host) || !scsi_test_capacity(&host, &blocks, &block_size))
		return;
	data = test_alloc(block_size, 4096);
	io = (struct scsi_data){ .in = data, .in_length = block_size };
	result = scsi_test_command(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
				   scsi_cdb_rw_10(cdb, SCSI_OP_READ_10, 0, 2), &io, &reply);
	if (!scsi_check_completed(&host, result, "READ(10) of 2 blocks into a 1-block buffer"))
		return;
	test_log("%s: overrun: response %s, status %#x, residual %u", dev->name,
		 scsi_response_name(reply.response), reply.status, reply.residual);
	check_eq(reply.response, VIRTIO_SCSI_S_OVERRUN, CLAUSE_SCSI_REQUESTQ,
		 "a CDB that needs more data than the buffers hold gets OVERRUN (got %s)",
		 scsi_response_name(reply.response));
}

/*
 * "if neither dataout nor datain is empty, and the VIRTIO_SCSI_F_INOUT
 * feature has not been negotiated, the request will be immediately
 * returned with a response equal to VIRTIO_SCSI_S_FAILURE": a READ(10)
 * of one block with a one-block dataout too. Immediately: nothing is
 * read into datain. Fails against a device that serves the read (the
 * reference device).
 */
VCTS_TEST(scsi_inout_refused, "devices.scsi.inout_without_feature_failure", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint64_t blocks;
	uint32_t block_size;
	uint8_t cdb[16], *in, *out;
	struct scsi_data io;
	enum scsi_result result;

	if (dev->legacy)
		skip("%s", SCSI_LEGACY_WRITE_SKIP);
	if (!scsi_test_open(dev, 0, &host) || !scsi_test_capacity(&host, &blocks, &block_size))
		return;
	if (virtio_has_feature(dev, VIRTIO_SCSI_F_INOUT))
		skip("VIRTIO_SCSI_F_INOUT is negotiated");
	in = test_alloc(block_size, 4096);
	out = test_alloc(block_size, 4096);
	memset(in, POISON, block_size);
	memset(out, 0x5a, block_size);
	io = (struct scsi_data){ .out = out, .out_length = block_size, .in = in,
				 .in_length = block_size };
	result = scsi_test_command(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
				   scsi_cdb_rw_10(cdb, SCSI_OP_READ_10, 0, 1), &io, &reply);
	if (!scsi_check_completed(&host, result, "READ(10) with both dataout and datain"))
		return;
	check_eq(reply.response, VIRTIO_SCSI_S_FAILURE, CLAUSE_SCSI_REQUESTQ,
		 "data both ways without VIRTIO_SCSI_F_INOUT gets FAILURE (got %s)",
		 scsi_response_name(reply.response));
	check_eq(first_written(in, block_size), block_size, CLAUSE_SCSI_REQUESTQ,
		 "the request is returned immediately: no byte of datain was written");
}

/*
 * The used length counts the bytes written into the device-writable part
 * of the chain (2.7.4), and "the device MUST write at least len bytes to
 * descriptor, beginning at the first device-writable buffer" (2.7.8):
 *  - REPORT LUNS with 256 bytes allocated returns a short list (residual
 *    says how much was not transferred): len is at most the response and
 *    the bytes transferred; the datain starts poisoned so the bytes never
 *    written show;
 *  - WRITE(10) of one block (the host pattern over itself) has nothing
 *    writable but the response: len is at most its size, never the
 *    dataout's (the ring core rejects that as a ring error).
 * The legacy interface is exempt (5.6.6.0.1: its drivers ignore len).
 */
VCTS_TEST(scsi_used_length, "devices.scsi.used_length_counts_written_bytes", VIRTIO_ID_SCSI,
	  CLAUSE_USED_RING "|" CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(256, 8), *block;
	struct scsi_data io = { .in = data, .in_length = 256 };
	uint32_t response_bytes, transferred, end, block_size;
	uint64_t blocks;

	if (dev->legacy)
		skip("legacy interface: drivers SHOULD ignore the used length (5.6.6.0.1)");
	if (!scsi_test_open(dev, 0, &host) || !scsi_test_capacity(&host, &blocks, &block_size))
		return;
	memset(data, POISON, 256);
	response_bytes = VIRTIO_SCSI_RESP_HEADER + host.sense_size;
	if (scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			    scsi_cdb_report_luns(cdb, 256), &io, &reply, "REPORT LUNS of 256 bytes")) {
		transferred = 256 - reply.residual;
		end = written_end(data, 256);
		test_log("%s: REPORT LUNS of 256: residual %u (%u transferred), bytes written up to "
			 "%u, used length %u", dev->name, reply.residual, transferred, end,
			 reply.used_len);
		if (reply.residual)
			check(reply.used_len <= response_bytes + transferred, CLAUSE_USED_RING,
			      "the used length %u is at most the %u response bytes and the %u bytes "
			      "transferred (residual %u; datain from byte %u on still holds the "
			      "poison)", reply.used_len, response_bytes, transferred,
			      reply.residual, end);
	}
	if (host.broken && !scsi_test_open(dev, 0, &host))
		return;
	block = test_alloc(block_size, 4096);
	blk_fill_pattern(block, SCSI_SCRATCH_SECTOR, block_size / BLK_SECTOR_SIZE,
			 BLK_HOST_PATTERN_SEED);
	io = (struct scsi_data){ .out = block, .out_length = block_size };
	if (scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			    scsi_cdb_rw_10(cdb, SCSI_OP_WRITE_10,
					   SCSI_SCRATCH_SECTOR * BLK_SECTOR_SIZE / block_size, 1),
			    &io, &reply, "WRITE(10) of one block (the used length counts only the "
			    "response)"))
		check(reply.used_len <= response_bytes, CLAUSE_USED_RING,
		      "the used length %u of a write is at most the %u response bytes",
		      reply.used_len, response_bytes);
}
