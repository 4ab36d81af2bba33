/*
 * What the virtio-net tests share: opening the device, checks of a
 * request's outcome that report the caller's file and line, and the
 * frames exchanged with the harness, the device's only network peer
 * (docs/host-actions.md: net-frame-to-guest, net-frame-from-guest).
 */
#ifndef VCTS_TESTS_NET_H
#define VCTS_TESTS_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/net.h"
#include "lib/net_frame.h"
#include "lib/test.h"

/* Features that only describe the device: every test asks for these. */
#define NET_FEATURES_BASIC						\
	((1ull << VIRTIO_NET_F_MAC) | (1ull << VIRTIO_NET_F_STATUS) |	\
	 (1ull << VIRTIO_NET_F_MTU) | (1ull << VIRTIO_NET_F_SPEED_DUPLEX))
/* And the control queue with the commands the control tests send. */
#define NET_FEATURES_CONTROL						\
	(NET_FEATURES_BASIC | (1ull << VIRTIO_NET_F_CTRL_VQ) |		\
	 (1ull << VIRTIO_NET_F_CTRL_RX) | (1ull << VIRTIO_NET_F_CTRL_VLAN) |	\
	 (1ull << VIRTIO_NET_F_GUEST_ANNOUNCE) | (1ull << VIRTIO_NET_F_CTRL_MAC_ADDR))

/* What receive buffers start out as, so that bytes never written show. */
#define NET_RX_POISON		0xa5

/* Sets @dev up with @features; on failure fails the test with the reason. */
#define net_test_open(dev, features, net) \
	net_test_open_at(__FILE__, __LINE__, dev, features, net)
bool net_test_open_at(const char *file, int line, struct virtio_device *dev,
		      uint64_t features, struct net_device *net);

/* Checks that a request the test describes as @what came back usable. */
#define net_check_done(net, result, what) \
	net_check_done_at(__FILE__, __LINE__, net, result, what)
bool net_check_done_at(const char *file, int line, struct net_device *net,
		       enum net_result result, const char *what);

/*
 * A control command that should be acknowledged with VIRTIO_NET_OK:
 * checks both that it completes and the ack, under @clause.
 */
#define net_check_command_ok(net, class, command, data, length, clause, what) \
	net_check_command_ok_at(__FILE__, __LINE__, net, class, command, data, length, \
				clause, what)
bool net_check_command_ok_at(const char *file, int line, struct net_device *net,
			     uint8_t class, uint8_t command, const void *data,
			     uint32_t length, const char *clause, const char *what);

/*
 * Transmits the frame of @bytes and @seed from the device's address to the
 * harness (lib/net_frame.h) and checks that it is used with used length 0
 * (nothing in it is writable, 2.7.8). False when it did not complete.
 */
bool net_test_send_frame(struct net_device *net, uint32_t bytes, uint32_t seed);

/*
 * A host action with `bytes` and `seed` fields on @net's device
 * (host_request_done): false when the test skipped; *@differs and @msg
 * say what the harness saw.
 */
bool net_test_host_frame(struct net_device *net, const char *action, uint32_t bytes,
			 uint32_t seed, bool *differs, char *msg, uint32_t msg_size);

/*
 * Receives packets until one carrying the harness's ethertype arrives
 * (into @packet) or test_timeout_ms() pass; other frames are logged and
 * dropped. Receive buffers must be posted. NET_TIMEOUT when none came.
 */
enum net_result net_test_receive_ours(struct net_device *net, struct net_packet *packet);

/*
 * The harness sends the frame of @bytes and @seed to the device and it is
 * received into @packet (net_test_receive_ours). False when the test
 * skipped or failed (recorded); true with the packet, not yet judged.
 */
bool net_test_frame_to_guest(struct net_device *net, uint32_t bytes, uint32_t seed,
			     struct net_packet *packet);

/* Checks that @packet holds exactly the frame of @bytes and @seed sent to the device. */
void net_test_check_frame(const struct net_packet *packet, uint32_t bytes, uint32_t seed);

#endif
