/*
 * The rules the virtio 1.x PCI register model (ref_pci.c, ref_pci_modern.c)
 * can be told to break, and the kernel test that catches each
 * (docs/reference-device.md). Faults of the PCI layer that the legacy
 * interface shares (ISR, INTx, MSI-X) are here too; the legacy header's
 * own are in ref_faults_pci_legacy.h.
 *
 * REF_FAULTS_PCI(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * PCI_FAULT_CASES(X): X(case, REF_FAULT_ID, REF_TRANSPORT_..., "device",
 * "test id", CLAUSE_...), as TRANSPORT_FAULT_CASES in test_transports.c.
 */
#ifndef VCTS_REF_FAULTS_PCI_H
#define VCTS_REF_FAULTS_PCI_H

#define REF_FAULTS_PCI(X)								\
	X(PCI_REVISION_ZERO, "pci-revision-zero")	/* a 1.x-only device, revision 0 */ \
	X(PCI_FEATURE_SELECT_WRAPS, "pci-feature-select-wraps")	/* select 2 reads window 0 */ \
	X(PCI_DRIVER_FEATURE_READS_ZERO, "pci-driver-feature-reads-zero")		\
	X(PCI_QUEUE_SIZE_PAST_NUM_QUEUES, "pci-queue-size-past-num-queues")		\
	X(PCI_QUEUE_ENABLE_KEPT_OVER_RESET, "pci-queue-enable-kept-over-reset")	\
	X(PCI_VECTORS_KEPT_OVER_RESET, "pci-vectors-kept-over-reset")			\
	X(PCI_MSIX_MAPPING_PAST_TABLE_KEPT, "pci-msix-mapping-past-table-kept")	\
	X(PCI_CFG_WINDOW_IGNORES_OFFSET, "pci-cfg-window-ignores-offset")		\
	X(PCI_NO_CFG_ACCESS_CAPABILITY, "pci-no-cfg-access-capability")		\
	X(PCI_DEVICE_CFG_OUTSIDE_BAR, "pci-device-cfg-outside-bar")			\
	X(PCI_NOTIFY_MULTIPLIER_TWO, "pci-notify-multiplier-two")			\
	X(PCI_NOTIFY_TOO_SHORT, "pci-notify-too-short")	/* covers queue 0 only */	\
	X(PCI_MSIX_QUEUE_ON_CONFIG_VECTOR, "pci-msix-queue-on-config-vector")		\
	X(PCI_ISR_NOT_CLEARED_ON_READ, "pci-isr-not-cleared-on-read")			\
	X(PCI_INTX_WITHOUT_QUEUE_BIT, "pci-intx-without-queue-bit")			\
	X(PCI_QUEUE_RESET_KEEPS_RING, "pci-queue-reset-keeps-ring")	/* reads reset, still serves */ \
	X(PCI_STATUS_INTERRUPT_CLEAR, "pci-status-interrupt-bit-clear")

#define PCI_FAULT_CASES(X)								\
	X(pci_revision_zero, REF_FAULT_PCI_REVISION_ZERO, REF_TRANSPORT_PCI_MODERN, "rng0", \
	  "modern.pci.device_ids", CLAUSE_PCI_DISCOVERY)				\
	X(pci_feature_select_wraps, REF_FAULT_PCI_FEATURE_SELECT_WRAPS,			\
	  REF_TRANSPORT_PCI_MODERN, "rng0",						\
	  "modern.pci.device_feature_select_above_1_reads_zero", CLAUSE_PCI_COMMON_CFG)	\
	X(pci_driver_feature_reads_zero, REF_FAULT_PCI_DRIVER_FEATURE_READS_ZERO,	\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.driver_features_read_back",	\
	  CLAUSE_PCI_COMMON_CFG)							\
	X(pci_queue_size_past_num_queues, REF_FAULT_PCI_QUEUE_SIZE_PAST_NUM_QUEUES,	\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.queue_size_rules",		\
	  CLAUSE_PCI_COMMON_CFG)							\
	X(pci_queue_enable_kept_over_reset, REF_FAULT_PCI_QUEUE_ENABLE_KEPT_OVER_RESET,	\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.queue_enable_zero_after_reset",	\
	  CLAUSE_PCI_COMMON_CFG)							\
	X(pci_vectors_kept_over_reset, REF_FAULT_PCI_VECTORS_KEPT_OVER_RESET,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.queue_enable_zero_after_reset",	\
	  CLAUSE_PCI_MSIX_CONFIG)							\
	X(pci_msix_mapping_past_table_kept, REF_FAULT_PCI_MSIX_MAPPING_PAST_TABLE_KEPT,	\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.msix_vector_mapping",		\
	  CLAUSE_PCI_MSIX_CONFIG)							\
	X(pci_cfg_window_ignores_offset, REF_FAULT_PCI_CFG_WINDOW_IGNORES_OFFSET,	\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.config_access_window_reads_bar",	\
	  CLAUSE_PCI_CFG_ACCESS)							\
	X(pci_no_cfg_access_capability, REF_FAULT_PCI_NO_CFG_ACCESS_CAPABILITY,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.required_capabilities_present",	\
	  CLAUSE_PCI_CFG_ACCESS)							\
	X(pci_device_cfg_outside_bar, REF_FAULT_PCI_DEVICE_CFG_OUTSIDE_BAR,		\
	  REF_TRANSPORT_PCI_MODERN, "blk0", "modern.pci.capability_layout", CLAUSE_PCI_CAPS) \
	X(pci_notify_multiplier_two, REF_FAULT_PCI_NOTIFY_MULTIPLIER_TWO,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.capability_layout",		\
	  CLAUSE_PCI_NOTIFY_CAP)							\
	X(pci_notify_too_short, REF_FAULT_PCI_NOTIFY_TOO_SHORT, REF_TRANSPORT_PCI_MODERN,	\
	  "blk0", "modern.pci.notify_covers_every_queue", CLAUSE_PCI_NOTIFY_CAP)	\
	X(pci_msix_queue_on_config_vector, REF_FAULT_PCI_MSIX_QUEUE_ON_CONFIG_VECTOR,	\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.msix_used_buffer_notification",	\
	  CLAUSE_USED_NOTIFY_SUPPRESSION)						\
	X(pci_isr_not_cleared_on_read, REF_FAULT_PCI_ISR_NOT_CLEARED_ON_READ,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.intx_sets_isr_queue_bit",	\
	  CLAUSE_PCI_ISR_CAP)								\
	X(pci_intx_without_queue_bit, REF_FAULT_PCI_INTX_WITHOUT_QUEUE_BIT,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.pci.intx_sets_isr_queue_bit",	\
	  CLAUSE_PCI_ISR_CAP)								\
	X(pci_queue_reset_keeps_ring, REF_FAULT_PCI_QUEUE_RESET_KEEPS_RING,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.ring.queue_reset", CLAUSE_VIRTQUEUE_RESET)	\
	X(pci_resize_without_generation, REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,	\
	  REF_TRANSPORT_PCI_MODERN, "blk0", "devices.blk.resize_raises_config_change",	\
	  CLAUSE_PCI_COMMON_CFG)							\
	X(pci_resize_without_notification, REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION,	\
	  REF_TRANSPORT_PCI_MODERN, "blk0", "devices.blk.resize_raises_config_change",	\
	  CLAUSE_PCI_CONFIG_NOTIFY)

#endif
