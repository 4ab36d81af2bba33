/*
 * The reference network device (5.1): two queue pairs and a control queue,
 * the configuration (mac, status, max_virtqueue_pairs, mtu, speed,
 * duplex), the 12-byte header, mergeable receive buffers, the control
 * commands the tests send, and the harness's side of the net host actions
 * (docs/host-actions.md): frames to the guest wait in a small FIFO until a
 * receive buffer takes them; the first frame of the harness's ethertype the
 * guest transmits is kept for net-frame-from-guest; the link goes down and
 * up with a configuration change.
 */
#include <stdlib.h>
#include <string.h>

#include "harness/vm/net_frame_judge.h"
#include "harness/protocol/line_parser.h"
#include "tests/reference/ref_device.h"

/* 5.1.3 feature bits */
#define F_MTU		3
#define F_MAC		5
#define F_MRG_RXBUF	15
#define F_STATUS	16
#define F_CTRL_VQ	17
#define F_CTRL_RX	18
#define F_CTRL_VLAN	19
#define F_GUEST_ANNOUNCE 21
#define F_MQ		22
#define F_CTRL_MAC_ADDR	23
#define F_SPEED_DUPLEX	63

/* 5.1.4 configuration layout */
#define CFG_MAC		0
#define CFG_STATUS	6
#define CFG_MAX_PAIRS	8
#define CFG_MTU		10
#define CFG_SPEED	12
#define CFG_DUPLEX	16
#define CFG_SIZE	24	/* up to supported_hash_types, which RSS would use */
#define S_LINK_UP	1
#define S_ANNOUNCE	2

#define PAIRS		2
#define MTU		1500
#define SPEED_MBPS	1000
#define DUPLEX_FULL	1
#define HDR		12u	/* struct virtio_net_hdr with num_buffers (VERSION_1) */
#define HDR_NUM_BUFFERS	10
#define PENDING_MAX	8

/* 5.1.6.5 control classes and acks */
#define CTRL_RX		0
#define CTRL_MAC	1
#define CTRL_VLAN	2
#define CTRL_ANNOUNCE	3
#define CTRL_MQ		4
#define ACK_OK		0
#define ACK_ERR		1

struct ref_net_frame {
	uint32_t bytes, seed;
};

struct ref_net_state {
	bool link_up;
	bool config_change_pending;	/* raised at the next step (host actions run inside a write) */
	/* net-frame-to-guest: frames on their way in; the first one partly written so far. */
	struct ref_net_frame pending[PENDING_MAX];
	int pending_count;
	uint32_t rx_offset;		/* bytes of header + frame already written */
	uint16_t rx_buffers;		/* buffers the packet took so far */
	struct ref_chain rx_first;	/* its first buffer, where num_buffers goes */
	/* net-frame-from-guest: the first frame of ours since net-capture-start. */
	bool captured;
	uint32_t captured_length;
	uint8_t captured_frame[NET_FRAME_LARGEST];
};

static const uint8_t device_mac[6] = NET_FRAME_DEVICE_MAC;
static const uint8_t peer_mac[6] = NET_FRAME_PEER_MAC;

static struct ref_net_state *state(struct ref_device *dev)
{
	return dev->type_state;
}

static void put_le(uint8_t *at, uint32_t value, int bytes)
{
	for (int i = 0; i < bytes; i++)
		at[i] = (uint8_t)(value >> (8 * i));
}

static uint16_t get_le16(const uint8_t *at)
{
	return (uint16_t)(at[0] | at[1] << 8);
}

static void net_init(struct ref_device *dev)
{
	struct ref_net_state *net = calloc(1, sizeof(*net));

	if (!net)
		abort();
	net->link_up = dev->fault != REF_FAULT_NET_LINK_DOWN;
	dev->type_state = net;
}

static void put_status(struct ref_device *dev, uint16_t status)
{
	put_le(dev->config + CFG_STATUS, status, 2);
}

