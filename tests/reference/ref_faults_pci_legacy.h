/*
 * The rules the legacy PCI register model (ref_pci_legacy.c) and the
 * legacy interface of the reference device can be told to break, and the
 * kernel test that catches each (docs/reference-device.md). The PCI
 * layer's faults that the legacy interface shares (ISR, INTx, MSI-X) are
 * listed in ref_faults_pci.h and have cases here.
 *
 * REF_FAULTS_PCI_LEGACY(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * PCI_LEGACY_FAULT_CASES(X): X(case, REF_FAULT_ID, REF_TRANSPORT_..., "device",
 * "test id", CLAUSE_...), as TRANSPORT_FAULT_CASES in test_transports.c.
 */
#ifndef VCTS_REF_FAULTS_PCI_LEGACY_H
#define VCTS_REF_FAULTS_PCI_LEGACY_H

#define REF_FAULTS_PCI_LEGACY(X)							\
	X(LEGACY_WAITS_FOR_DRIVER_OK, "legacy-waits-for-driver-ok")			\
	X(LEGACY_BAR0_MEMORY, "legacy-bar0-memory")	/* the header in a memory BAR */ \
	X(LEGACY_REVISION_ONE, "legacy-revision-one")	/* a transitional device, revision 1 */ \
	X(LEGACY_QUEUE_SIZE_WRITABLE, "legacy-queue-size-writable")			\
	X(LEGACY_DRIVER_FEATURES_READ_ZERO, "legacy-driver-features-read-zero")	\
	X(LEGACY_NO_ANY_LAYOUT, "legacy-no-any-layout")				\
	X(LEGACY_CONFIG_STAYS_AT_20, "legacy-config-stays-at-20")	/* MSI-X on or off */ \
	X(LEGACY_CONFIG_BYTE_READS_WRONG, "legacy-config-byte-reads-wrong")		\
	X(LEGACY_PFN_KEPT_OVER_RESET, "legacy-pfn-kept-over-reset")

#define PCI_LEGACY_FAULT_CASES(X)							\
	X(legacy_waits_for_driver_ok, REF_FAULT_LEGACY_WAITS_FOR_DRIVER_OK,		\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.use_before_driver_ok",		\
	  CLAUSE_LEGACY_DEVICE_INIT)							\
	X(legacy_bar0_memory, REF_FAULT_LEGACY_BAR0_MEMORY, REF_TRANSPORT_PCI_LEGACY,	\
	  "rng0", "legacy.pci.bar0_is_io", CLAUSE_LEGACY_PCI_LAYOUT_DETECTION)		\
	X(legacy_revision_one, REF_FAULT_LEGACY_REVISION_ONE, REF_TRANSPORT_PCI_LEGACY,	\
	  "rng0", "legacy.pci.transitional_ids", CLAUSE_LEGACY_PCI_DISCOVERY)		\
	X(legacy_queue_size_writable, REF_FAULT_LEGACY_QUEUE_SIZE_WRITABLE,		\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.queue_size_read_only",		\
	  CLAUSE_LEGACY_PCI_VQ_CONFIG)							\
	X(legacy_driver_features_read_zero, REF_FAULT_LEGACY_DRIVER_FEATURES_READ_ZERO,	\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.driver_features_read_back",	\
	  CLAUSE_LEGACY_PCI_LAYOUT)							\
	X(legacy_no_any_layout, REF_FAULT_LEGACY_NO_ANY_LAYOUT, REF_TRANSPORT_PCI_LEGACY,	\
	  "rng0", "legacy.pci.any_layout_offered", CLAUSE_LEGACY_RESERVED_FEATURES)	\
	X(legacy_config_stays_at_20, REF_FAULT_LEGACY_CONFIG_STAYS_AT_20,		\
	  REF_TRANSPORT_PCI_LEGACY, "blk0", "legacy.pci.config_moves_with_msix",	\
	  CLAUSE_LEGACY_PCI_LAYOUT)							\
	X(legacy_config_byte_reads_wrong, REF_FAULT_LEGACY_CONFIG_BYTE_READS_WRONG,	\
	  REF_TRANSPORT_PCI_LEGACY, "blk0", "legacy.pci.config_any_width",		\
	  CLAUSE_LEGACY_PCI_LAYOUT)							\
	X(legacy_pfn_kept_over_reset, REF_FAULT_LEGACY_PFN_KEPT_OVER_RESET,		\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.reset_clears_status_and_pfn",	\
	  CLAUSE_RESET)									\
	X(legacy_isr_not_cleared_on_read, REF_FAULT_PCI_ISR_NOT_CLEARED_ON_READ,	\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.isr_clears_on_read",		\
	  CLAUSE_PCI_ISR_CAP)								\
	X(legacy_status_interrupt_bit_clear, REF_FAULT_PCI_STATUS_INTERRUPT_CLEAR,	\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.isr_clears_on_read",		\
	  CLAUSE_PCI_ISR_CAP)								\
	X(legacy_intx_without_queue_bit, REF_FAULT_PCI_INTX_WITHOUT_QUEUE_BIT,		\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.intx_sets_isr_queue_bit",	\
	  CLAUSE_PCI_ISR_CAP)								\
	X(legacy_msix_queue_on_config_vector, REF_FAULT_PCI_MSIX_QUEUE_ON_CONFIG_VECTOR,	\
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.msix_used_buffer_notification",	\
	  CLAUSE_USED_NOTIFY_SUPPRESSION)						\
	X(legacy_msix_mapping_past_table_kept, REF_FAULT_PCI_MSIX_MAPPING_PAST_TABLE_KEPT, \
	  REF_TRANSPORT_PCI_LEGACY, "rng0", "legacy.pci.msix_vector_registers",		\
	  CLAUSE_PCI_MSIX_CONFIG)

#endif
