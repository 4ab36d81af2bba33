/*
 * Ring features a device may offer (6, Reserved Feature Bits):
 * VIRTIO_F_IN_ORDER (2.7.9) and VIRTIO_F_RING_RESET (2.6.1). Each test
 * skips when its feature is not offered; QEMU 7.2 offers RING_RESET
 * (queue_reset, on by default) but not IN_ORDER.
 */
#include "tests/modern/pci_modern_test.h"
#include "tests/modern/ring_test.h"

#define RNG_QUEUE 8
#define REENABLED_SIZE 4

/* Adds a chain of @count 16-byte buffers with token @token. */
static void add_chain(struct virtqueue *vq, int count, void *token)
{
	static const uint32_t lengths[] = { 16, 16, 16 };

	if (vq_add_buffers(vq, ring_writable_buffers(lengths, count), count, -1, token) < 0)
		test_fatal("internal: a chain of %d does not fit queue %u", count, vq->index);
}

/*
 * Fills the ring with chains of 1 to 3 descriptors (their index as token)
 * and kicks once; returns how many.
 */
static uintptr_t fill_with_chains(struct virtqueue *vq)
{
	uintptr_t chains = 0;

	for (int count = 1; vq->free_count > 0; count = count % 3 + 1) {
		if (count > vq->free_count)
			count = vq->free_count;
		add_chain(vq, count, (void *)(chains++));
	}
	vq_kick(vq);
	return chains;
}

/*
 * 6.2 (Reserved Feature Bits): with VIRTIO_F_IN_ORDER "a device MUST use
 * buffers in the same order in which they have been available"; it may
 * return a batch as one used element (2.7.9), which the core expands and
 * checks (an id out of order, or a batch larger than the used idx
 * advance, is a ring failure). The chains must come back in the order
 * they were added, both one at a time and for a full ring of mixed chains.
 */