static void net_reset(struct ref_device *dev)
{
	struct ref_net_state *net = state(dev);
	uint8_t *c = dev->config;

	memset(c, 0, sizeof(dev->config));
	memcpy(c + CFG_MAC, device_mac, 6);
	if (dev->fault == REF_FAULT_NET_WRONG_MAC)
		c[CFG_MAC + 5] ^= 1;
	put_status(dev, net->link_up ? S_LINK_UP : 0);
	put_le(c + CFG_MAX_PAIRS, dev->fault == REF_FAULT_NET_MAX_PAIRS_ZERO ? 0 : PAIRS, 2);
	put_le(c + CFG_MTU, dev->fault == REF_FAULT_NET_MTU_TOO_SMALL ? 60 : MTU, 2);
	put_le(c + CFG_SPEED, dev->fault == REF_FAULT_NET_BAD_SPEED_DUPLEX ? 0x80000000u : SPEED_MBPS,
	       4);
	c[CFG_DUPLEX] = dev->fault == REF_FAULT_NET_BAD_SPEED_DUPLEX ? 2 : DUPLEX_FULL;
	/* Frames still on their way are lost with the queues. */
	net->pending_count = 0;
	net->rx_offset = 0;
	net->rx_buffers = 0;
}

/* 5.1.6.5.4: a device that wants an announcement says so; this one always does. */
static void net_features_ok(struct ref_device *dev)
{
	if (ref_negotiated(dev, F_GUEST_ANNOUNCE))
		put_status(dev, get_le16(dev->config + CFG_STATUS) | S_ANNOUNCE);
}

enum queue_role { ROLE_RX, ROLE_TX, ROLE_CTRL };

/* 5.1.2: receiveqN at 2(N-1), transmitqN at 2(N-1)+1, controlq at 2N with MQ, else 2. */
static enum queue_role role_of(const struct ref_device *dev, uint16_t queue)
{
	uint16_t ctrl = ref_negotiated(dev, F_MQ) ? 2 * PAIRS : 2;

	if (queue == ctrl && ref_negotiated(dev, F_CTRL_VQ))
		return ROLE_CTRL;
	return queue % 2 ? ROLE_TX : ROLE_RX;
}

/* The whole packet: header (num_buffers written at the end) and the frame. */
static uint32_t build_packet(struct ref_device *dev, const struct ref_net_frame *frame,
			     uint8_t *packet)
{
	memset(packet, 0, HDR);
	net_frame_build(packet + HDR, frame->bytes, device_mac, peer_mac, frame->seed);
	if (dev->fault == REF_FAULT_NET_RX_CORRUPTS)
		packet[HDR + frame->bytes / 2] ^= 0x01;
	return HDR + frame->bytes;
}

/* The packet is complete: num_buffers in its first buffer (5.1.6.4), then the next frame. */
static void finish_packet(struct ref_device *dev, struct ref_net_state *net, bool mergeable)
{
	uint8_t count[2];

	put_le(count, mergeable ? net->rx_buffers : 1, 2);
	if (mergeable || dev->fault != REF_FAULT_NET_RX_NUM_BUFFERS_UNSET)
		ref_chain_write(&net->rx_first, HDR_NUM_BUFFERS, count, 2);
	memmove(net->pending, net->pending + 1, sizeof(net->pending[0]) * (PENDING_MAX - 1));
	net->pending_count--;
	net->rx_offset = 0;
	net->rx_buffers = 0;
}

/*
 * One receive buffer: as much of the current packet as fits. With
 * MRG_RXBUF the packet goes on in the next buffers (5.1.6.4); without, a
 * packet longer than the buffer is cut (the driver MUST post big enough ones).
 */
