/*
 * The packed virtqueue (2.8), driver side: one descriptor ring that both
 * sides write, a Driver and a Device Event Suppression structure. Nothing
 * the device writes is followed before it is checked:
 *  - the slot where the next used descriptor belongs (vq->last_used)
 *    counts as used only with AVAIL == USED == the device's wrap counter
 *    (2.8.1); "still available" is the only other state it may be in;
 *  - its id is in range and outstanding, its length fits, the buffer's
 *    device-readable bytes and indirect table are unchanged
 *    (vq_used_element_valid, 2.8.7);
 *  - the device skips as many descriptors as the chain had (2.8.6), and
 *    leaves alone every descriptor it skipped, already marked used, or
 *    was never given (2.8.15): the slots the driver does not hold out to
 *    the device are compared with what it last saw there at every poll.
 * A device that breaks one of these gets VQ_BAD with the rule in vq->error.
 */
#include "lib/alloc.h"
#include "lib/fnv.h"
#include "lib/kernel.h"
#include "virtio/virtqueue_internal.h"

#define AVAIL_USED	(VIRTQ_DESC_F_AVAIL | VIRTQ_DESC_F_USED)
#define OFFSET_MASK	((1u << RING_EVENT_WRAP_SHIFT) - 1)

static uint16_t read16(const uint16_t *field)
{
	return le16_to_cpu(*(const volatile uint16_t *)field);
}

static uint32_t read32(const uint32_t *field)
{
	return le32_to_cpu(*(const volatile uint32_t *)field);
}

/* Positions are free-running (virtqueue_packed.h); sizes are powers of two. */
static uint16_t slot_of(const struct virtqueue *vq, uint16_t position)
{
	return position & (uint16_t)(vq->size - 1);
}

/* The ring wrap counter of a position: 1 in the first round (2.8.1). */
static bool wrap_of(const struct virtqueue *vq, uint16_t position)
{
	return !((position / vq->size) & 1);
}

/* An available descriptor: AVAIL = the wrap counter, USED its inverse (2.8.1). */
static uint16_t available_bits(bool wrap)
{
	return wrap ? VIRTQ_DESC_F_AVAIL : VIRTQ_DESC_F_USED;
}

/* A used descriptor: both equal to the wrap counter. */
static uint16_t used_bits(bool wrap)
{
	return wrap ? AVAIL_USED : 0;
}

static uint16_t slot_flags(const struct virtqueue *vq, uint16_t slot)
{
	return read16(&vq->packed_ring.desc[slot].flags);
}

bool packed_allocate(struct virtqueue *vq)
{
	struct vq_packed_ring *ring = &vq->packed_ring;
	uint16_t size = vq->size;

	if (vq->dev->legacy) {
		vq_fail(vq, "packed virtqueues need the 1.x interface (VIRTIO_F_VERSION_1)");
		return false;
	}
	/* 2.8.10.1: the ring aligned to 16, each event structure to 4; zeroed (2.8.13). */
	ring->desc = alloc_zeroed(sizeof(struct pvirtq_desc) * size, 16);
	ring->driver_event = alloc_zeroed(sizeof(struct pvirtq_event_suppress), 4);
	ring->device_event = alloc_zeroed(sizeof(struct pvirtq_event_suppress), 4);
	ring->free_ids = alloc_zeroed(sizeof(uint16_t) * size, 2);
	ring->order = alloc_zeroed(sizeof(uint16_t) * size, 2);
	ring->slot_state = alloc_zeroed(size, 1);
	ring->slot_flags = alloc_zeroed(sizeof(uint16_t) * size, 2);
	ring->table_entries = alloc_zeroed(sizeof(uint16_t) * size, 2);
	ring->table_hash = alloc_zeroed(sizeof(uint32_t) * size, 4);
	if (!ring->desc || !ring->driver_event || !ring->device_event || !ring->free_ids ||
	    !ring->order || !ring->slot_state || !ring->slot_flags || !ring->table_entries ||
	    !ring->table_hash)
		return false;
	/* From the top down, so that the first buffer gets id 0. */
	for (uint16_t i = 0; i < size; i++)
		ring->free_ids[i] = (uint16_t)(size - 1 - i);
	ring->free_id_count = size;
	ring->in_order = virtio_has_feature(vq->dev, VIRTIO_F_IN_ORDER);
	vq->free_count = size;
	vq->desc_area = virtio_dma_address(vq->dev, ring->desc, sizeof(struct pvirtq_desc) * size);
	vq->driver_area = virtio_dma_address(vq->dev, ring->driver_event,
					     sizeof(struct pvirtq_event_suppress));
	vq->device_area = virtio_dma_address(vq->dev, ring->device_event,
					     sizeof(struct pvirtq_event_suppress));
	return true;
}