VCTS_TEST(ring_in_order, "modern.ring.in_order", VIRTIO_ID_RNG,
	  CLAUSE_RESERVED_FEATURES "|" CLAUSE_IN_ORDER "|" CLAUSE_USED_RING)
{
	struct virtqueue *vq;
	uintptr_t chains;

	if (!ring_offered_or_skip(dev, VIRTIO_F_IN_ORDER, "VIRTIO_F_IN_ORDER") ||
	    !(vq = ring_open_rng(dev, 1ull << VIRTIO_F_IN_ORDER, RNG_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	require(virtio_has_feature(dev, VIRTIO_F_IN_ORDER), CLAUSE_FEATURES,
		"VIRTIO_F_IN_ORDER is negotiated");
	for (int i = 0; i < 2 * vq->size + 1; i++) {
		void *token = NULL;
		uint32_t used = 0;

		add_chain(vq, 1 + i % 2, vq);
		vq_kick(vq);
		require(vq_wait_used(vq, test_timeout_ms(), &token, &used) == VQ_USED,
			CLAUSE_RESERVED_FEATURES, "request %d, alone in the ring, comes back (%s)",
			i + 1, vq->error);
	}
	for (int round = 0; round < 3; round++) {
		chains = fill_with_chains(vq);
		for (uintptr_t i = 0; i < chains; i++) {
			void *token = NULL;
			uint32_t used = 0;
			enum vq_result result = vq_wait_used(vq, test_timeout_ms(), &token, &used);

			require(result == VQ_USED, CLAUSE_RESERVED_FEATURES,
				"chain %lu of %lu (round %d) comes back (%s)", (unsigned long)i,
				(unsigned long)chains, round + 1, vq->error);
			require_eq((uintptr_t)token, i, CLAUSE_RESERVED_FEATURES,
				   "the chain used next, in the order made available");
		}
	}
}

static uint16_t queue_reset_field(struct virtio_device *dev)
{
	struct pci_modern *pm = pci_modern_of(dev);

	mmio_write16(pm->common + COMMON_QUEUE_SELECT, 0);
	return mmio_read16(pm->common + COMMON_QUEUE_RESET);
}

/*
 * After the reset, a buffer made available in the old ring and notified:
 * the device MUST NOT execute it (2.6.1.1.1).
 */
static void check_old_ring_ignored(struct virtqueue *old)
{
	uint16_t used_before = vq_used_idx(old);

	add_chain(old, 1, old);
	vq_kick(old);
	ring_settle(20);
	check_eq(vq_used_idx(old), used_before, CLAUSE_VIRTQUEUE_RESET,
		 "used idx of the reset queue's old ring after a buffer was made available "
		 "there and notified (the device MUST NOT execute requests from a reset queue)");
}

/*
 * The re-enabled queue, with new rings of another size: its used state
 * starts at 0 (2.6.1.1.1) and the device uses the new size (2.6.1.2.1).
 */
static void check_reenabled(struct virtio_device *dev)
{
	const char *why = NULL;
	struct virtqueue *vq = vq_create(dev, 0, REENABLED_SIZE, &why);
	void *token;
	uint32_t used;

	require(vq, CLAUSE_VIRTQUEUE_REENABLE, "queue 0 can be enabled again (%s)", why);
	check_eq(mmio_read16(pci_modern_of(dev)->common + COMMON_QUEUE_ENABLE), 1,
		 CLAUSE_PCI_COMMON_CFG, "queue_enable after the queue is enabled again");
	add_chain(vq, 1, vq);
	vq_kick(vq);
	require(vq_wait_used(vq, test_timeout_ms(), &token, &used) == VQ_USED,
		CLAUSE_VIRTQUEUE_REENABLE, "a request on the re-enabled queue completes (%s)",
		vq->error);
	check_eq(vq_used_idx(vq), 1, CLAUSE_VIRTQUEUE_RESET,
		 "used idx of the new ring after its first buffer: the used state restarted at 0");
	for (int round = 0; round < 2; round++) {
		uintptr_t chains = fill_with_chains(vq);

		for (uintptr_t i = 0; i < chains; i++)
			require(vq_wait_used(vq, test_timeout_ms(), &token, &used) == VQ_USED,
				CLAUSE_VIRTQUEUE_REENABLE, "chain %lu of a full ring of %u completes "
				"(%s)", (unsigned long)i, REENABLED_SIZE, vq->error);
	}
}

/*
 * VIRTIO_F_RING_RESET over virtio-pci (4.1.4.3.1, 2.6.1): queue_reset
 * reads 0 once the queue is enabled; a 1 written to it resets the queue,
 * after which queue_reset and queue_enable read 0, a buffer made
 * available in the old ring is never used, and the queue can be enabled
 * again with a smaller size and fresh rings. Skips with queue_reset=off.
 * Its id is in the ring group, its registers are virtio-pci's: declared
 * PCI so that the runner, and `vcts list`, say so.
 */
VCTS_TEST_ON(TEST_TRANSPORT_PCI, ring_queue_reset, "modern.ring.queue_reset", VIRTIO_ID_RNG,
	     CLAUSE_PCI_COMMON_CFG "|" CLAUSE_VIRTQUEUE_RESET "|" CLAUSE_VIRTQUEUE_REENABLE)
{
	struct pci_modern *pm = pci_modern_of(dev);
	struct virtqueue *vq;

	if (!pm)
		skip("%s is not a virtio 1.x PCI device: the kernel resets single queues over "
		     "virtio-pci only (virtio-mmio: modern.mmio.queue_reset)", dev->name);
	if (!ring_offered_or_skip(dev, VIRTIO_F_RING_RESET, "VIRTIO_F_RING_RESET") ||
	    !(vq = ring_open_rng(dev, 1ull << VIRTIO_F_RING_RESET, RNG_QUEUE, VIRTIO_IRQ_POLL)))
		return;
	require(pm->common_cap->length >= COMMON_QUEUE_RESET + 2, CLAUSE_PCI_COMMON_CFG,
		"the %u-byte common configuration holds queue_reset", pm->common_cap->length);
	check_eq(queue_reset_field(dev), 0, CLAUSE_PCI_COMMON_CFG,
		 "queue_reset once the queue is enabled");
	for (int i = 0; i < 3; i++) {
		void *token;
		uint32_t used;

		add_chain(vq, 1, vq);
		vq_kick(vq);
		require(vq_wait_used(vq, test_timeout_ms(), &token, &used) == VQ_USED,
			CLAUSE_USED_RING, "request %d before the reset completes (%s)", i + 1,
			vq->error);
	}
	require(vq_reset(vq, test_timeout_ms()), CLAUSE_PCI_COMMON_CFG,
		"the queue reset completes: %s", vq->error);
	check_old_ring_ignored(vq);
	check_reenabled(dev);
}
