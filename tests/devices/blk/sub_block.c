/*
 * Requests smaller than the device's block (VIRTIO_BLK_F_BLK_SIZE, 5.2.5),
 * which a driver does not send but the protocol can express.
 */
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

/* Inside the first block, neither at its start nor as long as a block. */
#define SUB_BLOCK_LBA	1u

/*
 * One 512-byte read of sector 1, inside the first block. 5.2.5 says
 * blk_size "does not affect the units used in the protocol (always 512
 * bytes)" but is "the optimal sector size for the driver to use", and no
 * device requirement of 5.2.6 obliges a device to serve less than a
 * block: drivers do not send such requests (Linux makes blk_size the
 * logical block size), and QEMU answers them with IOERR
 * (hw/block/virtio-blk.c: virtio_blk_sect_range_ok() checks the logical
 * block size). So a refusal (IOERR or UNSUPP) is a note, which never
 * fails the run. A device that serves the read must return the sector's
 * contents, the host's pattern (the reference device with
 * blk-sub-block-misplaced fails). Skips with 512-byte blocks, where no
 * request is smaller than a block.
 */
VCTS_TEST(blk_sub_block, "devices.blk.sub_block_request", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION "|" CLAUSE_USED_RING)
{
	uint8_t *data = blk_sectors_alloc(1);
	struct blk_device blk;
	enum blk_result result;
	uint32_t used_len;
	uint8_t status;

	if (!blk_test_open_config(dev, BLK_FEATURES_BASIC, &blk))
		return;
	if (blk.block_sectors == 1)
		skip("blk_size is %u (VIRTIO_BLK_F_BLK_SIZE %s): every request is whole blocks",
		     blk.config.blk_size ? blk.config.blk_size : BLK_SECTOR_SIZE,
		     virtio_has_feature(dev, VIRTIO_BLK_F_BLK_SIZE) ? "negotiated" : "not offered");
	result = blk_request(&blk, VIRTIO_BLK_T_IN, SUB_BLOCK_LBA, data, BLK_SECTOR_SIZE, true,
			     &status, &used_len);
	if (!blk_check_completed(&blk, result, "a 512-byte read of sector 1, inside a block"))
		return;
	/*
	 * 5.2.5 calls blk_size "the optimal sector size for the driver to use"
	 * and says it "does not affect the units used in the protocol (always
	 * 512 bytes)": descriptive text, no MUST or SHOULD that a device serve
	 * a smaller request. A device that refuses one gets a note.
	 */
	if (!check_note(status == VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			"a 512-byte read of sector 1 inside a %u-byte block is served (status %s)",
			blk.config.blk_size, blk_status_name(status)))
		return;
	blk_check_pattern(data, SUB_BLOCK_LBA, 1, BLK_HOST_PATTERN_SEED, CLAUSE_BLK_OPERATION,
			  "a 512-byte read served inside a block returns that sector");
}
