/* Helpers of the ring and notification tests (ring_test.h). */
#include "lib/kernel.h"
#include "lib/string.h"
#include "tests/modern/ring_test.h"

bool ring_offered_or_skip(struct virtio_device *dev, unsigned int bit, const char *name)
{
	if (virtio_device_features(dev) >> bit & 1)
		return true;
	test_skip("the device does not offer %s", name);
	return false;
}

struct virtqueue *ring_open_rng(struct virtio_device *dev, uint64_t features, uint16_t size,
				enum virtio_irq_mode mode)
{
	struct virtio_setup setup = {
		.features = features, .queue_count = 1, .queue_size = size, .irq_mode = mode,
	};
	const char *why = NULL;
	bool ready = virtio_setup(dev, &setup, &why);

	if (!check(ready, CLAUSE_FEATURES,
		   "the device initialises with one queue of up to %u entries (%s)", size,
		   why ? why : ""))
		return NULL;
	return dev->queues[0];
}

enum virtio_irq_mode ring_irq_mode_or_skip(struct virtio_device *dev)
{
	if (dev->ops->irq_setup(dev, VIRTIO_IRQ_MSIX) == 0)
		return VIRTIO_IRQ_MSIX;
	if (dev->ops->irq_setup(dev, VIRTIO_IRQ_INTX) == 0)
		return VIRTIO_IRQ_INTX;
	test_skip("the kernel cannot take interrupts from %s at %s (no MSI-X, and INTx or its "
		  "interrupt line cannot be routed): notifications cannot be counted",
		  dev->name, dev->location);
	return VIRTIO_IRQ_POLL;
}

struct virtqueue *ring_open_rng_irq(struct virtio_device *dev, uint64_t features,
				    enum virtio_irq_mode mode)
{
	struct virtqueue *vq = ring_open_rng(dev, features, 8, mode);

	test_log("used-buffer notifications counted as %s interrupts",
		 mode == VIRTIO_IRQ_MSIX ? "MSI-X" : "INTx (or virtio-mmio line)");
	if (vq && mode == VIRTIO_IRQ_MSIX &&
	    !check(vq->msix_vector != VIRTIO_MSI_NO_VECTOR, CLAUSE_PCI_MSIX_CONFIG,
		   "the queue's MSI-X vector mapping succeeds"))
		return NULL;
	return vq;
}

struct vq_buffer *ring_writable_buffers(const uint32_t *lengths, int count)
{
	struct vq_buffer *buffers = test_alloc(sizeof(*buffers) * (size_t)count, 8);

	for (int i = 0; i < count; i++) {
		buffers[i] = (struct vq_buffer){ test_alloc(lengths[i], 8), lengths[i], true };
		memset(buffers[i].address, RING_FILL_BYTE, lengths[i]);
	}
	return buffers;
}

static void refill(const struct vq_buffer *buffers, int count)
{
	for (int i = 0; i < count; i++) {
		if (buffers[i].device_writable)
			memset(buffers[i].address, RING_FILL_BYTE, buffers[i].length);
	}
}

bool ring_check_written(const struct vq_buffer *buffers, int count, uint32_t used,
			const char *what)
{
	uint32_t offset = 0, run = 0;

	for (int i = 0; i < count && offset < used; i++) {
		const volatile uint8_t *bytes = buffers[i].address;

		if (!buffers[i].device_writable)
			continue;
		for (uint32_t j = 0; j < buffers[i].length && offset < used; j++, offset++) {
			run = bytes[j] == RING_FILL_BYTE ? run + 1 : 0;
			if (run == 8)
				return check(false, CLAUSE_USED_RING,
					     "%s: the device wrote the %u bytes the used length "
					     "reports (bytes %u-%u of the writable part, in buffer %d, "
					     "still hold the driver's fill 0x%02x)", what, used,
					     offset - 7, offset, i, RING_FILL_BYTE);
		}
	}
	return true;
}

bool ring_wait_for(struct virtqueue *vq, void *token, uint32_t *used, const char *clause,
		   const char *what)
{
	void *returned = NULL;
	enum vq_result result = vq_wait_used(vq, test_timeout_ms(), &returned, used);

	if (result == VQ_TIMEOUT)
		return check(false, clause, "%s completes (%s; device status %#x)", what,
			     vq->error, vq->dev->ops->get_status(vq->dev));
	if (result != VQ_USED)
		return check(false, result == VQ_BAD ? CLAUSE_USED_RING : clause,
			     "%s completes (%s)", what, vq->error);
	return check(returned == token, CLAUSE_USED_RING,
		     "%s: the used element names the chain that was sent", what);
}

bool ring_rng_roundtrip(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
			int indirect_from, const char *clause, const char *what)
{
	uint32_t used = 0;

	refill(buffers, count);
	if (vq_add_buffers(vq, buffers, count, indirect_from, (void *)buffers) < 0)
		test_fatal("internal: %s does not fit queue %u (%u free)", what, vq->index,
			   vq->free_count);
	vq_kick(vq);
	if (!ring_wait_for(vq, (void *)buffers, &used, clause, what))
		return false;
	if (!check(used >= 1, CLAUSE_RNG_OPERATION,
		   "%s: the device places at least one byte (used length %u)", what, used))
		return false;
	return ring_check_written(buffers, count, used, what);
}

void ring_check_used_flags(struct virtqueue *vq)
{
	uint16_t flags = vq_used_flags(vq);

	if (virtio_has_feature(vq->dev, VIRTIO_F_EVENT_IDX))
		check_eq(flags, 0, CLAUSE_AVAIL_NOTIFY_SUPPRESSION,
			 "used ring flags with VIRTIO_F_EVENT_IDX negotiated");
	else
		check(flags <= VRING_USED_F_NO_NOTIFY, CLAUSE_AVAIL_NOTIFY_SUPPRESSION,
		      "used ring flags are 0 or 1 without VIRTIO_F_EVENT_IDX (read %#x)", flags);
}

void ring_settle(uint32_t ms)
{
	uint64_t deadline = deadline_after_ms(ms);

	while (!deadline_passed(deadline))
		arch_wait_a_little();
}
