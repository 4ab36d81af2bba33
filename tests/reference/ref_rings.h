/*
 * Ring layouts as the specification defines them (2.7 split, 2.8
 * packed), for the device side. Deliberately not the kernel's own
 * structures: a layout mistake on one side must not be cancelled by the
 * same mistake on the other.
 */
#ifndef VCTS_REF_RINGS_H
#define VCTS_REF_RINGS_H

#include <stdint.h>

/* 2.7.5 The Virtqueue Descriptor Table */
struct ref_split_desc {
	uint64_t addr;		/* le64 */
	uint32_t len;		/* le32 */
	uint16_t flags;		/* le16 */
	uint16_t next;		/* le16 */
};

#define REF_DESC_F_NEXT		1
#define REF_DESC_F_WRITE	2
#define REF_DESC_F_INDIRECT	4

/* 2.7.6 The Virtqueue Available Ring: flags, idx, ring[size], used_event */
#define REF_AVAIL_FLAGS(size)		0
#define REF_AVAIL_IDX			2
#define REF_AVAIL_RING(i)		(4 + 2 * (uint32_t)(i))
#define REF_AVAIL_USED_EVENT(size)	REF_AVAIL_RING(size)
#define REF_AVAIL_F_NO_INTERRUPT	1

/* 2.7.8 The Virtqueue Used Ring: flags, idx, ring[size] of {id, len}, avail_event */
#define REF_USED_FLAGS			0
#define REF_USED_IDX			2
#define REF_USED_RING(i)		(4 + 8 * (uint32_t)(i))
#define REF_USED_AVAIL_EVENT(size)	REF_USED_RING(size)

/* 2.8.13 Packed Virtqueue Descriptor */
struct ref_packed_desc {
	uint64_t addr;		/* le64 */
	uint32_t len;		/* le32 */
	uint16_t id;		/* le16 */
	uint16_t flags;		/* le16 */
};

#define REF_PACKED_F_AVAIL	(1u << 7)
#define REF_PACKED_F_USED	(1u << 15)

/* 2.8.14 Event Suppression Structure: le16 off_wrap, le16 flags */
#define REF_EVENT_OFF_WRAP	0
#define REF_EVENT_FLAGS		2
#define REF_EVENT_ENABLE	0
#define REF_EVENT_DISABLE	1
#define REF_EVENT_DESC		2

#endif
