/*
 * The device's side of the registers every virtio transport has, whatever
 * their layout: status (2.1), features (2.2), configuration space and its
 * generation (2.5), queue sizes and set-up (2.6), notifications (2.9) and
 * the ISR. Each transport reaches them its own way: the "reference" ops
 * (ref_transport.c) call them directly, the register models of PCI and
 * virtio-mmio (ref_pci_*.c, ref_mmio.c) when the kernel's real transports
 * touch a register. The faults of these rules are applied here, once.
 */
#include <stdio.h>

#include "tests/reference/ref_device.h"

#define REF_QUEUE_SIZE_NOT_POWER_OF_TWO 100

uint8_t ref_reg_status(struct ref_device *dev)
{
	if (dev->fault == REF_FAULT_DRIVER_OK_NOT_RETAINED)
		return dev->status & (uint8_t)~VIRTIO_STATUS_DRIVER_OK;
	return dev->status;
}

/*
 * 2.2.1: the device MUST refuse a set that is not a subset of its offer.
 * A device behind the IOMMU also refuses one without ACCESS_PLATFORM and
 * ORDER_PLATFORM, as 6.2 allows ("MAY fail to operate further") and QEMU
 * with iommu_platform=on does for ACCESS_PLATFORM.
 */
static bool features_acceptable(struct ref_device *dev)
{
	bool first = !dev->accepted_before;

	dev->accepted_before = true;
	if (dev->access_platform &&
	    (dev->driver_features & VIRTIO_PLATFORM_FEATURES) != VIRTIO_PLATFORM_FEATURES)
		return false;
	switch (dev->fault) {
	case REF_FAULT_FEATURES_OK_ACCEPTS_UNOFFERED:
		return true;
	case REF_FAULT_FEATURES_OK_REFUSES_SUBSET:
		return false;
	case REF_FAULT_FEATURES_OK_ONLY_ONCE:
		return first && !(dev->driver_features & ~dev->offered);
	default:
		return !(dev->driver_features & ~dev->offered);
	}
}

void ref_reg_set_status(struct ref_device *dev, uint8_t status)
{
	uint8_t added = status & (uint8_t)~dev->status;

	if (!status) {
		if (dev->fault != REF_FAULT_STATUS_NOT_ZERO_AFTER_RESET)
			ref_device_reset(dev);
		return;
	}
	if ((added & VIRTIO_STATUS_FEATURES_OK) && !features_acceptable(dev))
		status &= (uint8_t)~VIRTIO_STATUS_FEATURES_OK;
	dev->status = status;
	if ((added & VIRTIO_STATUS_FEATURES_OK) && (status & VIRTIO_STATUS_FEATURES_OK) &&
	    dev->type->features_ok)
		dev->type->features_ok(dev);
}

/*
 * A legacy interface has a single 32-bit feature word ("Legacy Interface:
 * A Note on Feature Bits"): bits 32 and up, VERSION_1 among them, do not
 * exist there. Transitional devices offer ANY_LAYOUT (bit 27) on it
 * ("Legacy Interface: Reserved Feature Bits").
 */
static uint32_t feature_words(const struct ref_device *dev)
{
	return dev->legacy || dev->vdev.legacy ? 1 : 2;
}

uint64_t ref_reg_offered(const struct ref_device *dev)
{
	if (feature_words(dev) == 1)
		return (uint32_t)dev->offered |
		       (dev->legacy && dev->fault != REF_FAULT_LEGACY_NO_ANY_LAYOUT ?
			1u << REF_LEGACY_F_ANY_LAYOUT : 0);
	return dev->offered;
}

uint32_t ref_reg_device_features(struct ref_device *dev, uint32_t select)
{
	return select < feature_words(dev) ? (uint32_t)(ref_reg_offered(dev) >> (32 * select)) : 0;
}

uint32_t ref_reg_driver_features(struct ref_device *dev, uint32_t select)
{
	return select < feature_words(dev) ? (uint32_t)(dev->driver_features >> (32 * select)) : 0;
}

/*
 * Kept as written, unoffered bits too (4.1.4.3.1 allows either): the
 * check is at FEATURES_OK, which is where a device that keeps them must
 * make it. A legacy interface has no FEATURES_OK (3.1.2): the write is
 * the agreement, and what depends on the features follows it at once.
 */
void ref_reg_set_driver_features(struct ref_device *dev, uint32_t select, uint32_t value)
{
	int shift = 32 * (int)select;

	if (select >= feature_words(dev) || (dev->status & VIRTIO_STATUS_FEATURES_OK))
		return;
	dev->driver_features = (dev->driver_features & ~(0xffffffffull << shift)) |
			       (uint64_t)value << shift;
	if (dev->legacy && dev->type->features_ok)
		dev->type->features_ok(dev);
}

uint32_t ref_reg_generation(struct ref_device *dev)
{
	if (dev->fault == REF_FAULT_GENERATION_NEVER_STABLE)
		return dev->generation++;
	return dev->generation;
}

uint32_t ref_reg_config_read(struct ref_device *dev, uint32_t offset, int width)
{
	uint32_t value = 0;

	if (width < 1 || width > 4 || offset + (uint32_t)width > dev->type->config_size)
		return 0;
	for (int i = 0; i < width; i++)
		value |= (uint32_t)dev->config[offset + (uint32_t)i] << (8 * i);
	/* After the read: a change between two reads is what generation is for. */
	if (dev->type->config_access)
		dev->type->config_access(dev, offset, width);
	return value;
}

