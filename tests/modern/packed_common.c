/* Helpers of the packed-virtqueue tests (tests/modern/packed_test.h). */
#include "lib/printf.h"
#include "lib/string.h"
#include "tests/modern/packed_test.h"
#include "transports/mmio/mmio.h"
#include "transports/pci-modern/pci_modern.h"

bool packed_offered_or_skip(struct virtio_device *dev, uint64_t needed)
{
	uint64_t offered = virtio_device_features(dev);

	if (!(offered & PACKED_BIT(VIRTIO_F_RING_PACKED))) {
		test_skip("%s does not offer VIRTIO_F_RING_PACKED (QEMU: packed=on)", dev->name);
		return false;
	}
	for (unsigned int bit = 0; bit < 64; bit++) {
		if ((needed >> bit & 1) && !(offered >> bit & 1)) {
			test_skip("%s does not offer feature bit %u", dev->name, bit);
			return false;
		}
	}
	return true;
}

struct virtqueue *packed_open(struct virtio_device *dev, uint64_t features,
			      uint16_t queue_size, enum virtio_irq_mode mode)
{
	struct virtio_setup setup = {
		.features = features | PACKED_BIT(VIRTIO_F_RING_PACKED),
		.queue_count = 1, .queue_size = queue_size, .irq_mode = mode,
	};
	const char *why = NULL;
	bool ready = virtio_setup(dev, &setup, &why);
	struct virtqueue *vq = dev->queues[0];

	if (!check(ready, CLAUSE_FEATURES, "the device initialises with VIRTIO_F_RING_PACKED "
		   "and a queue of up to %u entries (%s)", queue_size, why ? why : ""))
		return NULL;
	if (!check(vq && vq->packed, CLAUSE_FEATURES, "VIRTIO_F_RING_PACKED is negotiated"))
		return NULL;
	return vq;
}

bool packed_irq_mode_or_skip(struct virtio_device *dev, enum virtio_irq_mode *mode)
{
	struct pci_modern *pm = pci_modern_of(dev);
	struct virtio_mmio *mm = mmio_of(dev);

	if (pm && pci_msix_usable(pm->pci)) {
		*mode = VIRTIO_IRQ_MSIX;
		return true;
	}
	if (mm && dev->ops->irq_setup(dev, VIRTIO_IRQ_INTX) == 0) {
		*mode = VIRTIO_IRQ_INTX;
		return true;
	}
	test_skip("%s: the kernel has no interrupt to count here (PCI without an MSI-X table, "
		  "or an architecture without MSIs, or a virtio-mmio line it cannot route)",
		  dev->name);
	return false;
}

enum vq_result packed_request(struct virtqueue *vq, const struct vq_buffer *buffers,
			      int count, bool indirect, uint32_t *used)
{
	void *token = NULL;
	enum vq_result result;

	if (vq_add_buffers(vq, buffers, count, indirect ? 0 : -1, (void *)buffers) < 0) {
		snprintf(vq->error, sizeof(vq->error), "the driver could not add %d buffer(s)%s",
			 count, indirect ? " through an indirect table" : "");
		return VQ_BAD;
	}
	vq_kick(vq);
	result = vq_wait_used(vq, test_timeout_ms(), &token, used);
	if (result == VQ_USED && token != buffers) {
		snprintf(vq->error, sizeof(vq->error), "another buffer came back");
		return VQ_BAD;
	}
	return result;
}

struct vq_buffer *packed_writable_buffers(int count, uint32_t size, uint8_t fill)
{
	struct vq_buffer *buffers = test_alloc(sizeof(*buffers) * (size_t)count, 8);

	for (int i = 0; i < count; i++) {
		buffers[i] = (struct vq_buffer){ test_alloc(size, 16), size, true };
		memset(buffers[i].address, fill, size);
	}
	return buffers;
}

bool packed_untouched(const struct vq_buffer *buffer, uint8_t fill)
{
	const uint8_t *bytes = buffer->address;

	for (uint32_t i = 0; i < buffer->length; i++) {
		if (bytes[i] != fill)
			return false;
	}
	return true;
}
