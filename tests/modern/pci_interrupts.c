/*
 * Used-buffer notifications over PCI (4.1.4.5, 4.1.5.4): with MSI-X, the
 * queue's vector fires; without, INTx with the queue bit in ISR status,
 * which a read clears. Uses the entropy device: its requests are the
 * simplest way to make a device use a buffer.
 */
#include "drivers/rng.h"
#include "tests/modern/pci_modern_test.h"

#define CLAUSE_USED_NOTIFY_SUPPRESSION \
	"Basic Facilities of a Virtio Device / Virtqueues / Used Buffer Notification Suppression"

/*
 * Opens the rng with interrupts in @mode and completes one request.
 * Returns the interrupt count from before the request, or -1 (test over).
 */
static int64_t complete_one_request(struct virtio_device *dev, enum virtio_irq_mode mode,
				    struct rng_device *rng)
{
	uint8_t *buffer = test_alloc(16, 16);
	const char *why = NULL;
	uint32_t seen, used;
	enum vq_result result;

	bool opened = rng_open(dev, mode, rng, &why);

	if (!check(opened, CLAUSE_FEATURES, "the device initialises (%s)", why ? why : ""))
		return -1;
	if (mode == VIRTIO_IRQ_MSIX &&
	    !check(rng->requestq->msix_vector != VIRTIO_MSI_NO_VECTOR, CLAUSE_PCI_MSIX_CONFIG,
		   "the queue's MSI-X vector mapping succeeds"))
		return -1;
	seen = rng->requestq->interrupts;
	result = rng_read(rng, buffer, 16, &used);
	if (!check(result == VQ_USED, CLAUSE_USED_RING, "the request completes (%s)",
		   rng->requestq->error))
		return -1;
	return seen;
}

/*
 * 2.7.10: with flags 0 and no EVENT_IDX, the device MUST notify: here by
 * MSI-X. Fails when the device skips the notification or sends it to
 * another vector.
 */
VCTS_TEST(msix_notifies, "modern.pci.msix_used_buffer_notification", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_PCI_MSIX_CONFIG)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	struct rng_device rng;
	int64_t seen;

	if (!pm)
		return;
	if (!pm->pci->msix_table)
		skip("%s has no usable MSI-X table", dev->name);
	seen = complete_one_request(dev, VIRTIO_IRQ_MSIX, &rng);
	if (seen < 0)
		return;
	check(vq_wait_interrupt(rng.requestq, (uint32_t)seen, test_timeout_ms()),
	      CLAUSE_USED_NOTIFY_SUPPRESSION, "an MSI-X interrupt follows the used buffer");
}

/*
 * 4.1.4.5.1: without MSI-X, the device sets the queue bit in ISR status
 * before the INTx interrupt, and resets ISR status to 0 on read. Our INTx
 * handler reads ISR and counts the queue bit.
 */
VCTS_TEST(intx_notifies, "modern.pci.intx_sets_isr_queue_bit", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_PCI_ISR_CAP)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	struct rng_device rng;
	int64_t seen;

	if (!pm)
		return;
	seen = complete_one_request(dev, VIRTIO_IRQ_INTX, &rng);
	if (seen < 0)
		return;
	check(vq_wait_interrupt(rng.requestq, (uint32_t)seen, test_timeout_ms()),
	      CLAUSE_PCI_ISR_CAP,
	      "an INTx interrupt with the queue bit in ISR status follows the used buffer");
	check_eq(dev->ops->isr_read(dev), 0, CLAUSE_PCI_ISR_CAP,
		 "ISR status after the handler's read");
}
