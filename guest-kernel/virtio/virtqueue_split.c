/*
 * The split virtqueue (2.7): descriptor table, available ring, used ring.
 * Legacy devices get the 0.9.5 layout (one block) and guest-native byte
 * order; 1.x devices three separately aligned little-endian areas. With
 * the ring features: indirect tables (2.7.5.3), event indexes (2.7.7,
 * 2.7.10) and in-order use (2.7.9).
 */
#include "lib/alloc.h"
#include "lib/fnv.h"
#include "lib/kernel.h"
#include "virtio/virtqueue_internal.h"

/* Entries of a head's first indirect table; it doubles when a chain needs more. */
#define INDIRECT_MIN_CAPACITY 8

/*
 * Ring fields are little-endian for 1.x devices and guest-native for
 * legacy ones (2.7 and its Legacy Interface notes).
 */
static uint16_t to_ring16(const struct virtqueue *vq, uint16_t v)
{
	return vq->dev->legacy ? v : cpu_to_le16(v);
}

static uint32_t to_ring32(const struct virtqueue *vq, uint32_t v)
{
	return vq->dev->legacy ? v : cpu_to_le32(v);
}

static uint64_t to_ring64(const struct virtqueue *vq, uint64_t v)
{
	return vq->dev->legacy ? v : cpu_to_le64(v);
}

static uint16_t from_ring16(const struct virtqueue *vq, uint16_t v)
{
	return vq->dev->legacy ? v : le16_to_cpu(v);
}

static uint32_t from_ring32(const struct virtqueue *vq, uint32_t v)
{
	return vq->dev->legacy ? v : le32_to_cpu(v);
}

/* 2.7.6, 2.7.8: flags, idx, the ring and used_event / avail_event. */
static size_t avail_ring_bytes(uint16_t size)
{
	return sizeof(struct vring_avail) + 2u * size + 2;
}

static size_t used_ring_bytes(uint16_t size)
{
	return sizeof(struct vring_used) + sizeof(struct vring_used_element) * size + 2;
}

static size_t align_up(size_t value, size_t alignment)
{
	return (value + alignment - 1) & ~(alignment - 1);
}

/*
 * Legacy layout (2.7.2): descriptors, then the available ring, then the
 * used ring at the next multiple of the transport's alignment, in one
 * page-aligned block that the device finds from a single page number.
 */
static bool allocate_legacy_layout(struct virtqueue *vq)
{
	size_t size = vq->size, align = vq->dev->legacy_queue_align;
	size_t avail_offset = sizeof(struct vring_desc) * size;
	size_t used_offset = align_up(avail_offset + avail_ring_bytes(vq->size), align);
	size_t total = used_offset + used_ring_bytes(vq->size);
	/* The device aligns the used ring in guest-physical addresses. */
	uint8_t *block = alloc_zeroed(total, align > 4096 ? align : 4096);

	if (!block)
		return false;
	vq->desc = (struct vring_desc *)block;
	vq->avail = (struct vring_avail *)(block + avail_offset);
	vq->used = (struct vring_used *)(block + used_offset);
	return true;
}

static bool allocate_modern_layout(struct virtqueue *vq)
{
	uint16_t size = vq->size;

	/* Alignments from 2.7: descriptors 16, available 2, used 4. */
	vq->desc = alloc_zeroed(sizeof(struct vring_desc) * size, 16);
	vq->avail = alloc_zeroed(avail_ring_bytes(size), 2);
	vq->used = alloc_zeroed(used_ring_bytes(size), 4);
	return vq->desc && vq->avail && vq->used;
}

