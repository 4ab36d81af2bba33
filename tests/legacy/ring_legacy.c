/*
 * The split-ring and notification rules through the legacy interface
 * (0.9.5: one ring block, guest-native byte order, a fixed queue size):
 * the rules are those of the 1.x tests in tests/modern/ring_*.c and
 * notify_*.c, whose bodies these run. modern.ring.indirect_after_direct
 * has no twin: QEMU fails it the same way through both interfaces, and
 * without DEVICE_NEEDS_RESET a legacy device costs a whole timeout there.
 */
#include "tests/modern/ring_test.h"

/* As modern.ring.chained_descriptors. */
VCTS_TEST(legacy_ring_chained, "legacy.ring.chained_descriptors", VIRTIO_ID_RNG,
	  CLAUSE_MESSAGE_FRAMING "|" CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_chained(dev);
}

/* As modern.ring.indirect_table (VIRTIO_F_INDIRECT_DESC is bit 28, in the legacy word). */
VCTS_TEST(legacy_ring_indirect, "legacy.ring.indirect_table", VIRTIO_ID_RNG,
	  CLAUSE_INDIRECT_DESC "|" CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_indirect_table(dev);
}

/* As modern.ring.full_ring, at the device's fixed queue size. */
VCTS_TEST(legacy_ring_full, "legacy.ring.full_ring", VIRTIO_ID_RNG,
	  CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_full_ring(dev);
}

/* As modern.ring.index_wraps. */
VCTS_TEST(legacy_ring_wraps, "legacy.ring.index_wraps", VIRTIO_ID_RNG,
	  CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_index_wraps(dev);
}

/* As modern.notify.used_buffer_each_completion. */
VCTS_TEST(legacy_notify_every, "legacy.notify.used_buffer_each_completion", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_AVAIL_NOTIFY_SUPPRESSION)
{
	notify_test_every_completion(dev);
}

/* As modern.notify.event_idx_crossed (VIRTIO_F_EVENT_IDX is bit 29). */
VCTS_TEST(legacy_notify_event, "legacy.notify.event_idx_crossed", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_AVAIL_NOTIFY_SUPPRESSION)
{
	notify_test_event_idx_crossed(dev);
}
