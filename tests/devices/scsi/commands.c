/*
 * SCSI commands that should succeed on the disk the harness attaches
 * (target 0, LUN 0, the blk host pattern image): Device Operation:
 * Request Queues (5.6.6.1), response OK and a SAM status, with the data
 * the disk holds.
 */
#include "drivers/blk.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/scsi/scsi_tests.h"

#define REQUEST_CLAUSES		CLAUSE_SCSI_REQUESTQ "|" CLAUSE_USED_RING

/*
 * INQUIRY to target 0 LUN 0: response OK, status GOOD, standard data of
 * a connected direct-access block device (peripheral qualifier 0, type
 * 0), and residual within the allocation. Fails with a CD-ROM there
 * (scsi-cd: type 5) or nothing (response BAD_TARGET).
 */
VCTS_TEST(scsi_inquiry, "devices.scsi.inquiry_disk", VIRTIO_ID_SCSI, REQUEST_CLAUSES)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(96, 8);
	struct scsi_data io = { .in = data, .in_length = 96 };

	if (!scsi_test_open(dev, 0, &host))
		return;
	memset(data, 0xa5, 96);
	if (!scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb, scsi_cdb_inquiry(cdb, 96),
			     &io, &reply, "INQUIRY to target 0 LUN 0"))
		return;
	test_log("%s: INQUIRY: %.8s %.16s %.4s, residual %u, used length %u", dev->name,
		 (const char *)data + 8, (const char *)data + 16, (const char *)data + 32,
		 reply.residual, reply.used_len);
	check(reply.residual <= 96 - 36, CLAUSE_SCSI_REQUESTQ,
	      "at least the 36 bytes of standard INQUIRY data were transferred (residual %u of 96)",
	      reply.residual);
	check_eq(data[0] >> 5, 0, CLAUSE_SCSI_REQUESTQ,
		 "peripheral qualifier 0: a logical unit is connected at LUN 0");
	check_eq(data[0] & 0x1f, 0, CLAUSE_SCSI_REQUESTQ,
		 "peripheral device type 0: a direct-access block device (the scsi-hd)");
}

/*
 * TEST UNIT READY: GOOD once the UNIT ATTENTION of the reset is reported
 * (scsi_test_command sends it again), with no sense data and the used
 * length covering the response header. Fails with a drive whose medium
 * is absent (scsi-cd without a medium: NOT READY).
 */
VCTS_TEST(scsi_test_unit_ready, "devices.scsi.test_unit_ready_good", VIRTIO_ID_SCSI,
	  REQUEST_CLAUSES)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16];

	if (!scsi_test_open(dev, 0, &host))
		return;
	if (!scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			     scsi_cdb_test_unit_ready(cdb), NULL, &reply, "TEST UNIT READY"))
		return;
	check_eq(reply.residual, 0, CLAUSE_SCSI_REQUESTQ,
		 "residual is 0 for a command without data");
	test_log("%s: TEST UNIT READY: sense_len %u, used length %u", dev->name, reply.sense_len,
		 reply.used_len);
}

/*
 * READ CAPACITY(10) and (16) describe the image the harness attaches:
 * SCSI_IMAGE_BYTES (8 MiB) in blocks of a multiple of 512 bytes, the two
 * answers agreeing. Fails with an image of another size.
 */
VCTS_TEST(scsi_read_capacity, "devices.scsi.read_capacity_matches_image", VIRTIO_ID_SCSI,
	  REQUEST_CLAUSES)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(32, 8);
	struct scsi_data io = { .in = data, .in_length = 32 };
	uint64_t blocks, blocks16;
	uint32_t block_size;

	if (!scsi_test_open(dev, 0, &host) || !scsi_test_capacity(&host, &blocks, &block_size))
		return;
	test_log("%s: READ CAPACITY(10): %llu blocks of %u bytes", dev->name,
		 (unsigned long long)blocks, block_size);
	check_eq(blocks * block_size, SCSI_IMAGE_BYTES, CLAUSE_SCSI_REQUESTQ,
		 "READ CAPACITY(10): blocks x block size is the image's size");
	if (!scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			     scsi_cdb_read_capacity_16(cdb, 32), &io, &reply, "READ CAPACITY(16)"))
		return;
	blocks16 = scsi_be64(data) + 1;
	check_eq(blocks16, blocks, CLAUSE_SCSI_REQUESTQ,
		 "READ CAPACITY(16) reports as many blocks as READ CAPACITY(10)");
	check_eq(scsi_be32(data + 8), block_size, CLAUSE_SCSI_REQUESTQ,
		 "READ CAPACITY(16) reports the block size of READ CAPACITY(10)");
}

