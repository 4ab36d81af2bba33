/*
 * What the virtio-net tests share: opening the device, checks of a
 * request's outcome that report the caller's file and line, and the
 * ARP exchange with QEMU's user-mode network (slirp) that gives the
 * receive path a frame to carry without the harness.
 */
#ifndef VCTS_TESTS_NET_H
#define VCTS_TESTS_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/net.h"
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

/*
 * The user-mode network's addresses (QEMU `-netdev user`, slirp's
 * defaults): the guest is 10.0.2.15, the gateway 10.0.2.2 answers ARP.
 */
#define NET_GUEST_IP		0x0a00020fu
#define NET_GATEWAY_IP		0x0a000202u

#define ETH_HEADER_BYTES	14u
#define ETH_MIN_FRAME		60u	/* without FCS */
#define ETHERTYPE_ARP		0x0806u
#define ARP_BYTES		28u
#define ARP_REQUEST		1u
#define ARP_REPLY		2u
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

/* The MAC address the driver uses: mac from the configuration with VIRTIO_NET_F_MAC. */
void net_test_our_mac(const struct net_device *net, uint8_t mac[NET_MAC_BYTES]);

/* An ARP request from @mac / NET_GUEST_IP for @target_ip, padded to 60 bytes. */
uint32_t net_build_arp_request(uint8_t *frame, const uint8_t mac[NET_MAC_BYTES],
			       uint32_t target_ip);

/*
 * Whether @packet is the ARP reply of @from_ip to @mac / NET_GUEST_IP;
 * if not, *@why says what differs.
 */
bool net_is_arp_reply(const struct net_packet *packet, const uint8_t mac[NET_MAC_BYTES],
		      uint32_t from_ip, const char **why);

/*
 * Sends an ARP request for NET_GATEWAY_IP from @mac on transmitq1, then
 * receives packets until the reply comes (into @reply) or
 * test_timeout_ms() pass; other frames are logged and dropped. Receive
 * buffers must be posted. NET_DONE with the reply; otherwise the result
 * that ended the wait (NET_TIMEOUT: no reply), with net->error saying why.
 */
enum net_result net_test_arp_exchange(struct net_device *net, const uint8_t mac[NET_MAC_BYTES],
				      struct net_packet *reply);

#endif
