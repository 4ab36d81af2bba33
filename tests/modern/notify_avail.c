/*
 * Available-buffer notifications, driver to device (2.7.10, 2.9): the
 * device must cope with notifications that announce nothing new, and
 * with VIRTIO_F_NOTIFICATION_DATA it gets the 32-bit form. What the
 * driver does with avail_event is the driver's rule, not tested here.
 */
#include "tests/modern/ring_test.h"

#define SPURIOUS 8
#define SETTLE_MS 20

static const uint32_t eight = 8;

/* Used idx as the device last wrote it. */
static uint16_t used_idx(struct virtqueue *vq)
{
	return vq_used_idx(vq);
}

/*
 * One request, then @SPURIOUS notifications with nothing new, then
 * another request. Returns false after a failed check.
 */
static bool spurious_round(struct virtqueue *vq, const char *when)
{
	uint8_t status;

	if (!ring_rng_roundtrip(vq, ring_writable_buffers(&eight, 1), 1, -1, CLAUSE_USED_RING,
				"the request before the spurious notifications"))
		return false;
	for (int i = 0; i < SPURIOUS; i++)
		vq_notify_again(vq);
	ring_settle(SETTLE_MS);
	status = vq->dev->ops->get_status(vq->dev);
	if (!check_eq(used_idx(vq), vq->last_used, CLAUSE_AVAIL_NOTIFY_SUPPRESSION,
		      "used idx after %d notifications with no new buffer (%s)", SPURIOUS, when) ||
	    !check(!(status & VIRTIO_STATUS_NEEDS_RESET), CLAUSE_AVAIL_NOTIFY_SUPPRESSION,
		   "the device MUST handle spurious notifications (%s): status %#x has "
		   "DEVICE_NEEDS_RESET", when, status))
		return false;
	return ring_rng_roundtrip(vq, ring_writable_buffers(&eight, 1), 1, -1,
				  CLAUSE_AVAIL_NOTIFY_SUPPRESSION,
				  "the request after the spurious notifications");
}

/*
 * 2.7.10.2: "The device MUST handle spurious notifications from the
 * driver": repeated notifications with nothing new use no buffer, do not
 * break the device, and the next request completes. Without and with
 * EVENT_IDX (where they also ignore avail_event).
 */
VCTS_TEST(notify_spurious, "modern.notify.spurious_driver_notifications", VIRTIO_ID_RNG,
	  CLAUSE_AVAIL_NOTIFY_SUPPRESSION)
{
	struct virtqueue *vq = ring_open_rng(dev, 0, 8, VIRTIO_IRQ_POLL);

	if (!vq || !spurious_round(vq, "no VIRTIO_F_EVENT_IDX"))
		return;
	if (!(virtio_device_features(dev) >> VIRTIO_F_EVENT_IDX & 1)) {
		test_log("VIRTIO_F_EVENT_IDX not offered: checked without it only");
		return;
	}
	vq = ring_open_rng(dev, 1ull << VIRTIO_F_EVENT_IDX, 8, VIRTIO_IRQ_POLL);
	if (vq)
		spurious_round(vq, "VIRTIO_F_EVENT_IDX");
}

/*
 * VIRTIO_F_NOTIFICATION_DATA (2.9): notifications carry vqn, next_off and
 * next_wrap in 32 bits (4.1.5.2, 4.2.3.3). With it negotiated, requests
 * one at a time and in batches complete, repeated notifications (same
 * next_off, next_wrap) change nothing, and next_wrap flips after 32768
 * entries. Skips when not offered (QEMU 7.2 has no such property); can
 * fail only against the reference device.
 */
VCTS_TEST(notify_data, "modern.notify.notification_data", VIRTIO_ID_RNG,
	  CLAUSE_DRIVER_NOTIFICATIONS "|" CLAUSE_AVAIL_NOTIFY_SUPPRESSION "|" CLAUSE_USED_RING)
{
	struct vq_buffer *buffer = ring_writable_buffers(&eight, 1);
	struct virtqueue *vq;

	if (!ring_offered_or_skip(dev, VIRTIO_F_NOTIFICATION_DATA, "VIRTIO_F_NOTIFICATION_DATA"))
		return;
	vq = ring_open_rng(dev, 1ull << VIRTIO_F_NOTIFICATION_DATA, 8, VIRTIO_IRQ_POLL);
	if (!vq)
		return;
	require(virtio_has_feature(dev, VIRTIO_F_NOTIFICATION_DATA), CLAUSE_FEATURES,
		"VIRTIO_F_NOTIFICATION_DATA is negotiated");
	if (!spurious_round(vq, "VIRTIO_F_NOTIFICATION_DATA"))
		return;
	for (uint32_t i = 0; i < 32768; i++) {
		if (!ring_rng_roundtrip(vq, buffer, 1, -1, CLAUSE_DRIVER_NOTIFICATIONS,
					"a request notified with VIRTIO_F_NOTIFICATION_DATA"))
			return;
	}
	spurious_round(vq, "VIRTIO_F_NOTIFICATION_DATA with next_wrap set");
}
