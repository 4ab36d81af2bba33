/*
 * The "reference" transport: the kernel's virtio_transport_ops straight
 * onto the reference device's registers (ref_registers.c), with no
 * register layout in between. It drives the device types and ring tests
 * fast; the register models (ref_pci_*.c, ref_mmio.c) put the kernel's
 * real transports in front of the same device instead.
 * Interrupts go through the host architecture like real ones: the driver
 * side allocates vectors and registers handlers (arch.h), the device side
 * signals the MSI address/data it was given, or INTx.
 */
#include <stdio.h>
#include <string.h>

#include "arch/host/host.h"
#include "tests/reference/ref_device.h"
#include "virtio/virtqueue.h"

static uint8_t get_status(struct virtio_device *vdev)
{
	return ref_reg_status(ref_of(vdev));
}

static void set_status(struct virtio_device *vdev, uint8_t status)
{
	ref_reg_set_status(ref_of(vdev), status);
}

static uint32_t get_device_features(struct virtio_device *vdev, uint32_t select)
{
	return ref_reg_device_features(ref_of(vdev), select);
}

static uint32_t get_driver_features(struct virtio_device *vdev, uint32_t select)
{
	return ref_reg_driver_features(ref_of(vdev), select);
}

static void set_driver_features(struct virtio_device *vdev, uint32_t select, uint32_t value)
{
	ref_reg_set_driver_features(ref_of(vdev), select, value);
}

static uint32_t config_generation(struct virtio_device *vdev)
{
	return ref_reg_generation(ref_of(vdev));
}

static uint32_t config_size(struct virtio_device *vdev)
{
	return ref_of(vdev)->type->config_size;
}

static uint32_t config_read(struct virtio_device *vdev, uint32_t offset, int width)
{
	return ref_reg_config_read(ref_of(vdev), offset, width);
}

static void config_write(struct virtio_device *vdev, uint32_t offset, int width,
			 uint32_t value)
{
	ref_reg_config_write(ref_of(vdev), offset, width, value);
}

static uint16_t queue_count(struct virtio_device *vdev)
{
	return ref_of(vdev)->type->queue_count;
}

static uint16_t queue_max_size(struct virtio_device *vdev, uint16_t index)
{
	return ref_reg_queue_max_size(ref_of(vdev), index);
}

/* With MSI-X, queue i uses table entry i + 1 (entry 0: configuration changes). */
static int queue_enable(struct virtio_device *vdev, struct virtqueue *vq)
{
	struct ref_device *dev = ref_of(vdev);

	if (!ref_reg_queue_enable(dev, vq->index, vq->size, vq->desc_area, vq->driver_area,
				  vq->device_area)) {
		snprintf(vq->error, sizeof(vq->error), "%s", dev->driver_error);
		return -1;
	}
	dev->queues[vq->index].msix_entry = REF_NO_VECTOR;
	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	if (vdev->irq_mode == VIRTIO_IRQ_MSIX) {
		dev->queues[vq->index].msix_entry = (uint16_t)(vq->index + 1);
		vq->msix_vector = (uint16_t)(vq->index + 1);
	}
	return 0;
}

static void queue_notify(struct virtio_device *vdev, struct virtqueue *vq, uint32_t value)
{
	ref_reg_queue_notify(ref_of(vdev), vq->index, value);
}

static int queue_reset(struct virtio_device *vdev, struct virtqueue *vq, uint32_t timeout_ms)
{
	(void)timeout_ms;
	if (ref_reg_queue_reset(ref_of(vdev), vq->index))
		return 0;
	snprintf(vq->error, sizeof(vq->error), "queue %u cannot be reset", vq->index);
	return -1;
}

static uint8_t isr_read(struct virtio_device *vdev)
{
	return ref_reg_isr_read(ref_of(vdev));
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
		for (int entry = 0; entry < REF_MSIX_ENTRIES; entry++) {
			arch_msi_compose(dev->cpu_vectors[entry], &dev->msix_table[entry].address,
					 &dev->msix_table[entry].data);
			dev->msix_table[entry].masked = false;
		}
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
