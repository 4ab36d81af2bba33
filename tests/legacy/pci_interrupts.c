/*
 * Interrupts through the legacy header: the ISR register (read clears),
 * INTx, and MSI-X with the two vector registers that only exist while
 * MSI-X is enabled. The entropy device makes the device use a buffer.
 */
#include "lib/kernel.h"
#include "tests/common/used_buffer_interrupts.h"
#include "tests/legacy/pci_legacy_test.h"

#define PCI_STATUS_INTERRUPT	0x0008

/* Waits until the PCI Status register's Interrupt Status bit is set. */
static bool pci_interrupt_status_within(const struct pci_function *fn, uint32_t timeout_ms)
{
	uint64_t deadline = deadline_after_ms(timeout_ms);

	while (!(pci_config_read16(fn->bdf, PCI_STATUS) & PCI_STATUS_INTERRUPT)) {
		if (deadline_passed(deadline))
			return false;
		arch_wait_a_little();
	}
	return true;
}

/*
 * With MSI-X off, a used buffer sets the queue bit in ISR, the PCI
 * Status Interrupt Status bit follows ISR, and a read returns ISR and
 * clears it (to 0, and the Interrupt Status bit with it). The request
 * runs with INTx masked in the Command register, so no handler reads ISR
 * before the test does; the Interrupt Status bit is polled first because
 * the device may publish the used buffer a moment before it raises the
 * interrupt. Needs the reference device to fail.
 */
VCTS_TEST(legacy_isr_clears, "legacy.pci.isr_clears_on_read", VIRTIO_ID_RNG,
	  CLAUSE_PCI_ISR_CAP "|" CLAUSE_LEGACY_PCI_LAYOUT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	struct rng_device rng;
	uint8_t first, second;
	bool raised;

	if (!pl)
		return;
	pci_msix_enable(pl->pci, false);
	pci_intx_enable(pl->pci, false);
	if (rng_complete_one_request(dev, VIRTIO_IRQ_POLL, &rng) < 0)
		return;
	raised = pci_interrupt_status_within(pl->pci, test_timeout_ms());
	check(raised, CLAUSE_PCI_ISR_CAP,
	      "the PCI Status Interrupt Status bit is set after a used buffer (MSI-X off)");
	first = (uint8_t)pci_legacy_read(pl, LEGACY_ISR, 1);
	second = (uint8_t)pci_legacy_read(pl, LEGACY_ISR, 1);
	check(first & VIRTIO_ISR_QUEUE, CLAUSE_PCI_ISR_CAP,
	      "ISR has the queue bit after a used buffer (reads %#x)", first);
	check_eq(second, 0, CLAUSE_PCI_ISR_CAP, "ISR on the read after the one that returned %#x",
		 first);
	check(!(pci_config_read16(pl->pci->bdf, PCI_STATUS) & PCI_STATUS_INTERRUPT),
	      CLAUSE_PCI_ISR_CAP, "the PCI Status Interrupt Status bit clears with ISR");
}

/* The same over a live INTx line: our handler reads ISR and counts the queue bit. */
VCTS_TEST(legacy_intx, "legacy.pci.intx_sets_isr_queue_bit", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_PCI_ISR_CAP)
{
	if (pci_legacy_or_skip(dev))
		check_intx_used_buffer_notification(dev);
}

/* With MSI-X, the queue's vector fires after a used buffer. */
VCTS_TEST(legacy_msix, "legacy.pci.msix_used_buffer_notification", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_PCI_MSIX_CONFIG)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);

	if (pl)
		check_msix_used_buffer_notification(dev, pl->pci);
}

static void msix_mask_all(struct pci_function *fn)
{
	for (uint16_t i = 0; i < fn->msix_table_size; i++)
		pci_msix_set_entry(fn, i, 0, 0, true);
}

/* The first existing queue among the first few, or -1. */
static int first_queue(const struct pci_legacy *pl)
{
	for (uint16_t i = 0; i < LEGACY_TEST_QUEUES; i++) {
		if (legacy_queue_size(pl, i))
			return i;
	}
	return -1;
}

