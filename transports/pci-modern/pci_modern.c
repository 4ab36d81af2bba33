#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "transports/pci-modern/pci_modern.h"
#include "virtio/virtqueue.h"

struct pci_modern *pci_modern_of(struct virtio_device *dev)
{
	return dev->ops == &pci_modern_ops ? dev->transport : NULL;
}

static struct pci_modern *modern(struct virtio_device *dev)
{
	return dev->transport;
}

static uint8_t common_read8(struct virtio_device *dev, uint32_t offset)
{
	return mmio_read8(modern(dev)->common + offset);
}

static uint16_t common_read16(struct virtio_device *dev, uint32_t offset)
{
	return mmio_read16(modern(dev)->common + offset);
}

static uint32_t common_read32(struct virtio_device *dev, uint32_t offset)
{
	return mmio_read32(modern(dev)->common + offset);
}

static void common_write8(struct virtio_device *dev, uint32_t offset, uint8_t value)
{
	mmio_write8(modern(dev)->common + offset, value);
}

static void common_write16(struct virtio_device *dev, uint32_t offset, uint16_t value)
{
	mmio_write16(modern(dev)->common + offset, value);
}

static void common_write32(struct virtio_device *dev, uint32_t offset, uint32_t value)
{
	mmio_write32(modern(dev)->common + offset, value);
}

/* 64-bit fields as two 32-bit halves (4.1.3.1 lets drivers do that). */
static void common_write64(struct virtio_device *dev, uint32_t offset, uint64_t value)
{
	common_write32(dev, offset, (uint32_t)value);
	common_write32(dev, offset + 4, (uint32_t)(value >> 32));
}

static uint8_t get_status(struct virtio_device *dev)
{
	return common_read8(dev, COMMON_DEVICE_STATUS);
}

static void set_status(struct virtio_device *dev, uint8_t status)
{
	common_write8(dev, COMMON_DEVICE_STATUS, status);
}

static uint32_t get_device_features(struct virtio_device *dev, uint32_t select)
{
	common_write32(dev, COMMON_DEVICE_FEATURE_SELECT, select);
	return common_read32(dev, COMMON_DEVICE_FEATURE);
}

static uint32_t get_driver_features(struct virtio_device *dev, uint32_t select)
{
	common_write32(dev, COMMON_DRIVER_FEATURE_SELECT, select);
	return common_read32(dev, COMMON_DRIVER_FEATURE);
}

static void set_driver_features(struct virtio_device *dev, uint32_t select, uint32_t value)
{
	common_write32(dev, COMMON_DRIVER_FEATURE_SELECT, select);
	common_write32(dev, COMMON_DRIVER_FEATURE, value);
}

static uint32_t config_generation(struct virtio_device *dev)
{
	return common_read8(dev, COMMON_CONFIG_GENERATION);
}

static uint32_t config_size(struct virtio_device *dev)
{
	return modern(dev)->device ? modern(dev)->device_cap->length : 0;
}

static uint32_t config_read(struct virtio_device *dev, uint32_t offset, int width)
{
	uintptr_t address = modern(dev)->device + offset;

	if (!modern(dev)->device || offset + (uint32_t)width > config_size(dev))
		return 0;
	return mmio_read_sized(address, width);
}

static void config_write(struct virtio_device *dev, uint32_t offset, int width,
			 uint32_t value)
{
	uintptr_t address = modern(dev)->device + offset;

	if (!modern(dev)->device || offset + (uint32_t)width > config_size(dev))
		return;
	mmio_write_sized(address, width, value);
}

static uint16_t queue_count(struct virtio_device *dev)
{
	return common_read16(dev, COMMON_NUM_QUEUES);
}

static uint16_t queue_max_size(struct virtio_device *dev, uint16_t index)
{
	common_write16(dev, COMMON_QUEUE_SELECT, index);
	return common_read16(dev, COMMON_QUEUE_SIZE);
}

/* The notification address of the selected queue, checked against the cap. */
static uintptr_t notify_address(struct virtio_device *dev, struct virtqueue *vq)
{
	const struct virtio_pci_cap_info *cap = modern(dev)->notify_cap;
	uint64_t offset = (uint64_t)common_read16(dev, COMMON_QUEUE_NOTIFY_OFF) *
			  cap->notify_off_multiplier;

	/* 16-bit notifications, 32-bit with VIRTIO_F_NOTIFICATION_DATA (4.1.5.2). */
	uint32_t width = virtio_has_feature(dev, VIRTIO_F_NOTIFICATION_DATA) ? 4 : 2;

	if (offset + width > cap->length) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u notification offset %#llx is outside the %u-byte notify structure",
			 vq->index, (unsigned long long)offset, cap->length);
		return 0;
	}
	return modern(dev)->notify + (uintptr_t)offset;
}