/* A descriptor's address field for @size bytes at @pointer (2.8.13: le64). */
static uint64_t descriptor_address(const struct virtqueue *vq, const void *pointer, size_t size)
{
	return cpu_to_le64(virtio_dma_address(vq->dev, pointer, size));
}

/* Buffer @id's indirect table with room for @count entries, kept for its next chains. */
static struct pvirtq_desc *indirect_table(struct virtqueue *vq, uint16_t id, int count)
{
	struct vq_chain_state *chain = &vq->chains[id];

	if (!chain->indirect_table || chain->indirect_capacity < count) {
		chain->indirect_table = alloc_zeroed(sizeof(struct pvirtq_desc) * (size_t)count, 16);
		chain->indirect_capacity = chain->indirect_table ? (uint16_t)count : 0;
	}
	return chain->indirect_table;
}

static uint32_t table_hash(const struct pvirtq_desc *table, uint16_t entries)
{
	return fnv1a32_update(FNV1A32_INIT, table, sizeof(*table) * entries);
}

/* Fills buffer @id's indirect table (2.8.7): WRITE is its only flag, ids are reserved. */
static struct pvirtq_desc *fill_table(struct virtqueue *vq, uint16_t id,
				      const struct vq_buffer *buffers, int count)
{
	struct pvirtq_desc *table = indirect_table(vq, id, count);

	if (!table)
		return NULL;
	for (int i = 0; i < count; i++) {
		table[i] = (struct pvirtq_desc){
			.address = descriptor_address(vq, buffers[i].address, buffers[i].length),
			.length = cpu_to_le32(buffers[i].length),
			.flags = cpu_to_le16(buffers[i].device_writable ? VRING_DESC_F_WRITE : 0),
		};
	}
	vq->packed_ring.table_entries[id] = (uint16_t)count;
	vq->packed_ring.table_hash[id] = table_hash(table, (uint16_t)count);
	return table;
}

/*
 * 2.8.21.1: each descriptor gets the buffer's address, length, id and the
 * AVAIL/USED bits of its position; the head's flags are written last,
 * after a write barrier, so the device never sees part of a chain.
 */
int packed_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		       int indirect_from, void *token)
{
	struct vq_packed_ring *ring = &vq->packed_ring;
	const struct pvirtq_desc *table = NULL;
	uint16_t first = vq->next_avail, head_flags = 0, descriptors, id;

	if (indirect_from > 0) {
		/* 2.8.19: no descriptor with INDIRECT in a list linked by NEXT. */
		vq_fail(vq, "packed rings forbid a chain that ends in an indirect descriptor");
		return -1;
	}
	descriptors = indirect_from == 0 ? 1 : (uint16_t)count;
	/* 2.8.17: a list no longer than the queue, and room for all of it first. */
	if (count > vq->size || descriptors > vq->free_count || !ring->free_id_count)
		return -1;
	id = ring->free_ids[ring->free_id_count - 1];
	ring->table_entries[id] = 0;
	if (indirect_from == 0 && !(table = fill_table(vq, id, buffers, count)))
		return -1;
	ring->free_id_count--;
	for (uint16_t i = 0; i < descriptors; i++) {
		uint16_t position = (uint16_t)(first + i), slot = slot_of(vq, position);
		struct pvirtq_desc *desc = &ring->desc[slot];
		uint16_t flags = available_bits(wrap_of(vq, position));
		bool last = i + 1 == descriptors;

		if (table) {
			desc->address = descriptor_address(vq, table, sizeof(*table) * (size_t)count);
			desc->length = cpu_to_le32((uint32_t)(sizeof(*table) * (size_t)count));
			flags |= VRING_DESC_F_INDIRECT;
		} else {
			desc->address = descriptor_address(vq, buffers[i].address, buffers[i].length);
			desc->length = cpu_to_le32(buffers[i].length);
			flags |= (buffers[i].device_writable ? VRING_DESC_F_WRITE : 0) |
				 (last ? 0 : VRING_DESC_F_NEXT);
		}
		desc->id = cpu_to_le16(last || !ring->id_in_last_only ? id : VQ_PACKED_NOT_LAST_ID);
		ring->slot_state[slot] = VQ_SLOT_GIVEN;
		if (i)
			desc->flags = cpu_to_le16(flags);
		else
			head_flags = flags;
	}
	vq_chain_start(vq, id, token, buffers, count, descriptors);
	if (ring->in_order)
		ring->order[slot_of(vq, (uint16_t)(ring->order_head + vq->outstanding - 1))] = id;
	vq->next_avail = (uint16_t)(first + descriptors);
	vq->free_count = (uint16_t)(vq->free_count - descriptors);
	dma_wmb();
	ring->desc[slot_of(vq, first)].flags = cpu_to_le16(head_flags);
	return 0;
}

