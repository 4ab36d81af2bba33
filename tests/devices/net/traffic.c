/*
 * Frames through virtio-net (5.1.6.2 - 5.1.6.4) with the harness as the
 * only peer (docs/host-actions.md): frames the guest transmits are
 * compared byte for byte by the harness; frames the harness sends are
 * compared byte for byte, with their header, by the test.
 */
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/net/net_tests.h"

/* Receive buffers posted by the tests. */
#define RX_BUFFERS		16
/* With MRG_RXBUF: the 1526 bytes of a full frame and its header take 12 of these. */
#define RX_SMALL_BUFFER		128u
#define RX_SMALL_BUFFERS	24

/*
 * A frame on transmitq1 behind a header of flags 0 and gso_type NONE
 * (Packet Transmission, 5.1.6.2) is used, with used length 0: the chain
 * has no device-writable bytes (2.7.8; the core rejects more). A short
 * frame (60 bytes) and a full one (1514). Fails against a device that
 * never returns transmit buffers (the reference device; QEMU returns them
 * even with the link down).
 */
VCTS_TEST(net_transmit_used, "devices.net.transmit_used", VIRTIO_ID_NET,
	  CLAUSE_NET_TX "|" CLAUSE_USED_RING)
{
	struct net_device net;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	if (net_test_send_frame(&net, NET_FRAME_MIN, test_seed()))
		net_test_send_frame(&net, NET_FRAME_LARGEST, test_seed() + 1);
}

/*
 * What the guest transmits is what leaves the device: the harness
 * receives a 60- and a 1514-byte frame and compares every byte. With
 * VIRTIO_NET_F_MTU (1500) negotiated, the device MUST forward packets of
 * up to mtu plus the Ethernet header without fragmentation (5.1.4.1).
 * Fails when the link is down (QEMU drops the frames: "no frame arrived"),
 * and against a reference device that corrupts or drops transmitted data.
 */
VCTS_TEST(net_transmit_reaches_peer, "devices.net.transmit_frame_reaches_peer", VIRTIO_ID_NET,
	  CLAUSE_NET_TX "|" CLAUSE_NET_CONFIG)
{
	static const uint32_t sizes[] = { NET_FRAME_MIN, NET_FRAME_LARGEST };
	struct net_device net;
	char msg[160];
	bool differs = false;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint32_t seed = test_seed() + i;

		if (!net_test_host_frame(&net, "net-capture-start", sizes[i], seed, NULL, msg,
					 sizeof(msg)))
			return;
		if (!net_test_send_frame(&net, sizes[i], seed))
			return;
		if (!net_test_host_frame(&net, "net-frame-from-guest", sizes[i], seed, &differs, msg,
					 sizeof(msg)))
			return;
		check(!differs,
		      sizes[i] == NET_FRAME_LARGEST && virtio_has_feature(dev, VIRTIO_NET_F_MTU) ?
		      CLAUSE_NET_CONFIG : CLAUSE_NET_TX,
		      "the harness receives the %u-byte frame the guest sent, unchanged (%s)",
		      sizes[i], msg);
	}
}

