/*
 * The reference device's side of a packed virtqueue (2.8): taking a list
 * of descriptors (or one indirect table), writing used descriptors with
 * the device's wrap counter, and the Driver Event Suppression structure
 * (2.8.10).
 */
#include "tests/reference/ref_queue_internal.h"

static struct ref_packed_desc load_desc(uint64_t address)
{
	struct ref_packed_desc d;

	memcpy(&d, ref_guest(address), sizeof(d));
	d.addr = le64_to_cpu(d.addr);
	d.len = le32_to_cpu(d.len);
	d.id = le16_to_cpu(d.id);
	d.flags = le16_to_cpu(d.flags);
	return d;
}

static uint64_t slot_address(const struct ref_queue *q, uint16_t slot)
{
	return q->desc_area + sizeof(struct ref_packed_desc) * slot;
}

static uint16_t slot_flags(const struct ref_queue *q, uint16_t slot)
{
	return ref_load16(slot_address(q, slot) + 14);
}

/* 2.8.1: available when AVAIL matches the wrap counter and USED does not. */
static bool available(uint16_t flags, bool wrap)
{
	return !!(flags & REF_PACKED_F_AVAIL) == wrap && !!(flags & REF_PACKED_F_USED) != wrap;
}

bool ref_packed_more(const struct ref_queue *q)
{
	return available(slot_flags(q, q->avail_slot), q->avail_wrap);
}

/*
 * 2.8.7: the whole table is one list; only WRITE means something in it,
 * and a list is either direct descriptors or one indirect one (2.8.19).
 */
static bool take_indirect(struct ref_device *dev, struct ref_queue *q,
			  const struct ref_packed_desc *table_desc, struct ref_chain *chain)
{
	uint32_t entries = table_desc->len / sizeof(struct ref_packed_desc);
	uint64_t table;

	if (!ref_negotiated(dev, VIRTIO_F_INDIRECT_DESC))
		return ref_driver_error(dev, "INDIRECT without VIRTIO_F_INDIRECT_DESC", 0);
	if (table_desc->flags & REF_DESC_F_NEXT)
		return ref_driver_error(dev, "both INDIRECT and NEXT set", table_desc->flags);
	if (!entries || table_desc->len % sizeof(struct ref_packed_desc))
		return ref_driver_error(dev, "indirect table length not a multiple of 16",
					table_desc->len);
	if (chain->count)
		return ref_driver_error(dev, "a list mixing direct and indirect descriptors", 0);
	if (dev->fault == REF_FAULT_INDIRECT_WRITE_FLAG_HONOURED &&
	    (table_desc->flags & REF_DESC_F_WRITE))
		return ref_stall(q);
	if (!ref_bus_to_host(dev, table_desc->addr, table_desc->len, &table))
		return false;
	chain->indirect_table = table;
	chain->indirect_bytes = table_desc->len;
	for (uint32_t i = 0; i < entries; i++) {
		struct ref_packed_desc d = load_desc(table + sizeof(d) * i);

		if (!ref_add_segment(dev, chain, d.addr, d.len, d.flags & REF_DESC_F_WRITE))
			return false;
	}
	return true;
}

bool ref_packed_take(struct ref_device *dev, struct ref_queue *q, struct ref_chain *chain)
{
	uint16_t slot = q->avail_slot, first_id = 0;
	bool wrap = q->avail_wrap;

	if (!available(slot_flags(q, slot), wrap))
		return false;
	dma_rmb();	/* the rest of the list after the first flags (2.8.21) */
	chain->slots = 0;
	for (uint32_t n = 0;; n++) {
		struct ref_packed_desc d;

		if (n >= q->size)
			return ref_driver_error(dev, "a list longer than the ring", n);
		d = load_desc(slot_address(q, slot));
		if (!available(d.flags, wrap))
			return ref_driver_error(dev, "a list with a descriptor not available", slot);
		if (!n)
			first_id = d.id;
		if (d.flags & REF_DESC_F_INDIRECT) {
			if (!take_indirect(dev, q, &d, chain))
				return false;
		} else if (!ref_add_segment(dev, chain, d.addr, d.len, d.flags & REF_DESC_F_WRITE)) {
			return false;
		}
		chain->slots++;
		if (++slot == q->size) {
			slot = 0;
			wrap = !wrap;
		}
		if (!(d.flags & REF_DESC_F_NEXT)) {
			/* 2.8.6: the buffer id is in the last descriptor of the list. */
			chain->id = dev->fault == REF_FAULT_PACKED_ID_FROM_FIRST ? first_id : d.id;
			break;
		}
	}
	q->avail_slot = slot;
	q->avail_wrap = wrap;
	return true;
}

