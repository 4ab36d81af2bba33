/*
 * The reference device's queues, whatever their layout: taking available
 * buffers, marking them used (one at a time, or in IN_ORDER batches),
 * used buffer notifications, and the ring faults, applied here so that
 * every device type has them. The layouts are in ref_split.c (2.7) and
 * ref_packed.c (2.8).
 *
 * The driver is not trusted either: a malformed ring stops the device
 * and is recorded in dev->driver_error (the fuzzer looks at it).
 */
#include <stdio.h>

#include "tests/reference/ref_queue_internal.h"

/* The most buffers one used element stands for with IN_ORDER (a few: both forms occur). */
#define REF_IN_ORDER_BATCH 4

bool ref_driver_error(struct ref_device *dev, const char *what, unsigned int value)
{
	snprintf(dev->driver_error, sizeof(dev->driver_error), "%s (%u)", what, value);
	return false;
}

bool ref_stall(struct ref_queue *q)
{
	q->stalled = true;
	return false;
}

bool ref_negotiated(const struct ref_device *dev, unsigned int bit)
{
	return bit < 64 && (dev->driver_features >> bit) & 1;
}

static bool packed(const struct ref_device *dev)
{
	return ref_negotiated(dev, VIRTIO_F_RING_PACKED);
}

bool ref_add_segment(struct ref_device *dev, struct ref_chain *chain, uint64_t address,
		     uint32_t length, bool writable)
{
	uint64_t host;

	if (!ref_bus_to_host(dev, address, length, &host))
		return false;
	if (chain->count == REF_MAX_SEGMENTS)
		return ref_driver_error(dev, "more descriptors in one buffer than the device takes",
					REF_MAX_SEGMENTS);
	/* 2.7.4.2 / 2.8.4: readable parts come before writable ones. */
	if (!writable && chain->writable_bytes)
		return ref_driver_error(dev, "a device-readable descriptor after a writable one",
					(unsigned int)chain->count);
	if ((writable ? chain->writable_bytes : chain->readable_bytes) > UINT32_MAX - length)
		return ref_driver_error(dev, "buffer longer than 4 GiB", length);
	chain->segments[chain->count++] = (struct ref_segment){
		.address = ref_guest(host), .length = length, .writable = writable,
	};
	if (writable)
		chain->writable_bytes += length;
	else
		chain->readable_bytes += length;
	return true;
}

bool ref_need_event(const struct ref_device *dev, uint32_t event, uint32_t new_pos,
		    uint32_t old_pos, uint32_t modulo)
{
	if (dev->fault == REF_FAULT_EVENT_IDX_OFF_BY_ONE)
		event++;
	event %= modulo;
	return (new_pos + 2 * modulo - event - 1) % modulo < (new_pos + modulo - old_pos) % modulo;
}

static bool more_available(const struct ref_device *dev, const struct ref_queue *q)
{
	return packed(dev) ? ref_packed_more(q) : ref_split_more(q);
}

bool ref_queue_more(struct ref_device *dev, uint16_t queue)
{
	const struct ref_queue *q = &dev->queues[queue];

	return q->enabled && more_available(dev, q);
}

bool ref_queue_take(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	struct ref_queue *q = &dev->queues[queue];
	bool taken;

	chain->count = 0;
	chain->readable_bytes = chain->writable_bytes = 0;
	chain->indirect_table = 0;
	chain->indirect_bytes = 0;
	if (!q->enabled || q->stalled || dev->driver_error[0])
		return false;
	taken = packed(dev) ? ref_packed_take(dev, q, chain) : ref_split_take(dev, q, chain);
	if (!taken)
		return false;
	if (dev->fault == REF_FAULT_SHORT_CHAINS_ONLY && chain->count > REF_SHORT_CHAIN)
		return ref_stall(q);
	if (chain->id < REF_QUEUE_MAX_SIZE)
		q->held[chain->id] = true;
	return true;
}

/*
 * An id in range that is not the head of any buffer the device holds: the
 * next one up that is free (split: often a descriptor inside the chain).
 * Out of range only if every id is held, which a ring of one can be.
 */
static uint32_t id_not_outstanding(const struct ref_queue *q, const struct ref_chain *chain)
{
	for (uint32_t i = 1; i < q->size; i++) {
		uint32_t id = (chain->id + i) % q->size;

		if (id >= REF_QUEUE_MAX_SIZE || !q->held[id])
			return id;
	}
	return q->size;
}