/*
 * VIRTIO_F_EVENT_IDX (2.8.10): was the descriptor at @off_wrap made
 * available among positions [@old, @new)? vring_need_event() with the
 * event placed in the round of @new or the one before it.
 */
static bool event_reached(const struct virtqueue *vq, uint16_t off_wrap, uint16_t old,
			  uint16_t new)
{
	uint16_t event = (uint16_t)(new - slot_of(vq, new) + (off_wrap & OFFSET_MASK));

	if ((bool)(off_wrap >> RING_EVENT_WRAP_SHIFT) != wrap_of(vq, new))
		event = (uint16_t)(event - vq->size);
	return (uint16_t)(new - event - 1) < (uint16_t)(new - old);
}

/*
 * 2.8.21.2: after a full barrier, the Device Event Suppression structure
 * says whether to notify: ENABLE yes, DISABLE no, DESC (EVENT_IDX) when
 * the descriptor it names was among those just made available. Anything
 * else is counted and notified: a notification too many does no harm.
 */
void packed_kick(struct virtqueue *vq)
{
	struct vq_packed_ring *ring = &vq->packed_ring;
	uint16_t old = ring->kicked_at, new = vq->next_avail, flags, off_wrap;
	bool notify = true;

	ring->kicked_at = new;
	dma_mb();
	flags = read16(&ring->device_event->flags);
	dma_rmb();		/* the device writes off_wrap before flags */
	off_wrap = read16(&ring->device_event->off_wrap);
	ring->device_event_flags = flags;
	ring->device_event_off_wrap = off_wrap;
	if (flags == RING_EVENT_FLAGS_DISABLE)
		notify = false;
	else if (flags == RING_EVENT_FLAGS_DESC &&
		 virtio_has_feature(vq->dev, VIRTIO_F_EVENT_IDX) &&
		 (off_wrap & OFFSET_MASK) < vq->size)
		notify = event_reached(vq, off_wrap, old, new);
	else if (flags != RING_EVENT_FLAGS_ENABLE)
		ring->device_event_invalid++;
	if (notify)
		vq_notify(vq, slot_of(vq, new), wrap_of(vq, new));
	else
		ring->kicks_suppressed++;
}

/* Is slot @slot, which the device does not hold, as the driver last saw it? */
static bool slot_unchanged(struct virtqueue *vq, uint16_t slot)
{
	const struct vq_packed_ring *ring = &vq->packed_ring;
	uint16_t flags = slot_flags(vq, slot) & AVAIL_USED, was = ring->slot_flags[slot];

	if (flags == was)
		return true;
	if (ring->slot_state[slot] == VQ_SLOT_SKIPPED)
		vq_fail(vq, "the device wrote descriptor %u (AVAIL/USED %#x, was %#x) that it "
			"had to skip as part of a used chain (2.8.6)", slot, flags, was);
	else if (ring->slot_state[slot] == VQ_SLOT_USED)
		vq_fail(vq, "the device changed descriptor %u (AVAIL/USED %#x, was %#x) after "
			"marking it used (2.8.15)", slot, flags, was);
	else
		vq_fail(vq, "the device wrote descriptor %u (AVAIL/USED %#x), which the driver "
			"has not made available (2.8.15)", slot, flags);
	return false;
}