static uint32_t receive(struct ref_device *dev, struct ref_chain *chain)
{
	struct ref_net_state *net = state(dev);
	bool mergeable = ref_negotiated(dev, F_MRG_RXBUF) &&
			 dev->fault != REF_FAULT_NET_MRG_FIRST_BUFFER_ONLY;
	uint8_t packet[HDR + NET_FRAME_LARGEST];
	uint32_t total, length;

	if (!net->pending_count)
		return 0;
	total = build_packet(dev, &net->pending[0], packet);
	length = total - net->rx_offset < chain->writable_bytes ? total - net->rx_offset :
								   chain->writable_bytes;
	ref_chain_write(chain, 0, packet + net->rx_offset, length);
	if (!net->rx_buffers)
		net->rx_first = *chain;
	net->rx_offset += length;
	net->rx_buffers++;
	if (!mergeable || net->rx_offset == total)
		finish_packet(dev, net, mergeable);
	return length;
}

/* 5.1.6.2: header and frame; the first frame of the harness's kind is kept for it. */
static uint32_t transmit(struct ref_device *dev, const struct ref_chain *chain)
{
	struct ref_net_state *net = state(dev);
	uint8_t packet[HDR + NET_FRAME_LARGEST];
	uint32_t length = ref_chain_read(chain, 0, packet, sizeof(packet));

	if (dev->fault == REF_FAULT_NET_MTU_CHANGES)
		put_le(dev->config + CFG_MTU, MTU - 100, 2);
	if (length < HDR || !net->link_up || net->captured ||
	    !net_frame_is_ours(packet + HDR, length - HDR))
		return 0;
	net->captured = true;
	net->captured_length = length - HDR;
	memcpy(net->captured_frame, packet + HDR, net->captured_length);
	if (dev->fault == REF_FAULT_NET_TX_CORRUPTS)
		net->captured_frame[net->captured_length / 2] ^= 0x01;
	return 0;
}

/* A MAC table (5.1.6.5.2): two le32-counted lists that fill the data exactly. */
static bool mac_table_valid(const uint8_t *data, uint32_t length)
{
	uint32_t at = 0;

	for (int table = 0; table < 2; table++) {
		uint32_t entries;

		if (length - at < 4)
			return false;
		entries = (uint32_t)data[at] | (uint32_t)data[at + 1] << 8 |
			  (uint32_t)data[at + 2] << 16 | (uint32_t)data[at + 3] << 24;
		at += 4;
		if (entries > (length - at) / 6)
			return false;
		at += entries * 6;
	}
	return at == length;
}

static uint8_t command_rx(struct ref_device *dev, uint8_t command, const uint8_t *data,
			  uint32_t length)
{
	if (!ref_negotiated(dev, F_CTRL_RX) || command > 1 || length != 1 || data[0] > 1 ||
	    dev->fault == REF_FAULT_NET_CTRL_RX_REFUSED)
		return ACK_ERR;
	return ACK_OK;	/* promiscuous / all-multicast: this device receives only the harness */
}

static uint8_t command_mac(struct ref_device *dev, uint8_t command, const uint8_t *data,
			   uint32_t length)
{
	if (command == 0 && ref_negotiated(dev, F_CTRL_RX) && mac_table_valid(data, length))
		return dev->fault == REF_FAULT_NET_MAC_TABLE_REFUSED ? ACK_ERR : ACK_OK;
	if (command != 1 || !ref_negotiated(dev, F_CTRL_MAC_ADDR) || length != 6)
		return ACK_ERR;
	/* 5.1.6.5.2: mac in the configuration before the command is used. */
	if (dev->fault != REF_FAULT_NET_MAC_ADDR_NOT_IN_CONFIG)
		memcpy(dev->config + CFG_MAC, data, 6);
	return ACK_OK;
}