/* Faults that write where the device must not: buffers and descriptors the driver owns. */
static void scribble(struct ref_device *dev, const struct ref_queue *q,
		     const struct ref_chain *chain)
{
	if (dev->fault == REF_FAULT_WRITES_READABLE) {
		for (int i = 0; i < chain->count; i++) {
			if (!chain->segments[i].writable && chain->segments[i].length) {
				chain->segments[i].address[0] ^= 0xff;
				return;
			}
		}
	}
	if (dev->fault != REF_FAULT_WRITES_DESCRIPTOR)
		return;
	/* 2.7.5.1: the device MUST NOT write to any descriptor table entry. */
	if (chain->indirect_bytes)
		((uint8_t *)ref_guest(chain->indirect_table))[8] ^= 0x01;
	else if (!packed(dev) && chain->id < q->size)
		((uint8_t *)ref_guest(q->desc_area + sizeof(struct ref_split_desc) * chain->id))[8] ^= 0x01;
}

void ref_queue_put_batch(struct ref_device *dev, uint16_t queue, const struct ref_chain *chain,
			 uint32_t length, uint16_t buffers, uint16_t slots)
{
	struct ref_queue *q = &dev->queues[queue];
	uint32_t id = chain->id;
	uint16_t step = buffers;

	switch (dev->fault) {
	case REF_FAULT_USED_ID_OUT_OF_RANGE:
		id = q->size;
		break;
	case REF_FAULT_USED_ID_NOT_OUTSTANDING:
		id = id_not_outstanding(q, chain);
		break;
	case REF_FAULT_USED_LEN_TOO_LARGE:
		length = chain->writable_bytes + 1;
		break;
	case REF_FAULT_USED_IDX_JUMPS:
		step = (uint16_t)(buffers + 1);
		break;
	case REF_FAULT_PACKED_WRONG_SKIP:
		slots = (uint16_t)(slots + 1);
		break;
	default:
		scribble(dev, q, chain);
		break;
	}
	q->used_count += buffers;
	if (chain->id < REF_QUEUE_MAX_SIZE)
		q->held[chain->id] = false;
	if (packed(dev)) {
		ref_packed_write_used(dev, queue, (uint16_t)id, length,
				      ref_packed_used_flags(dev, q, length), slots);
		if (dev->fault == REF_FAULT_PACKED_WRITES_FREE_SLOT)
			ref_packed_mark_free_slot(dev, queue);
		return;
	}
	ref_split_write_used(dev, queue, id, length, step);
	if (dev->fault == REF_FAULT_USED_TWICE)
		ref_split_write_used(dev, queue, id, length, 1);
}

void ref_queue_put(struct ref_device *dev, uint16_t queue, const struct ref_chain *chain,
		   uint32_t length)
{
	ref_queue_put_batch(dev, queue, chain, length, 1, chain->slots);
}

void ref_queue_interrupt(struct ref_device *dev, uint16_t queue)
{
	uint16_t entry = dev->queues[queue].msix_entry;

	if (dev->fault == REF_FAULT_MISSING_INTERRUPT)
		return;
	dev->interrupts_sent++;
	if (dev->on_notify) {
		dev->on_notify(dev, queue);
		return;
	}
	if (dev->msix_enabled) {
		/* 4.1.5.4: MSI-X to the queue's vector (a fault: the configuration's). */
		if (dev->fault == REF_FAULT_PCI_MSIX_QUEUE_ON_CONFIG_VECTOR)
			entry = dev->config_msix_entry;
		ref_device_send_msix(dev, entry);
		return;
	}
	/* Before the interrupt (4.1.4.5.1); a fault raises it with ISR status 0. */
	if (dev->fault != REF_FAULT_PCI_INTX_WITHOUT_QUEUE_BIT)
		dev->isr |= VIRTIO_ISR_QUEUE;
	ref_device_assert_line(dev);
}

/*
 * Where the next used element goes, as one number: the split used idx,
 * or the packed slot counted over two laps (the wrap counter is the lap's
 * parity, starting at 1), so that event offsets compare by subtraction.
 */
uint32_t ref_queue_used_mark(struct ref_device *dev, uint16_t queue)
{
	const struct ref_queue *q = &dev->queues[queue];

	if (!packed(dev))
		return q->used_idx;
	return q->used_slot + (q->used_wrap ? 0u : q->size);
}

void ref_queue_interrupt_if_wanted(struct ref_device *dev, uint16_t queue, uint32_t before)
{
	struct ref_queue *q = &dev->queues[queue];
	bool wanted = dev->fault == REF_FAULT_IGNORES_SUPPRESSION ||
		      (packed(dev) ? ref_packed_notification_wanted(dev, q, before) :
				     ref_split_notification_wanted(dev, q, before));

	if (wanted)
		ref_queue_interrupt(dev, queue);
}

/*
 * Marks the buffers of one step used. Normally each as it is served; with
 * IN_ORDER several under one used element (2.7.9, 2.8.8: the buffers it
 * hides must have been used completely); with the faults that mix up
 * buffers, two at a time swapped.
 */
struct used_batch {
	uint16_t buffers, slots;	/* IN_ORDER: buffers not marked used yet */
	bool holding;			/* pairs: one buffer waits for its partner */
	uint32_t held_length;
	struct ref_chain held;		/* the waiting one, or the batch's latest */
};