bool split_allocate(struct virtqueue *vq)
{
	uint32_t align = vq->dev->legacy_queue_align;

	if (vq->dev->legacy) {
		if (!align || (align & (align - 1)) || !allocate_legacy_layout(vq))
			return false;
	} else if (!allocate_modern_layout(vq)) {
		return false;
	}
	/*
	 * Every descriptor links to the next, the last to 0: the free list
	 * of the general case, and for IN_ORDER the ring order its chains
	 * must use, "next" being x + 1 and 0 at the end (2.7.5.2).
	 */
	vq->split.links = alloc_zeroed(sizeof(uint16_t) * vq->size, 2);
	if (!vq->split.links)
		return false;
	for (uint16_t i = 0; i + 1 < vq->size; i++) {
		vq->split.links[i] = (uint16_t)(i + 1);
		vq->desc[i].next = to_ring16(vq, (uint16_t)(i + 1));
	}
	vq->free_count = vq->size;
	vq->split.in_order = virtio_has_feature(vq->dev, VIRTIO_F_IN_ORDER);
	vq->desc_area = virtio_dma_address(vq->dev, vq->desc, sizeof(struct vring_desc) * vq->size);
	vq->driver_area = virtio_dma_address(vq->dev, vq->avail, avail_ring_bytes(vq->size));
	vq->device_area = virtio_dma_address(vq->dev, vq->used, used_ring_bytes(vq->size));
	return true;
}

/* used_event follows the available ring's entries, avail_event the used ring's. */
static volatile uint16_t *used_event_field(struct virtqueue *vq)
{
	return &vq->avail->ring[vq->size];
}

static volatile uint16_t *avail_event_field(struct virtqueue *vq)
{
	return (volatile uint16_t *)&vq->used->ring[vq->size];
}

/*
 * A hash of what the driver wrote for chain @head: its ring descriptors
 * and its indirect table, walked through the driver's own links: a device
 * that rewrote a "next" field changes the hash but cannot steer the walk.
 */
static uint32_t chain_descriptor_hash(struct virtqueue *vq, uint16_t head)
{
	const struct vq_chain_state *chain = &vq->chains[head];
	uint32_t hash = FNV1A32_INIT;
	uint16_t id = head;

	for (uint16_t i = 0; i < chain->descriptors; i++) {
		hash = fnv1a32_update(hash, &vq->desc[id], sizeof(vq->desc[id]));
		id = vq->split.links[id];
	}
	if (chain->indirect_entries)
		hash = fnv1a32_update(hash, chain->indirect_table,
				      sizeof(struct vring_desc) * chain->indirect_entries);
	return hash;
}

static void write_descriptor(const struct virtqueue *vq, struct vring_desc *desc,
			     const struct vq_buffer *buffer, bool more)
{
	uint16_t flags = buffer->device_writable ? VRING_DESC_F_WRITE : 0;

	if (more)
		flags |= VRING_DESC_F_NEXT;
	desc->address = to_ring64(vq, virtio_dma_address(vq->dev, buffer->address, buffer->length));
	desc->length = to_ring32(vq, buffer->length);
	desc->flags = to_ring16(vq, flags);
}

/*
 * The indirect table of @head with room for @entries, allocated on the
 * first use of the head and grown (never shrunk) when a chain needs more.
 */
static struct vring_desc *indirect_table_for(struct virtqueue *vq, uint16_t head,
					     uint16_t entries)
{
	struct vq_chain_state *chain = &vq->chains[head];
	uint32_t capacity = INDIRECT_MIN_CAPACITY;
	struct vring_desc *table;

	if (chain->indirect_capacity >= entries)
		return chain->indirect_table;
	while (capacity < entries)
		capacity *= 2;
	table = alloc_zeroed(sizeof(*table) * capacity, 16);
	if (!table)
		return NULL;
	chain->indirect_table = table;
	chain->indirect_capacity = (uint16_t)capacity;
	return table;
}

/*
 * Fills an indirect table: entry i chains to i + 1 (what IN_ORDER asks
 * for, 2.7.5.3.1), no entry has VRING_DESC_F_INDIRECT.
 */
static void fill_indirect_table(const struct virtqueue *vq, struct vring_desc *table,
				const struct vq_buffer *buffers, uint16_t entries)
{
	for (uint16_t i = 0; i < entries; i++) {
		write_descriptor(vq, &table[i], &buffers[i], i + 1 < entries);
		table[i].next = to_ring16(vq, i + 1 < entries ? (uint16_t)(i + 1) : 0);
	}
}

/* The ring descriptor that refers to a table: INDIRECT, never NEXT (2.7.5.3.1). */
static void write_table_descriptor(const struct virtqueue *vq, struct vring_desc *desc,
				   const struct vring_desc *table, uint16_t entries)
{
	desc->address = to_ring64(vq, virtio_dma_address(vq->dev, table, sizeof(*table) * entries));
	desc->length = to_ring32(vq, (uint32_t)sizeof(*table) * entries);
	desc->flags = to_ring16(vq, VRING_DESC_F_INDIRECT | vq->split.indirect_extra_flags);
}

