/*
 * MSI-X vectors and the INTx handler of the virtio PCI transports
 * (4.1.4.5, 4.1.5.3, 4.1.5.4; legacy: the same with the vector registers
 * in the legacy header). The handlers only count: tests wait for the
 * counts (vq_wait_interrupt, config_interrupts).
 */
#include "arch/arch.h"
#include "transports/pci-common/virtio_pci_irq.h"
#include "virtio/virtqueue.h"

/* Counts the interrupt for every queue whose vector is table entry @entry. */
static void count_queues_on_entry(struct virtio_device *dev, uint16_t entry)
{
	for (uint16_t i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		if (dev->queues[i] && dev->queues[i]->msix_vector == entry)
			dev->queues[i]->interrupts++;
	}
}

/*
 * Entry 0: configuration changes, and the queues too when the MSI-X table
 * is too small to give them entries of their own (they then share it;
 * the driver cannot tell them apart).
 */
static void msix_config_handler(void *arg)
{
	struct virtio_device *dev = arg;

	dev->config_interrupts++;
	count_queues_on_entry(dev, 0);
}

static void msix_queue_handler(void *arg)
{
	const struct virtio_pci_msix_slot *slot = arg;

	count_queues_on_entry(slot->dev, slot->entry);
}

/* INTx is shared: the ISR read both tells whether it was ours and acks it. */
static bool intx_handler(void *arg)
{
	struct virtio_device *dev = arg;
	uint8_t isr;

	if (dev->irq_mode != VIRTIO_IRQ_INTX)
		return false;
	isr = dev->ops->isr_read(dev);
	if (isr & VIRTIO_ISR_QUEUE)
		vq_count_interrupt_on_every_queue(dev);
	if (isr & VIRTIO_ISR_CONFIG)
		dev->config_interrupts++;
	return isr != 0;
}

void virtio_pci_irq_init(struct virtio_pci_irq *irq, struct virtio_device *dev,
			 struct pci_function *fn)
{
	irq->pci = fn;
	irq->config_cpu_vector = arch_msi_vector_alloc(msix_config_handler, dev);
	for (int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		irq->queue_slots[i].dev = dev;
		irq->queue_slots[i].entry = (uint16_t)(i + 1);
		irq->queue_slots[i].cpu_vector =
			arch_msi_vector_alloc(msix_queue_handler, &irq->queue_slots[i]);
	}
}

uint16_t virtio_pci_queue_msix_entry(const struct pci_function *fn, uint16_t index)
{
	uint16_t table_size = fn->msix_table_size;

	/* Entry 0 is for configuration changes; queues share the last one if short. */
	if (table_size < 2)
		return 0;
	return (uint16_t)(index + 1 < table_size ? index + 1 : table_size - 1);
}

int virtio_pci_msix_fill_table(const struct virtio_pci_irq *irq)
{
	uint64_t address;
	uint32_t data;

	if (!irq->pci->msix_table || irq->config_cpu_vector < 0)
		return -1;
	arch_msi_compose(irq->config_cpu_vector, &address, &data);
	pci_msix_set_entry(irq->pci, 0, address, data, false);
	/* Entries past the table are never used (virtio_pci_queue_msix_entry). */
	for (uint16_t i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		const struct virtio_pci_msix_slot *slot = &irq->queue_slots[i];

		if (slot->entry < irq->pci->msix_table_size && slot->cpu_vector >= 0) {
			arch_msi_compose(slot->cpu_vector, &address, &data);
			pci_msix_set_entry(irq->pci, slot->entry, address, data, false);
		}
	}
	return 0;
}

int virtio_pci_irq_setup(struct virtio_pci_irq *irq, struct virtio_device *dev,
			 enum virtio_irq_mode mode, int (*enable_msix)(struct virtio_device *dev))
{
	dev->irq_mode = mode;
	switch (mode) {
	case VIRTIO_IRQ_MSIX:
		return enable_msix(dev);
	case VIRTIO_IRQ_INTX:
		pci_msix_enable(irq->pci, false);
		if (!irq->intx_registered && arch_pci_intx_register(intx_handler, dev) < 0)
			return -1;
		irq->intx_registered = true;
		pci_intx_enable(irq->pci, true);
		return 0;
	default:
		return 0;
	}
}

void virtio_pci_irq_teardown(struct virtio_pci_irq *irq, struct virtio_device *dev)
{
	pci_msix_enable(irq->pci, false);
	pci_intx_enable(irq->pci, false);
	dev->irq_mode = VIRTIO_IRQ_POLL;
}