static void use(struct ref_device *dev, uint16_t queue, struct used_batch *batch,
		const struct ref_chain *chain, uint32_t length)
{
	struct ref_queue *q = &dev->queues[queue];
	bool pairs = dev->fault == REF_FAULT_USED_ID_SWAPPED || dev->fault == REF_FAULT_OUT_OF_ORDER;

	if (pairs) {
		if (!batch->holding && more_available(dev, q)) {
			batch->held = *chain;
			batch->held_length = length;
			batch->holding = true;
		} else if (!batch->holding) {
			ref_queue_put(dev, queue, chain, length);
		} else if (dev->fault == REF_FAULT_USED_ID_SWAPPED) {
			ref_queue_put(dev, queue, &batch->held, length);
			ref_queue_put(dev, queue, chain, batch->held_length);
			batch->holding = false;
		} else {
			ref_queue_put(dev, queue, chain, length);
			ref_queue_put(dev, queue, &batch->held, batch->held_length);
			batch->holding = false;
		}
		return;
	}
	if (!ref_negotiated(dev, VIRTIO_F_IN_ORDER)) {
		ref_queue_put(dev, queue, chain, length);
		return;
	}
	batch->buffers++;
	batch->slots = (uint16_t)(batch->slots + chain->slots);
	if (length == chain->writable_bytes && batch->buffers < REF_IN_ORDER_BATCH &&
	    more_available(dev, q)) {
		if (chain->id < REF_QUEUE_MAX_SIZE)
			q->held[chain->id] = false;
		batch->held = *chain;
		return;
	}
	ref_queue_put_batch(dev, queue, chain, length, batch->buffers, batch->slots);
	batch->buffers = batch->slots = 0;
}

void ref_queue_process(struct ref_device *dev, uint16_t queue)
{
	struct ref_queue *q = &dev->queues[queue];
	uint32_t before = ref_queue_used_mark(dev, queue), used = 0;
	struct used_batch batch = { 0 };
	struct ref_chain chain;

	if (!q->enabled || dev->fault == REF_FAULT_IGNORES_NOTIFY)
		return;
	/* At most a ring's worth per step: a step must end. */
	while (used < q->size &&
	       (!dev->type->has_data || dev->type->has_data(dev, queue)) &&
	       ref_queue_take(dev, queue, &chain)) {
		use(dev, queue, &batch, &chain, dev->type->process(dev, queue, &chain));
		used++;
	}
	if (batch.holding)
		ref_queue_put(dev, queue, &batch.held, batch.held_length);
	else if (batch.buffers)	/* the step ended inside a batch: close it */
		ref_queue_put_batch(dev, queue, &batch.held, batch.held.writable_bytes,
				    batch.buffers, batch.slots);
	if (!packed(dev)) {
		/* 2.7.10: with EVENT_IDX, ask to be notified of the next buffer. */
		if (ref_negotiated(dev, VIRTIO_F_EVENT_IDX))
			ref_store16(q->device_area + REF_USED_AVAIL_EVENT(q->size), q->last_avail);
		if (dev->fault == REF_FAULT_USED_FLAGS_RESERVED)
			ref_store16(q->device_area + REF_USED_FLAGS, 2);
	} else if (dev->fault == REF_FAULT_PACKED_DEVICE_EVENT_RESERVED) {
		ref_store16(q->device_area + REF_EVENT_FLAGS, 3);	/* 0x3 is reserved */
	}
	if (used)
		ref_queue_interrupt_if_wanted(dev, queue, before);
}

uint32_t ref_chain_read(const struct ref_chain *chain, uint32_t offset, void *out,
			uint32_t length)
{
	uint8_t *to = out;
	uint32_t done = 0;

	for (int i = 0; i < chain->count && done < length; i++) {
		const struct ref_segment *s = &chain->segments[i];
		uint32_t n;

		if (s->writable)
			break;
		if (offset >= s->length) {
			offset -= s->length;
			continue;
		}
		n = s->length - offset < length - done ? s->length - offset : length - done;
		memcpy(to + done, s->address + offset, n);
		done += n;
		offset = 0;
	}
	return done;
}

uint32_t ref_chain_write(const struct ref_chain *chain, uint32_t offset, const void *in,
			 uint32_t length)
{
	const uint8_t *from = in;
	uint32_t done = 0;

	for (int i = 0; i < chain->count && done < length; i++) {
		const struct ref_segment *s = &chain->segments[i];
		uint32_t n;

		if (!s->writable)
			continue;
		if (offset >= s->length) {
			offset -= s->length;
			continue;
		}
		n = s->length - offset < length - done ? s->length - offset : length - done;
		memcpy(s->address + offset, from + done, n);
		done += n;
		offset = 0;
	}
	return done;
}
