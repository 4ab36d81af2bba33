/*
 * virtio-blk requests that should succeed (5.2.6): reads of the host's
 * pattern, writes read back and checked again by the host, flush, GET_ID,
 * and the used length of each.
 */
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/report_line.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

#define BLK_OPERATION_CLAUSES	CLAUSE_BLK_OPERATION "|" CLAUSE_USED_RING
#define SCRATCH_END		(BLK_SCRATCH_LBA + BLK_SCRATCH_SECTORS)
#define READ_RUN		8	/* sectors in the multi-sector read */

/*
 * A block picked by @seed outside the scratch sectors other tests write,
 * as its first sector (@block: sectors per block, a divisor of the
 * scratch sectors' start and count).
 */
static uint64_t random_pattern_block(uint64_t capacity, uint32_t block, uint32_t seed)
{
	uint64_t blocks = capacity / block, scratch_first = BLK_SCRATCH_LBA / block;
	uint64_t scratch_blocks = BLK_SCRATCH_SECTORS / block, picked;

	if (blocks <= scratch_first + scratch_blocks)
		return seed % blocks * block;
	picked = seed % (blocks - scratch_blocks);
	return (picked < scratch_first ? picked : picked + scratch_blocks) * block;
}

/* Reads @count sectors at @lba and compares them with the host's pattern. */
static void check_host_sectors(struct blk_device *blk, uint64_t lba, uint32_t count)
{
	uint8_t *buffer = blk_sectors_alloc(count);
	uint8_t status;
	enum blk_result result = blk_read_sectors(blk, lba, count, buffer, &status);
	char what[80];

	snprintf(what, sizeof(what), "the read of %u sector(s) at LBA %llu", count,
		 (unsigned long long)lba);
	if (!blk_check_status(blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION, what))
		return;
	blk_check_pattern(buffer, lba, count, BLK_HOST_PATTERN_SEED, CLAUSE_BLK_OPERATION, what);
}

/*
 * VIRTIO_BLK_T_IN returns the sectors' contents: the harness filled every
 * image with the pattern of seed "host" before boot. The first two
 * blocks, the last one, one picked by the seed (a block: one sector
 * unless blk_size says more, 5.2.5), and a run of 8 sectors in one
 * request. Fails with an image of zeros (or any other content) behind
 * the device.
 */
VCTS_TEST(blk_read_host_pattern, "devices.blk.read_host_pattern", VIRTIO_ID_BLOCK,
	  BLK_OPERATION_CLAUSES)
{
	struct blk_device blk;
	uint64_t capacity, sectors[4];
	uint32_t block;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	capacity = blk.config.capacity;
	block = blk.block_sectors;
	require(capacity >= block, CLAUSE_BLK_INIT, "capacity %llu holds at least one block",
		(unsigned long long)capacity);
	sectors[0] = 0;
	sectors[1] = block;
	sectors[2] = (capacity / block - 1) * block;
	sectors[3] = random_pattern_block(capacity, block, test_seed());
	for (unsigned int i = 0; i < 4 && !blk.broken; i++) {
		if (sectors[i] + block <= capacity)
			check_host_sectors(&blk, sectors[i], block);
	}
	if (capacity >= READ_RUN && !blk.broken)
		check_host_sectors(&blk, 0, READ_RUN);
}

/*
 * Asks the harness to find @count sectors of @seed's pattern at @lba in
 * the image: 512-byte sectors, the protocol's unit (5.2.5) and the one the
 * harness reads the image in (docs/result-protocol.md), whatever blk_size
 * the device has. The scratch sectors are one 4096-byte block.
 */
static void request_host_check(struct virtio_device *dev, uint64_t lba, uint32_t count,
			       uint32_t seed)
{
	struct report_line line;

	line_begin(&line, "host-check");
	line_add(&line, "test", "devices.blk.write_visible_on_host");
	line_add(&line, "device", dev->name);
	line_add(&line, "clauses", CLAUSE_BLK_OPERATION);
	line_add(&line, "what", "blk-pattern");
	line_add_u64(&line, "lba", lba);
	line_add_u64(&line, "count", count);
	line_add_u64(&line, "seed", seed);
	line_emit(&line);
}

/*
 * VIRTIO_BLK_T_OUT writes, a later IN returns what was written, FLUSH
 * makes it stable; the harness then finds the data in the image file
 * (devices.blk.write_visible_on_host). Fails against a drive whose
 * writes fail (a blkdebug rule injecting EIO on writes), and, on the
 * host side, against a drive with snapshot=on.
 */