static uint8_t command_other(struct ref_device *dev, uint8_t class, uint8_t command,
			     const uint8_t *data, uint32_t length)
{
	uint16_t status = get_le16(dev->config + CFG_STATUS);

	switch (class) {
	case CTRL_VLAN:
		if (!ref_negotiated(dev, F_CTRL_VLAN) || command > 1 || length != 2 ||
		    get_le16(data) >= 4096 || dev->fault == REF_FAULT_NET_VLAN_REFUSED)
			return ACK_ERR;
		return ACK_OK;
	case CTRL_ANNOUNCE:
		if (!ref_negotiated(dev, F_GUEST_ANNOUNCE) || command != 0 || !(status & S_ANNOUNCE))
			return ACK_ERR;
		/* 5.1.6.5.4: cleared before the buffer is used. */
		if (dev->fault != REF_FAULT_NET_ANNOUNCE_NOT_CLEARED)
			put_status(dev, status & ~S_ANNOUNCE);
		return ACK_OK;
	case CTRL_MQ:
		if (!ref_negotiated(dev, F_MQ) || command != 0 || length != 2 ||
		    get_le16(data) < 1 || get_le16(data) > PAIRS ||
		    dev->fault == REF_FAULT_NET_MQ_PAIRS_REFUSED)
			return ACK_ERR;
		return ACK_OK;
	default:
		return ACK_ERR;
	}
}

/* 5.1.6.5: class, command, data (readable); the ack byte (writable). */
static uint32_t control(struct ref_device *dev, const struct ref_chain *chain)
{
	uint8_t request[2 + 64], ack;
	uint32_t length = ref_chain_read(chain, 0, request, sizeof(request));

	if (length < 2 || chain->writable_bytes < 1)
		return 0;
	if (request[0] == CTRL_RX)
		ack = command_rx(dev, request[1], request + 2, length - 2);
	else if (request[0] == CTRL_MAC)
		ack = command_mac(dev, request[1], request + 2, length - 2);
	else
		ack = command_other(dev, request[0], request[1], request + 2, length - 2);
	if (dev->fault == REF_FAULT_NET_CTRL_NO_ACK)
		return 0;
	ref_chain_write(chain, 0, &ack, 1);
	return 1;
}

static uint32_t net_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	switch (role_of(dev, queue)) {
	case ROLE_RX:
		return receive(dev, chain);
	case ROLE_TX:
		return transmit(dev, chain);
	default:
		return control(dev, chain);
	}
}

/* Receive buffers wait for a frame; receiveq1 only (5.1.6.5.6: the default steering). */
static bool net_has_data(struct ref_device *dev, uint16_t queue)
{
	struct ref_net_state *net = state(dev);

	switch (role_of(dev, queue)) {
	case ROLE_RX:
		return queue == 0 && net->link_up && net->pending_count;
	case ROLE_TX:
		return dev->fault != REF_FAULT_NET_TX_NEVER_USED;
	default:
		return true;
	}
}

/* A link change from the host: status at once, the notification at the next step. */
static void net_step(struct ref_device *dev)
{
	struct ref_net_state *net = state(dev);

	if (!net->config_change_pending)
		return;
	net->config_change_pending = false;
	if (dev->fault == REF_FAULT_NET_LINK_WITHOUT_NOTIFICATION)
		dev->generation++;
	else
		ref_config_changed(dev, dev->fault != REF_FAULT_NET_LINK_WITHOUT_GENERATION);
}

static const char *set_link(struct ref_device *dev, const struct vcts_line *line, char *msg,
			    size_t msg_size)
{
	struct ref_net_state *net = state(dev);
	const char *wanted = line_get(line, "state");
	uint16_t status = get_le16(dev->config + CFG_STATUS);

	if (!wanted || (strcmp(wanted, "up") && strcmp(wanted, "down"))) {
		snprintf(msg, msg_size, "bad state '%s' (up or down)", wanted ? wanted : "");
		return "error";
	}
	net->link_up = !strcmp(wanted, "up");
	if (dev->fault != REF_FAULT_NET_LINK_STATUS_STUCK)
		put_status(dev, net->link_up ? status | S_LINK_UP : status & ~S_LINK_UP);
	net->config_change_pending = true;
	snprintf(msg, msg_size, "link of %s set %s", dev->vdev.name, wanted);
	return "ok";
}

