/*
 * What the tests of the virtio-mmio transport share, both register
 * layouts (tests/modern/mmio_*.c for version 2, tests/legacy/mmio_*.c
 * for version 1); the helpers live in tests/modern/mmio_common.c.
 */
#ifndef VCTS_TESTS_MMIO_H
#define VCTS_TESTS_MMIO_H

#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/test.h"
#include "transports/mmio/mmio.h"
#include "virtio/virtqueue.h"

#define CLAUSE_MMIO_LAYOUT \
	"Virtio Transport Options / Virtio Over MMIO / MMIO Device Register Layout"
/* 4.2.4, no \devicenormative block of its own: the section's label path. */
#define CLAUSE_MMIO_LEGACY \
	"Virtio Transport Options / Virtio Over MMIO / Legacy interface"
#define CLAUSE_VIRTQUEUE_RESET \
	"Basic Facilities of a Virtio Device / Virtqueues / Virtqueue Reset / Virtqueue Reset"

/* Undefined InterruptStatus bits: everything but used buffer and config change. */
#define MMIO_INT_UNDEFINED (~(uint32_t)(VIRTIO_MMIO_INT_VRING | VIRTIO_MMIO_INT_CONFIG))

/*
 * The transport state of @dev, or NULL after marking the test skipped:
 * these tests check rules of one transport and do not apply to others.
 */
static inline struct virtio_mmio *mmio_or_skip(struct virtio_device *dev)
{
	struct virtio_mmio *mm = mmio_of(dev);

	if (!mm)
		test_skip("%s is not a virtio-mmio device", dev->name);
	return mm;
}

/*
 * How many queues a device of this type has before negotiation, where
 * the type says (entropy: 1; block: 1, or num_queues with MQ offered);
 * 0 when the kernel does not know. virtio-mmio has no register for it.
 */
uint32_t mmio_known_queue_count(struct virtio_device *dev);
/* The same, or 0 after skipping the test: it needs the count. */
uint32_t mmio_known_queue_count_or_skip(struct virtio_device *dev);

/* QueueNumMax of queue @index (selects it). */
uint32_t mmio_queue_num_max(struct virtio_mmio *mm, uint32_t index);

/* Writes 0 to Status and waits for it to read 0; false on timeout. */
bool mmio_reset_and_wait(struct virtio_device *dev);

/*
 * Initialises the device with queues 0 .. @queue_count - 1 of 16 entries
 * and no interrupts; false after a failed check (the test is over).
 */
bool mmio_setup_queues(struct virtio_device *dev, uint16_t queue_count);

/*
 * Used-buffer events through InterruptStatus and InterruptACK, for either
 * layout: opens the entropy device with polling (the line stays masked),
 * completes one request and checks the bit, the undefined bits and the
 * acknowledgement. @clause: the layout's clause. Skips devices that are
 * not on virtio-mmio.
 */
void mmio_check_interrupt_status(struct virtio_device *dev, const char *clause);
/* The same through the interrupt line: the handler sees bit 0 and acks it. */
void mmio_check_interrupt_line(struct virtio_device *dev, const char *clause);

#endif