/*
 * 2.7.13: the chain's descriptors, then its head in the available ring.
 * With @indirect_from >= 0 the chain is buffers[0..indirect_from) as
 * normal descriptors followed by one that refers to a table holding the
 * rest. The whole chain is at most queue size long (2.7.5.3.1).
 */
int split_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		      int indirect_from, void *token)
{
	bool indirect = indirect_from >= 0;
	int direct = indirect ? indirect_from : count;
	uint16_t slots = (uint16_t)(direct + indirect), entries = (uint16_t)(count - direct);
	uint16_t head = vq->free_head, id = head, last = head;
	struct vring_desc *table = NULL;

	if (count <= 0 || count > vq->size || slots > vq->free_count)
		return -1;
	if (indirect) {
		table = indirect_table_for(vq, head, entries);
		if (!table)
			return -1;
		fill_indirect_table(vq, table, buffers + direct, entries);
	}
	for (uint16_t i = 0; i < slots; i++) {
		if (indirect && i == direct)
			write_table_descriptor(vq, &vq->desc[id], table, entries);
		else
			write_descriptor(vq, &vq->desc[id], &buffers[i], i + 1 < slots);
		vq->desc[id].next = to_ring16(vq, vq->split.links[id]);
		last = id;
		id = vq->split.links[id];
	}
	vq->free_head = vq->split.links[last];
	vq->free_count = (uint16_t)(vq->free_count - slots);
	vq_chain_start(vq, head, token, buffers, count, slots);
	vq->chains[head].indirect_entries = indirect ? entries : 0;
	vq->chains[head].descriptor_hash = chain_descriptor_hash(vq, head);
	vq->avail->ring[vq->next_avail % vq->size] = to_ring16(vq, head);
	vq->next_avail++;
	return 0;
}

/*
 * 2.7.10: without EVENT_IDX, notify unless the device set NO_NOTIFY; with
 * it, when the new entries cross avail_event (vring_need_event()).
 */
static bool notification_needed(struct virtqueue *vq, uint16_t old_idx, uint16_t new_idx)
{
	uint16_t event;

	if (!virtio_has_feature(vq->dev, VIRTIO_F_EVENT_IDX))
		return !(from_ring16(vq, vq->used->flags) & VRING_USED_F_NO_NOTIFY);
	event = from_ring16(vq, *avail_event_field(vq));
	return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old_idx);
}

void split_kick(struct virtqueue *vq)
{
	uint16_t old_idx = vq->split.published, new_idx = vq->next_avail;

	/* Ring entries before the index (2.7.13), index before the flags read. */
	dma_wmb();
	vq->avail->idx = to_ring16(vq, new_idx);
	vq->split.published = new_idx;
	dma_mb();
	/* next_off: the 15 low bits of the index; next_wrap: bit 15 (2.9). */
	if (notification_needed(vq, old_idx, new_idx))
		vq_notify(vq, new_idx & 0x7fff, new_idx >> 15);
}

/* Returns the descriptors of chain @head to the free list. */
static void free_chain(struct virtqueue *vq, uint16_t head)
{
	uint16_t id = head, count = vq->chains[head].descriptors;

	/* In order, the descriptors after the allocation point are free: no links to change. */
	if (!vq->split.in_order) {
		for (uint16_t i = 1; i < count; i++)
			id = vq->split.links[id];
		vq->split.links[id] = vq->free_head;
		vq->free_head = head;
	}
	vq->free_count = (uint16_t)(vq->free_count + count);
	vq->chains[head].outstanding = false;
	vq->outstanding--;
}

/* Checks chain @id as used with @length and hands it back to the caller. */
static enum vq_result hand_out(struct virtqueue *vq, uint32_t id, uint32_t length,
			       void **token, uint32_t *used_length)
{
	if (!vq_used_element_valid(vq, id, length))
		return VQ_BAD;
	if (chain_descriptor_hash(vq, (uint16_t)id) != vq->chains[id].descriptor_hash) {
		vq_fail(vq, "the device wrote into the descriptors of chain %u "
			"(2.7.5.1: it MUST NOT write to any descriptor table entry)", id);
		return VQ_BAD;
	}
	*token = vq->chains[id].token;
	*used_length = length;
	vq->last_used++;
	free_chain(vq, (uint16_t)id);
	return VQ_USED;
}

