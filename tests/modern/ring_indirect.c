/*
 * Indirect descriptors (2.7.5.3, VIRTIO_F_INDIRECT_DESC): a chain that is
 * one indirect table, a chain of normal descriptors that ends in one, and
 * the WRITE flag on the descriptor that refers to a table. Skips when the
 * device does not offer the feature (QEMU: indirect_desc=off).
 */
#include "drivers/blk.h"
#include "lib/printf.h"
#include "tests/devices/blk/blk_tests.h"
#include "tests/modern/ring_test.h"

#define RNG_QUEUE 8
#define INDIRECT (1ull << VIRTIO_F_INDIRECT_DESC)

/* The entropy device with INDIRECT_DESC, or NULL after a skip or a failed check. */
static struct virtqueue *open_indirect_rng(struct virtio_device *dev)
{
	if (!ring_offered_or_skip(dev, VIRTIO_F_INDIRECT_DESC, "VIRTIO_F_INDIRECT_DESC"))
		return NULL;
	return ring_open_rng(dev, INDIRECT, RNG_QUEUE, VIRTIO_IRQ_POLL);
}

/* @count writable buffers of distinct lengths: 24 + 3i + @salt bytes. */
static struct vq_buffer *pieces(int count, uint32_t salt)
{
	uint32_t lengths[RNG_QUEUE];

	for (int i = 0; i < count; i++)
		lengths[i] = 24 + 3 * (uint32_t)i + salt;
	return ring_writable_buffers(lengths, count);
}

void ring_test_indirect_table(struct virtio_device *dev)
{
	struct virtqueue *vq = open_indirect_rng(dev);
	char what[64];

	/*
	 * Up to the ring we asked for: a legacy device's fixed queue size can be
	 * larger (its ring is built that size), and pieces() holds RNG_QUEUE.
	 */
	for (int entries = 1; vq && entries <= vq->size && entries <= RNG_QUEUE; entries++) {
		snprintf(what, sizeof(what), "a chain of one indirect table of %d entries", entries);
		if (!ring_rng_roundtrip(vq, pieces(entries, 0), entries, 0, CLAUSE_INDIRECT_DESC,
					what))
			return;
	}
}

/*
 * The usual indirect chain: one ring descriptor with
 * VRING_DESC_F_INDIRECT, its table holding 1 to queue-size device-writable
 * descriptors chained by next (2.7.5.3). The used length counts across
 * the table's buffers.
 */
VCTS_TEST(ring_indirect_table, "modern.ring.indirect_table", VIRTIO_ID_RNG,
	  CLAUSE_INDIRECT_DESC "|" CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_indirect_table(dev);
}

/*
 * 2.7.5.3.2: "The device MUST handle the case of zero or more normal
 * chained descriptors followed by a single descriptor with
 * flags&VIRTQ_DESC_F_INDIRECT": 1 to 3 device-writable descriptors, then
 * one that refers to a table of 2 more. Fails on QEMU 7.2 (docs/findings.md).
 */
VCTS_TEST(ring_indirect_after_direct, "modern.ring.indirect_after_direct", VIRTIO_ID_RNG,
	  CLAUSE_INDIRECT_DESC "|" CLAUSE_USED_RING)
{
	struct virtqueue *vq = open_indirect_rng(dev);
	char what[96];

	for (int direct = 1; vq && direct + 1 < vq->size && direct <= 3; direct++) {
		int count = direct + 2;

		snprintf(what, sizeof(what),
			 "a chain of %d normal descriptors followed by an indirect table of 2",
			 direct);
		if (!ring_rng_roundtrip(vq, pieces(count, (uint32_t)direct), count, direct,
					CLAUSE_INDIRECT_DESC, what))
			return;
	}
}

/*
 * 2.7.5.3.2: "The device MUST ignore the write-only flag
 * (flags&VIRTQ_DESC_F_WRITE) in the descriptor that refers to an indirect
 * table": the same request with VRING_DESC_F_WRITE added there completes
 * the same way (the table's own flags say what is writable).
 */
