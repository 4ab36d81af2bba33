/*
 * What the packed-virtqueue tests share (tests/modern/packed_*.c): the
 * clauses of 2.8 they cite, and opening a device with VIRTIO_F_RING_PACKED
 * (helpers in packed_common.c). The ring code itself, and every check it
 * makes of what the device writes, is guest-kernel/virtio/virtqueue_packed.c.
 */
#ifndef VCTS_TESTS_PACKED_H
#define VCTS_TESTS_PACKED_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/test.h"
#include "virtio/virtqueue.h"

/* \devicenormative blocks of 2.8. */
#define CLAUSE_PACKED		"Basic Facilities of a Virtio Device / Packed Virtqueues"
#define CLAUSE_PACKED_DESC_TABLE \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / The Virtqueue Descriptor Table"
#define CLAUSE_PACKED_SG \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Scatter-Gather Support"
/*
 * Sections of 2.8 without a \devicenormative block of their own: their
 * full section paths. (The 1.2 sources label them "Packed Virtqueues /
 * ...", without the chapter; the path names the chapter as every other
 * clause does.) Their text has no MUST or SHOULD of its own: a check that
 * rests on nothing else is a note (docs/writing-a-test.md).
 */
#define CLAUSE_PACKED_WRAP \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Driver and Device Ring Wrap Counters"
#define CLAUSE_PACKED_CHAINING \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Next Flag: Descriptor Chaining"
#define CLAUSE_PACKED_INDIRECT \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Indirect Flag: Scatter-Gather Support"
#define CLAUSE_PACKED_IN_ORDER \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / In-order use of descriptors"
#define CLAUSE_PACKED_EVENTS \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Driver and Device Event Suppression"
#define CLAUSE_PACKED_WRITE_FLAG \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Write Flag"
#define CLAUSE_PACKED_EVENT_FORMAT \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Event Suppression Structure Format"
#define CLAUSE_PACKED_RECEIVING \
	"Basic Facilities of a Virtio Device / Packed Virtqueues / Receiving Used Buffers From The Device"

#define PACKED_BIT(bit)		(1ull << (bit))

/*
 * Skips the test (returns false) unless @dev offers VIRTIO_F_RING_PACKED
 * and every feature bit in @needed.
 */
bool packed_offered_or_skip(struct virtio_device *dev, uint64_t needed);

/*
 * Initialises @dev (3.1.1) with RING_PACKED, @features and queue 0 of at
 * most @queue_size entries, interrupts in @mode. Returns the queue, or
 * NULL after a failed check (the test is over).
 */
struct virtqueue *packed_open(struct virtio_device *dev, uint64_t features,
			      uint16_t queue_size, enum virtio_irq_mode mode);

/*
 * How @dev interrupts where the kernel can route it: MSI-X on PCI, its
 * wired line on virtio-mmio. Skips the test (returns false) otherwise.
 */
bool packed_irq_mode_or_skip(struct virtio_device *dev, enum virtio_irq_mode *mode);

/*
 * Makes @count buffers available as one chain (all of them in an indirect
 * table when @indirect), kicks, and waits for the chain to come back.
 * Returns what vq_wait_used() said, VQ_BAD for another buffer coming back.
 */
enum vq_result packed_request(struct virtqueue *vq, const struct vq_buffer *buffers,
			      int count, bool indirect, uint32_t *used);

/* @count device-writable buffers of @size bytes each, filled with @fill. */
struct vq_buffer *packed_writable_buffers(int count, uint32_t size, uint8_t fill);

/* Does @buffer still hold nothing but @fill? */
bool packed_untouched(const struct vq_buffer *buffer, uint8_t fill);

#endif
