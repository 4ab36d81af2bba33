/*
 * The reference device's side of a split virtqueue (2.7): taking a chain
 * from the available ring (direct descriptors, ending in at most one
 * indirect table), writing used elements, used buffer notification
 * suppression (2.7.7) and the notification data check (2.9).
 */
#include "tests/reference/ref_queue_internal.h"

static struct ref_split_desc load_desc(uint64_t address)
{
	struct ref_split_desc d;

	memcpy(&d, ref_guest(address), sizeof(d));
	d.addr = le64_to_cpu(d.addr);
	d.len = le32_to_cpu(d.len);
	d.flags = le16_to_cpu(d.flags);
	d.next = le16_to_cpu(d.next);
	return d;
}

/*
 * 2.7.5.3: an indirect table is a chain of its own, linked by next. The
 * WRITE flag of the descriptor that refers to it is ignored (2.7.5.3.2).
 */
static bool take_indirect(struct ref_device *dev, struct ref_queue *q,
			  const struct ref_split_desc *table_desc, struct ref_chain *chain)
{
	uint32_t entries = table_desc->len / sizeof(struct ref_split_desc), i = 0;
	uint32_t readable = chain->readable_bytes, writable = chain->writable_bytes;
	uint64_t table;

	if (!ref_negotiated(dev, VIRTIO_F_INDIRECT_DESC))
		return ref_driver_error(dev, "INDIRECT without VIRTIO_F_INDIRECT_DESC", 0);
	if (table_desc->flags & REF_DESC_F_NEXT)
		return ref_driver_error(dev, "both INDIRECT and NEXT set", table_desc->flags);
	if (!entries || table_desc->len % sizeof(struct ref_split_desc))
		return ref_driver_error(dev, "indirect table length not a multiple of 16",
					table_desc->len);
	if ((dev->fault == REF_FAULT_NO_INDIRECT_AFTER_DIRECT && chain->count) ||
	    (dev->fault == REF_FAULT_INDIRECT_WRITE_FLAG_HONOURED &&
	     (table_desc->flags & REF_DESC_F_WRITE)))
		return ref_stall(q);
	if (!ref_bus_to_host(dev, table_desc->addr, table_desc->len, &table))
		return false;
	chain->indirect_table = table;
	chain->indirect_bytes = table_desc->len;
	for (uint32_t n = 0;; n++) {
		struct ref_split_desc d;

		if (i >= entries || n >= entries)
			return ref_driver_error(dev, "indirect chain leaves its table or loops", i);
		d = load_desc(table + sizeof(d) * i);
		if (d.flags & REF_DESC_F_INDIRECT)
			return ref_driver_error(dev, "INDIRECT inside an indirect table", i);
		if (!ref_add_segment(dev, chain, d.addr, d.len, d.flags & REF_DESC_F_WRITE))
			return false;
		if (!(d.flags & REF_DESC_F_NEXT))
			break;
		i = d.next;
	}
	/* 2.7.5.3: "A single indirect descriptor table can include both". */
	if (dev->fault == REF_FAULT_INDIRECT_MIXED_REFUSED && chain->readable_bytes > readable &&
	    chain->writable_bytes > writable)
		return ref_stall(q);
	return true;
}

static bool gather(struct ref_device *dev, struct ref_queue *q, uint16_t head,
		   struct ref_chain *chain)
{
	uint16_t i = head;

	chain->id = head;
	chain->slots = 1;
	for (uint32_t n = 0;; n++) {
		struct ref_split_desc d;

		if (i >= q->size || n >= q->size)
			return ref_driver_error(dev, "descriptor chain leaves the table or loops", i);
		d = load_desc(q->desc_area + sizeof(d) * i);
		if (d.flags & REF_DESC_F_INDIRECT)
			return take_indirect(dev, q, &d, chain);
		if (!ref_add_segment(dev, chain, d.addr, d.len, d.flags & REF_DESC_F_WRITE))
			return false;
		if (!(d.flags & REF_DESC_F_NEXT))
			return true;
		i = d.next;
	}
}

bool ref_split_more(const struct ref_queue *q)
{
	return ref_load16(q->driver_area + REF_AVAIL_IDX) != q->last_avail;
}

bool ref_split_take(struct ref_device *dev, struct ref_queue *q, struct ref_chain *chain)
{
	uint16_t avail_idx = ref_load16(q->driver_area + REF_AVAIL_IDX);
	uint16_t pending = (uint16_t)(avail_idx - q->last_avail);
	uint16_t head;

	if (!pending)
		return false;
	if (pending > q->size)
		return ref_driver_error(dev, "available idx ahead by more than the queue size",
					pending);
	dma_rmb();	/* the ring entry after the index (2.7.13) */
	head = ref_load16(q->driver_area + REF_AVAIL_RING(q->last_avail % q->size));
	if (!gather(dev, q, head, chain))
		return false;
	q->last_avail++;
	return true;
}

void ref_split_write_used(struct ref_device *dev, uint16_t queue, uint32_t id,
			  uint32_t length, uint16_t idx_step)
{
	struct ref_queue *q = &dev->queues[queue];
	uint64_t element = q->device_area + REF_USED_RING(q->used_idx % q->size);
	uint16_t shown;

	ref_store32(element, id);
	ref_store32(element + 4, length);
	q->used_idx = (uint16_t)(q->used_idx + idx_step);
	dma_wmb();	/* the element before the index (2.7.14) */
	/* 2.7.8: idx wraps at 65536, not at the queue size as this fault has it. */
	shown = dev->fault == REF_FAULT_USED_IDX_WRAPS_AT_SIZE ? q->used_idx % q->size : q->used_idx;
	ref_store16(q->device_area + REF_USED_IDX, shown);
	dma_mb();
}

/*
 * 2.7.7.2: without EVENT_IDX, notify unless flags says NO_INTERRUPT (and
 * ignore used_event); with it, when the used idx passes used_event.
 */
bool ref_split_notification_wanted(struct ref_device *dev, const struct ref_queue *q,
				   uint32_t before)
{
	uint16_t used_event = ref_load16(q->driver_area + REF_AVAIL_USED_EVENT(q->size));
	bool crossed = ref_need_event(dev, used_event, q->used_idx, before, 0x10000);

	if (ref_negotiated(dev, VIRTIO_F_EVENT_IDX))
		return crossed;
	if (ref_load16(q->driver_area + REF_AVAIL_FLAGS(q->size)) & REF_AVAIL_F_NO_INTERRUPT)
		return false;
	return dev->fault != REF_FAULT_USED_EVENT_WITHOUT_FEATURE || crossed;
}

/*
 * VIRTIO_F_NOTIFICATION_DATA (2.9): in a split ring next_off and next_wrap
 * are the avail idx the driver has just published. (Packed rings: the
 * position is the driver's, which the device cannot see until it reads
 * that far; not checked.)
 */
void ref_queue_check_notification_data(struct ref_device *dev, uint16_t queue, uint32_t value)
{
	const struct ref_queue *q = &dev->queues[queue];

	if (!q->enabled || ref_negotiated(dev, VIRTIO_F_RING_PACKED))
		return;
	if ((uint16_t)(value >> 16) != ref_load16(q->driver_area + REF_AVAIL_IDX))
		ref_driver_error(dev, "notification data names another next_off/next_wrap than "
				 "avail idx", value >> 16);
}