static int queue_enable(struct virtio_device *dev, struct virtqueue *vq)
{
	common_write16(dev, COMMON_QUEUE_SELECT, vq->index);
	vq->notify_address = notify_address(dev, vq);
	if (!vq->notify_address)
		return -1;
	common_write16(dev, COMMON_QUEUE_SIZE, vq->size);
	common_write64(dev, COMMON_QUEUE_DESC, vq->desc_area);
	common_write64(dev, COMMON_QUEUE_DRIVER, vq->driver_area);
	common_write64(dev, COMMON_QUEUE_DEVICE, vq->device_area);
	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	if (dev->irq_mode == VIRTIO_IRQ_MSIX) {
		common_write16(dev, COMMON_QUEUE_MSIX_VECTOR,
			       virtio_pci_queue_msix_entry(modern(dev)->pci, vq->index));
		vq->msix_vector = common_read16(dev, COMMON_QUEUE_MSIX_VECTOR);
	}
	common_write16(dev, COMMON_QUEUE_ENABLE, 1);
	return 0;
}

/* 4.1.5.2: the 16-bit queue index, or the 32-bit notification data. */
static void queue_notify(struct virtio_device *dev, struct virtqueue *vq, uint32_t value)
{
	if (virtio_has_feature(dev, VIRTIO_F_NOTIFICATION_DATA))
		mmio_write32(vq->notify_address, value);
	else
		mmio_write16(vq->notify_address, (uint16_t)value);
}

/*
 * 4.1.4.3.2 with VIRTIO_F_RING_RESET: write 1 to queue_reset, consider
 * the reset done only when it reads back 0; the device then presents 0
 * in queue_enable too (4.1.4.3.1). The field lies past the 1.0 layout:
 * a common structure too short to hold it is the device's failure.
 */
static int queue_reset(struct virtio_device *dev, struct virtqueue *vq, uint32_t timeout_ms)
{
	uint64_t deadline = deadline_after_ms(timeout_ms);
	uint16_t reset, enabled;

	if (modern(dev)->common_cap->length < COMMON_QUEUE_RESET + 2) {
		snprintf(vq->error, sizeof(vq->error),
			 "the %u-byte common configuration has no queue_reset field (offset %u)",
			 modern(dev)->common_cap->length, COMMON_QUEUE_RESET);
		return -1;
	}
	common_write16(dev, COMMON_QUEUE_SELECT, vq->index);
	common_write16(dev, COMMON_QUEUE_RESET, 1);
	while ((reset = common_read16(dev, COMMON_QUEUE_RESET)) != 0) {
		if (deadline_passed(deadline)) {
			snprintf(vq->error, sizeof(vq->error),
				 "queue_reset of queue %u still reads %#x %u ms after the driver wrote 1",
				 vq->index, reset, timeout_ms);
			return -1;
		}
		arch_wait_a_little();
	}
	enabled = common_read16(dev, COMMON_QUEUE_ENABLE);
	if (enabled != 0) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue_enable of queue %u reads %#x once its reset completed", vq->index,
			 enabled);
		return -1;
	}
	return 0;
}

static uint8_t isr_read(struct virtio_device *dev)
{
	return mmio_read8(modern(dev)->isr);
}

/* Programs the table, enables MSI-X and maps configuration changes to entry 0. */
static int setup_msix(struct virtio_device *dev)
{
	struct pci_modern *pm = modern(dev);

	if (virtio_pci_msix_fill_table(&pm->irq) < 0)
		return -1;
	pci_msix_enable(pm->pci, true);
	common_write16(dev, COMMON_CONFIG_MSIX_VECTOR, 0);
	return 0;
}

static int irq_setup(struct virtio_device *dev, enum virtio_irq_mode mode)
{
	return virtio_pci_irq_setup(&modern(dev)->irq, dev, mode, setup_msix);
}

static void irq_teardown(struct virtio_device *dev)
{
	virtio_pci_irq_teardown(&modern(dev)->irq, dev);
}

const struct virtio_transport_ops pci_modern_ops = {
	.name = "pci-modern",
	.get_status = get_status,
	.set_status = set_status,
	.get_device_features = get_device_features,
	.get_driver_features = get_driver_features,
	.set_driver_features = set_driver_features,
	.config_generation = config_generation,
	.config_size = config_size,
	.config_read = config_read,
	.config_write = config_write,
	.queue_count = queue_count,
	.queue_max_size = queue_max_size,
	.queue_enable = queue_enable,
	.queue_notify = queue_notify,
	.queue_reset = queue_reset,
	.isr_read = isr_read,
	.irq_setup = irq_setup,
	.irq_teardown = irq_teardown,
};

