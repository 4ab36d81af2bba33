/*
 * The packed virtqueue (2.8): its memory format and the driver-side
 * state. virtqueue_packed.c drives it; tests read the state (what the
 * last used descriptor looked like, how the device's event suppression
 * read at the last kick) and set the few knobs below.
 */
#ifndef VCTS_VIRTQUEUE_PACKED_H
#define VCTS_VIRTQUEUE_PACKED_H

#include <stdbool.h>
#include <stdint.h>

/* 2.8.1: the driver marks a descriptor available, the device marks it used. */
#define VIRTQ_DESC_F_AVAIL		(1u << 7)
#define VIRTQ_DESC_F_USED		(1u << 15)

/* 2.8.10 Driver and Device Event Suppression: desc_event_flags. */
#define RING_EVENT_FLAGS_ENABLE		0x0
#define RING_EVENT_FLAGS_DISABLE	0x1
#define RING_EVENT_FLAGS_DESC		0x2	/* only with VIRTIO_F_EVENT_IDX */
#define RING_EVENT_FLAGS_MASK		0x3	/* 0x3 is reserved, bits 2-15 too */
#define RING_EVENT_WRAP_SHIFT		15	/* off_wrap: offset in 0-14, wrap in 15 */

/* 2.8.13 struct pvirtq_desc (little-endian). */
struct pvirtq_desc {
	uint64_t address;
	uint32_t length;
	uint16_t id;
	uint16_t flags;
};

/* 2.8.14 struct pvirtq_event_suppress (little-endian). */
struct pvirtq_event_suppress {
	uint16_t off_wrap;
	uint16_t flags;
};

/* What a slot of the ring held when the driver last looked (used by the checks). */
enum vq_packed_slot {
	VQ_SLOT_UNTOUCHED,	/* zero since allocation: never made available */
	VQ_SLOT_GIVEN,		/* made available, the device may write it */
	VQ_SLOT_USED,		/* a used descriptor the driver consumed */
	VQ_SLOT_SKIPPED,	/* part of a chain whose used descriptor is elsewhere */
};

/* The last used descriptor the driver consumed, as the device wrote it. */
struct vq_packed_used_record {
	uint16_t position;		/* free-running: slot = position % size */
	uint16_t flags;
	uint16_t id;
	uint32_t length;
	bool wrap;			/* the Device Ring Wrap Counter it was checked against */
	uint16_t descriptors;		/* slots it stood for (the chain or the batch) */
	uint16_t buffers;		/* buffers it stood for (> 1: an IN_ORDER batch) */
};

/*
 * Positions are free-running 16-bit counts of descriptors: vq->next_avail
 * is where the next descriptor goes, vq->last_used where the next used
 * descriptor is expected. Sizes are powers of two (vq_create), so slot =
 * position % size and the wrap counter of a position is 1 in its first
 * round, 0 in the next, and so on (2.8.1: both counters start at 1).
 */
struct vq_packed_ring {
	struct pvirtq_desc *desc;			/* Descriptor Area */
	struct pvirtq_event_suppress *driver_event;	/* Driver Area: the driver writes */
	struct pvirtq_event_suppress *device_event;	/* Device Area: the device writes */
	uint16_t *free_ids;		/* a stack of buffer ids not in use */
	uint16_t free_id_count;
	/* Per slot: what it held when last seen, and its AVAIL/USED bits then. */
	uint8_t *slot_state;
	uint16_t *slot_flags;
	/* Per buffer id: its indirect table's entries (0: none) and their hash. */
	uint16_t *table_entries;
	uint32_t *table_hash;
	/*
	 * VIRTIO_F_IN_ORDER (2.8.8): ids in the order they were made
	 * available, and the rest of a batch that one used descriptor stood for.
	 */
	bool in_order;
	uint16_t *order;
	uint16_t order_head;
	uint16_t batch_left;
	uint32_t batch_length;		/* the used length of the batch's last buffer */
	/* vq->next_avail at the last kick (EVENT_IDX decisions, 2.8.10). */
	uint16_t kicked_at;
	/* The device's event suppression as read at the last kick, and tallies. */
	uint16_t device_event_flags;
	uint16_t device_event_off_wrap;
	uint32_t kicks_suppressed;
	uint32_t device_event_invalid;	/* kicks that read a reserved or invalid value */
	/* Used descriptors with a used length but no VIRTQ_DESC_F_WRITE (2.8.4). */
	uint32_t used_without_write_flag;
	struct vq_packed_used_record last;
	/*
	 * Test knob: write the buffer id only into the last descriptor of a
	 * chain (as 2.8.6 says it is and the 2.8.21.3 example does); the
	 * others get VQ_PACKED_NOT_LAST_ID. By default every descriptor
	 * carries it (the algorithm of 2.8.21.1).
	 */
	bool id_in_last_only;
};

#define VQ_PACKED_NOT_LAST_ID	0xffffu

#endif
