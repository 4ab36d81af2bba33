/* Helpers of the virtio-net tests (net_tests.h). */
#include "lib/host_request.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/net/net_tests.h"

static const uint8_t device_mac[NET_MAC_BYTES] = NET_FRAME_DEVICE_MAC;
static const uint8_t peer_mac[NET_MAC_BYTES] = NET_FRAME_PEER_MAC;

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

bool net_test_send_frame(struct net_device *net, uint32_t bytes, uint32_t seed)
{
	uint8_t *frame = test_alloc(NET_FRAME_MAX, 64);
	uint32_t used_len = 0xffffffffu;
	enum net_result result;

	net_frame_build(frame, bytes, peer_mac, device_mac, seed);
	result = net_transmit(net, frame, bytes, &used_len);
	if (!net_check_done(net, result, "the transmission of a frame to the harness"))
		return false;
	check_eq(used_len, 0, CLAUSE_USED_RING,
		 "the used length of a %u-byte transmit buffer is 0: it has nothing writable",
		 bytes);
	return true;
}

bool net_test_host_frame(struct net_device *net, const char *action, uint32_t bytes,
			 uint32_t seed, bool *differs, char *msg, uint32_t msg_size)
{
	char length[12], pattern[12];
	const char *pairs[] = { "bytes", length, "seed", pattern, NULL };

	snprintf(length, sizeof(length), "%u", bytes);
	snprintf(pattern, sizeof(pattern), "%u", seed);
	return host_request_done(action, net->dev->name, pairs, differs, msg, msg_size);
}

enum net_result net_test_receive_ours(struct net_device *net, struct net_packet *packet)
{
	uint64_t deadline = deadline_after_ms(test_timeout_ms());
	enum net_result result;

	for (;;) {
		uint64_t now = arch_time_us();
		uint32_t left = now >= deadline ? 0 : (uint32_t)((deadline - now) / 1000);

		result = net_receive(net, left, packet, NET_RX_POISON);
		if (result != NET_DONE)
			break;
		if (net_frame_is_ours(packet->frame, packet->frame_length))
			return NET_DONE;
		test_log("%s: a frame of %u bytes that the harness did not send; dropped",
			 net->dev->name, packet->frame_length);
		if (!left)
			break;
	}
	if (result == NET_TIMEOUT || result == NET_DONE) {
		net->error_clause = CLAUSE_NET_RX_PROCESSING;
		snprintf(net->error, sizeof(net->error),
			 "no frame from the harness arrived within %u ms", test_timeout_ms());
		return NET_TIMEOUT;
	}
	return result;
}

bool net_test_frame_to_guest(struct net_device *net, uint32_t bytes, uint32_t seed,
			     struct net_packet *packet)
{
	char msg[160];

	if (!net_test_host_frame(net, "net-frame-to-guest", bytes, seed, NULL, msg, sizeof(msg)))
		return false;
	return net_check_done(net, net_test_receive_ours(net, packet),
			      "the reception of the harness's frame");
}

void net_test_check_frame(const struct net_packet *packet, uint32_t bytes, uint32_t seed)
{
	uint32_t at;

	if (!check_eq(packet->frame_length, bytes, CLAUSE_NET_RX_PROCESSING,
		      "the frame after the header has the %u bytes the harness sent", bytes))
		return;
	at = net_frame_first_difference(packet->frame, bytes, device_mac, peer_mac, seed);
	check(at == bytes, CLAUSE_NET_RX_PROCESSING,
	      "the received frame is the one the harness sent, byte for byte (byte %u of %u is "
	      "%#x, not %#x)", at, bytes, at < bytes ? packet->frame[at] : 0,
	      at < bytes ? net_frame_byte(device_mac, peer_mac, seed, at) : 0);
}
