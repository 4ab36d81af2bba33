/*
 * Frames through virtio-net (5.1.6.2 - 5.1.6.4): transmission, and the
 * receive path with QEMU's user-mode network on the other side, which
 * answers an ARP request for its gateway 10.0.2.2. The harness runs the
 * device with `-netdev user,id=n0,restrict=on`: nothing leaves the host.
 */
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/net/net_tests.h"

/* Receive buffers posted by the tests. */
#define RX_BUFFERS		16
/* With MRG_RXBUF: small enough that an ARP reply needs more than one. */
#define RX_SMALL_BUFFER		32u

/*
 * A frame on transmitq1 behind a header of flags 0 and gso_type NONE
 * (Packet Transmission, 5.1.6.2) is used, with used length 0: the chain
 * has no device-writable bytes (2.7.8; the core rejects more). A short
 * frame (an ARP request padded to 60 bytes) and a full one of 1514 bytes
 * (a broadcast UDP datagram to the discard port that slirp drops).
 * Fails against a device that never returns transmit buffers (the
 * reference device; QEMU returns them even with the link down).
 */
VCTS_TEST(net_transmit_used, "devices.net.transmit_used", VIRTIO_ID_NET,
	  CLAUSE_NET_TX "|" CLAUSE_USED_RING)
{
	struct net_device net;
	uint8_t *frame = test_alloc(NET_FRAME_MAX, 64), mac[NET_MAC_BYTES];
	uint32_t used_len = 0xffffffffu, length;
	enum net_result result;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	net_test_our_mac(&net, mac);
	length = net_build_arp_request(frame, mac, NET_GATEWAY_IP);
	result = net_transmit(&net, frame, length, &used_len);
	if (net_check_done(&net, result, "the transmission of a 60-byte frame"))
		check_eq(used_len, 0, CLAUSE_USED_RING,
			 "the used length of a transmit buffer is 0: it has nothing writable");
	/* Ethernet broadcast, IPv4, UDP to port 9 of 255.255.255.255: 1514 bytes in all. */
	memset(frame, 0, NET_FRAME_MAX);
	memset(frame, 0xff, NET_MAC_BYTES);
	memcpy(frame + 6, mac, NET_MAC_BYTES);
	frame[12] = 0x08;
	frame[14] = 0x45;				/* IPv4, 20-byte header */
	frame[16] = (1500 >> 8) & 0xff;
	frame[17] = 1500 & 0xff;
	frame[22] = 64;					/* TTL */
	frame[23] = 17;					/* UDP */
	memset(frame + 30, 0xff, 4);			/* to 255.255.255.255 */
	frame[37] = 9;					/* discard */
	frame[38] = (1480 >> 8) & 0xff;
	frame[39] = 1480 & 0xff;
	for (uint32_t i = 42; i < NET_FRAME_MAX; i++)
		frame[i] = (uint8_t)(test_seed() + i);
	result = net_transmit(&net, frame, NET_FRAME_MAX, &used_len);
	if (net_check_done(&net, result, "the transmission of a 1514-byte frame"))
		check_eq(used_len, 0, CLAUSE_USED_RING,
			 "the used length of a transmit buffer is 0: it has nothing writable");
}

/* The header rules for a device that negotiated no receive offload (5.1.6.4.1). */
static void check_plain_header(struct net_device *net, const struct net_packet *packet)
{
	check_eq(packet->flags, 0, CLAUSE_NET_RX_PROCESSING,
		 "flags is 0: VIRTIO_NET_F_GUEST_CSUM is not negotiated");
	check_eq(packet->gso_type, VIRTIO_NET_HDR_GSO_NONE, CLAUSE_NET_RX_PROCESSING,
		 "gso_type is VIRTIO_NET_HDR_GSO_NONE: no GUEST_TSO4/TSO6/UFO negotiated");
	if (packet->has_num_buffers && !virtio_has_feature(net->dev, VIRTIO_NET_F_MRG_RXBUF))
		check_eq(packet->num_buffers, 1, CLAUSE_NET_RX_PROCESSING "|" CLAUSE_NET_RX_BUFFERS,
			 "num_buffers is 1 without VIRTIO_NET_F_MRG_RXBUF (0xa5a5 would be the "
			 "poison the buffer held: never written)");
}

/* The used lengths cover the header and the frame exactly. */
static void check_used_lengths(struct net_device *net, const struct net_packet *packet)
{
	uint32_t total = 0;

	for (uint16_t i = 0; i < packet->buffers; i++)
		total += packet->used_len[i];
	check_eq(total, net->hdr_size + packet->frame_length, CLAUSE_USED_RING,
		 "the used lengths (%u buffer(s)) add up to the %u-byte header and the %u-byte "
		 "frame", packet->buffers, net->hdr_size, packet->frame_length);
}

