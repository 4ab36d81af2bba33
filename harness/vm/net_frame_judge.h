/*
 * The verdict of net-frame-from-guest (docs/host-actions.md), shared by the
 * harness (host_action_net.c) and the reference machine (ref_net.c) so that
 * both answer alike: the frame the guest sent against the one it described.
 */
#ifndef VCTS_NET_FRAME_JUDGE_H
#define VCTS_NET_FRAME_JUDGE_H

#include <stdio.h>

#include "guest-kernel/lib/net_frame.h"

/* "ok" when @frame is the frame of @seed and @bytes bytes, else "differs"; @msg says how. */
static inline const char *net_frame_judge(const uint8_t *frame, uint32_t length, uint32_t bytes,
					  uint32_t seed, char *msg, size_t msg_size)
{
	static const uint8_t device[6] = NET_FRAME_DEVICE_MAC, peer[6] = NET_FRAME_PEER_MAC;
	uint32_t at;

	if (length != bytes) {
		snprintf(msg, msg_size, "the frame from the guest has %u bytes, not %u", length,
			 bytes);
		return "differs";
	}
	at = net_frame_first_difference(frame, length, peer, device, seed);
	if (at < length) {
		snprintf(msg, msg_size, "byte %u of the %u-byte frame is %#x, not %#x", at, length,
			 frame[at], net_frame_byte(peer, device, seed, at));
		return "differs";
	}
	snprintf(msg, msg_size, "the %u-byte frame of seed %u arrived intact", length, seed);
	return "ok";
}

#endif