VCTS_TEST(blk_roundtrip, "devices.blk.write_then_read_roundtrip", VIRTIO_ID_BLOCK,
	  BLK_OPERATION_CLAUSES)
{
	struct blk_device blk;
	uint32_t seed = test_seed();
	uint8_t *out = blk_sectors_alloc(BLK_SCRATCH_SECTORS);
	uint8_t *in = blk_sectors_alloc(BLK_SCRATCH_SECTORS);
	enum blk_result result;
	uint8_t status;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC | (1ull << VIRTIO_BLK_F_FLUSH), &blk))
		return;
	if (blk_offers(&blk, VIRTIO_BLK_F_RO))
		skip("the device offers VIRTIO_BLK_F_RO: it is read-only");
	if (blk.config.capacity <= SCRATCH_END)
		skip("capacity %llu sectors leaves no room for scratch sectors %u-%u",
		     (unsigned long long)blk.config.capacity, BLK_SCRATCH_LBA, SCRATCH_END - 1);
	blk_fill_pattern(out, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, seed);
	result = blk_write_sectors(&blk, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, out, &status);
	if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "the write of 8 sectors at LBA 64"))
		return;
	result = blk_read_sectors(&blk, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, in, &status);
	if (blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			     "the read of the 8 sectors just written"))
		blk_check_pattern(in, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, seed,
				  CLAUSE_BLK_OPERATION, "a read returns what was written");
	if (virtio_has_feature(dev, VIRTIO_BLK_F_FLUSH)) {
		result = blk_flush(&blk, &status);
		blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
				 "the flush after the write");
	}
	request_host_check(dev, BLK_SCRATCH_LBA, BLK_SCRATCH_SECTORS, seed);
}

/*
 * VIRTIO_BLK_T_FLUSH (sector 0, no data) completes with OK; devices
 * SHOULD offer FLUSH (5.2.5.2), so not offering it is a skip, not a
 * failure. Fails against a drive whose flushes fail (a blkdebug rule
 * injecting EIO on flush_to_disk).
 */
VCTS_TEST(blk_flush_completes, "devices.blk.flush_completes", VIRTIO_ID_BLOCK,
	  BLK_OPERATION_CLAUSES)
{
	struct blk_device blk;
	enum blk_result result;
	uint32_t used_len;
	uint8_t status;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC | (1ull << VIRTIO_BLK_F_FLUSH), &blk))
		return;
	if (!virtio_has_feature(dev, VIRTIO_BLK_F_FLUSH))
		skip("the device does not offer VIRTIO_BLK_F_FLUSH (which it SHOULD, 5.2.5.2)");
	result = blk_request(&blk, VIRTIO_BLK_T_FLUSH, 0, NULL, 0, false, &status, &used_len);
	if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "a flush"))
		return;
	check_eq(used_len, 1, CLAUSE_USED_RING,
		 "the used length of a flush is 1: the status byte is all it writes");
}

/* Sends GET_ID into a 20-byte buffer that holds @poison until the device writes it. */
static bool get_id(struct blk_device *blk, char *id, uint8_t poison, uint8_t *status)
{
	enum blk_result result;
	uint32_t used_len;

	memset(id, poison, VIRTIO_BLK_ID_BYTES);
	result = blk_request(blk, VIRTIO_BLK_T_GET_ID, 0, id, VIRTIO_BLK_ID_BYTES, true,
			     status, &used_len);
	return blk_check_completed(blk, result, "GET_ID");
}

static bool is_printable_ascii(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (text[i] < 0x20 || text[i] > 0x7e)
			return false;
	}
	return true;
}

/*
 * VIRTIO_BLK_T_GET_ID returns the device ID string, ASCII, up to 20
 * bytes; the harness sets it to "vcts-" and the device's name. A device
 * may not support GET_ID (UNSUPP): that is a skip. Fails with serial=other
 * (or no serial property) on the QEMU device.
 */
