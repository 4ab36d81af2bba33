/*
 * The Ethernet frames that cross the host boundary of the net host actions
 * (docs/host-actions.md: net-frame-to-guest, net-frame-from-guest). Both
 * ends build them from a length and a seed, so neither sends the data over
 * the console: destination and source address, the ethertype 0x88b5 (IEEE
 * "local experimental"), and from byte 14 on pattern_byte(seed, 0, i).
 * Header only, shared by the test kernel, the harness and the reference
 * device like fnv.h.
 */
#ifndef VCTS_NET_FRAME_H
#define VCTS_NET_FRAME_H

#include <stdint.h>

#include "fnv.h"

#define NET_FRAME_ETHERTYPE	0x88b5u
#define NET_FRAME_HEADER	14u
#define NET_FRAME_MIN		60u	/* without the FCS */
#define NET_FRAME_LARGEST	1514u

/* The address the harness gives the device, and the harness's own (the peer). */
#define NET_FRAME_DEVICE_MAC	{ 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }
#define NET_FRAME_PEER_MAC	{ 0x52, 0x54, 0x00, 0x00, 0x00, 0x02 }

/* Byte @i of the frame of @seed from @src to @dst. */
static inline uint8_t net_frame_byte(const uint8_t dst[6], const uint8_t src[6], uint32_t seed,
				     uint32_t i)
{
	if (i < 6)
		return dst[i];
	if (i < 12)
		return src[i - 6];
	if (i == 12)
		return (uint8_t)(NET_FRAME_ETHERTYPE >> 8);
	if (i == 13)
		return (uint8_t)NET_FRAME_ETHERTYPE;
	return pattern_byte(seed, 0, i);
}

static inline void net_frame_build(uint8_t *frame, uint32_t length, const uint8_t dst[6],
				   const uint8_t src[6], uint32_t seed)
{
	for (uint32_t i = 0; i < length; i++)
		frame[i] = net_frame_byte(dst, src, seed, i);
}

/* The first offset where @frame differs from the frame it should be; @length if none. */
static inline uint32_t net_frame_first_difference(const uint8_t *frame, uint32_t length,
						  const uint8_t dst[6], const uint8_t src[6],
						  uint32_t seed)
{
	for (uint32_t i = 0; i < length; i++) {
		if (frame[i] != net_frame_byte(dst, src, seed, i))
			return i;
	}
	return length;
}

/* Whether @frame (of @length bytes) carries the ethertype of these frames. */
static inline int net_frame_is_ours(const uint8_t *frame, uint32_t length)
{
	return length >= NET_FRAME_HEADER && frame[12] == (uint8_t)(NET_FRAME_ETHERTYPE >> 8) &&
	       frame[13] == (uint8_t)NET_FRAME_ETHERTYPE;
}

#endif