VCTS_TEST(ring_indirect_write_flag, "modern.ring.indirect_write_flag_ignored", VIRTIO_ID_RNG,
	  CLAUSE_INDIRECT_DESC "|" CLAUSE_USED_RING)
{
	struct virtqueue *vq = open_indirect_rng(dev);

	if (!vq)
		return;
	vq->split.indirect_extra_flags = VRING_DESC_F_WRITE;
	ring_rng_roundtrip(vq, pieces(3, 0), 3, 0, CLAUSE_INDIRECT_DESC,
			   "an indirect table of 3 entries referred to with VRING_DESC_F_WRITE set");
}

/*
 * The read the block-device tests put in indirect tables: 2 sectors from
 * sector 1, or one block from block 1 when blk_size says more (5.2.5).
 */
static void indirect_blk_read(struct blk_device *blk, struct ring_blk_request *read)
{
	uint32_t block = blk->block_sectors;

	ring_blk_read(blk->dev, read, block, block > 2 ? block : 2);
}

/* The block device with INDIRECT_DESC; false after a skip or a failed check. */
static bool open_indirect_blk(struct virtio_device *dev, struct blk_device *blk)
{
	if (!ring_offered_or_skip(dev, VIRTIO_F_INDIRECT_DESC, "VIRTIO_F_INDIRECT_DESC") ||
	    !blk_test_open(dev, BLK_FEATURES_BASIC | INDIRECT, blk))
		return false;
	if (blk->config.capacity < BLK_SCRATCH_LBA + 2) {
		test_skip("capacity %llu sectors is too small",
			  (unsigned long long)blk->config.capacity);
		return false;
	}
	return true;
}

/*
 * One indirect table holding device-readable and device-writable
 * descriptors (2.7.5.3: "A single indirect descriptor table can include
 * both"): a read entirely in a table (header readable; data and status
 * writable), then a write of the same bytes back (header and data
 * readable, which the core checks the device left alone).
 */
VCTS_TEST(ring_indirect_rw, "modern.ring.indirect_read_write", VIRTIO_ID_BLOCK,
	  CLAUSE_INDIRECT_DESC "|" CLAUSE_DESCRIPTOR_TABLE "|" CLAUSE_BLK_OPERATION)
{
	struct ring_blk_request read, write;
	struct blk_device blk;
	uint32_t used = 0;
	uint8_t status;

	if (!open_indirect_blk(dev, &blk))
		return;
	indirect_blk_read(&blk, &read);
	if (!ring_blk_roundtrip(blk.requestq, &read, 0, CLAUSE_INDIRECT_DESC,
				"a read in one indirect table", &used) ||
	    !ring_blk_check_read(&read, used, "the read in an indirect table"))
		return;
	ring_blk_write(dev, &write, read.lba, read.sectors, read.data);
	if (!ring_blk_roundtrip(blk.requestq, &write, 0, CLAUSE_INDIRECT_DESC,
				"a write of the same sectors in one indirect table", &used))
		return;
	status = *(volatile uint8_t *)write.status;
	check(status == VIRTIO_BLK_S_OK ||
	      (virtio_has_feature(dev, VIRTIO_BLK_F_RO) && status == VIRTIO_BLK_S_IOERR),
	      CLAUSE_BLK_OPERATION, "the write ends with OK (IOERR on a read-only disk): %s",
	      blk_status_name(status));
}

/*
 * 2.7.5.3.2 with mixed buffers: the header as a normal descriptor, data
 * and status in an indirect table that ends the chain. Fails on QEMU 7.2
 * like modern.ring.indirect_after_direct.
 */
VCTS_TEST(ring_indirect_after_direct_rw, "modern.ring.indirect_after_direct_read",
	  VIRTIO_ID_BLOCK, CLAUSE_INDIRECT_DESC "|" CLAUSE_BLK_OPERATION)
{
	struct ring_blk_request read;
	struct blk_device blk;
	uint32_t used = 0;

	if (!open_indirect_blk(dev, &blk))
		return;
	indirect_blk_read(&blk, &read);
	if (ring_blk_roundtrip(blk.requestq, &read, 1, CLAUSE_INDIRECT_DESC,
			       "a read whose header is a normal descriptor and whose data "
			       "and status are in the indirect table that follows", &used))
		ring_blk_check_read(&read, used, "the read ending in an indirect table");
}