/*
 * config_msix_vector (20) and queue_msix_vector (22), MSI-X on: both read
 * NO_VECTOR after a reset; every table entry can be mapped and reads
 * back; NO_VECTOR unmaps; an entry past the table cannot be mapped and
 * reads NO_VECTOR (strictly, a driver MUST NOT ask for one; the device's
 * only sound answer is the failure value); a reset unmaps again. Entries
 * are masked throughout, so nothing fires. Needs the reference device to
 * fail; QEMU's vectors=0 removes MSI-X and the test skips.
 */
VCTS_TEST(legacy_vectors, "legacy.pci.msix_vector_registers", VIRTIO_ID_ANY,
	  CLAUSE_PCI_MSIX_CONFIG "|" CLAUSE_LEGACY_PCI_LAYOUT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint16_t table, limit;
	int queue;

	if (!pl)
		return;
	if (!pl->pci->msix_table)
		skip("%s has no usable MSI-X table", dev->name);
	table = pl->pci->msix_table_size;
	limit = table < 64 ? table : 64;
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	queue = first_queue(pl);
	require(queue >= 0, CLAUSE_LEGACY_PCI_VQ_CONFIG, "the device has a queue");
	msix_mask_all(pl->pci);
	pci_msix_enable(pl->pci, true);
	require(pci_legacy_msix_enabled(pl), CLAUSE_PCI_MSIX_CONFIG,
		"MSI-X reads enabled in the capability once enabled");

	check_eq(pci_legacy_read(pl, LEGACY_CONFIG_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after reset");
	pci_legacy_write(pl, LEGACY_QUEUE_SELECT, 2, (uint16_t)queue);
	check_eq(pci_legacy_read(pl, LEGACY_QUEUE_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "queue %d queue_msix_vector after reset", queue);

	for (uint16_t v = 0; v < limit; v++) {
		pci_legacy_write(pl, LEGACY_CONFIG_VECTOR, 2, v);
		if (!check_eq(pci_legacy_read(pl, LEGACY_CONFIG_VECTOR, 2), v,
			      CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after mapping entry %u "
			      "of %u", v, table))
			break;
	}
	for (uint16_t v = 0; v < limit; v++) {
		pci_legacy_write(pl, LEGACY_QUEUE_VECTOR, 2, v);
		if (!check_eq(pci_legacy_read(pl, LEGACY_QUEUE_VECTOR, 2), v,
			      CLAUSE_PCI_MSIX_CONFIG, "queue %d queue_msix_vector after mapping "
			      "entry %u of %u", queue, v, table))
			break;
	}
	pci_legacy_write(pl, LEGACY_CONFIG_VECTOR, 2, VIRTIO_MSI_NO_VECTOR);
	check_eq(pci_legacy_read(pl, LEGACY_CONFIG_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after writing NO_VECTOR");
	pci_legacy_write(pl, LEGACY_QUEUE_VECTOR, 2, VIRTIO_MSI_NO_VECTOR);
	check_eq(pci_legacy_read(pl, LEGACY_QUEUE_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "queue_msix_vector after writing NO_VECTOR");

	pci_legacy_write(pl, LEGACY_CONFIG_VECTOR, 2, table);
	check_eq(pci_legacy_read(pl, LEGACY_CONFIG_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after mapping entry %u, past the "
		 "%u-entry table", table, table);
	pci_legacy_write(pl, LEGACY_QUEUE_VECTOR, 2, table);
	check_eq(pci_legacy_read(pl, LEGACY_QUEUE_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "queue_msix_vector after mapping entry %u, past the "
		 "%u-entry table", table, table);

	pci_legacy_write(pl, LEGACY_CONFIG_VECTOR, 2, 0);
	pci_legacy_write(pl, LEGACY_QUEUE_VECTOR, 2, 0);
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	check_eq(pci_legacy_read(pl, LEGACY_CONFIG_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after a reset with entry 0 mapped");
	pci_legacy_write(pl, LEGACY_QUEUE_SELECT, 2, (uint16_t)queue);
	check_eq(pci_legacy_read(pl, LEGACY_QUEUE_VECTOR, 2), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "queue_msix_vector after a reset with entry 0 mapped");
	pci_msix_enable(pl->pci, false);
}
