/*
 * Used-buffer notifications and their suppression (2.7.7): counted as
 * interrupts on the queue's MSI-X vector, or INTx / the virtio-mmio line
 * where there is none, one request at a time so that each completion can
 * be told apart. What the device MUST do fails the test; what it SHOULD
 * NOT do (notify when asked not to, 2.7.7.2) is a check_should, a warning;
 * spurious interrupts (which the driver MUST handle, 2.7.7.1: no device
 * rule) are counted and logged.
 */
#include "tests/modern/ring_test.h"

#define REQUESTS 16
#define SETTLE_MS 20
#define EVENT_IDX (1ull << VIRTIO_F_EVENT_IDX)

/* One one-buffer request of 8 bytes, polled for. */
static bool request(struct virtqueue *vq, const char *what)
{
	static const uint32_t length = 8;

	return ring_rng_roundtrip(vq, ring_writable_buffers(&length, 1), 1, -1, CLAUSE_USED_RING,
				  what);
}

/*
 * @count requests, each of which MUST be followed by a notification.
 * Returns false after a failed check.
 */
static bool each_notifies(struct virtqueue *vq, int count, const char *rule)
{
	for (int i = 0; i < count; i++) {
		uint32_t seen = vq->interrupts;

		if (!request(vq, rule))
			return false;
		if (!check(vq_wait_interrupt(vq, seen, test_timeout_ms()),
			   CLAUSE_USED_NOTIFY_SUPPRESSION,
			   "the device MUST send a notification (%s): none within %u ms of used "
			   "buffer %d", rule, test_timeout_ms(), i + 1))
			return false;
	}
	return true;
}

/* Logs interrupts beyond @expected once things are quiet: spurious ones. */
static void log_spurious(struct virtqueue *vq, uint32_t before, uint32_t expected)
{
	ring_settle(SETTLE_MS);
	if (vq->interrupts - before > expected)
		test_log("%u spurious interrupts (no new used buffer) besides the %u expected: "
			 "allowed, the driver MUST handle them (2.7.7.1)",
			 vq->interrupts - before - expected, expected);
}

void notify_test_every_completion(struct virtio_device *dev)
{
	enum virtio_irq_mode mode = ring_irq_mode_or_skip(dev);
	struct virtqueue *vq;
	uint32_t before;

	if (mode == VIRTIO_IRQ_POLL || !(vq = ring_open_rng_irq(dev, 0, mode)))
		return;
	/* Without EVENT_IDX the device MUST ignore used_event: one that is never crossed. */
	vq_set_used_event(vq, (uint16_t)(vq->last_used + 0x8000));
	before = vq->interrupts;
	if (each_notifies(vq, REQUESTS, "flags 0, no VIRTIO_F_EVENT_IDX"))
		log_spurious(vq, before, REQUESTS);
	ring_check_used_flags(vq);
}

/*
 * 2.7.7.2 without EVENT_IDX: with flags 0 the device MUST notify after
 * each used buffer, whatever used_event says (it MUST ignore it: set far
 * ahead here). Fails with a device that skips one.
 */
VCTS_TEST(notify_every, "modern.notify.used_buffer_each_completion", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_AVAIL_NOTIFY_SUPPRESSION)
{
	notify_test_every_completion(dev);
}

/*
 * 2.7.7.2 without EVENT_IDX: "If flags is 1, the device SHOULD NOT send a
 * notification" (a warning when it does); "If flags is 0, the device MUST
 * send a notification" once flags is 0 again.
 */
VCTS_TEST(notify_no_interrupt, "modern.notify.no_interrupt_flag", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION)
{
	enum virtio_irq_mode mode = ring_irq_mode_or_skip(dev);
	struct virtqueue *vq;
	uint32_t before;

	if (mode == VIRTIO_IRQ_POLL || !(vq = ring_open_rng_irq(dev, 0, mode)))
		return;
	vq_set_interrupts(vq, false);
	before = vq->interrupts;
	for (int i = 0; i < REQUESTS; i++) {
		if (!request(vq, "a request with VRING_AVAIL_F_NO_INTERRUPT"))
			return;
	}
	ring_settle(SETTLE_MS);
	check_should(vq->interrupts == before, CLAUSE_USED_NOTIFY_SUPPRESSION,
		     "no notification for %u used buffers with VRING_AVAIL_F_NO_INTERRUPT set "
		     "(%u interrupts)", REQUESTS, vq->interrupts - before);
	vq_set_interrupts(vq, true);
	each_notifies(vq, 1, "flags back to 0");
}

/* The entropy device with EVENT_IDX and interrupts; NULL after a skip or failed check. */
static struct virtqueue *open_event_idx(struct virtio_device *dev)
{
	enum virtio_irq_mode mode;

