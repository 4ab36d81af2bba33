/*
 * Split virtqueues (2.7), driver side. Every value the device writes into
 * the used ring is validated before use: an index that advanced further
 * than the buffers outstanding, an id that is out of range or not
 * outstanding, a length larger than the device-writable part of the
 * chain. Such a device gets VQ_BAD with the reason in vq->error; the
 * kernel never follows a bad id.
 */
#ifndef VCTS_VIRTQUEUE_H
#define VCTS_VIRTQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"
#include "virtio/virtqueue_packed.h"

#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2
#define VRING_DESC_F_INDIRECT	4
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY	1

struct vring_desc {
	uint64_t address;
	uint32_t length;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct vring_used_element {
	uint32_t id;
	uint32_t length;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_element ring[];
};

/* One buffer of a chain: device-readable ones come first (2.7.4.2). */
struct vq_buffer {
	void *address;
	uint32_t length;
	bool device_writable;
};

struct vq_chain_state {
	void *token;
	uint32_t writable_bytes;
	uint16_t descriptors;
	bool outstanding;
	/* Guard: a hash of the device-readable bytes, checked when the buffer
	 * comes back (the device must not write there). */
	uint32_t readable_hash;
	const struct vq_buffer *buffers;	/* the caller's, valid until then */
	uint16_t buffer_count;
	/*
	 * The indirect table of this head (VIRTIO_F_INDIRECT_DESC), allocated
	 * the first time the head needs one and reused by later chains: it
	 * survives vq_chain_start(), and goes with the test's memory.
	 */
	void *indirect_table;
	uint16_t indirect_capacity;	/* entries */
	uint16_t indirect_entries;	/* used by this chain; 0: no indirect table */
	/* Guard: a hash of the chain's descriptors, which the device must not write. */
	uint32_t descriptor_hash;
};

/* What only the split layout keeps (virtqueue_split.c). */
struct vq_split_state {
	uint16_t published;		/* avail->idx as of the last kick */
	/*
	 * The descriptor links (free list and chains) as the driver keeps them:
	 * the device can write the ring's "next" fields, so the kernel writes
	 * them from here and never walks them.
	 */
	uint16_t *links;
	/*
	 * VIRTIO_F_IN_ORDER (2.7.9): descriptors are taken in ring order, and
	 * one used element may stand for a batch of chains: the chains of the
	 * batch still to hand out, the last one's id and its used length.
	 */
	bool in_order;
	uint16_t batch_left;
	uint16_t batch_id;
	uint32_t batch_length;
	/*
	 * Flags added to a ring descriptor that refers to an indirect table,
	 * for tests: the device must ignore VRING_DESC_F_WRITE there (2.7.5.3.2).
	 */
	uint16_t indirect_extra_flags;
};

struct virtqueue {
	struct virtio_device *dev;
	uint16_t index;
	uint16_t size;
	bool packed;			/* VIRTIO_F_RING_PACKED negotiated (2.8) */
	/* What the transport hands the device: 2.6's three areas. */
	uint64_t desc_area, driver_area, device_area;
	/* The split ring (2.7). */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	/* The packed ring (2.8). */
	struct vq_packed_ring packed_ring;
	struct vq_split_state split;
	struct vq_chain_state *chains;	/* by buffer id: the head descriptor for split */
	uint16_t free_head;
	uint16_t free_count;
	uint16_t next_avail;		/* our copy of avail->idx */
	uint16_t last_used;		/* used->idx we have consumed up to */
	uint16_t outstanding;		/* chains the device still holds */
	uint16_t msix_vector;		/* VIRTIO_MSI_NO_VECTOR when none */
	uintptr_t notify_address;	/* where the transport notifies */
	volatile uint32_t interrupts;	/* used-buffer notifications received */
	uint32_t notifications_sent;	/* available-buffer notifications we sent */
	uint32_t last_notification;	/* the value the last one carried (2.9) */
	char error[160];
};

enum vq_result {
	VQ_USED,	/* a used buffer was returned */
	VQ_EMPTY,	/* nothing new in the used ring */
	VQ_TIMEOUT,	/* nothing within the time given */
	VQ_BAD,		/* the device broke a rule: see vq->error */
	VQ_DEVICE_ERROR,	/* 1.x: it set DEVICE_NEEDS_RESET while the driver waited (2.1) */
};

/*
 * Allocates the three rings for queue @index with @size entries (a power
 * of two, at most the device's maximum) and hands them to the device.
 * Returns NULL, with *@why set, on failure.
 */
struct virtqueue *vq_create(struct virtio_device *dev, uint16_t index, uint16_t size,
			    const char **why);
/*
 * Makes @count buffers available as one chain (2.7.13 / 2.8.21). With
 * @indirect_from in 0..count-1, buffers[indirect_from..] are described by
 * one indirect table that the chain ends with (VIRTIO_F_INDIRECT_DESC);
 * -1: direct descriptors only. @buffers must stay valid until the chain
 * comes back: the readable ones are checked then for writes by the device.
 * Returns 0, or -1 if the ring has too little room or the request is
 * impossible (indirect without the feature).
 */
int vq_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		   int indirect_from, void *token);
/* Returns 0, or -1 if the ring has too few free descriptors. */
int vq_add_chain(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		 void *token);
/*
 * Publishes the added chains and notifies the device unless it asked not
 * to: VRING_USED_F_NO_NOTIFY, or with VIRTIO_F_EVENT_IDX avail_event
 * (2.7.10).
 */
