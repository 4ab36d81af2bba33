/*
 * The virtio-net control queue (5.1.6.5): commands of the classes the
 * device offers, each acknowledged with VIRTIO_NET_OK, and the device
 * requirements that come with some of them.
 */
#include "lib/host_request.h"
#include "lib/kernel.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/common/config_notify.h"
#include "tests/devices/net/net_tests.h"

/* Opens @dev with the control queue, or says why the test does not apply. */
static bool open_control(struct virtio_device *dev, uint64_t more, struct net_device *net,
			 unsigned int needed, const char **skip_reason)
{
	*skip_reason = NULL;
	if (!net_test_open(dev, NET_FEATURES_CONTROL | more, net))
		return false;
	if (!virtio_has_feature(dev, VIRTIO_NET_F_CTRL_VQ))
		*skip_reason = "the device does not offer VIRTIO_NET_F_CTRL_VQ";
	else if (!virtio_has_feature(dev, needed))
		*skip_reason = "the device does not offer the feature the command class needs";
	return true;
}

/*
 * 5.1.6.5.1 (device): with VIRTIO_NET_F_CTRL_RX the device MUST support
 * VIRTIO_NET_CTRL_RX_PROMISC and _ALLMULTI, one byte of 0 (off) or 1
 * (on). Each is turned on and off again; every command is acknowledged
 * with VIRTIO_NET_OK. QEMU answers ERR to a data length other than one
 * byte; a device that answers ERR to these needs the reference device.
 */
VCTS_TEST(net_ctrl_rx, "devices.net.ctrl_rx_promisc_allmulti", VIRTIO_ID_NET,
	  CLAUSE_NET_CTRL_RX "|" CLAUSE_NET_CTRL)
{
	static const struct {
		uint8_t command;
		uint8_t on;
		const char *what;
	} steps[] = {
		{ VIRTIO_NET_CTRL_RX_PROMISC, 1, "VIRTIO_NET_CTRL_RX_PROMISC on" },
		{ VIRTIO_NET_CTRL_RX_PROMISC, 0, "VIRTIO_NET_CTRL_RX_PROMISC off" },
		{ VIRTIO_NET_CTRL_RX_ALLMULTI, 1, "VIRTIO_NET_CTRL_RX_ALLMULTI on" },
		{ VIRTIO_NET_CTRL_RX_ALLMULTI, 0, "VIRTIO_NET_CTRL_RX_ALLMULTI off" },
	};
	struct net_device net;
	const char *reason;

	if (!open_control(dev, 0, &net, VIRTIO_NET_F_CTRL_RX, &reason))
		return;
	if (reason)
		skip("%s (VIRTIO_NET_F_CTRL_RX)", reason);
	for (unsigned int i = 0; i < sizeof(steps) / sizeof(steps[0]) && !net.broken; i++)
		net_check_command_ok(&net, VIRTIO_NET_CTRL_RX, steps[i].command, &steps[i].on, 1,
				     CLAUSE_NET_CTRL_RX, steps[i].what);
}

/* A MAC table (5.1.6.5.2): le32 count, the unicast addresses, le32 count, the multicast ones. */
static uint32_t build_mac_table(const struct virtio_device *dev, uint8_t *data,
				uint32_t unicast, uint32_t multicast)
{
	uint32_t at = 0, count;

	count = virtio_to_device32(dev, unicast);
	memcpy(data + at, &count, 4);
	at += 4;
	for (uint32_t i = 0; i < unicast; i++, at += NET_MAC_BYTES)
		memcpy(data + at, (const uint8_t[]){ 0x02, 0x76, 0x63, 0x74, 0x00, (uint8_t)i },
		       NET_MAC_BYTES);
	count = virtio_to_device32(dev, multicast);
	memcpy(data + at, &count, 4);
	at += 4;
	for (uint32_t i = 0; i < multicast; i++, at += NET_MAC_BYTES)
		memcpy(data + at, (const uint8_t[]){ 0x01, 0x00, 0x5e, 0x00, 0x00, (uint8_t)(i + 1) },
		       NET_MAC_BYTES);
	return at;
}