/* Reads @count blocks at @lba and compares them with the pattern of @seed. */
static bool check_blocks(struct scsi_host *host, uint32_t lba, uint16_t count,
			 uint32_t block_size, uint32_t seed, const char *what)
{
	uint32_t bytes = (uint32_t)count * block_size, per = block_size / BLK_SECTOR_SIZE;
	uint8_t cdb[16], *data = test_alloc(bytes, 4096);
	struct scsi_data io = { .in = data, .in_length = bytes };
	struct scsi_reply reply;
	struct blk_mismatch first;
	char text[96];

	snprintf(text, sizeof(text), "READ(10) of %u block(s) at LBA %u (%s)", count, lba, what);
	if (!scsi_check_good(host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			     scsi_cdb_rw_10(cdb, SCSI_OP_READ_10, lba, count), &io, &reply, text))
		return false;
	check_eq(reply.residual, 0, CLAUSE_SCSI_REQUESTQ, "%s: residual is 0", text);
	if (!blk_find_mismatch(data, (uint64_t)lba * per, count * per, seed, &first))
		return check(true, CLAUSE_SCSI_REQUESTQ, "%s", text);
	return check_eq(first.actual, first.expected, CLAUSE_SCSI_REQUESTQ,
			"%s: sector %llu byte %u differs from the pattern of seed %#x", text,
			(unsigned long long)first.lba, first.offset, seed);
}

/*
 * READ(10) returns the image's contents: the harness filled it with the
 * blk host pattern. The first block, a run of 8, and the last block.
 * Fails with an image of zeros, or any other content.
 */
VCTS_TEST(scsi_read_host_pattern, "devices.scsi.read_host_pattern", VIRTIO_ID_SCSI,
	  REQUEST_CLAUSES)
{
	struct scsi_host host;
	uint64_t blocks;
	uint32_t block_size;

	if (!scsi_test_open(dev, 0, &host) || !scsi_test_capacity(&host, &blocks, &block_size))
		return;
	require(blocks <= UINT32_MAX, CLAUSE_SCSI_REQUESTQ,
		"%llu blocks are within READ(10)'s reach", (unsigned long long)blocks);
	check_blocks(&host, 0, 1, block_size, BLK_HOST_PATTERN_SEED, "the first block");
	if (blocks >= 9 && !host.broken)
		check_blocks(&host, 1, 8, block_size, BLK_HOST_PATTERN_SEED, "a run of 8");
	if (!host.broken)
		check_blocks(&host, (uint32_t)blocks - 1, 1, block_size, BLK_HOST_PATTERN_SEED,
			     "the last block");
}

/* Writes @count blocks at @lba with the pattern of @seed. */
static bool write_blocks(struct scsi_host *host, uint32_t lba, uint16_t count,
			 uint32_t block_size, uint32_t seed, const char *what)
{
	uint32_t bytes = (uint32_t)count * block_size, per = block_size / BLK_SECTOR_SIZE;
	uint8_t cdb[16], *data = test_alloc(bytes, 4096);
	struct scsi_data io = { .out = data, .out_length = bytes };
	struct scsi_reply reply;
	char text[96];

	blk_fill_pattern(data, (uint64_t)lba * per, count * per, seed);
	snprintf(text, sizeof(text), "WRITE(10) of %u block(s) at LBA %u (%s)", count, lba, what);
	if (!scsi_check_good(host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			     scsi_cdb_rw_10(cdb, SCSI_OP_WRITE_10, lba, count), &io, &reply, text))
		return false;
	return check_eq(reply.residual, 0, CLAUSE_SCSI_REQUESTQ, "%s: residual is 0", text);
}

/* Writes the host pattern back without judging the write (the test did that). */
static void restore_blocks(struct virtio_device *dev, struct scsi_host *host, uint32_t lba,
			   uint16_t count, uint32_t block_size)
{
	uint32_t bytes = (uint32_t)count * block_size, per = block_size / BLK_SECTOR_SIZE;
	uint8_t cdb[16], *data = test_alloc(bytes, 4096);
	struct scsi_data io = { .out = data, .out_length = bytes };
	struct scsi_reply reply;

	if (host->broken && !scsi_test_open(dev, 0, host))
		return;
	blk_fill_pattern(data, (uint64_t)lba * per, count * per, BLK_HOST_PATTERN_SEED);
	scsi_test_command(host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			  scsi_cdb_rw_10(cdb, SCSI_OP_WRITE_10, lba, count), &io, &reply);
	if (host->broken && !scsi_test_open(dev, 0, host))
		return;
	check_blocks(host, lba, count, block_size, BLK_HOST_PATTERN_SEED,
		     "the host pattern written back");
}