void vq_kick(struct virtqueue *vq);
/*
 * Sends the last available-buffer notification again, with nothing new
 * to announce: the device must handle such spurious notifications
 * (2.7.10). Returns false when no notification was sent yet.
 */
bool vq_notify_again(struct virtqueue *vq);
/*
 * The next used buffer, checked (see the top of this file). With
 * VIRTIO_F_IN_ORDER one used element may stand for a batch (2.7.9): its
 * chains come back one call at a time, oldest first, the skipped ones
 * with their whole device-writable length.
 */
enum vq_result vq_get_used(struct virtqueue *vq, void **token, uint32_t *length);
/*
 * vq_get_used() until a buffer comes, @timeout_ms pass (VQ_TIMEOUT), or a
 * 1.x device gives up with DEVICE_NEEDS_RESET (VQ_DEVICE_ERROR, looked
 * at once a millisecond while waiting).
 */
enum vq_result vq_wait_used(struct virtqueue *vq, uint32_t timeout_ms,
			    void **token, uint32_t *length);
/* Waits until more than @seen used-buffer interrupts arrived. */
bool vq_wait_interrupt(struct virtqueue *vq, uint32_t seen, uint32_t timeout_ms);
/*
 * Counts one used-buffer interrupt on every live queue of @dev: for the
 * interrupts that do not say which queue they are for (the PCI ISR queue
 * bit, virtio-mmio InterruptStatus bit 0), so whichever queue a waiter
 * watches sees it.
 */
void vq_count_interrupt_on_every_queue(struct virtio_device *dev);

/*
 * Used-buffer notification suppression (2.7.7, 2.8.10): ask the device
 * not to interrupt (a hint it SHOULD follow), or to interrupt again.
 */
void vq_set_interrupts(struct virtqueue *vq, bool enabled);
/*
 * VIRTIO_F_EVENT_IDX (2.7.7, 2.8.10): ask for an interrupt once the used
 * index passes @used_idx (split: used_event; packed: a descriptor event).
 */
void vq_set_used_event(struct virtqueue *vq, uint16_t used_idx);

/*
 * VIRTIO_F_RING_RESET (2.6.1): resets queue @vq alone through its
 * transport and waits up to @timeout_ms for the reset to complete. On
 * success the queue is gone from its device (vq_create() re-enables the
 * index with new rings, 2.6.1.2); on failure vq->error says why (the
 * feature is not negotiated, the transport cannot, or the device did not
 * complete the reset) and the queue is left as it is.
 */
bool vq_reset(struct virtqueue *vq, uint32_t timeout_ms);

/*
 * The split ring's used->idx and used->flags as numbers, read once from
 * the ring in the device's byte order (little-endian for 1.x, guest-native
 * for legacy: 2.7 and its legacy notes), for tests that look at the ring
 * behind the driver's back.
 */
uint16_t vq_used_idx(const struct virtqueue *vq);
uint16_t vq_used_flags(const struct virtqueue *vq);

#endif
