/*
 * The rules the virtio-mmio register model (ref_mmio.c) can be told to
 * break, both layouts, and the kernel test that catches each
 * (docs/reference-device.md).
 *
 * REF_FAULTS_MMIO(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * MMIO_FAULT_CASES(X): X(case, REF_FAULT_ID, REF_TRANSPORT_..., "device",
 * "test id", CLAUSE_...), as TRANSPORT_FAULT_CASES in test_transports.c.
 */
#ifndef VCTS_REF_FAULTS_MMIO_H
#define VCTS_REF_FAULTS_MMIO_H

/* The clause tests/modern/mmio_common.c names for a line nobody claims (4.2.3.4). */
#define REF_CLAUSE_MMIO_NOTIFICATIONS \
	"Virtio Transport Options / Virtio Over MMIO / MMIO-specific Initialization And Device Operation / Notifications From The Device"

#define REF_FAULTS_MMIO(X)								\
	X(MMIO_MAGIC_READ_ONCE, "mmio-magic-read-once")	/* 0 after the probe's read */	\
	X(MMIO_FEATURE_SELECT_WRAPS, "mmio-feature-select-wraps")	/* as QEMU 7.2 */ \
	X(MMIO_QUEUE_NUM_MAX_FOLLOWS_QUEUE_NUM, "mmio-queue-num-max-follows-queue-num")	\
	X(MMIO_QUEUE_SEL_HIGH_DROPPED, "mmio-queue-sel-high-dropped")	/* as QEMU 7.2 */ \
	X(MMIO_QUEUE_READY_READS_ZERO, "mmio-queue-ready-reads-zero")			\
	X(MMIO_QUEUE_READY_KEPT_OVER_RESET, "mmio-queue-ready-kept-over-reset")	\
	X(MMIO_QUEUE_RESET_IGNORED, "mmio-queue-reset-ignored")	/* as QEMU 7.2 */	\
	X(MMIO_INTERRUPT_ACK_IGNORED, "mmio-interrupt-ack-ignored")			\
	X(MMIO_INTERRUPT_STATUS_UNDEFINED_BITS, "mmio-interrupt-status-undefined-bits")	\
	X(MMIO_INTERRUPT_STATUS_KEPT_OVER_RESET, "mmio-interrupt-status-kept-over-reset") \
	X(MMIO_LINE_WITHOUT_STATUS, "mmio-line-without-status")	/* stays asserted */	\
	X(MMIO_PFN_READS_ZERO, "mmio-pfn-reads-zero")					\
	X(MMIO_PFN_KEPT_OVER_RESET, "mmio-pfn-kept-over-reset")			\
	X(MMIO_PFN_ZERO_RESETS_DEVICE, "mmio-pfn-zero-resets-device")	/* as QEMU 7.2 */ \
	X(MMIO_PFN_ZERO_IGNORED, "mmio-pfn-zero-ignored")				\
	X(MMIO_QUEUE_ALIGN_IGNORED, "mmio-queue-align-ignored")	/* always 4096 */

