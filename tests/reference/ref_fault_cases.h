/*
 * Every fault case, one table (ref_cases.h): FAULT_CASES, the rows of
 * docs/reference-device.md on the "reference" ops, with the per-type
 * lists; the transport lists behind the register models; the ring and
 * notification rules again through the legacy interfaces; and the faults
 * that nothing catches by design.
 */
#ifndef VCTS_REF_FAULT_CASES_H
#define VCTS_REF_FAULT_CASES_H

#include "tests/legacy/pci_legacy_test.h"
#include "tests/modern/mmio_test.h"
#include "tests/modern/packed_test.h"
#include "tests/modern/ring_test.h"
#include "tests/reference/ref_faults.h"
#include "virtio/virtio_spec.h"

/* X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...), on the "reference" ops. */
#define FAULT_CASES(X)									\
	X(used_id_out_of_range, REF_FAULT_USED_ID_OUT_OF_RANGE, "rng0",			\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_id_not_outstanding, REF_FAULT_USED_ID_NOT_OUTSTANDING, "rng0",		\
	  "devices.rng.chained_writable_buffers", CLAUSE_USED_RING)			\
	X(used_len_too_large, REF_FAULT_USED_LEN_TOO_LARGE, "rng0",			\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_idx_jumps, REF_FAULT_USED_IDX_JUMPS, "rng0",				\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_twice, REF_FAULT_USED_TWICE, "rng0",					\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_id_swapped, REF_FAULT_USED_ID_SWAPPED, "blk0",				\
	  "modern.ring.mixed_outstanding", CLAUSE_USED_RING)				\
	X(out_of_order, REF_FAULT_OUT_OF_ORDER, "rng0",					\
	  "modern.packed.in_order", CLAUSE_PACKED_IN_ORDER)				\
	X(writes_readable, REF_FAULT_WRITES_READABLE, "blk0",				\
	  "devices.blk.write_then_read_roundtrip", CLAUSE_USED_RING)			\
	X(writes_descriptor, REF_FAULT_WRITES_DESCRIPTOR, "rng0",			\
	  "modern.ring.single_descriptor", CLAUSE_USED_RING)				\
	X(writes_indirect_table, REF_FAULT_WRITES_DESCRIPTOR, "rng0",			\
	  "modern.packed.indirect_table", CLAUSE_PACKED_INDIRECT)			\
	X(ignores_notify, REF_FAULT_IGNORES_NOTIFY, "rng0",				\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(short_chains_only, REF_FAULT_SHORT_CHAINS_ONLY, "rng0",			\
	  "modern.ring.chained_descriptors", CLAUSE_MESSAGE_FRAMING)			\
	X(no_indirect_after_direct, REF_FAULT_NO_INDIRECT_AFTER_DIRECT, "rng0",		\
	  "modern.ring.indirect_after_direct", CLAUSE_INDIRECT_DESC)			\
	X(indirect_write_flag_honoured, REF_FAULT_INDIRECT_WRITE_FLAG_HONOURED, "rng0",	\
	  "modern.ring.indirect_write_flag_ignored", CLAUSE_INDIRECT_DESC)		\
	X(rng_short_write, REF_FAULT_RNG_SHORT_WRITE, "rng0",				\
	  "modern.ring.single_descriptor", CLAUSE_USED_RING)				\
	X(packed_wrong_wrap, REF_FAULT_PACKED_WRONG_WRAP, "rng0",			\
	  "modern.packed.wrap_counters", CLAUSE_PACKED_WRAP)				\
	X(packed_avail_used_differ, REF_FAULT_PACKED_AVAIL_USED_DIFFER, "rng0",		\
	  "modern.packed.wrap_counters", CLAUSE_PACKED_WRAP)				\
	X(packed_id_from_first, REF_FAULT_PACKED_ID_FROM_FIRST, "rng0",			\
	  "modern.packed.buffer_id_from_last_descriptor", CLAUSE_PACKED_CHAINING)	\
	X(packed_wrong_skip, REF_FAULT_PACKED_WRONG_SKIP, "rng0",			\
	  "modern.packed.wrap_counters", CLAUSE_PACKED_WRAP)				\
	X(packed_writes_free_slot, REF_FAULT_PACKED_WRITES_FREE_SLOT, "rng0",		\
	  "modern.packed.chains_outstanding_together", CLAUSE_PACKED_DESC_TABLE)	\
	X(packed_device_event_reserved, REF_FAULT_PACKED_DEVICE_EVENT_RESERVED, "blk0",	\
	  "modern.packed.device_event_suppression", CLAUSE_PACKED_EVENT_FORMAT)	\
	X(missing_interrupt, REF_FAULT_MISSING_INTERRUPT, "rng0",			\
	  "modern.notify.used_buffer_each_completion", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	X(event_idx_off_by_one, REF_FAULT_EVENT_IDX_OFF_BY_ONE, "rng0",			\
	  "modern.notify.event_idx_crossed", CLAUSE_USED_NOTIFY_SUPPRESSION)		\
	X(used_event_without_feature, REF_FAULT_USED_EVENT_WITHOUT_FEATURE, "rng0",	\
	  "modern.notify.used_buffer_each_completion", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	X(used_flags_reserved, REF_FAULT_USED_FLAGS_RESERVED, "rng0",			\
	  "modern.notify.used_buffer_each_completion", CLAUSE_AVAIL_NOTIFY_SUPPRESSION)	\
	X(spurious_notify_breaks, REF_FAULT_SPURIOUS_NOTIFY_BREAKS, "rng0",		\
	  "modern.notify.spurious_driver_notifications", CLAUSE_AVAIL_NOTIFY_SUPPRESSION)\
	X(notification_data_as_index, REF_FAULT_NOTIFICATION_DATA_AS_INDEX, "rng0",	\
	  "modern.notify.notification_data", CLAUSE_USED_RING)				\
	X(features_ok_accepts_unoffered, REF_FAULT_FEATURES_OK_ACCEPTS_UNOFFERED, "rng0",\
	  "modern.features.features_ok_rejects_unoffered", CLAUSE_FEATURES)		\
	X(features_ok_refuses_subset, REF_FAULT_FEATURES_OK_REFUSES_SUBSET, "rng0",	\
	  "modern.features.features_ok_accepts_minimal_subset", CLAUSE_FEATURES)	\
	X(features_ok_only_once, REF_FAULT_FEATURES_OK_ONLY_ONCE, "blk0",		\
	  "modern.features.renegotiation_after_reset", CLAUSE_FEATURES)		\
	X(status_not_zero_after_reset, REF_FAULT_STATUS_NOT_ZERO_AFTER_RESET, "rng0",	\
	  "modern.init.reset_clears_status", CLAUSE_RESET)				\
	X(driver_ok_not_retained, REF_FAULT_DRIVER_OK_NOT_RETAINED, "rng0",		\
	  "modern.init.reset_after_driver_ok", CLAUSE_STATUS)				\
	X(version_1_not_offered, REF_FAULT_VERSION_1_NOT_OFFERED, "blk1",		\
	  "modern.features.version_1_offered", CLAUSE_RESERVED_FEATURES)		\
	X(config_change_without_generation, REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,	\
	  "blk0", "devices.blk.read_host_pattern", CLAUSE_BLK_OPERATION)		\
	X(generation_never_stable, REF_FAULT_GENERATION_NEVER_STABLE, "blk0",		\
	  "devices.blk.capacity_matches_backing", CLAUSE_CONFIG_SPACE)			\
	X(queue_size_not_power_of_two, REF_FAULT_QUEUE_SIZE_NOT_POWER_OF_TWO, "rng0",	\
	  "devices.rng.buffer_filled", CLAUSE_FEATURES)					\
	X(queue_size_zero, REF_FAULT_QUEUE_SIZE_ZERO, "blk0",				\
	  "devices.blk.capacity_matches_backing", CLAUSE_FEATURES)			\
	X(rng_zero_bytes, REF_FAULT_RNG_ZERO_BYTES, "rng0",				\
	  "devices.rng.buffer_filled", CLAUSE_RNG_OPERATION)				\
	X(rng_constant_bytes, REF_FAULT_RNG_CONSTANT_BYTES, "rng0",			\
	  "devices.rng.output_not_constant", CLAUSE_RNG_OPERATION)			\
	X(blk_len_without_status, REF_FAULT_BLK_LEN_WITHOUT_STATUS, "blk0",		\
	  "devices.blk.used_length_covers_status", CLAUSE_USED_RING)			\
	X(blk_bad_status, REF_FAULT_BLK_BAD_STATUS, "blk0",				\
	  "devices.blk.read_host_pattern", CLAUSE_BLK_OPERATION)			\
	X(blk_reads_past_end, REF_FAULT_BLK_READS_PAST_END, "blk0",			\
	  "devices.blk.out_of_range_read_ioerr", CLAUSE_BLK_OPERATION)			\
	X(blk_unknown_type_as_read, REF_FAULT_BLK_UNKNOWN_TYPE_AS_READ, "blk0",	\
	  "devices.blk.unsupported_type_unsupp", CLAUSE_BLK_OPERATION)			\
	X(blk_padding_nonzero, REF_FAULT_BLK_PADDING_NONZERO, "blk0",			\
	  "devices.blk.config_padding_zero", CLAUSE_BLK_INIT)				\
	X(blk_wce_without_flush, REF_FAULT_BLK_WCE_WITHOUT_FLUSH, "blk0",		\
	  "devices.blk.config_padding_zero", CLAUSE_BLK_INIT)				\
	X(blk_writeback_without_flush, REF_FAULT_BLK_WRITEBACK_WITHOUT_FLUSH, "blk0",	\
	  "devices.blk.writeback_zero_without_flush", CLAUSE_BLK_INIT)			\
	X(blk_writes_despite_ro, REF_FAULT_BLK_WRITES_DESPITE_RO, "blk1",		\
	  "devices.blk.read_only_refuses_write", CLAUSE_BLK_OPERATION)			\
	X(blk_get_id_unpadded, REF_FAULT_BLK_GET_ID_UNPADDED, "blk0",			\
	  "devices.blk.get_id_nul_padded", CLAUSE_USED_RING)				\
	X(blk_capacity_zero, REF_FAULT_BLK_CAPACITY_ZERO, "blk0",			\
	  "devices.blk.capacity_matches_backing", CLAUSE_BLK_INIT)			\
	X(blk_bad_blk_size, REF_FAULT_BLK_BAD_BLK_SIZE, "blk0",				\
	  "devices.blk.capacity_matches_backing", CLAUSE_BLK_INIT)			\
	X(blk_flush_fails, REF_FAULT_BLK_FLUSH_FAILS, "blk0",				\
	  "devices.blk.flush_completes", CLAUSE_BLK_OPERATION)				\
	X(blk_wrong_data, REF_FAULT_BLK_WRONG_DATA, "blk1",				\
	  "devices.blk.read_host_pattern", CLAUSE_BLK_OPERATION)			\
	X(blk_writes_lost, REF_FAULT_BLK_WRITES_LOST, "blk0",				\
	  "devices.blk.write_then_read_roundtrip", CLAUSE_BLK_OPERATION)		\
	X(resize_without_notification, REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION,	\
	  "blk0", "devices.blk.resize_raises_config_change", CLAUSE_CONFIG_SPACE)	\
	X(resize_without_generation, REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,	\
	  "blk0", "devices.blk.resize_raises_config_change", CLAUSE_CONFIG_SPACE)	\
	X(blk_resize_ignored, REF_FAULT_BLK_RESIZE_IGNORED, "blk0",			\
	  "devices.blk.resize_raises_config_change", CLAUSE_CONFIG_SPACE)		\
	X(blk_get_id_wrong_serial, REF_FAULT_BLK_GET_ID_WRONG_SERIAL, "blk0",		\
	  "devices.blk.get_id_returns_serial", CLAUSE_BLK_OPERATION)			\
	X(blk_discard_seg_zero, REF_FAULT_BLK_DISCARD_SEG_ZERO, "blk0",		\
	  "devices.blk.discard_write_zeroes_limits", CLAUSE_BLK_FEATURES)		\
	X(blk_write_zeroes_ignored, REF_FAULT_BLK_WRITE_ZEROES_IGNORED, "blk0",	\
	  "devices.blk.write_zeroes_reads_zero", CLAUSE_BLK_OPERATION)		\
	X(blk_discard_fails, REF_FAULT_BLK_DISCARD_FAILS, "blk0",			\
	  "devices.blk.discard_completes", CLAUSE_BLK_OPERATION)			\
	X(blk_discard_accepts_unmap, REF_FAULT_BLK_DISCARD_ACCEPTS_UNMAP, "blk0",	\
	  "devices.blk.discard_write_zeroes_flags_unsupp", CLAUSE_BLK_OPERATION)	\
	X(blk_mq_queue1_wrong_data, REF_FAULT_BLK_MQ_QUEUE1_WRONG_DATA, "blk0",	\
	  "devices.blk.multiqueue_read_each_queue", CLAUSE_BLK_OPERATION)		\
	X(blk_topology_unstable, REF_FAULT_BLK_TOPOLOGY_UNSTABLE, "blk0",		\
	  "devices.blk.topology_readable", CLAUSE_CONFIG_SPACE)			\
	X(used_idx_wraps_at_size, REF_FAULT_USED_IDX_WRAPS_AT_SIZE, "rng0",		\
	  "devices.rng.ring_wraps", CLAUSE_USED_RING)					\
	X(rng_zero_bytes_any_size, REF_FAULT_RNG_ZERO_BYTES, "rng0",			\
	  "devices.rng.request_sizes", CLAUSE_RNG_OPERATION)				\
	X(rng_short_write_filled, REF_FAULT_RNG_SHORT_WRITE, "rng0",			\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(ignores_suppression, REF_FAULT_IGNORES_SUPPRESSION, "rng0",			\
	  "modern.notify.no_interrupt_flag", CLAUSE_USED_NOTIFY_SUPPRESSION)		\
	X(features_ok_refuses_whole_offer, REF_FAULT_FEATURES_OK_REFUSES_SUBSET, "rng0",	\
	  "modern.features.features_ok_accepts_all_offered", CLAUSE_FEATURES)		\
	X(event_idx_not_crossed, REF_FAULT_EVENT_IDX_OFF_BY_ONE, "rng0",			\
	  "modern.notify.event_idx_not_crossed", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	X(no_interrupt_flag_with_used_event, REF_FAULT_USED_EVENT_WITHOUT_FEATURE, "rng0",	\
	  "modern.notify.no_interrupt_flag", CLAUSE_USED_NOTIFY_SUPPRESSION)		\
	X(packed_blk_avail_used_differ, REF_FAULT_PACKED_AVAIL_USED_DIFFER, "blk0",	\
	  "modern.packed.blk_write_read_roundtrip", CLAUSE_USED_RING)			\
	X(packed_short_chains_only, REF_FAULT_SHORT_CHAINS_ONLY, "rng0",		\
	  "modern.packed.chained_writable_elements", CLAUSE_PACKED_SG)			\
	X(packed_full_ring_wrong_wrap, REF_FAULT_PACKED_WRONG_WRAP, "rng0",		\
	  "modern.packed.full_ring", CLAUSE_PACKED)					\
	X(readable_buffer_written, REF_FAULT_WRITES_READABLE, "blk0",			\
	  "modern.ring.device_readable_untouched", CLAUSE_USED_RING)			\
	X(in_order_ids_swapped, REF_FAULT_USED_ID_SWAPPED, "rng0",			\
	  "modern.ring.in_order", CLAUSE_RESERVED_FEATURES)				\
	X(no_indirect_after_direct_read, REF_FAULT_NO_INDIRECT_AFTER_DIRECT, "blk0",	\
	  "modern.ring.indirect_after_direct_read", CLAUSE_INDIRECT_DESC)		\
	X(indirect_mixed_refused, REF_FAULT_INDIRECT_MIXED_REFUSED, "blk0",		\
	  "modern.ring.indirect_read_write", CLAUSE_INDIRECT_DESC)			\
	X(indirect_table_short_chains, REF_FAULT_SHORT_CHAINS_ONLY, "rng0",		\
	  "modern.ring.indirect_table", CLAUSE_INDIRECT_DESC)				\
	X(queue_sizes_idx_wraps_at_size, REF_FAULT_USED_IDX_WRAPS_AT_SIZE, "rng0",	\
	  "modern.ring.queue_sizes", CLAUSE_USED_RING)					\
	X(index_wraps_at_size, REF_FAULT_USED_IDX_WRAPS_AT_SIZE, "rng0",		\
	  "modern.ring.index_wraps", CLAUSE_USED_RING)					\
	X(full_ring_idx_jumps, REF_FAULT_USED_IDX_JUMPS, "rng0",				\
	  "modern.ring.full_ring", CLAUSE_USED_RING)					\
	NET_FAULT_CASES(X)								\
	CONSOLE_FAULT_CASES(X)							\
	BALLOON_FAULT_CASES(X)							\
	SCSI_FAULT_CASES(X)

/*
 * Ring and notification rules that need a transport: the split-ring ones
 * through the legacy interfaces (tests/legacy/ring_legacy.c runs the
 * modern tests' bodies there), and the packed driver event tests, which
 * count notifications only where a queue has its own (MSI-X on PCI, the
 * wired line on virtio-mmio):
 * X(case, REF_FAULT_ID, REF_TRANSPORT_..., "device", "test id", CLAUSE_...).
 */
#define RING_ON_TRANSPORT_FAULT_CASES(X)						\
	X(legacy_short_chains_only, REF_FAULT_SHORT_CHAINS_ONLY, REF_TRANSPORT_PCI_LEGACY,	\
	  "rng0", "legacy.ring.chained_descriptors", CLAUSE_MESSAGE_FRAMING)		\
	X(legacy_indirect_short_chains, REF_FAULT_SHORT_CHAINS_ONLY, REF_TRANSPORT_MMIO_V1,	\
	  "rng0", "legacy.ring.indirect_table", CLAUSE_INDIRECT_DESC)			\
	X(legacy_full_ring_idx_jumps, REF_FAULT_USED_IDX_JUMPS, REF_TRANSPORT_PCI_LEGACY,	\
	  "rng0", "legacy.ring.full_ring", CLAUSE_USED_RING)				\
	X(legacy_idx_wraps_at_size, REF_FAULT_USED_IDX_WRAPS_AT_SIZE, REF_TRANSPORT_MMIO_V1,	\
	  "rng0", "legacy.ring.index_wraps", CLAUSE_USED_RING)				\
	X(legacy_missing_interrupt, REF_FAULT_MISSING_INTERRUPT, REF_TRANSPORT_PCI_LEGACY,	\
	  "rng0", "legacy.notify.used_buffer_each_completion",				\
	  CLAUSE_USED_NOTIFY_SUPPRESSION)						\
	X(legacy_event_idx_off_by_one, REF_FAULT_EVENT_IDX_OFF_BY_ONE, REF_TRANSPORT_MMIO_V1,	\
	  "rng0", "legacy.notify.event_idx_crossed", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	X(packed_event_enable_missing, REF_FAULT_MISSING_INTERRUPT, REF_TRANSPORT_PCI_MODERN,	\
	  "rng0", "modern.packed.driver_event_enable", CLAUSE_PACKED_EVENTS)		\
	X(packed_event_disable_sticks, REF_FAULT_PACKED_EVENT_DISABLE_STICKS,		\
	  REF_TRANSPORT_PCI_MODERN, "rng0", "modern.packed.driver_event_disable",	\
	  CLAUSE_PACKED_EVENTS)								\
	X(packed_event_desc_off_by_one, REF_FAULT_EVENT_IDX_OFF_BY_ONE, REF_TRANSPORT_MMIO_V2,	\
	  "rng0", "modern.packed.driver_event_desc", CLAUSE_PACKED_EVENTS)

/* Faults no kernel test catches, by design: the run must still end normally. */
#define UNCAUGHT_FAULTS(X)								\
	X(spurious_interrupt, REF_FAULT_SPURIOUS_INTERRUPT)

/* Every case with its transport: X(case, fault, transport, device, test, clause). */
#define REF_ON_REFERENCE(name, fault, device, test, clause) \
	REF_CASE(name, fault, REF_TRANSPORT_REFERENCE, device, test, clause)
#define ALL_FAULT_CASES								\
	FAULT_CASES(REF_ON_REFERENCE)							\
	PCI_FAULT_CASES(REF_CASE)							\
	PCI_LEGACY_FAULT_CASES(REF_CASE)						\
	MMIO_FAULT_CASES(REF_CASE)							\
	CCW_FAULT_CASES(REF_CASE)							\
	RING_ON_TRANSPORT_FAULT_CASES(REF_CASE)

#endif
