/*
 * Interrupts as both virtio PCI transports (legacy and modern) deliver
 * them: MSI-X with table entry 0 for configuration changes and entry
 * i + 1 for queue i, or INTx with the ISR register saying what happened.
 * Only the register that maps a vector to an entry differs (the legacy
 * header's or the common configuration's); the transports write it.
 */
#ifndef VCTS_VIRTIO_PCI_IRQ_H
#define VCTS_VIRTIO_PCI_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "pci/pci.h"
#include "virtio/virtio.h"

/* The CPU vector behind one MSI-X table entry used for queues. */
struct virtio_pci_msix_slot {
	struct virtio_device *dev;
	uint16_t entry;
	int cpu_vector;
};

struct virtio_pci_irq {
	struct pci_function *pci;
	int config_cpu_vector;
	/* Entry i + 1 serves queue i. */
	struct virtio_pci_msix_slot queue_slots[VIRTIO_MAX_QUEUES];
	bool intx_registered;
};

/*
 * Allocates the CPU vectors of @dev, function @fn: once per device, as
 * tests reconfigure interrupts many times over and vectors are never freed.
 */
void virtio_pci_irq_init(struct virtio_pci_irq *irq, struct virtio_device *dev,
			 struct pci_function *fn);

/* The MSI-X table entry queue @index is mapped to, given the table's size. */
uint16_t virtio_pci_queue_msix_entry(const struct pci_function *fn, uint16_t index);

/*
 * Writes entry 0 and every queue entry that exists into the MSI-X table
 * (unmasked), without enabling MSI-X. Returns -1 when the function has no
 * usable table or no vector was left for configuration changes.
 */
int virtio_pci_msix_fill_table(const struct virtio_pci_irq *irq);

/*
 * The irq_setup operation of both transports: records @mode in @dev;
 * MSI-X is left to @enable_msix (the transport's own order of steps and
 * vector register); INTx registers the shared handler, which acknowledges
 * through dev->ops->isr_read (a read of the PCI ISR clears it).
 */
int virtio_pci_irq_setup(struct virtio_pci_irq *irq, struct virtio_device *dev,
			 enum virtio_irq_mode mode, int (*enable_msix)(struct virtio_device *dev));
/* The irq_teardown operation: MSI-X and INTx off, back to polling. */
void virtio_pci_irq_teardown(struct virtio_pci_irq *irq, struct virtio_device *dev);

#endif