/* Every slot the device does not hold (2.8.15): checked at every poll. */
static bool free_slots_unchanged(struct virtqueue *vq)
{
	for (uint16_t i = 0; i < vq->free_count; i++) {
		if (!slot_unchanged(vq, slot_of(vq, (uint16_t)(vq->next_avail + i))))
			return false;
	}
	return true;
}

/*
 * Buffer @id as it comes back: the common checks (id, length, readable
 * bytes), then its indirect table, which the device only reads (2.8.7).
 */
static bool buffer_valid(struct virtqueue *vq, uint16_t id, uint32_t length)
{
	const struct vq_packed_ring *ring = &vq->packed_ring;

	if (!vq_used_element_valid(vq, id, length))
		return false;
	if (ring->table_entries[id] &&
	    table_hash(vq->chains[id].indirect_table, ring->table_entries[id]) !=
	    ring->table_hash[id]) {
		vq_fail(vq, "the device wrote into the indirect table of buffer %u (2.8.7)", id);
		return false;
	}
	return true;
}

/*
 * How many buffers and descriptors the used descriptor of buffer @id
 * stands for: its chain, or with IN_ORDER every buffer made available
 * up to it (2.8.8), each checked like @id.
 */
static bool used_span(struct virtqueue *vq, uint16_t id, uint16_t *buffers,
		      uint16_t *descriptors)
{
	const struct vq_packed_ring *ring = &vq->packed_ring;

	*buffers = 1;
	*descriptors = vq->chains[id].descriptors;
	if (!ring->in_order)
		return true;
	*descriptors = 0;
	for (uint16_t i = 0; i < vq->outstanding; i++) {
		uint16_t other = ring->order[slot_of(vq, (uint16_t)(ring->order_head + i))];

		*descriptors = (uint16_t)(*descriptors + vq->chains[other].descriptors);
		if (other == id) {
			*buffers = (uint16_t)(i + 1);
			return true;
		}
		if (!buffer_valid(vq, other, 0))
			return false;
	}
	vq_fail(vq, "buffer %u is outstanding but not in the order it was made available", id);
	return false;
}

/*
 * The slots after a used descriptor that it stands for hold what the
 * driver wrote there: the device writes its next used descriptor after
 * them (2.8.6, 2.8.8), never into them.
 */
static bool skipped_slots_untouched(struct virtqueue *vq, uint16_t position,
				    uint16_t descriptors, uint16_t id)
{
	for (uint16_t i = 1; i < descriptors; i++) {
		uint16_t at = (uint16_t)(position + i), slot = slot_of(vq, at);
		uint16_t flags = slot_flags(vq, slot) & AVAIL_USED;

		if (flags != available_bits(wrap_of(vq, at))) {
			vq_fail(vq, "the device wrote descriptor %u (AVAIL/USED %#x), one of the %u "
				"that buffer %u's used descriptor at %u stands for (2.8.6)",
				slot, flags, descriptors, id, slot_of(vq, position));
			return false;
		}
	}
	return true;
}

/* Buffer @id is back: its id is free again. */
static void *finish(struct virtqueue *vq, uint16_t id)
{
	struct vq_packed_ring *ring = &vq->packed_ring;

	vq->chains[id].outstanding = false;
	vq->outstanding--;
	ring->free_ids[ring->free_id_count++] = id;
	if (ring->in_order)
		ring->order_head++;
	return vq->chains[id].token;
}

/* The next buffer of an IN_ORDER batch, oldest first (2.8.8). */
static enum vq_result next_of_batch(struct virtqueue *vq, void **token, uint32_t *length)
{
	struct vq_packed_ring *ring = &vq->packed_ring;
	uint16_t id = ring->order[slot_of(vq, ring->order_head)];

	/* The buffers it skipped count as used completely (2.8.8). */
	ring->batch_left--;
	*length = ring->batch_left ? vq->chains[id].writable_bytes : ring->batch_length;
	*token = finish(vq, id);
	return VQ_USED;
}

