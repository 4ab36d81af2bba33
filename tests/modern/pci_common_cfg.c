/*
 * The common configuration structure (4.1.4.3): feature windows, queue
 * registers and their values after a reset, and MSI-X vector mapping.
 */
#include "tests/modern/pci_modern_test.h"
#include "virtio/virtqueue.h"

static uint16_t read16(struct pci_modern *pm, uint32_t offset)
{
	return mmio_read16(pm->common + offset);
}

static void write16(struct pci_modern *pm, uint32_t offset, uint16_t value)
{
	mmio_write16(pm->common + offset, value);
}

/* 4.1.4.3.1: no feature above bit 63 exists in 1.2, so windows 2.. read 0. */
VCTS_TEST(feature_windows, "modern.pci.device_feature_select_above_1_reads_zero",
	  VIRTIO_ID_ANY, CLAUSE_PCI_COMMON_CFG)
{
	static const uint32_t selects[] = { 2, 3, 0x80, 0xffffffffu };
	struct pci_modern *pm = pci_modern_or_skip(dev);

	if (!pm)
		return;
	for (unsigned int i = 0; i < sizeof(selects) / sizeof(selects[0]); i++)
		check_eq(dev->ops->get_device_features(dev, selects[i]), 0, CLAUSE_PCI_COMMON_CFG,
			 "device_feature with device_feature_select %#x", selects[i]);
}

/* 4.1.4.3.1: valid feature bits the driver wrote are presented back. */
VCTS_TEST(driver_features_echo, "modern.pci.driver_features_read_back", VIRTIO_ID_ANY,
	  CLAUSE_PCI_COMMON_CFG)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	uint64_t offered, subset;

	if (!pm)
		return;
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	offered = virtio_device_features(dev);
	/* Every other offered bit, and VERSION_1: a valid subset. */
	subset = (offered & 0x5555555555555555ull) | (offered & (1ull << VIRTIO_F_VERSION_1));
	virtio_write_driver_features(dev, subset);
	check_eq(virtio_read_driver_features(dev), subset, CLAUSE_PCI_COMMON_CFG,
		 "driver_feature presents the valid bits the driver wrote");
	virtio_write_driver_features(dev, offered);
	check_eq(virtio_read_driver_features(dev), offered, CLAUSE_PCI_COMMON_CFG,
		 "driver_feature presents the whole offer once written");
}

/*
 * 4.1.4.3.1: queue_size is 0 or a power of two for every queue, and 0 for
 * a queue that does not exist (the ones past num_queues).
 */
VCTS_TEST(queue_sizes, "modern.pci.queue_size_rules", VIRTIO_ID_ANY, CLAUSE_PCI_COMMON_CFG)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	uint16_t queues;

	if (!pm)
		return;
	queues = read16(pm, COMMON_NUM_QUEUES);
	check(queues >= 1, CLAUSE_PCI_COMMON_CFG, "num_queues is at least 1 (reads %u)", queues);
	for (uint32_t q = 0; q < (uint32_t)queues + 4 && q < 0x400; q++) {
		uint16_t size = dev->ops->queue_max_size(dev, (uint16_t)q);

		if (q < queues)
			check(!(size & (size - 1)), CLAUSE_PCI_COMMON_CFG,
			      "queue %u size %u is 0 or a power of two", q, size);
		else
			check_eq(size, 0, CLAUSE_PCI_COMMON_CFG,
				 "queue_size of queue %u, past num_queues %u", q, queues);
	}
}

/* 4.1.4.3.1: queue_enable reads 0 after a reset, also for a queue that was live. */
VCTS_TEST(queue_enable_reset, "modern.pci.queue_enable_zero_after_reset", VIRTIO_ID_ANY,
	  CLAUSE_PCI_COMMON_CFG "|" CLAUSE_PCI_MSIX_CONFIG)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	struct virtio_setup setup = { .queue_count = 1, .queue_size = 16,
				      .irq_mode = VIRTIO_IRQ_MSIX };
	const char *why = NULL;
	bool ready;

	if (!pm)
		return;
	if (!pci_msix_usable(pm->pci))
		setup.irq_mode = VIRTIO_IRQ_POLL;
	ready = virtio_setup(dev, &setup, &why);
	require(ready, CLAUSE_FEATURES, "the device initialises (%s)", why ? why : "");
	write16(pm, COMMON_QUEUE_SELECT, 0);
	check_eq(read16(pm, COMMON_QUEUE_ENABLE), 1, CLAUSE_PCI_COMMON_CFG,
		 "queue_enable of a live queue");
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	write16(pm, COMMON_QUEUE_SELECT, 0);
	check_eq(read16(pm, COMMON_QUEUE_ENABLE), 0, CLAUSE_PCI_COMMON_CFG,
		 "queue_enable after reset");
	if (setup.irq_mode != VIRTIO_IRQ_MSIX)
		return;
	/* 4.1.5.1.2.1: every event is unmapped upon reset. */
	check_eq(read16(pm, COMMON_QUEUE_MSIX_VECTOR), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "queue_msix_vector after reset");
	check_eq(read16(pm, COMMON_CONFIG_MSIX_VECTOR), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after reset");
}

