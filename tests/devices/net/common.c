/* Helpers of the virtio-net tests (net_tests.h). */
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/net/net_tests.h"

bool net_test_open_at(const char *file, int line, struct virtio_device *dev,
		      uint64_t features, struct net_device *net)
{
	const char *why = "";
	bool opened = net_open(dev, features, net, &why);

	return test_check(opened, net->error_clause, file, line,
			  "the device can be initialised: %s", why);
}

bool net_check_done_at(const char *file, int line, struct net_device *net,
		       enum net_result result, const char *what)
{
	return test_check(result == NET_DONE, net->error_clause, file, line,
			  "%s completes (%s: %s)", what, net_result_name(result), net->error);
}

bool net_check_command_ok_at(const char *file, int line, struct net_device *net,
			     uint8_t class, uint8_t command, const void *data,
			     uint32_t length, const char *clause, const char *what)
{
	uint8_t ack;
	uint32_t used_len;
	enum net_result result = net_control(net, class, command, data, length, &ack, &used_len);

	if (!net_check_done_at(file, line, net, result, what))
		return false;
	return test_check_eq(ack, VIRTIO_NET_OK, clause, file, line,
			     "%s is acknowledged with VIRTIO_NET_OK (ack %s)", what,
			     net_ack_name(ack));
}

void net_test_our_mac(const struct net_device *net, uint8_t mac[NET_MAC_BYTES])
{
	/* Without MAC: a locally administered unicast address (5.1.4.2, driver side). */
	static const uint8_t local[NET_MAC_BYTES] = { 0x02, 0x76, 0x63, 0x74, 0x73, 0x01 };

	memcpy(mac, virtio_has_feature(net->dev, VIRTIO_NET_F_MAC) ? net->config.mac : local,
	       NET_MAC_BYTES);
}

static void put16(uint8_t *at, uint16_t value)
{
	at[0] = (uint8_t)(value >> 8);
	at[1] = (uint8_t)value;
}

static void put32(uint8_t *at, uint32_t value)
{
	put16(at, (uint16_t)(value >> 16));
	put16(at + 2, (uint16_t)value);
}

static uint16_t get16(const uint8_t *at)
{
	return (uint16_t)(at[0] << 8 | at[1]);
}

static uint32_t get32(const uint8_t *at)
{
	return (uint32_t)get16(at) << 16 | get16(at + 2);
}

uint32_t net_build_arp_request(uint8_t *frame, const uint8_t mac[NET_MAC_BYTES],
			       uint32_t target_ip)
{
	uint8_t *arp = frame + ETH_HEADER_BYTES;

	memset(frame, 0, ETH_MIN_FRAME);
	memset(frame, 0xff, NET_MAC_BYTES);		/* broadcast */
	memcpy(frame + 6, mac, NET_MAC_BYTES);
	put16(frame + 12, ETHERTYPE_ARP);
	put16(arp + 0, 1);				/* Ethernet */
	put16(arp + 2, 0x0800);				/* IPv4 */
	arp[4] = NET_MAC_BYTES;
	arp[5] = 4;
	put16(arp + 6, ARP_REQUEST);
	memcpy(arp + 8, mac, NET_MAC_BYTES);		/* sender hardware address */
	put32(arp + 14, NET_GUEST_IP);			/* sender protocol address */
	put32(arp + 24, target_ip);			/* target protocol address */
	return ETH_MIN_FRAME;
}

bool net_is_arp_reply(const struct net_packet *packet, const uint8_t mac[NET_MAC_BYTES],
		      uint32_t from_ip, const char **why)
{
	const uint8_t *frame = packet->frame;
	const uint8_t *arp = frame + ETH_HEADER_BYTES;

	if (packet->frame_length < ETH_HEADER_BYTES + ARP_BYTES) {
		*why = "shorter than an ARP frame";
		return false;
	}
	if (get16(frame + 12) != ETHERTYPE_ARP) {
		*why = "ethertype is not ARP (0x0806)";
		return false;
	}
	if (get16(arp) != 1 || get16(arp + 2) != 0x0800 || arp[4] != 6 || arp[5] != 4) {
		*why = "not Ethernet/IPv4 ARP";
		return false;
	}
	if (get16(arp + 6) != ARP_REPLY) {
		*why = "ARP opcode is not reply (2)";
		return false;
	}
	if (get32(arp + 14) != from_ip) {
		*why = "sender protocol address is not the one asked for";
		return false;
	}
	if (memcmp(frame, mac, NET_MAC_BYTES) || memcmp(arp + 18, mac, NET_MAC_BYTES) ||
	    get32(arp + 24) != NET_GUEST_IP) {
		*why = "not addressed to the driver's MAC and IP address";
		return false;
	}
	*why = "";
	return true;
}

enum net_result net_test_arp_exchange(struct net_device *net, const uint8_t mac[NET_MAC_BYTES],
				      struct net_packet *reply)
{
	uint8_t frame[ETH_MIN_FRAME];
	uint32_t length = net_build_arp_request(frame, mac, NET_GATEWAY_IP), used_len;
	uint64_t deadline = deadline_after_ms(test_timeout_ms());
	enum net_result result = net_transmit(net, frame, length, &used_len);

	if (result != NET_DONE)
		return result;
	for (;;) {
		uint64_t now = arch_time_us();
		uint32_t left = now >= deadline ? 0 : (uint32_t)((deadline - now) / 1000);
		const char *why;

		result = net_receive(net, left, reply, NET_RX_POISON);
		if (result != NET_DONE)
			break;
		if (net_is_arp_reply(reply, mac, NET_GATEWAY_IP, &why))
			return NET_DONE;
		test_log("%s: a frame of %u bytes that is not the ARP reply (%s); dropped",
			 net->dev->name, reply->frame_length, why);
		if (!left)
			break;
	}
	if (result == NET_TIMEOUT) {
		net->error_clause = CLAUSE_NET_RX_PROCESSING;
		snprintf(net->error, sizeof(net->error),
			 "no ARP reply from 10.0.2.2 within %u ms (is the device on QEMU's "
			 "user-mode network, -netdev user?)", test_timeout_ms());
	}
	return result == NET_DONE ? NET_TIMEOUT : result;
}
