/*
 * Buffers of several elements in a packed ring (2.8.5-2.8.8): chains
 * linked by NEXT, indirect tables, in-order use, and device-readable data
 * (a virtio-blk write and read). The ring code checks every used
 * descriptor as it comes back (virtqueue_packed.c): the id, the length
 * against the chain's writable bytes, the descriptors it stands for, the
 * device-readable bytes and the indirect table unchanged.
 *
 * A chain that ends in an indirect descriptor, which split rings allow,
 * is not tested here: 2.8.19 forbids it to packed-ring drivers.
 */
#include "drivers/blk.h"
#include "lib/printf.h"
#include "tests/devices/blk/blk_tests.h"
#include "tests/modern/packed_test.h"

#define SMALL_QUEUE	8
#define FILL		0xa5	/* what device-writable buffers hold before the request */
#define BLK_PACKED_SECTORS 4

/* Buffers of different sizes, so that a device that mixes them up shows. */
static const uint32_t piece_bytes[] = { 16, 4, 32, 8, 64, 24, 12, 40 };

static struct vq_buffer *mixed_pieces(int count)
{
	struct vq_buffer *buffers = packed_writable_buffers(count, 64, FILL);

	for (int i = 0; i < count; i++)
		buffers[i].length = piece_bytes[i % 8];
	return buffers;
}

/*
 * The used length covers the bytes the device initialised from the start
 * of the buffer (2.8.4), in the order the elements were chained (2.8.18):
 * every element that lies wholly inside it must have been written (a
 * random element of 4 or more bytes that equals its fill is a 2^-32
 * event). rng writes all it has, so a short used length is not a fault.
 */
static void check_written_in_order(const struct vq_buffer *buffers, int count,
				   uint32_t used, const char *clause, const char *what)
{
	uint32_t offset = 0;

	for (int i = 0; i < count && offset + buffers[i].length <= used; i++) {
		check(!packed_untouched(&buffers[i], FILL), clause,
		      "%s: element %d (bytes %u-%u) lies within the used length %u and was "
		      "written", what, i, offset, offset + buffers[i].length - 1, used);
		offset += buffers[i].length;
	}
}

/*
 * 2.8.6, 2.8.18: entropy requests of 2 to 5 device-writable elements
 * linked by NEXT, over two rounds of a queue of 8: one used descriptor
 * per chain, that stands for the whole chain, and a used length that
 * covers whole elements in chain order. Fails against a device that
 * fills elements out of order or returns a used length beyond what it
 * wrote.
 */