/*
 * VIRTIO_NET_CTRL_MAC_TABLE_SET (5.1.6.5.2): "Either number MAY be 0",
 * so an empty table, then one unicast and two multicast addresses, then
 * empty again; the device MUST update its table before it consumes the
 * command, and acknowledges each with VIRTIO_NET_OK. Needs CTRL_RX (the
 * driver MUST NOT send MAC commands without it). QEMU answers ERR to a
 * table whose counts overrun the data; a device that rejects valid
 * tables needs the reference device.
 */
VCTS_TEST(net_ctrl_mac_table, "devices.net.ctrl_mac_table_set", VIRTIO_ID_NET,
	  CLAUSE_NET_CTRL_MAC "|" CLAUSE_NET_CTRL)
{
	struct net_device net;
	uint8_t data[NET_CTRL_DATA_MAX];
	const char *reason;
	uint32_t length;

	if (!open_control(dev, 0, &net, VIRTIO_NET_F_CTRL_RX, &reason))
		return;
	if (reason)
		skip("%s (VIRTIO_NET_F_CTRL_RX)", reason);
	length = build_mac_table(dev, data, 0, 0);
	net_check_command_ok(&net, VIRTIO_NET_CTRL_MAC, VIRTIO_NET_CTRL_MAC_TABLE_SET, data,
			     length, CLAUSE_NET_CTRL_MAC, "MAC_TABLE_SET with two empty tables");
	length = build_mac_table(dev, data, 1, 2);
	net_check_command_ok(&net, VIRTIO_NET_CTRL_MAC, VIRTIO_NET_CTRL_MAC_TABLE_SET, data,
			     length, CLAUSE_NET_CTRL_MAC,
			     "MAC_TABLE_SET with 1 unicast and 2 multicast addresses");
	length = build_mac_table(dev, data, 0, 0);
	net_check_command_ok(&net, VIRTIO_NET_CTRL_MAC, VIRTIO_NET_CTRL_MAC_TABLE_SET, data,
			     length, CLAUSE_NET_CTRL_MAC, "MAC_TABLE_SET back to empty tables");
}

/*
 * VIRTIO_NET_CTRL_MAC_ADDR_SET (5.1.6.5.2): "The device MUST update mac
 * in config space before it consumes the VIRTIO_NET_CTRL_MAC_ADDR_SET
 * command, if VIRTIO_NET_F_MAC has been negotiated." So mac reads the
 * new address as soon as the command is used; the old one is put back
 * at the end. Needs CTRL_MAC_ADDR. Fails against a device that updates
 * its filter but not the configuration (the reference device).
 */
VCTS_TEST(net_ctrl_mac_addr, "devices.net.ctrl_mac_addr_set_updates_config", VIRTIO_ID_NET,
	  CLAUSE_NET_CTRL_MAC "|" CLAUSE_NET_CTRL)
{
	static const uint8_t other[NET_MAC_BYTES] = { 0x52, 0x54, 0x00, 0x76, 0x63, 0x74 };
	struct net_device net;
	uint8_t original[NET_MAC_BYTES];
	const char *reason;

	if (!open_control(dev, 0, &net, VIRTIO_NET_F_CTRL_MAC_ADDR, &reason))
		return;
	if (reason)
		skip("%s (VIRTIO_NET_F_CTRL_MAC_ADDR)", reason);
	if (!virtio_has_feature(dev, VIRTIO_NET_F_MAC))
		skip("VIRTIO_NET_F_MAC is not offered: mac need not follow MAC_ADDR_SET");
	memcpy(original, net.config.mac, NET_MAC_BYTES);
	if (!net_check_command_ok(&net, VIRTIO_NET_CTRL_MAC, VIRTIO_NET_CTRL_MAC_ADDR_SET, other,
				  NET_MAC_BYTES, CLAUSE_NET_CTRL_MAC, "MAC_ADDR_SET to 52:54:00:76:63:74"))
		return;
	require(net_read_config(&net), net.error_clause, "the configuration reads: %s", net.error);
	check(!memcmp(net.config.mac, other, NET_MAC_BYTES), CLAUSE_NET_CTRL_MAC,
	      "mac reads the address MAC_ADDR_SET gave once the command is used "
	      "(%02x:%02x:%02x:%02x:%02x:%02x)", net.config.mac[0], net.config.mac[1],
	      net.config.mac[2], net.config.mac[3], net.config.mac[4], net.config.mac[5]);
	if (!net_check_command_ok(&net, VIRTIO_NET_CTRL_MAC, VIRTIO_NET_CTRL_MAC_ADDR_SET, original,
				  NET_MAC_BYTES, CLAUSE_NET_CTRL_MAC, "MAC_ADDR_SET back to the original"))
		return;
	require(net_read_config(&net), net.error_clause, "the configuration reads: %s", net.error);
	check(!memcmp(net.config.mac, original, NET_MAC_BYTES), CLAUSE_NET_CTRL_MAC,
	      "mac reads the original address again after the second MAC_ADDR_SET");
}

