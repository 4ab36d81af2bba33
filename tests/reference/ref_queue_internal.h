/*
 * Between the ring-independent part of the reference device's queues
 * (ref_queue.c) and the two layouts (ref_split.c, ref_packed.c).
 */
#ifndef VCTS_REF_QUEUE_INTERNAL_H
#define VCTS_REF_QUEUE_INTERNAL_H

#include <string.h>

#include "tests/reference/ref_device.h"
#include "tests/reference/ref_rings.h"

/* The longest chain a device with REF_FAULT_SHORT_CHAINS_ONLY takes. */
#define REF_SHORT_CHAIN 4

static inline void *ref_guest(uint64_t address)
{
	return (void *)(uintptr_t)address;
}

/* Ring fields through memcpy: a bad driver address must not be a misaligned access. */
static inline uint16_t ref_load16(uint64_t address)
{
	uint16_t v;

	memcpy(&v, ref_guest(address), sizeof(v));
	return le16_to_cpu(v);
}

static inline void ref_store16(uint64_t address, uint16_t value)
{
	uint16_t v = cpu_to_le16(value);

	memcpy(ref_guest(address), &v, sizeof(v));
}

static inline void ref_store32(uint64_t address, uint32_t value)
{
	uint32_t v = cpu_to_le32(value);

	memcpy(ref_guest(address), &v, sizeof(v));
}

/* Records a malformed ring in dev->driver_error; returns false. */
bool ref_driver_error(struct ref_device *dev, const char *what, unsigned int value);
/* The device gives up on queue @q (faults that refuse valid chains); returns false. */
bool ref_stall(struct ref_queue *q);
/* Appends one descriptor's buffer to @chain, checking the driver's rules. */
bool ref_add_segment(struct ref_device *dev, struct ref_chain *chain, uint64_t address,
		     uint32_t length, bool writable);
/* vring_need_event() (2.7.10) in arithmetic modulo @modulo. */
bool ref_need_event(const struct ref_device *dev, uint32_t event, uint32_t new_pos,
		    uint32_t old_pos, uint32_t modulo);

bool ref_split_take(struct ref_device *dev, struct ref_queue *q, struct ref_chain *chain);
bool ref_split_more(const struct ref_queue *q);
bool ref_split_notification_wanted(struct ref_device *dev, const struct ref_queue *q,
				   uint32_t before);

bool ref_packed_take(struct ref_device *dev, struct ref_queue *q, struct ref_chain *chain);
bool ref_packed_more(const struct ref_queue *q);
void ref_packed_mark_free_slot(struct ref_device *dev, uint16_t queue);
uint16_t ref_packed_used_flags(const struct ref_device *dev, const struct ref_queue *q,
			       uint32_t length);
bool ref_packed_notification_wanted(struct ref_device *dev, struct ref_queue *q,
				    uint32_t before);

#endif