VCTS_TEST(packed_chained, "modern.packed.chained_writable_elements", VIRTIO_ID_RNG,
	  CLAUSE_PACKED_SG "|" CLAUSE_PACKED_CHAINING "|" CLAUSE_RNG_OPERATION)
{
	struct virtqueue *vq;
	uint32_t used;

	if (!packed_offered_or_skip(dev, 0) ||
	    !(vq = packed_open(dev, 0, SMALL_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	for (int i = 0; vq->last_used < 2 * vq->size; i++) {
		int count = 2 + i % 4;
		struct vq_buffer *buffers = mixed_pieces(count);
		char what[48];

		require(packed_request(vq, buffers, count, false, &used) == VQ_USED,
			CLAUSE_PACKED_SG, "a chain of %d elements comes back (%s)", count,
			vq->error);
		check_eq(vq->packed_ring.last.descriptors, count, CLAUSE_PACKED_CHAINING,
			 "descriptors one used descriptor stands for");
		check(used >= 1, CLAUSE_RNG_OPERATION, "the device wrote at least one byte");
		snprintf(what, sizeof(what), "chain %d of %d elements", i, count);
		check_written_in_order(buffers, count, used, CLAUSE_PACKED_SG, what);
	}
}

/*
 * 2.8.7 with VIRTIO_F_INDIRECT_DESC: requests whose elements are all in
 * an indirect table (1, 3, and as many as the queue holds), alternating
 * with direct chains (2.8.5: mixing them in a ring is valid), over three
 * rounds of the ring. Each takes one ring descriptor; the device reads
 * the table and must not write it. Skips when the feature is not offered.
 */
VCTS_TEST(packed_indirect, "modern.packed.indirect_table", VIRTIO_ID_RNG,
	  CLAUSE_PACKED_INDIRECT "|" CLAUSE_PACKED_SG "|" CLAUSE_PACKED_DESC_TABLE)
{
	struct virtqueue *vq;
	uint32_t used;

	if (!packed_offered_or_skip(dev, PACKED_BIT(VIRTIO_F_INDIRECT_DESC)) ||
	    !(vq = packed_open(dev, PACKED_BIT(VIRTIO_F_INDIRECT_DESC), SMALL_QUEUE,
			       VIRTIO_IRQ_POLL)))
		return;
	for (int i = 0; vq->last_used < 3 * vq->size; i++) {
		int count = i % 3 == 0 ? 1 : i % 3 == 1 ? 3 : vq->size;
		bool indirect = i % 2 == 0 || count > 3;
		struct vq_buffer *buffers = mixed_pieces(count);
		char what[64];

		require(packed_request(vq, buffers, count, indirect, &used) == VQ_USED,
			indirect ? CLAUSE_PACKED_INDIRECT : CLAUSE_PACKED_SG,
			"%s of %d element(s) comes back (%s)",
			indirect ? "an indirect table" : "a chain", count, vq->error);
		check_eq(vq->packed_ring.last.descriptors, indirect ? 1 : count,
			 CLAUSE_PACKED_INDIRECT, "ring descriptors the used descriptor stands for");
		snprintf(what, sizeof(what), "request %d (%s, %d elements)", i,
			 indirect ? "indirect" : "direct", count);
		check_written_in_order(buffers, count, used, CLAUSE_PACKED_SG, what);
	}
}

/*
 * VIRTIO_F_IN_ORDER (Reserved Feature Bits: "a device MUST use buffers in
 * the same order in which they have been available"; 2.8.8): six requests
 * made available together come back in that order. One used descriptor
 * may stand for a batch: the ring code then hands out the batch's earlier
 * buffers as used completely, and checks them; each must have been
 * written. Skips when the device does not offer IN_ORDER (QEMU 7.2 has no
 * such property); fails against a device that uses a later buffer first.
 */
VCTS_TEST(packed_in_order, "modern.packed.in_order", VIRTIO_ID_RNG,
	  CLAUSE_RESERVED_FEATURES "|" CLAUSE_PACKED_IN_ORDER)
{
	struct vq_buffer *buffers[6];
	struct virtqueue *vq;
	uint32_t used;

	if (!packed_offered_or_skip(dev, PACKED_BIT(VIRTIO_F_IN_ORDER)) ||
	    !(vq = packed_open(dev, PACKED_BIT(VIRTIO_F_IN_ORDER), SMALL_QUEUE,
			       VIRTIO_IRQ_POLL)))
		return;
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 6; i++) {
			buffers[i] = packed_writable_buffers(1, 16, FILL);
			require(vq_add_chain(vq, buffers[i], 1, buffers[i]) == 0, CLAUSE_PACKED,
				"the driver adds request %d", i);
		}
		vq_kick(vq);
		for (int i = 0; i < 6; i++) {
			void *token = NULL;
			enum vq_result result = vq_wait_used(vq, test_timeout_ms(), &token, &used);

			require(result == VQ_USED, CLAUSE_PACKED_IN_ORDER,
				"request %d of round %d comes back (%s)", i, round, vq->error);
			require(token == buffers[i], CLAUSE_RESERVED_FEATURES,
				"request %d of round %d is the next in the order made available", i,
				round);
			check(!packed_untouched(buffers[i], FILL), CLAUSE_PACKED_IN_ORDER,
			      "request %d of round %d (used length %u, %u buffers for its used "
			      "descriptor) was written", i, round, used,
			      vq->packed_ring.last.buffers);
		}
	}
}

/*
 * 2.8.6 (Next Flag: Descriptor Chaining): "Buffer ID is included in the
 * last descriptor in the list", and the 2.8.21.3 example driver writes it
 * there only. Chains of 2 to 4 elements whose other descriptors carry
 * 0xffff should come back under the last descriptor's id. The sentence is
 * descriptive (no MUST or SHOULD, outside any \devicenormative block):
 * a device that takes the id from the first descriptor (QEMU 7.2's
 * virtqueue_packed_pop(); fixed in 9.1) gets a note, not a failure.
 */
VCTS_TEST(packed_id_last, "modern.packed.buffer_id_from_last_descriptor", VIRTIO_ID_RNG,
	  CLAUSE_PACKED_CHAINING "|" CLAUSE_PACKED_SG)
{
	struct virtqueue *vq;
	uint32_t used;

	if (!packed_offered_or_skip(dev, 0) ||
	    !(vq = packed_open(dev, 0, SMALL_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	vq->packed_ring.id_in_last_only = true;
	for (int i = 0; i < 4; i++) {
		int count = 2 + i % 3;
		struct vq_buffer *buffers = mixed_pieces(count);
		enum vq_result result = packed_request(vq, buffers, count, false, &used);

		/* A used element under a wrong id leaves the ring unusable: stop. */
		if (!check_note(result == VQ_USED, CLAUSE_PACKED_CHAINING,
				"a chain of %d whose buffer id is only in its last descriptor "
				"comes back under that id (%s)", count, vq->error))
			return;
	}
}

/*
 * Device-readable data over a packed ring: a virtio-blk write of 4
 * sectors, or one block when blk_size says more (5.2.5) (header and data
 * device-readable, status writable), and a read of them back. The ring
 * code checks at each completion that the device did not write into the
 * readable elements (2.8.15: "A device MUST NOT write to a
 * device-readable buffer"). Fails against a device that corrupts the
 * request header or the data it writes out, or that reads back something
 * else. The sectors (scratch sectors, which other tests write and the
 * host checks) are read first and written back at the end.
 */
VCTS_TEST(packed_blk_roundtrip, "modern.packed.blk_write_read_roundtrip", VIRTIO_ID_BLOCK,
	  CLAUSE_PACKED_DESC_TABLE "|" CLAUSE_BLK_OPERATION)
{
	uint32_t seed = test_seed() ^ 0x7061636bu;	/* "pack" */
	struct blk_device blk;
	enum blk_result result;
	uint8_t *before, *out, *in, status;
	uint32_t sectors;

	if (!packed_offered_or_skip(dev, 0) ||
	    !blk_test_open(dev, BLK_FEATURES_BASIC | PACKED_BIT(VIRTIO_F_RING_PACKED), &blk))
		return;
	require(blk.requestq->packed, CLAUSE_FEATURES, "VIRTIO_F_RING_PACKED is negotiated");
	if (blk_offers(&blk, VIRTIO_BLK_F_RO))
		skip("the device offers VIRTIO_BLK_F_RO: it is read-only");
	sectors = blk.block_sectors > BLK_PACKED_SECTORS ? blk.block_sectors : BLK_PACKED_SECTORS;
	if (blk.config.capacity < BLK_SCRATCH_LBA + sectors)
		skip("capacity %llu sectors leaves no room for the scratch sectors",
		     (unsigned long long)blk.config.capacity);
	before = blk_sectors_alloc(sectors);
	out = blk_sectors_alloc(sectors);
	in = blk_sectors_alloc(sectors);
	result = blk_read_sectors(&blk, BLK_SCRATCH_LBA, sectors, before, &status);
	if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "the read of the sectors over a packed ring"))
		return;
	blk_fill_pattern(out, BLK_SCRATCH_LBA, sectors, seed);
	result = blk_write_sectors(&blk, BLK_SCRATCH_LBA, sectors, out, &status);
	if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "the write of the sectors over a packed ring"))
		return;
	result = blk_read_sectors(&blk, BLK_SCRATCH_LBA, sectors, in, &status);
	if (blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			     "the read of the sectors just written"))
		blk_check_pattern(in, BLK_SCRATCH_LBA, sectors, seed,
				  CLAUSE_BLK_OPERATION, "a read returns what was written");
	result = blk_write_sectors(&blk, BLK_SCRATCH_LBA, sectors, before, &status);
	blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			 "the write of the sectors' earlier contents");
}