/*
 * VLAN filtering (5.1.6.5.3) with VIRTIO_NET_F_CTRL_VLAN: VLAN_ADD and
 * VLAN_DEL of VLAN id 100, a le16, each acknowledged with VIRTIO_NET_OK.
 * (The section has no device-normative block; the ack values are those
 * of 5.1.6.5.) QEMU answers ERR for ids of 4096 and above; a device that
 * rejects a valid id needs the reference device.
 */
VCTS_TEST(net_ctrl_vlan, "devices.net.ctrl_vlan_add_del", VIRTIO_ID_NET,
	  CLAUSE_NET_CTRL_VLAN "|" CLAUSE_NET_CTRL)
{
	struct net_device net;
	uint16_t vid;
	const char *reason;

	if (!open_control(dev, 0, &net, VIRTIO_NET_F_CTRL_VLAN, &reason))
		return;
	if (reason)
		skip("%s (VIRTIO_NET_F_CTRL_VLAN)", reason);
	vid = virtio_to_device16(dev, 100);
	net_check_command_ok(&net, VIRTIO_NET_CTRL_VLAN, VIRTIO_NET_CTRL_VLAN_ADD, &vid, 2,
			     CLAUSE_NET_CTRL_VLAN, "VLAN_ADD of VLAN 100");
	net_check_command_ok(&net, VIRTIO_NET_CTRL_VLAN, VIRTIO_NET_CTRL_VLAN_DEL, &vid, 2,
			     CLAUSE_NET_CTRL_VLAN, "VLAN_DEL of VLAN 100");
}

/*
 * Polls status until VIRTIO_NET_S_ANNOUNCE shows or test_timeout_ms()
 * pass; *@unreadable when the configuration would not read.
 */
static bool announce_pending(struct net_device *net, bool *unreadable)
{
	uint64_t end = deadline_after_ms(test_timeout_ms());

	*unreadable = false;
	for (;;) {
		if (!net_read_config(net)) {
			*unreadable = true;
			return false;
		}
		if (net->config.status & VIRTIO_NET_S_ANNOUNCE)
			return true;
		if (deadline_passed(end))
			return false;
		arch_wait_a_little();
	}
}

/*
 * 5.1.6.5.4, Gratuitous Packet Sending. The device asks for an
 * announcement by setting VIRTIO_NET_S_ANNOUNCE, which the driver checks
 * "when it notices the changes of device configuration"; device
 * requirement: "If VIRTIO_NET_F_GUEST_ANNOUNCE is negotiated, the device
 * MUST clear the VIRTIO_NET_S_ANNOUNCE bit in status upon receipt of a
 * command buffer with class VIRTIO_NET_CTRL_ANNOUNCE and command
 * VIRTIO_NET_CTRL_ANNOUNCE_ACK before marking the buffer as used."
 *
 * The harness makes the device announce (host action net-announce, QMP
 * announce-self: QEMU sets the bit and notifies, hw/net/virtio-net.c
 * virtio_net_announce()); the test waits for the configuration change
 * notification and the bit, sends ANNOUNCE_ACK and checks that the bit is
 * clear once the ACK is used. A device that asked before the host did
 * (the reference device does, at FEATURES_OK) is acknowledged without the
 * host action. Skips without GUEST_ANNOUNCE or STATUS, and when nothing
 * makes the device ask (the host action failed, or the device did not set
 * the bit: the spec lets the device ask, it never has to). The ack value
 * is a note: nothing in 5.1.6.5 requires VIRTIO_NET_OK. Fails against a
 * device that keeps the bit (reference fault net-announce-not-cleared).
 */