/*
 * The receive path without VIRTIO_NET_F_MRG_RXBUF: buffers of 1526 bytes
 * (5.1.6.3.1), an ARP request for 10.0.2.2, and its reply from slirp.
 * Processing of Incoming Packets (5.1.6.4.1): flags 0 without GUEST_CSUM,
 * gso_type NONE without GUEST_TSO*, num_buffers 1 without MRG_RXBUF (the
 * field exists whenever VERSION_1 is negotiated); one buffer per packet
 * (5.1.6.3.2). The frame is the reply addressed to the driver's MAC.
 * Fails without a user-mode network, or with one on another subnet
 * (-netdev user,net=10.9.9.0/24: no 10.0.2.2 to answer).
 */
VCTS_TEST(net_receive_arp_reply, "devices.net.receive_arp_reply", VIRTIO_ID_NET,
	  CLAUSE_NET_RX_PROCESSING "|" CLAUSE_NET_RX_BUFFERS "|" CLAUSE_USED_RING)
{
	struct net_device net;
	struct net_packet *reply = test_alloc(sizeof(*reply), 8);
	uint8_t mac[NET_MAC_BYTES];
	enum net_result result;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	net_test_our_mac(&net, mac);
	require(net_post_receive_buffers(&net, RX_BUFFERS, net.hdr_size + NET_FRAME_MAX,
					 NET_RX_POISON),
		net.error_clause, "receive buffers can be posted: %s", net.error);
	result = net_test_arp_exchange(&net, mac, reply);
	if (!net_check_done(&net, result, "an ARP request answered by a reply"))
		return;
	test_log("%s: ARP reply of %u bytes in %u buffer(s), num_buffers %u", dev->name,
		 reply->frame_length, reply->buffers, reply->num_buffers);
	check_plain_header(&net, reply);
	check_used_lengths(&net, reply);
}

/*
 * The receive path with VIRTIO_NET_F_MRG_RXBUF and buffers of 32 bytes,
 * at least the header as 5.1.6.3.1 requires: the reply does not fit one,
 * so the device spreads it over several (5.1.6.4.1): num_buffers says
 * how many, all of them are used together, all but the last completely
 * (the driver checks these while gathering). Fails against a device that
 * offers MRG_RXBUF and fills only the first buffer (the reference device).
 */
VCTS_TEST(net_receive_mergeable, "devices.net.receive_mergeable_buffers", VIRTIO_ID_NET,
	  CLAUSE_NET_RX_PROCESSING "|" CLAUSE_NET_RX_BUFFERS "|" CLAUSE_USED_RING)
{
	struct net_device net;
	struct net_packet *reply = test_alloc(sizeof(*reply), 8);
	uint8_t mac[NET_MAC_BYTES];
	enum net_result result;

	if (!net_test_open(dev, NET_FEATURES_BASIC | (1ull << VIRTIO_NET_F_MRG_RXBUF), &net))
		return;
	if (!virtio_has_feature(dev, VIRTIO_NET_F_MRG_RXBUF))
		skip("the device does not offer VIRTIO_NET_F_MRG_RXBUF");
	net_test_our_mac(&net, mac);
	require(net_post_receive_buffers(&net, RX_BUFFERS, RX_SMALL_BUFFER, NET_RX_POISON),
		net.error_clause, "receive buffers can be posted: %s", net.error);
	result = net_test_arp_exchange(&net, mac, reply);
	if (!net_check_done(&net, result, "an ARP request answered by a reply"))
		return;
	test_log("%s: ARP reply of %u bytes in %u buffer(s) of %u bytes, num_buffers %u",
		 dev->name, reply->frame_length, reply->buffers, RX_SMALL_BUFFER,
		 reply->num_buffers);
	check_eq(reply->num_buffers, reply->buffers, CLAUSE_NET_RX_PROCESSING,
		 "num_buffers is the number of buffers the packet is spread over");
	check(reply->buffers >= 2, CLAUSE_NET_RX_PROCESSING,
	      "a %u-byte packet with its header takes more than one %u-byte buffer (%u used)",
	      reply->frame_length + net.hdr_size, RX_SMALL_BUFFER, reply->buffers);
	check_plain_header(&net, reply);
	check_used_lengths(&net, reply);
}

/*
 * Link status changes (VIRTIO_NET_S_LINK_UP going down and up, with a
 * configuration change notification) need the host to act: QMP set_link.
 */
VCTS_TEST(net_link_change, "devices.net.link_status_change", VIRTIO_ID_NET, CLAUSE_NET_CONFIG)
{
	(void)dev;
	skip("a link status change needs the host to set the link down and up (QMP set_link); "
	     "the harness has no such request yet");
}