/* The header rules for a device that negotiated no receive offload (5.1.6.4.1). */
static void check_plain_header(struct net_device *net, const struct net_packet *packet)
{
	check_eq(packet->flags, 0, CLAUSE_NET_RX_PROCESSING,
		 "flags is 0: VIRTIO_NET_F_GUEST_CSUM is not negotiated");
	check_eq(packet->gso_type, VIRTIO_NET_HDR_GSO_NONE, CLAUSE_NET_RX_PROCESSING,
		 "gso_type is VIRTIO_NET_HDR_GSO_NONE: no GUEST_TSO4/TSO6/UFO negotiated");
	if (packet->has_num_buffers && !virtio_has_feature(net->dev, VIRTIO_NET_F_MRG_RXBUF))
		check_eq(packet->num_buffers, 1, CLAUSE_NET_RX_PROCESSING,
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
 * (5.1.6.3.1); the harness sends a 60- and a 1514-byte frame to the
 * device's address. Processing of Incoming Packets (5.1.6.4.1): flags 0
 * without GUEST_CSUM, gso_type NONE without GUEST_TSO*, num_buffers 1
 * without MRG_RXBUF (the field exists whenever VERSION_1 is negotiated);
 * one buffer per packet (5.1.6.3.2); the frame is the harness's, byte for
 * byte. Fails with the link down (nothing arrives) and against a
 * reference device that corrupts received data or leaves num_buffers.
 */
VCTS_TEST(net_receive_host_frame, "devices.net.receive_host_frame", VIRTIO_ID_NET,
	  CLAUSE_NET_RX_PROCESSING "|" CLAUSE_NET_RX_BUFFERS "|" CLAUSE_USED_RING)
{
	static const uint32_t sizes[] = { NET_FRAME_MIN, NET_FRAME_LARGEST };
	struct net_device net;
	struct net_packet *packet = test_alloc(sizeof(*packet), 8);

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	require(net_post_receive_buffers(&net, RX_BUFFERS, net.hdr_size + NET_FRAME_MAX,
					 NET_RX_POISON),
		net.error_clause, "receive buffers can be posted: %s", net.error);
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (!net_test_frame_to_guest(&net, sizes[i], test_seed() + i, packet))
			return;
		test_log("%s: %u-byte frame in %u buffer(s), num_buffers %u", dev->name,
			 packet->frame_length, packet->buffers, packet->num_buffers);
		net_test_check_frame(packet, sizes[i], test_seed() + i);
		check_plain_header(&net, packet);
		check_used_lengths(&net, packet);
	}
}

/*
 * The receive path with VIRTIO_NET_F_MRG_RXBUF and buffers of 128 bytes,
 * at least the header as 5.1.6.3.1 requires: a 1514-byte frame from the
 * harness does not fit one, so the device spreads it over several
 * (5.1.6.4.1): num_buffers says how many, all of them are used together,
 * all but the last completely (the driver checks these while gathering),
 * and the frame gathered is the harness's, byte for byte. Fails against a
 * device that offers MRG_RXBUF and fills only the first buffer (the
 * reference device).
 */
VCTS_TEST(net_receive_mergeable, "devices.net.receive_mergeable_buffers", VIRTIO_ID_NET,
	  CLAUSE_NET_RX_PROCESSING "|" CLAUSE_NET_RX_BUFFERS "|" CLAUSE_USED_RING)
{
	struct net_device net;
	struct net_packet *packet = test_alloc(sizeof(*packet), 8);
	uint32_t seed = test_seed();

	if (!net_test_open(dev, NET_FEATURES_BASIC | (1ull << VIRTIO_NET_F_MRG_RXBUF), &net))
		return;
	if (!virtio_has_feature(dev, VIRTIO_NET_F_MRG_RXBUF))
		skip("the device does not offer VIRTIO_NET_F_MRG_RXBUF");
	require(net_post_receive_buffers(&net, RX_SMALL_BUFFERS, RX_SMALL_BUFFER, NET_RX_POISON),
		net.error_clause, "receive buffers can be posted: %s", net.error);
	if (!net_test_frame_to_guest(&net, NET_FRAME_LARGEST, seed, packet))
		return;
	test_log("%s: %u-byte frame in %u buffer(s) of %u bytes, num_buffers %u", dev->name,
		 packet->frame_length, packet->buffers, RX_SMALL_BUFFER, packet->num_buffers);
	check_eq(packet->num_buffers, packet->buffers, CLAUSE_NET_RX_PROCESSING,
		 "num_buffers is the number of buffers the packet is spread over");
	check(packet->buffers >= 2, CLAUSE_NET_RX_PROCESSING,
	      "a %u-byte packet with its header takes more than one %u-byte buffer (%u used)",
	      packet->frame_length + net.hdr_size, RX_SMALL_BUFFER, packet->buffers);
	net_test_check_frame(packet, NET_FRAME_LARGEST, seed);
	check_plain_header(&net, packet);
	check_used_lengths(&net, packet);
}