/*
 * 4.1.5.1.2.1: vectors map and unmap on request, reads return the mapping,
 * and a vector past the MSI-X table is a failed mapping that reads
 * NO_VECTOR.
 */
VCTS_TEST(msix_mapping, "modern.pci.msix_vector_mapping", VIRTIO_ID_ANY,
	  CLAUSE_PCI_MSIX_CONFIG)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	uint16_t table_size;

	if (!pm)
		return;
	if (!pm->pci->msix_cap)
		skip("%s has no MSI-X capability", dev->name);
	if (!pci_msi_available())
		skip("%s: %s (%s)", dev->name, pci_msix_unusable_reason(pm->pci), arch_name);
	table_size = pm->pci->msix_table_size;
	require(dev->ops->irq_setup(dev, VIRTIO_IRQ_MSIX) == 0, CLAUSE_PCI_MSIX_CONFIG,
		"MSI-X can be enabled");
	for (uint16_t vector = 0; vector < table_size && vector < 8; vector++) {
		write16(pm, COMMON_CONFIG_MSIX_VECTOR, vector);
		check_eq(read16(pm, COMMON_CONFIG_MSIX_VECTOR), vector, CLAUSE_PCI_MSIX_CONFIG,
			 "config_msix_vector reads the vector it was mapped to");
	}
	write16(pm, COMMON_CONFIG_MSIX_VECTOR, VIRTIO_MSI_NO_VECTOR);
	check_eq(read16(pm, COMMON_CONFIG_MSIX_VECTOR), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG, "config_msix_vector after unmapping");
	write16(pm, COMMON_QUEUE_SELECT, 0);
	write16(pm, COMMON_QUEUE_MSIX_VECTOR, table_size);
	check_eq(read16(pm, COMMON_QUEUE_MSIX_VECTOR), VIRTIO_MSI_NO_VECTOR,
		 CLAUSE_PCI_MSIX_CONFIG,
		 "queue_msix_vector after mapping to entry %u, past the %u-entry table",
		 table_size, table_size);
}

/*
 * 4.1.4.9.1: reads through the PCI configuration access window are reads
 * of the BAR. Reads device_feature (window 0) both ways and compares.
 */
VCTS_TEST(pci_cfg_window, "modern.pci.config_access_window_reads_bar", VIRTIO_ID_ANY,
	  CLAUSE_PCI_CFG_ACCESS)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	const struct virtio_pci_cap_info *window = NULL;
	uint32_t bdf, direct, through_window;

	if (!pm)
		return;
	for (int i = 0; i < pm->cap_count && !window; i++) {
		if (pm->caps[i].cfg_type == VIRTIO_PCI_CAP_PCI_CFG && pm->caps[i].cap_len >= 20)
			window = &pm->caps[i];
	}
	if (!window)
		skip("no usable PCI configuration access capability (see "
		     "modern.pci.required_capabilities_present)");
	bdf = pm->pci->bdf;
	mmio_write32(pm->common + COMMON_DEVICE_FEATURE_SELECT, 0);
	direct = mmio_read32(pm->common + COMMON_DEVICE_FEATURE);
	/* cap.bar, cap.offset, cap.length select what pci_cfg_data reads. */
	pci_config_write8(bdf, (uint16_t)(window->cap_offset + 4), pm->common_cap->bar);
	pci_config_write32(bdf, (uint16_t)(window->cap_offset + 8),
			   pm->common_cap->offset + COMMON_DEVICE_FEATURE);
	pci_config_write32(bdf, (uint16_t)(window->cap_offset + 12), 4);
	through_window = pci_config_read32(bdf, (uint16_t)(window->cap_offset + 16));
	check_eq(through_window, direct, CLAUSE_PCI_CFG_ACCESS,
		 "device_feature read through pci_cfg_data equals the BAR read");
}