VCTS_TEST(net_ctrl_announce, "devices.net.ctrl_announce_ack_clears_status", VIRTIO_ID_NET,
	  CLAUSE_NET_ANNOUNCE "|" CLAUSE_NET_CTRL "|" CLAUSE_PCI_CONFIG_NOTIFY "|"
	  CLAUSE_PCI_ISR_CAP "|" CLAUSE_MMIO_REGISTER_LAYOUT)
{
	struct net_device net;
	enum virtio_irq_mode mode;
	const char *why = "";
	char msg[160];
	uint16_t before;
	uint32_t used_len, interrupts;
	uint8_t ack;
	enum net_result result;
	bool opened, unreadable;

	if (!config_notify_pick_irq(dev, &mode))
		skip("the kernel cannot take interrupts from %s at %s: the announcement's "
		     "configuration change notification cannot be seen", dev->name, dev->location);
	opened = net_open_irq(dev, NET_FEATURES_CONTROL, mode, &net, &why);
	require(opened, net.error_clause, "the device initialises with interrupts: %s", why);
	if (!virtio_has_feature(dev, VIRTIO_NET_F_CTRL_VQ))
		skip("the device does not offer VIRTIO_NET_F_CTRL_VQ");
	if (!virtio_has_feature(dev, VIRTIO_NET_F_GUEST_ANNOUNCE))
		skip("the device does not offer VIRTIO_NET_F_GUEST_ANNOUNCE: it never asks for "
		     "an announcement (QEMU: guest_announce=on)");
	if (!virtio_has_feature(dev, VIRTIO_NET_F_STATUS))
		skip("VIRTIO_NET_F_STATUS is not offered: the ANNOUNCE bit cannot be read");
	require(net_read_config(&net), net.error_clause, "the configuration reads: %s", net.error);
	before = net.config.status;
	if (before & VIRTIO_NET_S_ANNOUNCE) {
		test_log("%s: an announcement is pending before the host asked (status %#x)",
			 dev->name, before);
	} else {
		interrupts = dev->config_interrupts;
		if (!host_request_done("net-announce", dev->name, NULL, NULL, msg, sizeof(msg)))
			return;
		if (!announce_pending(&net, &unreadable)) {
			require(!unreadable, net.error_clause, "the configuration reads: %s",
				net.error);
			skip("the device did not set VIRTIO_NET_S_ANNOUNCE within %u ms of the host's "
			     "announce request (status %#x): there is nothing to acknowledge",
			     test_timeout_ms(), net.config.status);
		}
		check(config_notify_wait(dev, interrupts), config_notify_clause(dev),
		      "a configuration change notification comes with VIRTIO_NET_S_ANNOUNCE "
		      "(none within %u ms, %s)", test_timeout_ms(), config_notify_route(dev));
		before = net.config.status;
	}
	result = net_control(&net, VIRTIO_NET_CTRL_ANNOUNCE, VIRTIO_NET_CTRL_ANNOUNCE_ACK, NULL, 0,
			     &ack, &used_len);
	if (!net_check_done(&net, result, "ANNOUNCE_ACK"))
		return;
	require(net_read_config(&net), net.error_clause, "the configuration reads: %s", net.error);
	test_log("%s: status %#x before ANNOUNCE_ACK, %#x after; ack %s", dev->name, before,
		 net.config.status, net_ack_name(ack));
	check(!(net.config.status & VIRTIO_NET_S_ANNOUNCE), CLAUSE_NET_ANNOUNCE,
	      "VIRTIO_NET_S_ANNOUNCE is clear once ANNOUNCE_ACK is used (status %#x, was %#x)",
	      net.config.status, before);
	check_note(ack == VIRTIO_NET_OK, CLAUSE_NET_CTRL,
		   "the ACK of a pending announcement is acknowledged with VIRTIO_NET_OK (ack %s)",
		   net_ack_name(ack));
}