VCTS_TEST(blk_get_id, "devices.blk.get_id_returns_serial", VIRTIO_ID_BLOCK,
	  BLK_OPERATION_CLAUSES)
{
	struct blk_device blk;
	char *id = test_alloc(VIRTIO_BLK_ID_BYTES, 32);
	char expected[VIRTIO_BLK_ID_BYTES + 1];
	size_t length;
	uint8_t status;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk) || !get_id(&blk, id, 0, &status))
		return;
	if (status == VIRTIO_BLK_S_UNSUPP)
		skip("the device answers GET_ID with UNSUPP");
	require_eq(status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION, "GET_ID ends with status OK");
	length = strnlen(id, VIRTIO_BLK_ID_BYTES);
	check(is_printable_ascii(id, length), CLAUSE_BLK_OPERATION,
	      "the %zu bytes of the ID string before its NUL are printable ASCII", length);
	if (!options.blk_serials)
		skip("the harness set no serial on this device (vcts.blk_serials=0): the ID string (%zu bytes: %.*s) has nothing to be compared with",
		     length, (int)length, id);
	snprintf(expected, sizeof(expected), "vcts-%s", dev->name);
	check(length >= 5 && !memcmp(id, "vcts-", 5), CLAUSE_BLK_OPERATION,
	      "the ID string starts with \"vcts-\", the harness's serial prefix (%zu bytes: %.*s)",
	      length, (int)length, id);
	check(length == strlen(expected) && !memcmp(id, expected, length), CLAUSE_BLK_OPERATION,
	      "the ID string is \"%s\", the serial the harness set (got %zu bytes: %.*s)",
	      expected, length, (int)length, id);
}

/*
 * The ID string is NUL-padded to 20 bytes (5.2.6), and the used length
 * (21: the 20 bytes and the status) says the device wrote all of them
 * (2.7.8: it MUST write at least len bytes). The buffer starts out
 * filled with 0xa5, so a device that writes only the string and its
 * terminator leaves 0xa5 where the padding belongs: QEMU 7.2 does that.
 */
VCTS_TEST(blk_get_id_padded, "devices.blk.get_id_nul_padded", VIRTIO_ID_BLOCK,
	  BLK_OPERATION_CLAUSES)
{
	struct blk_device blk;
	char *id = test_alloc(VIRTIO_BLK_ID_BYTES, 32);
	uint8_t status;
	size_t length;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk) || !get_id(&blk, id, 0xa5, &status))
		return;
	if (status == VIRTIO_BLK_S_UNSUPP)
		skip("the device answers GET_ID with UNSUPP");
	require_eq(status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION, "GET_ID ends with status OK");
	length = strnlen(id, VIRTIO_BLK_ID_BYTES);
	for (size_t i = length; i < VIRTIO_BLK_ID_BYTES; i++) {
		if (!check_eq((uint8_t)id[i], 0, CLAUSE_USED_RING,
			      "byte %zu of the ID, after the %zu-byte string, is NUL padding "
			      "(0xa5 means the device never wrote it)", i, length))
			break;
	}
}

/*
 * A device-writable request's used length counts the data and the status
 * byte after it (2.7.8); the status byte is the last writable byte, so a
 * driver may only read it when the used length reaches it. For a read
 * of N bytes (one block, then 8 sectors) that is N + 1 exactly (more is
 * caught by the virtqueue core). Fails against a device that reports 0,
 * or N, as many legacy devices did (the reference device with
 * blk-len-without-status).
 */
static void check_read_used_length(struct blk_device *blk, uint32_t sectors)
{
	uint32_t bytes = sectors * BLK_SECTOR_SIZE, used_len = 0;
	uint8_t *buffer = blk_sectors_alloc(sectors);
	uint8_t status;
	enum blk_result result = blk_request(blk, VIRTIO_BLK_T_IN, 0, buffer, bytes, true,
					     &status, &used_len);

	if (!check(result == BLK_COMPLETED || result == BLK_NO_STATUS ||
		   result == BLK_BAD_STATUS, blk->error_clause,
		   "a read of %u bytes comes back: %s", bytes, blk->error))
		return;
	check(used_len >= 1, CLAUSE_USED_RING,
	      "the used length of a %u-byte read (%u) is at least 1", bytes, used_len);
	check(used_len == bytes + 1, CLAUSE_USED_RING,
	      "the used length of a %u-byte read is %u (data and status byte), not %u",
	      bytes, bytes + 1, used_len);
}

VCTS_TEST(blk_used_length, "devices.blk.used_length_covers_status", VIRTIO_ID_BLOCK,
	  CLAUSE_USED_RING "|" CLAUSE_BLK_OPERATION)
{
	struct blk_device blk;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	if (blk.config.capacity < READ_RUN)
		skip("capacity %llu sectors is less than the %u sectors read",
		     (unsigned long long)blk.config.capacity, READ_RUN);
	check_read_used_length(&blk, blk.block_sectors);
	check_read_used_length(&blk, READ_RUN);
}
