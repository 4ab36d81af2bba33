/*
 * The packed ring itself (2.8.1, 2.8.12, 2.8.15) with the entropy device:
 * wrap counters that start at 1 and flip at the end of the ring, used
 * descriptors where and as they belong, a ring made completely full.
 * Every used descriptor is checked by the ring code as it comes back
 * (AVAIL == USED == the device's wrap counter, the id outstanding, the
 * chain's slots skipped and left alone, nothing written into slots the
 * device was not given); these tests make the device go through the
 * cases and say what they expected on top.
 *
 * How they fail: a device whose wrap counter starts at 0 or does not flip
 * writes flags that never read as used at the expected round, or as the
 * wrong combination; one that skips the wrong number of descriptors
 * writes into a slot it had to skip; one that marks used a descriptor it
 * was not given changes a free slot. QEMU has no switch for these: they
 * need the host-side reference device with injected faults
 * (tests/reference/). packed=off makes them skip.
 */
#include "tests/modern/packed_test.h"

#define SMALL_QUEUE	8
#define PIECE_BYTES	8
#define TOGETHER	5	/* chains outstanding at once */

/* The AVAIL/USED bits of a used descriptor in the round of @position. */
static uint16_t used_bits_at(uint16_t position, uint16_t size)
{
	return (position / size) & 1 ? 0 : VIRTQ_DESC_F_AVAIL | VIRTQ_DESC_F_USED;
}

/*
 * 2.8.1: both wrap counters start at 1 and flip after the last descriptor
 * of the ring. More than 2 x queue size requests through a queue of 8,
 * one at a time, with chains of 1, 2 and 3 descriptors (some cross the
 * end of the ring): each used descriptor must appear at the slot where
 * its chain began (the device's used index follows the driver's) with
 * AVAIL == USED == 1 in the first round, 0 in the second, and so on.
 */