/* IN_ORDER: descriptors go in ring order, so the oldest chain starts after the free ones. */
static uint16_t oldest_head(const struct virtqueue *vq)
{
	return (uint16_t)((vq->free_head + vq->free_count) % vq->size);
}

/* The next chain of an IN_ORDER batch: the skipped ones count as wholly used (2.7.9). */
static enum vq_result next_of_batch(struct virtqueue *vq, void **token, uint32_t *length)
{
	uint16_t head = oldest_head(vq);
	bool last = --vq->split.batch_left == 0;

	return hand_out(vq, head, last ? vq->split.batch_length : vq->chains[head].writable_bytes,
			token, length);
}

/*
 * 2.7.9: with IN_ORDER, a used element names the last chain of a batch
 * that starts with the oldest outstanding one, and used idx moves by the
 * batch's size. A batch larger than the advance of used idx is out of
 * order.
 */
static enum vq_result start_batch(struct virtqueue *vq, uint32_t id, uint32_t length,
				  uint16_t pending, void **token, uint32_t *used_length)
{
	uint16_t head = oldest_head(vq), batch = 1;

	if (!vq_used_element_valid(vq, id, length))
		return VQ_BAD;
	while (head != id && batch < vq->outstanding) {
		head = (uint16_t)((head + vq->chains[head].descriptors) % vq->size);
		batch++;
	}
	if (head != id || batch > pending) {
		vq_fail(vq, "used element %u names chain %u: with VIRTIO_F_IN_ORDER that uses the "
			"%u oldest outstanding chains, but used idx advanced by %u "
			"(2.7.9 In-order use of descriptors)", vq->last_used, id, batch, pending);
		return VQ_BAD;
	}
	vq->split.batch_left = batch;
	vq->split.batch_id = (uint16_t)id;
	vq->split.batch_length = length;
	return next_of_batch(vq, token, used_length);
}

enum vq_result split_get_used(struct virtqueue *vq, void **token, uint32_t *length)
{
	uint16_t used_idx, pending;
	struct vring_used_element element;

	if (vq->split.batch_left)
		return next_of_batch(vq, token, length);
	used_idx = from_ring16(vq, vq->used->idx);
	pending = (uint16_t)(used_idx - vq->last_used);
	if (!pending)
		return VQ_EMPTY;
	if (pending > vq->outstanding) {
		vq_fail(vq, "used idx moved from %u to %u with only %u buffers outstanding",
			vq->last_used, used_idx, vq->outstanding);
		return VQ_BAD;
	}
	dma_rmb();		/* the element is read after the index */
	element = vq->used->ring[vq->last_used % vq->size];
	if (vq->split.in_order)
		return start_batch(vq, from_ring32(vq, element.id), from_ring32(vq, element.length),
				   pending, token, length);
	return hand_out(vq, from_ring32(vq, element.id), from_ring32(vq, element.length),
			token, length);
}

/*
 * 2.7.7: without EVENT_IDX the NO_INTERRUPT flag; with it the driver
 * MUST keep flags 0, so "no interrupts" is a used_event as far away as
 * it gets (the 65535th next buffer), and "interrupts" one at the next.
 */
void split_set_interrupts(struct virtqueue *vq, bool enabled)
{
	if (virtio_has_feature(vq->dev, VIRTIO_F_EVENT_IDX))
		*used_event_field(vq) = to_ring16(vq, (uint16_t)(vq->last_used - !enabled));
	else
		vq->avail->flags = to_ring16(vq, enabled ? 0 : VRING_AVAIL_F_NO_INTERRUPT);
	dma_mb();
}

void split_set_used_event(struct virtqueue *vq, uint16_t used_idx)
{
	*used_event_field(vq) = to_ring16(vq, used_idx);
	dma_mb();
}

uint16_t vq_used_idx(const struct virtqueue *vq)
{
	return from_ring16(vq, *(const volatile uint16_t *)&vq->used->idx);
}

uint16_t vq_used_flags(const struct virtqueue *vq)
{
	return from_ring16(vq, *(const volatile uint16_t *)&vq->used->flags);
}