/* Records the slots a used descriptor stood for, as the driver now sees them. */
static void record_used(struct virtqueue *vq, uint16_t position, uint16_t descriptors)
{
	struct vq_packed_ring *ring = &vq->packed_ring;

	for (uint16_t i = 0; i < descriptors; i++) {
		uint16_t at = (uint16_t)(position + i), slot = slot_of(vq, at);

		ring->slot_state[slot] = i ? VQ_SLOT_SKIPPED : VQ_SLOT_USED;
		ring->slot_flags[slot] = i ? available_bits(wrap_of(vq, at)) :
					     used_bits(wrap_of(vq, at));
	}
}

enum vq_result packed_get_used(struct virtqueue *vq, void **token, uint32_t *length)
{
	struct vq_packed_ring *ring = &vq->packed_ring;
	uint16_t position = vq->last_used, slot = slot_of(vq, position);
	const struct pvirtq_desc *desc = &ring->desc[slot];
	bool wrap = wrap_of(vq, position);
	uint16_t flags, id, buffers, descriptors;
	uint32_t used_length;

	if (ring->batch_left)
		return next_of_batch(vq, token, length);
	if (!free_slots_unchanged(vq))
		return VQ_BAD;
	if (!vq->outstanding)
		return VQ_EMPTY;
	flags = slot_flags(vq, slot);
	if ((flags & AVAIL_USED) == available_bits(wrap))
		return VQ_EMPTY;
	if ((flags & AVAIL_USED) != used_bits(wrap)) {
		vq_fail(vq, "descriptor %u reads AVAIL %u USED %u: used needs both equal to the "
			"device's wrap counter %u (2.8.1)", slot, !!(flags & VIRTQ_DESC_F_AVAIL),
			!!(flags & VIRTQ_DESC_F_USED), wrap);
		return VQ_BAD;
	}
	dma_rmb();		/* the rest of the descriptor after its flags */
	id = read16(&desc->id);
	used_length = read32(&desc->length);
	if (!buffer_valid(vq, id, used_length) || !used_span(vq, id, &buffers, &descriptors) ||
	    !skipped_slots_untouched(vq, position, descriptors, id))
		return VQ_BAD;
	record_used(vq, position, descriptors);
	/* 2.8.3, 2.8.4: WRITE in a used descriptor says the device wrote data. */
	if (used_length && !(flags & VRING_DESC_F_WRITE))
		ring->used_without_write_flag++;
	ring->last = (struct vq_packed_used_record){
		.position = position, .flags = flags, .id = id, .length = used_length,
		.wrap = wrap, .descriptors = descriptors, .buffers = buffers,
	};
	vq->last_used = (uint16_t)(position + descriptors);
	vq->free_count = (uint16_t)(vq->free_count + descriptors);
	if (buffers > 1) {
		ring->batch_left = buffers;
		ring->batch_length = used_length;
		return next_of_batch(vq, token, length);
	}
	*length = used_length;
	*token = finish(vq, id);
	return VQ_USED;
}

/* 2.8.10: ENABLE or DISABLE in the Driver Event Suppression structure. */
void packed_set_interrupts(struct virtqueue *vq, bool enabled)
{
	vq->packed_ring.driver_event->flags =
		cpu_to_le16(enabled ? RING_EVENT_FLAGS_ENABLE : RING_EVENT_FLAGS_DISABLE);
	dma_mb();
}

/*
 * 2.8.10 with VIRTIO_F_EVENT_IDX: a used-buffer notification once the
 * descriptor at free-running position @used_idx is used (with one
 * descriptor per buffer: once used buffer number @used_idx is, as with
 * split rings). off_wrap first, then the flags that make it count.
 */
void packed_set_used_event(struct virtqueue *vq, uint16_t used_idx)
{
	struct pvirtq_event_suppress *event = vq->packed_ring.driver_event;

	if (!virtio_has_feature(vq->dev, VIRTIO_F_EVENT_IDX)) {
		vq_fail(vq, "descriptor events need VIRTIO_F_EVENT_IDX (2.8.10)");
		return;
	}
	event->off_wrap = cpu_to_le16((uint16_t)(slot_of(vq, used_idx) |
				      (uint16_t)wrap_of(vq, used_idx) << RING_EVENT_WRAP_SHIFT));
	dma_wmb();
	event->flags = cpu_to_le16(RING_EVENT_FLAGS_DESC);
	dma_mb();
}