/*
 * Automatic receive steering (5.1.6.5.6): with MQ negotiated the control
 * queue sits at 2 * max_virtqueue_pairs, and VQ_PAIRS_SET with
 * virtqueue_pairs 1, the default, is acknowledged with VIRTIO_NET_OK.
 * Afterwards the receive path still delivers on receiveq1 (the device
 * MUST queue packets only on receiveq1 after reset and must not use
 * queues beyond virtqueue_pairs). QEMU offers MQ with mq=on.
 */
VCTS_TEST(net_ctrl_mq, "devices.net.ctrl_mq_vq_pairs_set", VIRTIO_ID_NET,
	  CLAUSE_NET_MQ "|" CLAUSE_NET_CTRL)
{
	struct net_device net;
	struct net_packet *packet = test_alloc(sizeof(*packet), 8);
	const char *reason;
	uint16_t pairs;
	const char *why = "";
	bool opened;

	if (!open_control(dev, 0, &net, VIRTIO_NET_F_CTRL_VQ, &reason))
		return;
	if (reason)
		skip("%s", reason);
	if (!net_offers(&net, VIRTIO_NET_F_MQ))
		skip("the device does not offer VIRTIO_NET_F_MQ (QEMU: mq=on)");
	opened = net_open(dev, NET_FEATURES_CONTROL | (1ull << VIRTIO_NET_F_MQ), &net, &why);
	if (!opened && net.queue_limit)
		skip("%s", why);
	require(opened, net.error_clause, "the device can be initialised with MQ: %s", why);
	test_log("%s: max_virtqueue_pairs %u, control queue %u", dev->name,
		 net.config.max_virtqueue_pairs, net.ctrl_index);
	pairs = virtio_to_device16(dev, 1);
	if (!net_check_command_ok(&net, VIRTIO_NET_CTRL_MQ, VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET, &pairs,
				  2, CLAUSE_NET_MQ, "VQ_PAIRS_SET with virtqueue_pairs 1"))
		return;
	require(net_post_receive_buffers(&net, 8, net.hdr_size + NET_FRAME_MAX, NET_RX_POISON),
		net.error_clause, "receive buffers can be posted: %s", net.error);
	/* The harness's frame arrives on receiveq1, the only receive queue posted. */
	if (net_test_frame_to_guest(&net, NET_FRAME_MIN, test_seed(), packet))
		net_test_check_frame(packet, NET_FRAME_MIN, test_seed());
}

/*
 * A command of a class no version of the spec defines (0xee). The spec
 * defines only two ack values and no rule for unknown classes, so the
 * check is that the device writes one of them, and keeps working: a
 * known command afterwards is acknowledged with VIRTIO_NET_OK. Fails
 * against a device that drops the command or writes no ack (the
 * reference device).
 */
VCTS_TEST(net_ctrl_unknown, "devices.net.ctrl_unknown_class_acked", VIRTIO_ID_NET,
	  CLAUSE_NET_CTRL "|" CLAUSE_USED_RING)
{
	struct net_device net;
	const char *reason;
	uint32_t used_len;
	uint8_t ack, on = 1;
	enum net_result result;

	if (!open_control(dev, 0, &net, VIRTIO_NET_F_CTRL_VQ, &reason))
		return;
	if (reason)
		skip("%s", reason);
	result = net_control(&net, 0xee, 0, NULL, 0, &ack, &used_len);
	if (!net_check_done(&net, result, "a command of class 0xee"))
		return;
	test_log("%s: class 0xee answered with %s, used length %u", dev->name, net_ack_name(ack),
		 used_len);
	if (virtio_has_feature(dev, VIRTIO_NET_F_CTRL_RX))
		net_check_command_ok(&net, VIRTIO_NET_CTRL_RX, VIRTIO_NET_CTRL_RX_PROMISC, &on, 1,
				     CLAUSE_NET_CTRL_RX, "PROMISC on after the unknown class");
}
