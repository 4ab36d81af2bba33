/*
 * Queue sizes, a full ring and the 16-bit ring indexes (2.7): every size
 * the device allows, every descriptor in use at once, and more than 65536
 * buffers through a small queue so that both idx fields wrap.
 */
#include "lib/kernel.h"
#include "lib/printf.h"
#include "tests/modern/ring_test.h"

#define RNG_QUEUE 8
#define WRAP_REQUESTS 66000u

/* Adds @count one-buffer chains, their buffers as tokens, and kicks once. */
static void add_singles(struct virtqueue *vq, const struct vq_buffer *buffers, uint16_t count)
{
	for (uint16_t i = 0; i < count; i++) {
		if (vq_add_buffers(vq, &buffers[i], 1, -1, (void *)&buffers[i]) < 0)
			test_fatal("internal: chain %u of %u does not fit queue %u", i, count,
				   vq->index);
	}
	vq_kick(vq);
}

/*
 * Collects @count chains added by add_singles(), in any order, each with
 * a used length of at least 1 (5.4.6.2). Returns false after a failed check.
 */
static bool collect_singles(struct virtqueue *vq, const struct vq_buffer *buffers,
			    uint16_t count, const char *what)
{
	for (uint16_t i = 0; i < count; i++) {
		const struct vq_buffer *buffer = NULL;
		uint32_t used = 0;
		enum vq_result result = vq_wait_used(vq, test_timeout_ms(), (void **)&buffer, &used);

		if (result != VQ_USED)
			return check(false, CLAUSE_USED_RING, "%s: buffer %u of %u completes (%s)",
				     what, i + 1, count, vq->error);
		if (used < 1 || buffer < buffers || buffer >= buffers + count)
			return check(false, used < 1 ? CLAUSE_RNG_OPERATION : CLAUSE_USED_RING,
				     "%s: buffer %u comes back with at least one byte "
				     "(used length %u)", what, i + 1, used);
	}
	return true;
}

/* One buffer of @length bytes for each of the @count entries. */
static struct vq_buffer *singles(uint16_t count, uint32_t length)
{
	struct vq_buffer *buffers = test_alloc(sizeof(*buffers) * count, 8);

	for (uint16_t i = 0; i < count; i++)
		buffers[i] = (struct vq_buffer){ test_alloc(length, 8), length, true };
	return buffers;
}

void ring_test_full_ring(struct virtio_device *dev)
{
	struct virtqueue *vq = ring_open_rng(dev, 0, 256, VIRTIO_IRQ_POLL);
	struct vq_buffer *buffers, extra;
	char what[64];

	if (!vq)
		return;
	buffers = singles(vq->size, 16);
	extra = buffers[0];
	for (int round = 1; round <= 2; round++) {
		add_singles(vq, buffers, vq->size);
		if (vq_add_buffers(vq, &extra, 1, -1, &extra) == 0)
			test_fatal("internal: a chain was added to a full ring of %u", vq->size);
		snprintf(what, sizeof(what), "round %d of %u chains filling the ring", round,
			 vq->size);
		if (!collect_singles(vq, buffers, vq->size, what))
			return;
	}
	check_eq(vq->outstanding, 0, CLAUSE_USED_RING, "buffers still outstanding");
}

/*
 * Every descriptor in use at once: queue-size chains of one descriptor
 * made available with a single notification, then all collected, twice
 * (the driver refuses a chain more in between). Fails with a device that
 * loses or repeats buffers (the core's checks) or stalls.
 */
VCTS_TEST(ring_full, "modern.ring.full_ring", VIRTIO_ID_RNG,
	  CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_full_ring(dev);
}

void ring_test_index_wraps(struct virtio_device *dev)
{
	struct virtqueue *vq = ring_open_rng(dev, 0, RNG_QUEUE, VIRTIO_IRQ_POLL);
	uint64_t start = arch_time_us();
	struct vq_buffer *buffers;
	uint32_t done = 0;

	if (!vq)
		return;
	buffers = singles(vq->size, 1);
	while (done < WRAP_REQUESTS) {
		uint16_t batch = WRAP_REQUESTS - done < vq->size ? (uint16_t)(WRAP_REQUESTS - done)
								  : vq->size;
		char what[48];

		snprintf(what, sizeof(what), "after %u requests", done);
		add_singles(vq, buffers, batch);
		if (!collect_singles(vq, buffers, batch, what))
			return;
		done += batch;
	}
	test_log("%u one-byte requests through a queue of %u in %llu ms, %u notifications",
		 done, vq->size, (unsigned long long)((arch_time_us() - start) / 1000),
		 vq->notifications_sent);
	check_eq(vq_used_idx(vq), (uint16_t)WRAP_REQUESTS, CLAUSE_USED_RING,
		 "used idx after %u buffers (it wraps at 65536)", WRAP_REQUESTS);
}

/*
 * 2.7.6 and 2.7.8: avail idx and used idx are free-running 16-bit
 * counters. 66000 one-byte requests through a queue of 8 take both past
 * 65535; every completion is checked by the core as before the wrap.
 */
VCTS_TEST(ring_index_wraps, "modern.ring.index_wraps", VIRTIO_ID_RNG,
	  CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_index_wraps(dev);
}

/*
 * 4.1.4.3 / 4.2.2 (1.x): the driver may choose a queue size below the
 * device's maximum. At each power of two from 1 to the maximum the queue
 * is set up anew, filled twice and used one buffer at a time past its
 * end. Legacy interfaces have a fixed size: skipped there.
 */
VCTS_TEST(ring_queue_sizes, "modern.ring.queue_sizes", VIRTIO_ID_RNG,
	  CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	uint16_t max = dev->ops->queue_max_size(dev, 0);
	char what[64];

	if (dev->queue_size_fixed)
		skip("the transport has a fixed queue size");
	require(max && !(max & (max - 1)), CLAUSE_USED_RING,
		"queue 0's maximum size %u is a power of two", max);
	for (uint32_t size = 1; size <= max && size <= 1024; size *= 2) {
		struct virtqueue *vq = ring_open_rng(dev, 0, (uint16_t)size, VIRTIO_IRQ_POLL);
		struct vq_buffer *buffers;

		if (!vq)
			return;
		require_eq(vq->size, size, CLAUSE_USED_RING, "the queue size set up");
		buffers = singles(vq->size, 8);
		snprintf(what, sizeof(what), "queue size %u", (unsigned int)size);
		for (uint32_t i = 0; i < 2 * size + 1; i++) {
			add_singles(vq, buffers, 1);
			if (!collect_singles(vq, buffers, 1, what))
				return;
		}
		add_singles(vq, buffers, vq->size);
		if (!collect_singles(vq, buffers, vq->size, what))
			return;
	}
}
