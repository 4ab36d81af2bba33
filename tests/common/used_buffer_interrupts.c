/* Used-buffer notification checks of both PCI interfaces (used_buffer_interrupts.h). */
#include "lib/kernel.h"
#include "tests/common/used_buffer_interrupts.h"

int64_t rng_complete_one_request(struct virtio_device *dev, enum virtio_irq_mode mode,
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

void check_msix_used_buffer_notification(struct virtio_device *dev,
					 const struct pci_function *fn)
{
	struct rng_device rng;
	int64_t seen;

	if (!pci_msix_usable(fn))
		skip("%s %s (%s)", dev->name, pci_msix_unusable_reason(fn), arch_name);
	seen = rng_complete_one_request(dev, VIRTIO_IRQ_MSIX, &rng);
	if (seen < 0)
		return;
	check(vq_wait_interrupt(rng.requestq, (uint32_t)seen, test_timeout_ms()),
	      CLAUSE_USED_NOTIFY_SUPPRESSION, "an MSI-X interrupt follows the used buffer");
}

void check_intx_used_buffer_notification(struct virtio_device *dev)
{
	struct rng_device rng;
	int64_t seen = rng_complete_one_request(dev, VIRTIO_IRQ_INTX, &rng);

	if (seen < 0)
		return;
	check(vq_wait_interrupt(rng.requestq, (uint32_t)seen, test_timeout_ms()),
	      CLAUSE_PCI_ISR_CAP,
	      "an INTx interrupt with the queue bit in ISR status follows the used buffer");
	check_eq(dev->ops->isr_read(dev), 0, CLAUSE_PCI_ISR_CAP,
		 "ISR status after the handler's read");
}
