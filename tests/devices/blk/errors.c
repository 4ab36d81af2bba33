/*
 * virtio-blk requests that must fail, and fail in the defined way (5.2.6):
 * IOERR for reads past the end and for writes to a read-only device,
 * UNSUPP for request types the device does not know.
 */
#include "lib/printf.h"
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

#define SCRATCH_END	(BLK_SCRATCH_LBA + BLK_SCRATCH_SECTORS)

static void check_read(struct blk_device *blk, uint64_t lba, uint32_t count,
		       uint8_t expected, const char *where)
{
	uint8_t *buffer = blk_sectors_alloc(count);
	uint8_t status;
	enum blk_result result = blk_read_sectors(blk, lba, count, buffer, &status);
	char what[120];

	snprintf(what, sizeof(what), "the read of %u sector(s) at LBA %llu (%s)", count,
		 (unsigned long long)lba, where);
	blk_check_status(blk, result, status, expected, CLAUSE_BLK_OPERATION, what);
}

/*
 * The last block reads, the one after it does not: IOERR is the status
 * "for device or driver error" (5.2.6), and a read past capacity is the
 * driver's error (5.2.6.1 forbids it, which is why only a conformance
 * test sends it). Also a read that starts inside and ends outside, and
 * one at sector 2^63, whose byte offset wraps to 0 in 64 bits: a device
 * that multiplies without checking returns sector 0 with OK. A block is
 * one sector unless blk_size says more (5.2.5); with a capacity that is
 * no whole number of blocks, the last whole one counts as the last.
 * Fails against a device that serves reads past its end (the reference
 * device with blk-reads-past-end; QEMU checks the range).
 */
VCTS_TEST(blk_out_of_range, "devices.blk.out_of_range_read_ioerr", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION)
{
	struct blk_device blk;
	uint64_t capacity, whole_end, past_end;
	uint32_t block;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	capacity = blk.config.capacity;
	block = blk.block_sectors;
	require(capacity >= block && capacity <= UINT64_MAX / BLK_SECTOR_SIZE - block,
		CLAUSE_BLK_INIT, "capacity %llu is a usable size", (unsigned long long)capacity);
	whole_end = capacity / block * block;
	past_end = (capacity + block - 1) / block * block;
	check_read(&blk, whole_end - block, block, VIRTIO_BLK_S_OK, "the last block");
	check_read(&blk, past_end, block, VIRTIO_BLK_S_IOERR, "the first block at capacity");
	check_read(&blk, whole_end - block, 2 * block, VIRTIO_BLK_S_IOERR,
		   "ends one block past capacity");
	check_read(&blk, 1ull << 63, block, VIRTIO_BLK_S_IOERR, "byte offset wraps to 0");
}

/*
 * A type the device does not know gets UNSUPP, "for a request unsupported
 * by device" (5.2.6). No data: the device cannot know which way it would
 * go. 0xff and 0x7fffffff have no meaning in any version of the spec.
 * Fails against a device that serves unknown types as something else
 * (QEMU, for one, serves type 0x80000000, the legacy BARRIER flag, as a
 * read).
 */
VCTS_TEST(blk_unknown_type, "devices.blk.unsupported_type_unsupp", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION)
{
	static const uint32_t types[] = { 0xff, 0x7fffffff };
	struct blk_device blk;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	for (unsigned int i = 0; i < sizeof(types) / sizeof(types[0]) && !blk.broken; i++) {
		uint32_t used_len;
		uint8_t status;
		enum blk_result result = blk_request(&blk, types[i], 0, NULL, 0, false,
						     &status, &used_len);
		char what[48];

		snprintf(what, sizeof(what), "a request of type %#x", types[i]);
		blk_check_status(&blk, result, status, VIRTIO_BLK_S_UNSUPP, CLAUSE_BLK_OPERATION,
				 what);
	}
}

/* Writes the pattern of @seed to the scratch sectors: the device must refuse. */
static void check_write_refused(struct blk_device *blk, uint32_t seed, const char *how)
{
	uint8_t *data = blk_sectors_alloc(BLK_SCRATCH_SECTORS);
	uint8_t status;
	enum blk_result result;
	char what[96];

	blk_fill_pattern(data, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, seed);
	result = blk_write_sectors(blk, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, data, &status);
	snprintf(what, sizeof(what), "a write to the read-only device, RO %s", how);
	blk_check_status(blk, result, status, VIRTIO_BLK_S_IOERR, CLAUSE_BLK_OPERATION, what);
}

/*
 * 5.2.6.2: with VIRTIO_BLK_F_RO offered, a write ends with IOERR and
 * writes nothing. "Offered", so both with RO accepted (as drivers SHOULD)
 * and without; the sectors must still hold the host's pattern.
 * Fails against a device that offers RO and writes anyway (the reference
 * device with that fault, once it exists; QEMU's read-only drives refuse).
 */
VCTS_TEST(blk_read_only, "devices.blk.read_only_refuses_write", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION)
{
	struct blk_device blk;
	uint8_t *data = blk_sectors_alloc(BLK_SCRATCH_SECTORS);
	enum blk_result result;
	uint8_t status;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	if (!blk_offers(&blk, VIRTIO_BLK_F_RO))
		skip("the device does not offer VIRTIO_BLK_F_RO: it is writable");
	if (blk.config.capacity < SCRATCH_END)
		skip("capacity %llu sectors does not reach the scratch sectors",
		     (unsigned long long)blk.config.capacity);
	check_write_refused(&blk, test_seed(), "accepted");
	if (!blk_test_open(dev, BLK_FEATURES_BASIC & ~(1ull << VIRTIO_BLK_F_RO), &blk))
		return;
	check_write_refused(&blk, ~test_seed(), "not accepted");
	result = blk_read_sectors(&blk, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, data, &status);
	if (blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			     "the read of the sectors the writes aimed at"))
		blk_check_pattern(data, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS,
				  BLK_HOST_PATTERN_SEED, CLAUSE_BLK_OPERATION,
				  "the sectors still hold the host's pattern");
}