	if (!ring_offered_or_skip(dev, VIRTIO_F_EVENT_IDX, "VIRTIO_F_EVENT_IDX"))
		return NULL;
	mode = ring_irq_mode_or_skip(dev);
	if (mode == VIRTIO_IRQ_POLL)
		return NULL;
	return ring_open_rng_irq(dev, EVENT_IDX, mode);
}

/*
 * Makes requests @first to @first + @count - 1 of @batch available with
 * one kick and waits until all of them are used. False after a failed
 * check.
 */
static bool complete_together(struct virtqueue *vq, struct vq_buffer *batch, int first,
			      int count)
{
	for (int i = first; i < first + count; i++) {
		if (vq_add_buffers(vq, &batch[i], 1, -1, &batch[i]) < 0)
			test_fatal("internal: request %d of 4 does not fit queue %u", i + 1,
				   vq->index);
	}
	vq_kick(vq);
	for (int i = first; i < first + count; i++) {
		void *token = NULL;
		uint32_t used = 0;
		enum vq_result result = vq_wait_used(vq, test_timeout_ms(), &token, &used);

		if (!check(result == VQ_USED, CLAUSE_USED_RING,
			   "request %d of a batch of 4 completes (%s)", i + 1, vq->error))
			return false;
	}
	return true;
}

/*
 * Four requests with used_event on the third: the device MUST notify once
 * it writes the used entry at used_event. Only a notification that comes
 * after the device has seen the third request can be that one: the first
 * two (before used_event) are made available and used first, and the
 * interrupt counter is read only once they are used and whatever they
 * raised (a SHOULD NOT, which modern.notify.event_idx_not_crossed judges)
 * has settled. Then the third and fourth go together, the third at
 * used_event, so the device may group their used entries as it likes.
 */
static void check_batch_crossing(struct virtqueue *vq)
{
	static const uint32_t lengths[] = { 8, 8, 8, 8 };
	struct vq_buffer *batch = ring_writable_buffers(lengths, 4);
	uint32_t before_event, seen;

	vq_set_used_event(vq, (uint16_t)(vq->last_used + 2));
	before_event = vq->interrupts;
	if (!complete_together(vq, batch, 0, 2))
		return;
	ring_settle(SETTLE_MS);
	seen = vq->interrupts;
	if (seen != before_event)
		test_log("%u interrupts for the 2 used buffers before used_event",
			 seen - before_event);
	if (!complete_together(vq, batch, 2, 2))
		return;
	check(vq_wait_interrupt(vq, seen, test_timeout_ms()), CLAUSE_USED_NOTIFY_SUPPRESSION,
	      "the device MUST send a notification once it writes the used entry at "
	      "used_event (none within %u ms of a batch of 4, used_event on the third)",
	      test_timeout_ms());
}

void notify_test_event_idx_crossed(struct virtio_device *dev)
{
	struct virtqueue *vq = open_event_idx(dev);

	if (!vq)
		return;
	for (int i = 0; i < REQUESTS; i++) {
		vq_set_used_event(vq, vq->last_used);
		if (!each_notifies(vq, 1, "used_event equal to the entry's used idx"))
			return;
	}
	check_batch_crossing(vq);
	ring_check_used_flags(vq);
}

/*
 * 2.7.7.2 with EVENT_IDX: when the device writes the used entry at index
 * used_event it MUST notify; used_event is set to the next entry before
 * each request, then once to the third of four. Skips when EVENT_IDX is
 * not offered (QEMU: event_idx=off).
 */
VCTS_TEST(notify_event_crossed, "modern.notify.event_idx_crossed", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_AVAIL_NOTIFY_SUPPRESSION)
{
	notify_test_event_idx_crossed(dev);
}

/*
 * 2.7.7.2 with EVENT_IDX: while the used idx has not reached used_event,
 * "Otherwise the device SHOULD NOT send a notification": a warning when
 * it does (QEMU notifies the first used buffer of a queue regardless,
 * docs/findings.md). Once used_event names the next entry, it MUST notify. ("The device MUST
 * ignore the lower bit of flags" is not tried: the driver MUST keep flags
 * 0 with EVENT_IDX.)
 */
VCTS_TEST(notify_event_ahead, "modern.notify.event_idx_not_crossed", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_AVAIL_NOTIFY_SUPPRESSION)
{
	struct virtqueue *vq = open_event_idx(dev);
	uint32_t before;

	if (!vq)
		return;
	vq_set_used_event(vq, (uint16_t)(vq->last_used + 1000));
	before = vq->interrupts;
	for (int i = 0; i < REQUESTS; i++) {
		if (!request(vq, "a request before used_event"))
			return;
	}
	ring_settle(SETTLE_MS);
	check_should(vq->interrupts == before, CLAUSE_USED_NOTIFY_SUPPRESSION,
		     "no notification for %u used buffers that did not reach used_event "
		     "(%u interrupts)", REQUESTS, vq->interrupts - before);
	vq_set_used_event(vq, vq->last_used);
	each_notifies(vq, 1, "used_event moved to the next entry");
	ring_check_used_flags(vq);
}