/* The request's bytes (60..1514) and seed, as the harness reads them. */
static bool frame_fields(const struct vcts_line *line, struct ref_net_frame *frame, char *msg,
			 size_t msg_size)
{
	const char *bytes = line_get(line, "bytes"), *seed = line_get(line, "seed");

	if (!bytes || !seed) {
		snprintf(msg, msg_size, "bytes= and seed= are needed");
		return false;
	}
	frame->bytes = (uint32_t)strtoul(bytes, NULL, 10);
	frame->seed = (uint32_t)strtoul(seed, NULL, 10);
	if (frame->bytes < NET_FRAME_MIN || frame->bytes > NET_FRAME_LARGEST) {
		snprintf(msg, msg_size, "bytes %s is not 60..1514", bytes);
		return false;
	}
	return true;
}

static const char *frame_to_guest(struct ref_device *dev, const struct vcts_line *line,
				  char *msg, size_t msg_size)
{
	struct ref_net_state *net = state(dev);
	struct ref_net_frame frame;

	if (!frame_fields(line, &frame, msg, msg_size))
		return "error";
	if (net->pending_count == PENDING_MAX) {
		snprintf(msg, msg_size, "%d frames are waiting already", PENDING_MAX);
		return "error";
	}
	/* Like QEMU, a device whose link is down drops it: sent, never received. */
	if (net->link_up)
		net->pending[net->pending_count++] = frame;
	snprintf(msg, msg_size, "sent a %u-byte frame of seed %u", frame.bytes, frame.seed);
	return "ok";
}

static const char *frame_from_guest(struct ref_device *dev, const struct vcts_line *line,
				    char *msg, size_t msg_size)
{
	struct ref_net_state *net = state(dev);
	struct ref_net_frame frame;

	if (!frame_fields(line, &frame, msg, msg_size))
		return "error";
	/* The guest waited for its transmit buffer to be used: the frame is here, or never. */
	if (!net->captured) {
		snprintf(msg, msg_size, "no frame arrived within 2000 ms");
		return "differs";
	}
	return net_frame_judge(net->captured_frame, net->captured_length, frame.bytes, frame.seed,
			       msg, msg_size);
}

static const char *net_host_action(struct ref_device *dev, const struct vcts_line *line,
				   char *msg, size_t msg_size)
{
	const char *action = line_get(line, "action");

	if (action && !strcmp(action, "net-link"))
		return set_link(dev, line, msg, msg_size);
	if (action && !strcmp(action, "net-capture-start")) {
		state(dev)->captured = false;
		snprintf(msg, msg_size, "capture started");
		return "ok";
	}
	if (action && !strcmp(action, "net-frame-to-guest"))
		return frame_to_guest(dev, line, msg, msg_size);
	if (action && !strcmp(action, "net-frame-from-guest"))
		return frame_from_guest(dev, line, msg, msg_size);
	snprintf(msg, msg_size, "unknown host action '%s'", action ? action : "");
	return "unsupported";
}

const struct ref_device_type ref_net_type = {
	.name = "net",
	.device_id = VIRTIO_ID_NET,
	.queue_count = 2 * PAIRS + 1,
	.features = (1ull << F_MTU) | (1ull << F_MAC) | (1ull << F_MRG_RXBUF) | (1ull << F_STATUS) |
		    (1ull << F_CTRL_VQ) | (1ull << F_CTRL_RX) | (1ull << F_CTRL_VLAN) |
		    (1ull << F_GUEST_ANNOUNCE) | (1ull << F_MQ) | (1ull << F_CTRL_MAC_ADDR) |
		    (1ull << F_SPEED_DUPLEX),
	.config_size = CFG_SIZE,
	.init = net_init,
	.reset = net_reset,
	.features_ok = net_features_ok,
	.process = net_process,
	.has_data = net_has_data,
	.step = net_step,
	.host_action = net_host_action,
};
