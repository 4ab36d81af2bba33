/*
 * The split virtqueue (2.7): descriptor table, available ring, used ring.
 * Legacy devices get the 0.9.5 layout (one block) and guest-native byte
 * order; 1.x devices three separately aligned little-endian areas.
 */
#include "lib/alloc.h"
#include "lib/kernel.h"
#include "virtio/virtqueue_internal.h"

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
	size_t used_offset = align_up(avail_offset + sizeof(struct vring_avail) + 2 * size + 2, align);
	size_t total = used_offset + sizeof(struct vring_used) +
		       sizeof(struct vring_used_element) * size + 2;
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
	vq->avail = alloc_zeroed(sizeof(struct vring_avail) + 2u * size + 2, 2);
	vq->used = alloc_zeroed(sizeof(struct vring_used) +
				sizeof(struct vring_used_element) * size + 2, 4);
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
	for (uint16_t i = 0; i + 1 < vq->size; i++)
		vq->desc[i].next = to_ring16(vq, (uint16_t)(i + 1));
	vq->free_count = vq->size;
	vq->desc_area = dma_address(vq->desc);
	vq->driver_area = dma_address(vq->avail);
	vq->device_area = dma_address(vq->used);
	return true;
}

int split_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		      int indirect_from, void *token)
{
	uint16_t head = vq->free_head, id = head, last = head;

	if (indirect_from >= 0)
		return -1;	/* indirect tables: not built yet */
	if (count <= 0 || count > vq->free_count)
		return -1;
	for (int i = 0; i < count; i++) {
		struct vring_desc *desc = &vq->desc[id];
		uint16_t flags = buffers[i].device_writable ? VRING_DESC_F_WRITE : 0;

		if (i + 1 < count)
			flags |= VRING_DESC_F_NEXT;
		desc->address = to_ring64(vq, dma_address(buffers[i].address));
		desc->length = to_ring32(vq, buffers[i].length);
		desc->flags = to_ring16(vq, flags);
		last = id;
		id = from_ring16(vq, desc->next);
	}
	vq->free_head = from_ring16(vq, vq->desc[last].next);
	vq->free_count = (uint16_t)(vq->free_count - count);
	vq_chain_start(vq, head, token, buffers, count, (uint16_t)count);
	vq->avail->ring[vq->next_avail % vq->size] = to_ring16(vq, head);
	vq->next_avail++;
	return 0;
}

void split_kick(struct virtqueue *vq)
{
	/* Ring entries before the index (2.7.13), index before the flags read. */
	dma_wmb();
	vq->avail->idx = to_ring16(vq, vq->next_avail);
	dma_mb();
	if (!(from_ring16(vq, vq->used->flags) & VRING_USED_F_NO_NOTIFY)) {
		vq->dev->ops->queue_notify(vq->dev, vq);
		vq->notifications_sent++;
	}
}

/* Returns the descriptors of chain @head to the free list. */
static void free_chain(struct virtqueue *vq, uint16_t head)
{
	uint16_t id = head, count = vq->chains[head].descriptors;

	for (uint16_t i = 1; i < count; i++)
		id = from_ring16(vq, vq->desc[id].next);
	vq->desc[id].next = to_ring16(vq, vq->free_head);
	vq->free_head = head;
	vq->free_count = (uint16_t)(vq->free_count + count);
	vq->chains[head].outstanding = false;
	vq->outstanding--;
}

enum vq_result split_get_used(struct virtqueue *vq, void **token, uint32_t *length)
{
	uint16_t used_idx = from_ring16(vq, vq->used->idx);
	uint16_t pending = (uint16_t)(used_idx - vq->last_used);
	struct vring_used_element element;
	uint32_t id;

	if (!pending)
		return VQ_EMPTY;
	if (pending > vq->outstanding) {
		vq_fail(vq, "used idx moved from %u to %u with only %u buffers outstanding",
			vq->last_used, used_idx, vq->outstanding);
		return VQ_BAD;
	}
	dma_rmb();		/* the element is read after the index */
	element = vq->used->ring[vq->last_used % vq->size];
	id = from_ring32(vq, element.id);
	*length = from_ring32(vq, element.length);
	if (!vq_used_element_valid(vq, id, *length))
		return VQ_BAD;
	*token = vq->chains[id].token;
	vq->last_used++;
	free_chain(vq, (uint16_t)id);
	return VQ_USED;
}

void split_set_interrupts(struct virtqueue *vq, bool enabled)
{
	vq->avail->flags = to_ring16(vq, enabled ? 0 : VRING_AVAIL_F_NO_INTERRUPT);
	dma_mb();
}

/* used_event sits after the available ring's entries (2.7.6). */
void split_set_used_event(struct virtqueue *vq, uint16_t used_idx)
{
	vq->avail->ring[vq->size] = to_ring16(vq, used_idx);
	dma_mb();
}