VCTS_TEST(packed_wrap_counters, "modern.packed.wrap_counters", VIRTIO_ID_RNG,
	  CLAUSE_PACKED_WRAP "|" CLAUSE_PACKED "|" CLAUSE_PACKED_DESC_TABLE "|"
	  CLAUSE_PACKED_WRITE_FLAG)
{
	struct virtqueue *vq;
	uint16_t position = 0, size;
	uint32_t used;

	if (!packed_offered_or_skip(dev, 0) ||
	    !(vq = packed_open(dev, 0, SMALL_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	size = vq->size;
	for (int i = 0; i <= 2 * size || position < 3 * size; i++) {
		int pieces = 1 + i % 3;
		struct vq_buffer *buffers = packed_writable_buffers(pieces, PIECE_BYTES, 0);
		const struct vq_packed_used_record *last = &vq->packed_ring.last;
		enum vq_result result = packed_request(vq, buffers, pieces, false, &used);

		require(result == VQ_USED, CLAUSE_PACKED_WRAP,
			"request %d (%d descriptor(s) from slot %u, wrap counter %u) completes (%s)",
			i, pieces, position % size, used_bits_at(position, size) ? 1 : 0,
			vq->error);
		check_eq(last->position, position, CLAUSE_PACKED,
			 "position of request %d's used descriptor", i);
		check_eq(last->flags & (VIRTQ_DESC_F_AVAIL | VIRTQ_DESC_F_USED),
			 used_bits_at(position, size), CLAUSE_PACKED_WRAP,
			 "AVAIL/USED bits of request %d's used descriptor at slot %u (round %u)",
			 i, position % size, position / size + 1);
		check_eq(last->descriptors, pieces, CLAUSE_PACKED_CHAINING,
			 "descriptors request %d's used descriptor stands for", i);
		position = (uint16_t)(position + pieces);
	}
	test_log("%s: %u descriptors through a queue of %u: %u rounds", dev->name, position,
		 size, position / size);
	/*
	 * 2.8.3 (Write Flag), descriptive: "In a used descriptor, this bit is
	 * used to specify whether any data has been written by the device";
	 * 2.8.4: the length is reserved without it. The entropy device writes
	 * into every buffer, so a used length without the flag is a note
	 * (QEMU's virtqueue_packed_fill_desc() sets AVAIL and USED only).
	 */
	check_note(!vq->packed_ring.used_without_write_flag, CLAUSE_PACKED_WRITE_FLAG,
		   "used descriptors that report written bytes carry VIRTQ_DESC_F_WRITE (%u "
		   "with a used length do not)", vq->packed_ring.used_without_write_flag);
}

/*
 * Several chains outstanding at once (2.8.12: the device starts them in
 * ring order, and writes used descriptors in the order they complete):
 * rounds of 5 chains of 1 or 2 descriptors made available with one kick,
 * all of them back once each, whatever the order, over 4 rounds of the
 * ring. While it waits the ring code checks at every poll that the slots
 * the device does not hold are as it left them (2.8.15).
 */
VCTS_TEST(packed_outstanding_together, "modern.packed.chains_outstanding_together",
	  VIRTIO_ID_RNG, CLAUSE_PACKED "|" CLAUSE_PACKED_DESC_TABLE "|" CLAUSE_PACKED_WRAP)
{
	struct virtqueue *vq;
	uint32_t used;

	if (!packed_offered_or_skip(dev, 0) ||
	    !(vq = packed_open(dev, 0, SMALL_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	require(vq->size >= 2 * TOGETHER - 2, CLAUSE_PACKED,
		"the queue holds %u descriptors (%u)", 2 * TOGETHER - 2, vq->size);
	for (int round = 0; vq->last_used < 4 * vq->size; round++) {
		struct vq_buffer *chains[TOGETHER];
		bool back[TOGETHER] = { false };

		for (int i = 0; i < TOGETHER; i++) {
			int pieces = 1 + (round + i) % 2;

			if (pieces > vq->free_count)
				pieces = 1;
			chains[i] = packed_writable_buffers(pieces, PIECE_BYTES, 0);
			require(vq_add_chain(vq, chains[i], pieces, chains[i]) == 0, CLAUSE_PACKED,
				"the driver adds chain %d of round %d", i, round);
		}
		vq_kick(vq);
		for (int n = 0; n < TOGETHER; n++) {
			void *token = NULL;
			int which = -1;
			enum vq_result result = vq_wait_used(vq, test_timeout_ms(), &token, &used);

			require(result == VQ_USED, CLAUSE_PACKED_DESC_TABLE,
				"used buffer %d of round %d comes back (%s)", n, round, vq->error);
			for (int i = 0; i < TOGETHER; i++) {
				if (token == chains[i])
					which = i;
			}
			require(which >= 0 && !back[which], CLAUSE_PACKED_DESC_TABLE,
				"used buffer %d of round %d is one still outstanding", n, round);
			back[which] = true;
		}
	}
}

/*
 * A completely full ring (2.8.10.1: at most Queue Size buffers): first
 * one single-descriptor buffer in every slot, then one chain as long as
 * the queue (2.8.17 allows it), then every slot again. Each batch goes
 * out with one kick and must come back whole; the driver must not be able
 * to add more while the ring is full.
 */
VCTS_TEST(packed_full_ring, "modern.packed.full_ring", VIRTIO_ID_RNG,
	  CLAUSE_PACKED "|" CLAUSE_PACKED_SG "|" CLAUSE_PACKED_WRAP)
{
	struct vq_buffer *spare = packed_writable_buffers(1, PIECE_BYTES, 0);
	struct vq_buffer *whole;
	struct virtqueue *vq;
	uint32_t used;

	if (!packed_offered_or_skip(dev, 0) ||
	    !(vq = packed_open(dev, 0, SMALL_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	for (int pass = 0; pass < 2; pass++) {
		struct vq_buffer *one = packed_writable_buffers(vq->size, PIECE_BYTES, 0);

		for (uint16_t i = 0; i < vq->size; i++)
			require(vq_add_chain(vq, &one[i], 1, &one[i]) == 0, CLAUSE_PACKED,
				"the driver adds buffer %u of %u", i + 1, vq->size);
		require(vq_add_chain(vq, spare, 1, spare) < 0, CLAUSE_PACKED,
			"the driver cannot add a buffer to a full ring");
		vq_kick(vq);
		for (uint16_t i = 0; i < vq->size; i++) {
			void *token = NULL;
			enum vq_result result = vq_wait_used(vq, test_timeout_ms(), &token, &used);

			require(result == VQ_USED, CLAUSE_PACKED,
				"buffer %u of a full ring of %u comes back (%s)", i + 1, vq->size,
				vq->error);
		}
		if (pass)
			break;
		whole = packed_writable_buffers(vq->size, PIECE_BYTES, 0);
		require(packed_request(vq, whole, vq->size, false, &used) == VQ_USED,
			CLAUSE_PACKED_SG, "a chain of all %u descriptors comes back (%s)",
			vq->size, vq->error);
		check_eq(vq->packed_ring.last.descriptors, vq->size, CLAUSE_PACKED_CHAINING,
			 "descriptors the used descriptor of the whole-ring chain stands for");
	}
}
