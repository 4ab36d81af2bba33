/*
 * The virtio-net configuration space (5.1.4) and its device requirements
 * (5.1.4.1): the fields are read whenever their feature is offered.
 */
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/net/net_tests.h"

static void format_mac(char *text, const uint8_t mac[NET_MAC_BYTES])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < NET_MAC_BYTES; i++) {
		text[3 * i] = hex[mac[i] >> 4];
		text[3 * i + 1] = hex[mac[i] & 15];
		text[3 * i + 2] = i + 1 < NET_MAC_BYTES ? ':' : '\0';
	}
}

/*
 * With VIRTIO_NET_F_MAC, mac is "the physical address of the NIC" the
 * hypervisor gave it (5.1.4); the harness gives every device
 * net_harness_mac. Fails with another mac= on the QEMU device.
 */
VCTS_TEST(net_config_mac, "devices.net.config_mac_is_given_address", VIRTIO_ID_NET,
	  CLAUSE_NET_CONFIG)
{
	struct net_device net;
	char expected[18], actual[18];

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	if (!net_offers(&net, VIRTIO_NET_F_MAC))
		skip("the device does not offer VIRTIO_NET_F_MAC: mac is not valid");
	format_mac(expected, net_harness_mac);
	format_mac(actual, net.config.mac);
	test_log("%s: mac %s", dev->name, actual);
	check(!memcmp(net.config.mac, net_harness_mac, NET_MAC_BYTES), CLAUSE_NET_CONFIG,
	      "mac is %s, the address the harness gave the device (reads %s)", expected, actual);
	check(!(net.config.mac[0] & 1), CLAUSE_NET_CONFIG,
	      "mac %s is a unicast address (a NIC's own address cannot be multicast)", actual);
}

/*
 * With VIRTIO_NET_F_STATUS, bit 0 of status is the link state (5.1.4):
 * the harness connects the device to a live backend, so the link is up.
 * Fails when the link is set down before the guest starts (QEMU monitor
 * `set_link n0 off`, with -S).
 */
VCTS_TEST(net_config_link_up, "devices.net.config_status_link_up", VIRTIO_ID_NET,
	  CLAUSE_NET_CONFIG)
{
	struct net_device net;
	uint16_t status;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	if (!net_offers(&net, VIRTIO_NET_F_STATUS))
		skip("the device does not offer VIRTIO_NET_F_STATUS: the link is assumed up");
	status = net.config.status;
	test_log("%s: status %#x", dev->name, status);
	check(status & VIRTIO_NET_S_LINK_UP, CLAUSE_NET_CONFIG,
	      "status (%#x) has VIRTIO_NET_S_LINK_UP: the backend is connected", status);
	/* Only two bits are defined; no rule forbids others, so they are only logged. */
	if (status & ~(VIRTIO_NET_S_LINK_UP | VIRTIO_NET_S_ANNOUNCE))
		test_log("%s: status has undefined bits set (%#x)", dev->name, status);
}

/*
 * 5.1.4.1: "The device MUST set max_virtqueue_pairs to between 1 and
 * 0x8000 inclusive, if it offers VIRTIO_NET_F_MQ." Read with and without
 * MQ negotiated: the field exists when it is offered. QEMU offers MQ
 * with mq=on; a device reporting 0 needs the reference device.
 */
VCTS_TEST(net_config_max_pairs, "devices.net.config_max_virtqueue_pairs_range",
	  VIRTIO_ID_NET, CLAUSE_NET_CONFIG)
{
	struct net_device net;
	uint16_t pairs;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	if (!net_offers(&net, VIRTIO_NET_F_MQ))
		skip("the device does not offer VIRTIO_NET_F_MQ (QEMU: mq=on)");
	pairs = net.config.max_virtqueue_pairs;
	test_log("%s: max_virtqueue_pairs %u", dev->name, pairs);
	check(pairs >= 1 && pairs <= VIRTIO_NET_MAX_VQ_PAIRS, CLAUSE_NET_CONFIG,
	      "max_virtqueue_pairs %u is between 1 and 0x8000", pairs);
}

/*
 * 5.1.4.1: with VIRTIO_NET_F_MTU offered, mtu is between 68 and 65535
 * (MUST; at least 1280 is a SHOULD, only logged) and the device does not
 * modify it once set: read after negotiation, after traffic, and after
 * a reset and a second initialisation. Fails with host_mtu=60 on the
 * QEMU device: QEMU 7.2 accepts the value and offers MTU with it.
 */
VCTS_TEST(net_config_mtu, "devices.net.config_mtu_range", VIRTIO_ID_NET, CLAUSE_NET_CONFIG)
{
	struct net_device net;
	uint16_t mtu;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	if (!net_offers(&net, VIRTIO_NET_F_MTU))
		skip("the device does not offer VIRTIO_NET_F_MTU (QEMU: host_mtu=N)");
	mtu = net.config.mtu;
	test_log("%s: mtu %u", dev->name, mtu);
	check(mtu >= VIRTIO_NET_MTU_MIN, CLAUSE_NET_CONFIG,
	      "mtu %u is between 68 and 65535", mtu);
	if (mtu < 1280)
		test_log("%s: mtu %u is below 1280, which the device SHOULD NOT report",
			 dev->name, mtu);
	net_test_send_frame(&net, NET_FRAME_MIN, test_seed());
	require(net_read_config(&net), net.error_clause, "the configuration reads again: %s",
		net.error);
	check_eq(net.config.mtu, mtu, CLAUSE_NET_CONFIG,
		 "mtu is unchanged after a transmission (MUST NOT modify it once set)");
	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	check_eq(net.config.mtu, mtu, CLAUSE_NET_CONFIG,
		 "mtu is unchanged after a reset and a new initialisation");
}

/*
 * 5.1.4.1: with VIRTIO_NET_F_SPEED_DUPLEX negotiated, speed is 0 to
 * 0x7fffffff or 0xffffffff (unknown), and duplex 0x00, 0x01 or 0xff.
 * (The 1.2 text gives the speed bounds with one f too many and swaps the
 * duplex names against 5.1.4; the values allowed are the same.) QEMU
 * validates its speed= and duplex= properties, so a device breaking
 * this needs the reference device.
 */
VCTS_TEST(net_config_speed_duplex, "devices.net.config_speed_duplex_values", VIRTIO_ID_NET,
	  CLAUSE_NET_CONFIG)
{
	struct net_device net;
	uint32_t speed;
	uint8_t duplex;

	if (!net_test_open(dev, NET_FEATURES_BASIC, &net))
		return;
	if (!virtio_has_feature(dev, VIRTIO_NET_F_SPEED_DUPLEX))
		skip("VIRTIO_NET_F_SPEED_DUPLEX is not offered%s",
		     dev->legacy ? " (bit 63: the legacy interface has 32 feature bits)" : "");
	speed = net.config.speed;
	duplex = net.config.duplex;
	test_log("%s: speed %#x, duplex %#x", dev->name, speed, duplex);
	check(speed <= 0x7fffffffu || speed == VIRTIO_NET_SPEED_UNKNOWN, CLAUSE_NET_CONFIG,
	      "speed %#x is 0..0x7fffffff or 0xffffffff (unknown)", speed);
	check(duplex == 0x00 || duplex == 0x01 || duplex == 0xff, CLAUSE_NET_CONFIG,
	      "duplex %#x is 0x00, 0x01 or 0xff (unknown)", duplex);
}
