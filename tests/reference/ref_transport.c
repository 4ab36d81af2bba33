/*
 * The "reference" transport: the kernel's virtio_transport_ops over the
 * reference device's registers, which are plain C fields. Both sides of
 * a register live here: what the driver's access does (the op) and what
 * the device makes of it (status, FEATURES_OK, queue setup), with the
 * faults of status, features, configuration and queue sizes applied.
 * Interrupts go through the host architecture like real ones: the driver
 * side allocates vectors and registers handlers (arch.h), the device side
 * signals the MSI address/data it was given, or INTx.
 */
#include <stdio.h>
#include <string.h>

#include "arch/host/host.h"
#include "tests/reference/ref_device.h"
#include "virtio/virtqueue.h"

#define REF_QUEUE_SIZE_NOT_POWER_OF_TWO 100

static uint8_t get_status(struct virtio_device *vdev)
{
	struct ref_device *dev = ref_of(vdev);

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

static void set_status(struct virtio_device *vdev, uint8_t status)
{
	struct ref_device *dev = ref_of(vdev);
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

/* Legacy interfaces (the fuzzer drives one) have a single 32-bit feature word. */
static uint32_t feature_words(const struct virtio_device *vdev)
{
	return vdev->legacy ? 1 : 2;
}

static uint32_t get_device_features(struct virtio_device *vdev, uint32_t select)
{
	return select < feature_words(vdev) ? (uint32_t)(ref_of(vdev)->offered >> (32 * select)) : 0;
}

static uint32_t get_driver_features(struct virtio_device *vdev, uint32_t select)
{
	return select < feature_words(vdev) ?
	       (uint32_t)(ref_of(vdev)->driver_features >> (32 * select)) : 0;
}

/*
 * Kept as written, unoffered bits too (4.1.4.3.1 allows either): the
 * check is at FEATURES_OK, which is where a device that keeps them must
 * make it.
 */
static void set_driver_features(struct virtio_device *vdev, uint32_t select, uint32_t value)
{
	struct ref_device *dev = ref_of(vdev);
	int shift = 32 * (int)select;

	if (select >= feature_words(vdev) || (dev->status & VIRTIO_STATUS_FEATURES_OK))
		return;
	dev->driver_features = (dev->driver_features & ~(0xffffffffull << shift)) |
			       (uint64_t)value << shift;
}

static uint32_t config_generation(struct virtio_device *vdev)
{
	struct ref_device *dev = ref_of(vdev);

	if (dev->fault == REF_FAULT_GENERATION_NEVER_STABLE)
		return dev->generation++;
	return dev->generation;
}

static uint32_t config_size(struct virtio_device *vdev)
{
	return ref_of(vdev)->type->config_size;
}

static uint32_t config_read(struct virtio_device *vdev, uint32_t offset, int width)
{
	struct ref_device *dev = ref_of(vdev);
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

static void config_write(struct virtio_device *vdev, uint32_t offset, int width,
			 uint32_t value)
{
	struct ref_device *dev = ref_of(vdev);

	/* Only the type knows its writable fields; others ignore writes (2.5). */
	if (width >= 1 && width <= 4 && offset + (uint32_t)width <= dev->type->config_size &&
	    dev->type->config_write)
		dev->type->config_write(dev, offset, width, value);
}

static uint16_t queue_count(struct virtio_device *vdev)
{
	return ref_of(vdev)->type->queue_count;
}

static uint16_t queue_max_size(struct virtio_device *vdev, uint16_t index)
{
	struct ref_device *dev = ref_of(vdev);

	if (index >= dev->type->queue_count ||
	    (dev->type->queue_exists && !dev->type->queue_exists(dev, index)))
		return 0;
	if (dev->fault == REF_FAULT_QUEUE_SIZE_NOT_POWER_OF_TWO)
		return REF_QUEUE_SIZE_NOT_POWER_OF_TWO;
	if (dev->fault == REF_FAULT_QUEUE_SIZE_ZERO)
		return 0;
	return REF_QUEUE_MAX_SIZE;
}

static int queue_enable(struct virtio_device *vdev, struct virtqueue *vq)
{
	struct ref_device *dev = ref_of(vdev);
	struct ref_queue *q;

	uint64_t desc, driver, device;

	if (vq->index >= dev->type->queue_count || !vq->size || vq->size > REF_QUEUE_MAX_SIZE)
		return -1;
	/* The three areas as the device reaches them; each is at least a byte long. */
	if (!ref_bus_to_host(dev, vq->desc_area, 1, &desc) ||
	    !ref_bus_to_host(dev, vq->driver_area, 1, &driver) ||
	    !ref_bus_to_host(dev, vq->device_area, 1, &device)) {
		snprintf(vq->error, sizeof(vq->error), "%s", dev->driver_error);
		return -1;
	}
	q = &dev->queues[vq->index];
	*q = (struct ref_queue){
		.enabled = true, .size = vq->size,
		.desc_area = desc, .driver_area = driver, .device_area = device,
		.avail_wrap = true, .used_wrap = true,	/* 2.8.1: both start at 1 */
		.msix_entry = REF_NO_VECTOR,
	};
	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	if (vdev->irq_mode == VIRTIO_IRQ_MSIX) {
		q->msix_entry = (uint16_t)(vq->index + 1);
		vq->msix_vector = q->msix_entry;
	}
	return 0;
}

/*
 * An available-buffer notification. Its value is the queue index, or with
 * VIRTIO_F_NOTIFICATION_DATA also where the driver's next available entry
 * goes (2.9), which the device checks against the ring (split: the 15 low
 * bits of avail idx and bit 15 as next_wrap).
 */
static void queue_notify(struct virtio_device *vdev, struct virtqueue *vq, uint32_t value)
{
	struct ref_device *dev = ref_of(vdev);
	bool data = ref_negotiated(dev, VIRTIO_F_NOTIFICATION_DATA);
	uint32_t index = data && dev->fault != REF_FAULT_NOTIFICATION_DATA_AS_INDEX ? value & 0xffff
										: value;

	dev->notifications++;
	if (dev->fault == REF_FAULT_NOTIFICATION_DATA_AS_INDEX && index != vq->index)
		return;	/* a notification for a queue it does not have: ignored */
	if (index != vq->index || index >= dev->type->queue_count) {
		snprintf(dev->driver_error, sizeof(dev->driver_error),
			 "notification for queue %u written for queue %u", index, vq->index);
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

/* VIRTIO_F_RING_RESET (2.6.1): the queue forgets its rings; queue_enable starts it anew. */
static int queue_reset(struct virtio_device *vdev, struct virtqueue *vq, uint32_t timeout_ms)
{
	struct ref_device *dev = ref_of(vdev);

	(void)timeout_ms;
	if (!ref_negotiated(dev, VIRTIO_F_RING_RESET) || vq->index >= dev->type->queue_count) {
		snprintf(vq->error, sizeof(vq->error), "queue %u cannot be reset", vq->index);
		return -1;
	}
	dev->queues[vq->index] = (struct ref_queue){ .msix_entry = REF_NO_VECTOR };
	return 0;
}

static uint8_t isr_read(struct virtio_device *vdev)
{
	struct ref_device *dev = ref_of(vdev);
	uint8_t isr = dev->isr;

	dev->isr = 0;	/* 4.1.4.5: reading ISR status resets it */
	return isr;
}

/* Driver side of interrupts, as the PCI transports count them. */

static void count_queues_on_entry(struct virtio_device *vdev, uint16_t entry)
{
	for (int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		if (vdev->queues[i] && vdev->queues[i]->msix_vector == entry)
			vdev->queues[i]->interrupts++;
	}
}

static void msix_handler(void *arg)
{
	const struct ref_msix_slot *slot = arg;

	if (slot->entry == 0)
		slot->vdev->config_interrupts++;
	count_queues_on_entry(slot->vdev, slot->entry);
}

static bool intx_handler(void *arg)
{
	struct virtio_device *vdev = arg;
	uint8_t isr;

	if (vdev->irq_mode != VIRTIO_IRQ_INTX)
		return false;
	isr = vdev->ops->isr_read(vdev);
	if (isr & VIRTIO_ISR_QUEUE)
		vq_count_interrupt_on_every_queue(vdev);
	if (isr & VIRTIO_ISR_CONFIG)
		vdev->config_interrupts++;
	return isr != 0;
}

/* Vectors once per device: tests set interrupts up many times over. */
static bool allocate_vectors(struct ref_device *dev)
{
	if (dev->vectors_allocated)
		return true;
	for (uint16_t entry = 0; entry < REF_MSIX_ENTRIES; entry++) {
		dev->slots[entry] = (struct ref_msix_slot){ &dev->vdev, entry };
		dev->cpu_vectors[entry] = arch_msi_vector_alloc(msix_handler, &dev->slots[entry]);
		if (dev->cpu_vectors[entry] < 0)
			return false;
	}
	dev->vectors_allocated = true;
	return true;
}

static int irq_setup(struct virtio_device *vdev, enum virtio_irq_mode mode)
{
	struct ref_device *dev = ref_of(vdev);

	vdev->irq_mode = mode;
	dev->msix_enabled = dev->intx_enabled = false;
	switch (mode) {
	case VIRTIO_IRQ_MSIX:
		if (!allocate_vectors(dev))
			return -1;
		for (int entry = 0; entry < REF_MSIX_ENTRIES; entry++)
			arch_msi_compose(dev->cpu_vectors[entry], &dev->msix_table[entry].address,
					 &dev->msix_table[entry].data);
		dev->config_msix_entry = 0;
		dev->msix_enabled = true;
		return 0;
	case VIRTIO_IRQ_INTX:
		if (!dev->intx_registered && arch_pci_intx_register(intx_handler, vdev) < 0)
			return -1;
		dev->intx_registered = true;
		dev->intx_enabled = true;
		return 0;
	default:
		return 0;
	}
}

static void irq_teardown(struct virtio_device *vdev)
{
	struct ref_device *dev = ref_of(vdev);

	dev->msix_enabled = dev->intx_enabled = false;
	vdev->irq_mode = VIRTIO_IRQ_POLL;
}

const struct virtio_transport_ops ref_transport_ops = {
	.name = "reference",
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