#define MMIO_FAULT_CASES(X)								\
	X(mmio_magic_read_once, REF_FAULT_MMIO_MAGIC_READ_ONCE, REF_TRANSPORT_MMIO_V2,	\
	  "rng0", "modern.mmio.magic_and_version", CLAUSE_MMIO_LAYOUT)			\
	X(mmio_feature_select_wraps, REF_FAULT_MMIO_FEATURE_SELECT_WRAPS,		\
	  REF_TRANSPORT_MMIO_V2, "rng0",						\
	  "modern.mmio.device_features_select_above_1_reads_zero", CLAUSE_MMIO_LAYOUT)	\
	X(mmio_queue_num_max_follows_queue_num,						\
	  REF_FAULT_MMIO_QUEUE_NUM_MAX_FOLLOWS_QUEUE_NUM, REF_TRANSPORT_MMIO_V2, "rng0",	\
	  "modern.mmio.queue_num_max_rules", CLAUSE_MMIO_LAYOUT)			\
	X(mmio_queue_sel_high_dropped, REF_FAULT_MMIO_QUEUE_SEL_HIGH_DROPPED,		\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.queue_sel_high_index_reads_zero",	\
	  CLAUSE_MMIO_LAYOUT)								\
	X(mmio_generation_never_stable, REF_FAULT_GENERATION_NEVER_STABLE,		\
	  REF_TRANSPORT_MMIO_V2, "blk0", "modern.mmio.config_generation_stable",	\
	  CLAUSE_MMIO_LAYOUT)								\
	X(mmio_queue_ready_reads_zero, REF_FAULT_MMIO_QUEUE_READY_READS_ZERO,		\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.queue_ready_read_back",		\
	  CLAUSE_MMIO_LAYOUT)								\
	X(mmio_queue_ready_kept_over_reset, REF_FAULT_MMIO_QUEUE_READY_KEPT_OVER_RESET,	\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.reset_clears_queue_ready",	\
	  CLAUSE_MMIO_LAYOUT)								\
	X(mmio_status_not_zero_after_reset, REF_FAULT_STATUS_NOT_ZERO_AFTER_RESET,	\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.status_reads_zero_after_reset",	\
	  CLAUSE_RESET)									\
	X(mmio_queue_reset_ignored, REF_FAULT_MMIO_QUEUE_RESET_IGNORED,			\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.queue_reset", CLAUSE_MMIO_LAYOUT)	\
	X(mmio_interrupt_ack_ignored, REF_FAULT_MMIO_INTERRUPT_ACK_IGNORED,		\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.interrupt_status_used_buffer",	\
	  CLAUSE_MMIO_LAYOUT)								\
	X(mmio_interrupt_status_undefined_bits,						\
	  REF_FAULT_MMIO_INTERRUPT_STATUS_UNDEFINED_BITS, REF_TRANSPORT_MMIO_V2, "rng0",	\
	  "modern.mmio.interrupt_status_used_buffer", CLAUSE_MMIO_LAYOUT)		\
	X(mmio_interrupt_status_kept_over_reset,					\
	  REF_FAULT_MMIO_INTERRUPT_STATUS_KEPT_OVER_RESET, REF_TRANSPORT_MMIO_V2, "rng0",	\
	  "modern.mmio.reset_clears_interrupt_status", CLAUSE_MMIO_LAYOUT)		\
	X(mmio_line_without_status, REF_FAULT_MMIO_LINE_WITHOUT_STATUS,			\
	  REF_TRANSPORT_MMIO_V2, "rng0", "modern.mmio.interrupt_line_used_buffer",	\
	  REF_CLAUSE_MMIO_NOTIFICATIONS)						\
	X(mmio_v1_magic_read_once, REF_FAULT_MMIO_MAGIC_READ_ONCE, REF_TRANSPORT_MMIO_V1,	\
	  "rng0", "legacy.mmio.magic_and_version_1", CLAUSE_MMIO_LEGACY)		\
	X(mmio_v1_queue_num_max_follows_queue_num,					\
	  REF_FAULT_MMIO_QUEUE_NUM_MAX_FOLLOWS_QUEUE_NUM, REF_TRANSPORT_MMIO_V1, "rng0",	\
	  "legacy.mmio.queue_num_max_while_pfn_zero", CLAUSE_MMIO_LEGACY)		\
	X(mmio_pfn_reads_zero, REF_FAULT_MMIO_PFN_READS_ZERO, REF_TRANSPORT_MMIO_V1,	\
	  "rng0", "legacy.mmio.queue_pfn_read_back", CLAUSE_MMIO_LEGACY)		\
	X(mmio_pfn_kept_over_reset, REF_FAULT_MMIO_PFN_KEPT_OVER_RESET,			\
	  REF_TRANSPORT_MMIO_V1, "rng0", "legacy.mmio.reset_clears_queue_pfn",		\
	  CLAUSE_MMIO_LEGACY)								\
	X(mmio_pfn_zero_resets_device, REF_FAULT_MMIO_PFN_ZERO_RESETS_DEVICE,		\
	  REF_TRANSPORT_MMIO_V1, "rng0", "legacy.mmio.queue_pfn_zero_stops_only_the_queue", \
	  CLAUSE_MMIO_LEGACY)								\
	X(mmio_pfn_zero_ignored, REF_FAULT_MMIO_PFN_ZERO_IGNORED, REF_TRANSPORT_MMIO_V1,	\
	  "rng0", "legacy.mmio.queue_pfn_zero_stops_only_the_queue", CLAUSE_MMIO_LEGACY)	\
	X(mmio_queue_align_ignored, REF_FAULT_MMIO_QUEUE_ALIGN_IGNORED,			\
	  REF_TRANSPORT_MMIO_V1, "rng0", "legacy.mmio.queue_align_honoured",		\
	  CLAUSE_MMIO_LEGACY)								\
	X(mmio_v1_interrupt_ack_ignored, REF_FAULT_MMIO_INTERRUPT_ACK_IGNORED,		\
	  REF_TRANSPORT_MMIO_V1, "rng0", "legacy.mmio.interrupt_status_used_buffer",	\
	  CLAUSE_MMIO_LEGACY)								\
	X(mmio_v1_line_without_status, REF_FAULT_MMIO_LINE_WITHOUT_STATUS,		\
	  REF_TRANSPORT_MMIO_V1, "rng0", "legacy.mmio.interrupt_line_used_buffer",	\
	  REF_CLAUSE_MMIO_NOTIFICATIONS)							\
	X(mmio_resize_without_generation, REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,	\
	  REF_TRANSPORT_MMIO_V2, "blk0", "devices.blk.resize_raises_config_change",	\
	  CLAUSE_MMIO_REGISTER_LAYOUT)							\
	X(mmio_resize_without_notification, REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION,	\
	  REF_TRANSPORT_MMIO_V2, "blk0", "devices.blk.resize_raises_config_change",	\
	  CLAUSE_MMIO_REGISTER_LAYOUT)

#endif