void ref_packed_write_used(struct ref_device *dev, uint16_t queue, uint16_t id,
			   uint32_t length, uint16_t flags, uint16_t slots)
{
	struct ref_queue *q = &dev->queues[queue];
	uint64_t desc = slot_address(q, q->used_slot);

	ref_store16(desc + 12, id);
	ref_store32(desc + 8, length);
	dma_wmb();	/* id and len before the flags that publish them (2.8.21) */
	ref_store16(desc + 14, flags);
	dma_mb();
	for (uint16_t i = 0; i < slots; i++) {
		if (++q->used_slot == q->size) {
			q->used_slot = 0;
			q->used_wrap = !q->used_wrap;
		}
	}
}

/* 2.8.1: a used descriptor has AVAIL == USED == the device's wrap counter. */
uint16_t ref_packed_used_flags(const struct ref_device *dev, const struct ref_queue *q,
			       uint32_t length)
{
	uint16_t flags = length ? REF_DESC_F_WRITE : 0;
	bool avail = q->used_wrap, used = q->used_wrap;

	if (dev->fault == REF_FAULT_PACKED_WRONG_WRAP)
		avail = used = !q->used_wrap;
	else if (dev->fault == REF_FAULT_PACKED_AVAIL_USED_DIFFER)
		avail = !q->used_wrap;
	return (uint16_t)(flags | (avail ? REF_PACKED_F_AVAIL : 0) | (used ? REF_PACKED_F_USED : 0));
}

/*
 * Marks the slot the driver fills next, which it has not made available,
 * as used (REF_FAULT_PACKED_WRITES_FREE_SLOT, against 2.8.15).
 */
void ref_packed_mark_free_slot(struct ref_device *dev, uint16_t queue)
{
	struct ref_queue *q = &dev->queues[queue];

	if (!available(slot_flags(q, q->avail_slot), q->avail_wrap))
		ref_store16(slot_address(q, q->avail_slot) + 14,
			    q->avail_wrap ? REF_PACKED_F_AVAIL | REF_PACKED_F_USED : 0);
}

/*
 * 2.8.10: ENABLE notifies, DISABLE does not, DESC (with EVENT_IDX) when
 * the descriptor it names was used. Positions count over two laps
 * (ref_queue.c) so that the event compares by subtraction.
 */
bool ref_packed_notification_wanted(struct ref_device *dev, struct ref_queue *q,
				    uint32_t before)
{
	uint32_t now = q->used_slot + (q->used_wrap ? 0u : q->size);
	uint16_t flags = ref_load16(q->driver_area + REF_EVENT_FLAGS);

	/* A fault: once disabled, events stay off whatever the driver writes later. */
	q->events_disabled |= flags == REF_EVENT_DISABLE;
	if (dev->fault == REF_FAULT_PACKED_EVENT_DISABLE_STICKS && q->events_disabled)
		return false;
	switch (flags) {
	case REF_EVENT_DISABLE:
		return false;
	case REF_EVENT_DESC:
		if (ref_negotiated(dev, VIRTIO_F_EVENT_IDX)) {
			uint16_t off_wrap = ref_load16(q->driver_area + REF_EVENT_OFF_WRAP);
			uint32_t event = (off_wrap & 0x7fffu) + (off_wrap >> 15 ? 0u : q->size);

			return ref_need_event(dev, event, now, before, 2u * q->size);
		}
		return true;
	default:
		return true;
	}
}