/*
 * WRITE(10) of the scratch sectors with the test's own pattern, READ(10)
 * returns it; then the host pattern is written back and read back, so
 * the image is as the harness made it. A write the device answers
 * against a ring rule is reported, and the device set up again to read
 * back what arrived. Fails with a read-only drive (readonly=on on the
 * -drive: DATA PROTECT), or one whose writes fail.
 */
VCTS_TEST(scsi_write_read, "devices.scsi.write_then_read_roundtrip", VIRTIO_ID_SCSI,
	  REQUEST_CLAUSES)
{
	struct scsi_host host;
	uint64_t blocks;
	uint32_t block_size, lba;
	uint16_t count;

	if (dev->legacy)
		skip("%s", SCSI_LEGACY_WRITE_SKIP);
	if (!scsi_test_open(dev, 0, &host) || !scsi_test_capacity(&host, &blocks, &block_size))
		return;
	lba = SCSI_SCRATCH_SECTOR * BLK_SECTOR_SIZE / block_size;
	count = (uint16_t)(SCSI_SCRATCH_SECTORS * BLK_SECTOR_SIZE / block_size);
	if (!count)
		count = 1;
	if (lba + count > blocks)
		skip("the disk (%llu blocks) does not reach the scratch blocks",
		     (unsigned long long)blocks);
	write_blocks(&host, lba, count, block_size, test_seed(), "the test's pattern");
	if (host.broken && !scsi_test_open(dev, 0, &host))
		return;
	check_blocks(&host, lba, count, block_size, test_seed(), "what was just written");
	restore_blocks(dev, &host, lba, count, block_size);
}

/*
 * REPORT LUNS to target 0 (SPC): a list of 8-byte LUNs whose length is
 * a multiple of 8 and that holds LUN 0, the disk. Also to the REPORT
 * LUNS well-known logical unit (lun 0xc1 0x01 ...), which the device
 * SHOULD implement (5.6.6.1): logged if it does not.
 * Fails with nothing at target 0 (BAD_TARGET); QEMU lists LUN 0 even
 * with the disk at lun=1 only (SAM: every target has a LUN 0), so a list
 * without it needs the reference device.
 */
VCTS_TEST(scsi_report_luns, "devices.scsi.report_luns_lists_lun0", VIRTIO_ID_SCSI,
	  REQUEST_CLAUSES)
{
	static const uint8_t well_known[8] = { 0xc1, 0x01 };
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(256, 8);
	struct scsi_data io = { .in = data, .in_length = 256 };
	uint32_t list, entries;
	bool lun0 = false;
	enum scsi_result result;

	if (!scsi_test_open(dev, 0, &host))
		return;
	memset(data, 0xa5, 256);
	if (!scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
			     scsi_cdb_report_luns(cdb, 256), &io, &reply, "REPORT LUNS to target 0"))
		return;
	list = scsi_be32(data);
	entries = list / 8;
	test_log("%s: REPORT LUNS: list length %u, residual %u", dev->name, list, reply.residual);
	check(list % 8 == 0, CLAUSE_SCSI_REQUESTQ, "the LUN list length %u is a multiple of 8",
	      list);
	for (uint32_t i = 0; i < entries && 8 + 8 * (i + 1) <= 256; i++) {
		static const uint8_t zero[8];

		if (!memcmp(data + 8 + 8 * i, zero, 8))
			lun0 = true;
	}
	check(lun0, CLAUSE_SCSI_REQUESTQ, "LUN 0 is in the list of %u LUN(s)", entries);
	memset(data, 0xa5, 256);
	result = scsi_command(&host, well_known, cdb, scsi_cdb_report_luns(cdb, 256), &io, &reply);
	if (!scsi_check_completed(&host, result, "REPORT LUNS to the well-known logical unit"))
		return;
	if (reply.response != VIRTIO_SCSI_S_OK || reply.status != SCSI_STATUS_GOOD)
		test_log("%s: the REPORT LUNS well-known logical unit answers response %s, status "
			 "%#x: the device does not implement it (a SHOULD, so only logged)", dev->name,
			 scsi_response_name(reply.response), reply.status);
}
