/*
 * Used-buffer notifications over PCI (4.1.4.5, 4.1.5.4): with MSI-X, the
 * queue's vector fires; without, INTx with the queue bit in ISR status,
 * which a read clears. Uses the entropy device: its requests are the
 * simplest way to make a device use a buffer.
 */
#include "drivers/rng.h"
#include "lib/test.h"
#include "transports/pci-modern/pci_modern.h"

#define NOTIFY_CLAUSES "Basic Facilities of a Virtio Device / Virtqueues / Used Buffer Notification Suppression"

static bool open_rng(struct virtio_device *dev, enum virtio_irq_mode mode,
		     struct rng_device *rng)
{
	const char *why = NULL;
	bool opened = rng_open(dev, mode, rng, &why);

	return check(opened, CLAUSE_FEATURES, "the device initialises (%s)", why ? why : "");
}

/* 2.7.10: with flags 0 and no EVENT_IDX, the device MUST notify: here by MSI-X. */
VCTS_TEST(msix_notifies, "modern.pci.msix_used_buffer_notification", VIRTIO_ID_RNG,
	  NOTIFY_CLAUSES "|" CLAUSE_PCI_MSIX_CONFIG)
{
	struct pci_modern *pm = pci_modern_of(dev);
	struct rng_device rng;
	uint8_t *buffer = test_alloc(16, 16);
	uint32_t seen, used;

	if (!pm)
		skip("%s is not a virtio 1.x PCI device", dev->name);
	if (!pm->pci->msix_table)
		skip("%s has no usable MSI-X table", dev->name);
	if (!open_rng(dev, VIRTIO_IRQ_MSIX, &rng))
		return;
	require(rng.requestq->msix_vector != VIRTIO_MSI_NO_VECTOR, CLAUSE_PCI_MSIX_CONFIG,
		"the queue's MSI-X vector mapping succeeds");
	seen = rng.requestq->interrupts;
	require(rng_read(&rng, buffer, 16, &used) == VQ_USED, CLAUSE_USED_RING,
		"the request completes (%s)", rng.requestq->error);
	check(vq_wait_interrupt(rng.requestq, seen, test_timeout_ms()), NOTIFY_CLAUSES,
	      "an MSI-X interrupt follows the used buffer");
}

/*
 * 4.1.4.5.1: without MSI-X, the device sets the queue bit in ISR status
 * before the INTx interrupt, and resets ISR status to 0 on read. Our INTx
 * handler reads ISR and counts the queue bit.
 */
VCTS_TEST(intx_notifies, "modern.pci.intx_sets_isr_queue_bit", VIRTIO_ID_RNG,
	  NOTIFY_CLAUSES "|" CLAUSE_PCI_ISR_CAP)
{
	struct pci_modern *pm = pci_modern_of(dev);
	struct rng_device rng;
	uint8_t *buffer = test_alloc(16, 16);
	uint32_t seen, used;

	if (!pm)
		skip("%s is not a virtio 1.x PCI device", dev->name);
	if (!open_rng(dev, VIRTIO_IRQ_INTX, &rng))
		return;
	seen = rng.requestq->interrupts;
	require(rng_read(&rng, buffer, 16, &used) == VQ_USED, CLAUSE_USED_RING,
		"the request completes (%s)", rng.requestq->error);
	check(vq_wait_interrupt(rng.requestq, seen, test_timeout_ms()), CLAUSE_PCI_ISR_CAP,
	      "an INTx interrupt with the queue bit in ISR status follows the used buffer");
	check_eq(dev->ops->isr_read(dev), 0, CLAUSE_PCI_ISR_CAP,
		 "ISR status after the handler's read");
}