void ref_reg_config_write(struct ref_device *dev, uint32_t offset, int width, uint32_t value)
{
	/* Only the type knows its writable fields; others ignore writes (2.5). */
	if (width >= 1 && width <= 4 && offset + (uint32_t)width <= dev->type->config_size &&
	    dev->type->config_write)
		dev->type->config_write(dev, offset, width, value);
}

bool ref_reg_queue_exists(struct ref_device *dev, uint16_t index)
{
	return index < dev->type->queue_count &&
	       (!dev->type->queue_exists || dev->type->queue_exists(dev, index));
}

uint16_t ref_reg_queue_max_size(struct ref_device *dev, uint16_t index)
{
	if (!ref_reg_queue_exists(dev, index))
		return 0;
	if (dev->fault == REF_FAULT_QUEUE_SIZE_NOT_POWER_OF_TWO)
		return REF_QUEUE_SIZE_NOT_POWER_OF_TWO;
	if (dev->fault == REF_FAULT_QUEUE_SIZE_ZERO)
		return 0;
	return REF_QUEUE_MAX_SIZE;
}

/* The queue's MSI-X entry is a register of its own: set-up keeps it. */
bool ref_reg_queue_enable(struct ref_device *dev, uint16_t index, uint16_t size,
			  uint64_t desc, uint64_t driver, uint64_t device)
{
	struct ref_queue *q;
	uint16_t entry;

	if (index >= dev->type->queue_count || !size || size > REF_QUEUE_MAX_SIZE)
		return false;
	/* The three areas as the device reaches them (through the IOMMU if any). */
	if (!ref_bus_to_host(dev, desc, 1, &desc) || !ref_bus_to_host(dev, driver, 1, &driver) ||
	    !ref_bus_to_host(dev, device, 1, &device))
		return false;
	q = &dev->queues[index];
	entry = q->msix_entry;
	*q = (struct ref_queue){
		.enabled = true, .size = size,
		.desc_area = desc, .driver_area = driver, .device_area = device,
		.avail_wrap = true, .used_wrap = true,	/* 2.8.1: both start at 1 */
		.msix_entry = entry,
	};
	return true;
}

/*
 * An available-buffer notification for queue @target (the queue whose
 * notification address or register the driver wrote). Its value is the
 * queue index, or with VIRTIO_F_NOTIFICATION_DATA also where the
 * driver's next available entry goes (2.9), which the device checks
 * against the ring (split: the 15 low bits of avail idx and bit 15 as
 * next_wrap).
 */
void ref_reg_queue_notify(struct ref_device *dev, uint16_t target, uint32_t value)
{
	bool data = ref_negotiated(dev, VIRTIO_F_NOTIFICATION_DATA);
	uint32_t index = data && dev->fault != REF_FAULT_NOTIFICATION_DATA_AS_INDEX ? value & 0xffff
										: value;

	dev->notifications++;
	if (dev->fault == REF_FAULT_NOTIFICATION_DATA_AS_INDEX && index != target)
		return;	/* a notification for a queue it does not have: ignored */
	if (index != target || index >= dev->type->queue_count) {
		snprintf(dev->driver_error, sizeof(dev->driver_error),
			 "notification for queue %u written for queue %u", index, target);
		return;
	}
	if (data)
		ref_queue_check_notification_data(dev, (uint16_t)index, value);
	/* 2.7.10.2: spurious notifications MUST be handled; this device breaks. */
	if (dev->fault == REF_FAULT_SPURIOUS_NOTIFY_BREAKS && dev->queues[index].used_count &&
	    !ref_queue_more(dev, (uint16_t)index))
		dev->status |= VIRTIO_STATUS_NEEDS_RESET;
	dev->queues[index].notified = true;
}

/* VIRTIO_F_RING_RESET (2.6.1): the queue forgets its rings; enabling starts it anew. */
bool ref_reg_queue_reset(struct ref_device *dev, uint16_t index)
{
	if (!ref_negotiated(dev, VIRTIO_F_RING_RESET) || index >= dev->type->queue_count)
		return false;
	dev->queues[index] = (struct ref_queue){ .msix_entry = REF_NO_VECTOR };
	return true;
}

uint8_t ref_reg_isr_read(struct ref_device *dev)
{
	uint8_t isr = dev->isr;

	/* 4.1.4.5.1: "The device MUST reset ISR status to 0 on driver read." */
	if (dev->fault != REF_FAULT_PCI_ISR_NOT_CLEARED_ON_READ)
		dev->isr = 0;
	return isr;
}

/*
 * The driver stops using one queue (a legacy QueuePFN or a virtio-mmio
 * QueueReady of 0): the device forgets its rings; its MSI-X entry is a
 * register of its own and stays.
 */
void ref_reg_queue_disable(struct ref_device *dev, uint16_t index)
{
	uint16_t entry;

	if (index >= REF_MAX_QUEUES)
		return;
	entry = dev->queues[index].msix_entry;
	dev->queues[index] = (struct ref_queue){ .msix_entry = entry };
}
