/*
 * Used-buffer notifications over PCI (4.1.4.5, 4.1.5.4): with MSI-X, the
 * queue's vector fires; without, INTx with the queue bit in ISR status,
 * which a read clears. The checks are shared with the legacy interface
 * (tests/common/used_buffer_interrupts.c).
 */
#include "tests/common/used_buffer_interrupts.h"
#include "tests/modern/pci_modern_test.h"

/*
 * 2.7.10: with flags 0 and no EVENT_IDX, the device MUST notify: here by
 * MSI-X. Fails when the device skips the notification or sends it to
 * another vector.
 */
VCTS_TEST(msix_notifies, "modern.pci.msix_used_buffer_notification", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_PCI_MSIX_CONFIG)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);

	if (pm)
		check_msix_used_buffer_notification(dev, pm->pci);
}

/*
 * 4.1.4.5.1: without MSI-X, the device sets the queue bit in ISR status
 * before the INTx interrupt, and resets ISR status to 0 on read. Our INTx
 * handler reads ISR and counts the queue bit.
 */
VCTS_TEST(intx_notifies, "modern.pci.intx_sets_isr_queue_bit", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_PCI_ISR_CAP)
{
	if (pci_modern_or_skip(dev))
		check_intx_used_buffer_notification(dev);
}
