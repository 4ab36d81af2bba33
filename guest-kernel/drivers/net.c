/*
 * virtio-net driver (5.1): set-up, configuration, and three kinds of
 * request, all polled:
 *
 *	transmit	header + frame (device-readable)		transmitq1
 *	receive		one device-writable buffer per chain		receiveq1
 *	control		class, command, data (readable), ack (writable)	controlq
 *
 * The driver trusts nothing it gets back: used elements are validated by
 * the virtqueue core; a received packet's used length must cover the
 * header, num_buffers must name buffers that exist, and the ack byte must
 * be one of the two ack values.
 */
#include <stdarg.h>

#include "drivers/net.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"

#define NET_QUEUE_SIZE		64
/* Legacy (0.9.5) feature: the device accepts any descriptor layout. */
#define NET_LEGACY_F_ANY_LAYOUT	27
/* What the ack byte holds until the device writes it: no ack value has it. */
#define NET_ACK_UNWRITTEN	0xff

const uint8_t net_harness_mac[NET_MAC_BYTES] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static void net_fail(struct net_device *net, const char *clause, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void net_fail(struct net_device *net, const char *clause, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(net->error, sizeof(net->error), format, args);
	va_end(args);
	net->error_clause = clause;
}

bool net_offers(const struct net_device *net, unsigned int bit)
{
	return bit < 64 && (net->offered >> bit) & 1;
}

/* Header fields come in the device's byte order: LE for 1.x, guest-native for legacy. */
static uint16_t from_device16(const struct net_device *net, const uint8_t *bytes)
{
	uint16_t value;

	memcpy(&value, bytes, sizeof(value));
	return virtio_from_device16(net->dev, value);
}

/*
 * Configuration fields: little-endian for 1.x (2.5); guest-native for the
 * legacy interface (5.1.4.1), which is the same on both architectures
 * the kernel runs on.
 */
static bool config_read_le(struct net_device *net, uint32_t offset, uint32_t size,
			   uint32_t *value)
{
	uint64_t field;
	bool read = virtio_config_read_field(net->dev, offset, size, &field);

	*value = (uint32_t)field;
	return read;
}

/* A field that only exists with one of @features: read when offered, else 0. */
static bool config_read_if(struct net_device *net, uint64_t features, uint32_t offset,
			   uint32_t size, uint32_t *field)
{
	*field = 0;
	if (!(net->offered & features))
		return true;
	return config_read_le(net, offset, size, field);
}

/*
 * 5.1.4: mac always exists (valid with MAC); the others exist when their
 * feature is offered. They are read whenever offered, negotiated or not,
 * since the device lays the structure out by what it offers.
 */
bool net_read_config(struct net_device *net)
{
	struct net_config *config = &net->config;
	uint32_t status, pairs, mtu, speed, duplex;

	if (!virtio_config_read_stable(net->dev, VIRTIO_NET_CFG_MAC, config->mac, NET_MAC_BYTES) ||
	    !config_read_if(net, 1ull << VIRTIO_NET_F_STATUS, VIRTIO_NET_CFG_STATUS, 2, &status) ||
	    !config_read_if(net, (1ull << VIRTIO_NET_F_MQ) | (1ull << VIRTIO_NET_F_RSS),
			    VIRTIO_NET_CFG_MAX_VQ_PAIRS, 2, &pairs) ||
	    !config_read_if(net, 1ull << VIRTIO_NET_F_MTU, VIRTIO_NET_CFG_MTU, 2, &mtu) ||
	    !config_read_if(net, 1ull << VIRTIO_NET_F_SPEED_DUPLEX, VIRTIO_NET_CFG_SPEED, 4,
			    &speed) ||
	    !config_read_if(net, 1ull << VIRTIO_NET_F_SPEED_DUPLEX, VIRTIO_NET_CFG_DUPLEX, 1,
			    &duplex)) {
		net_fail(net, CLAUSE_CONFIG_SPACE,
			 "the configuration could not be read: generation never stable, "
			 "or the fields lie beyond the %u bytes the transport exposes",
			 net->dev->ops->config_size(net->dev));
		return false;
	}
	config->status = (uint16_t)status;
	config->max_virtqueue_pairs = (uint16_t)pairs;
	config->mtu = (uint16_t)mtu;
	config->speed = speed;
	config->duplex = (uint8_t)duplex;
	return true;
}

static bool create_queue(struct net_device *net, uint16_t index, const char **why)
{
	uint16_t max = net->dev->ops->queue_max_size(net->dev, index);
	uint16_t size;

	if (!max) {
		*why = "the device reports size 0 for a queue the driver needs";
		return false;
	}
	if (max & (max - 1)) {
		*why = "the device reports a queue size that is not a power of two";
		return false;
	}
	size = net->dev->queue_size_fixed || max < NET_QUEUE_SIZE ? max : NET_QUEUE_SIZE;
	return vq_create(net->dev, index, size, why) != NULL;
}

/*
 * 3.1.1 by hand rather than virtio_setup(): with MQ the control queue is
 * not next to transmitq1 but at 2 * max_virtqueue_pairs (5.1.2), which
 * is only known once the features are negotiated. Queues 2 .. 2N-1 stay
 * disabled, which 5.1.5 allows ("only receiveq1, transmitq1 and controlq
 * are used by default").
 */
static bool net_setup(struct net_device *net, uint64_t wanted, enum virtio_irq_mode irq_mode,
		      const char **why)
{
	struct virtio_device *dev = net->dev;

	wanted |= dev->legacy ? 1ull << NET_LEGACY_F_ANY_LAYOUT : 1ull << VIRTIO_F_VERSION_1;
	if (!virtio_negotiate(dev, wanted, why))
		return false;
	if (irq_mode != VIRTIO_IRQ_POLL && dev->ops->irq_setup(dev, irq_mode) < 0) {
		*why = "the transport could not set up the interrupt mode";
		return false;
	}
	net->ctrl_index = 2;
	if (virtio_has_feature(dev, VIRTIO_NET_F_MQ)) {
		uint32_t pairs = 0;

		if (!config_read_le(net, VIRTIO_NET_CFG_MAX_VQ_PAIRS, 2, &pairs)) {
			*why = "max_virtqueue_pairs could not be read";
			return false;
		}
		if (pairs < 1 || pairs > VIRTIO_NET_MAX_VQ_PAIRS) {
			*why = "max_virtqueue_pairs is outside 1..0x8000: no control queue index";
			return false;
		}
		if (2 * pairs >= VIRTIO_MAX_QUEUES) {
			net->queue_limit = true;
			*why = "the control queue index 2 * max_virtqueue_pairs is beyond the "
			       "queues the kernel supports";
			return false;
		}
		net->ctrl_index = (uint16_t)(2 * pairs);
	}
	if (!create_queue(net, 0, why) || !create_queue(net, 1, why))
		return false;
	if (virtio_has_feature(dev, VIRTIO_NET_F_CTRL_VQ) &&
	    !create_queue(net, net->ctrl_index, why))
		return false;
	virtio_driver_ok(dev);
	return true;
}

bool net_open(struct virtio_device *dev, uint64_t features_wanted,
	      struct net_device *out, const char **why)
{
	return net_open_irq(dev, features_wanted, VIRTIO_IRQ_POLL, out, why);
}

bool net_open_irq(struct virtio_device *dev, uint64_t features_wanted,
		  enum virtio_irq_mode irq_mode, struct net_device *out, const char **why)
{
	const char *reason = NULL;

	*out = (struct net_device){ .dev = dev, .error_clause = CLAUSE_NET_CONFIG };
	out->tx_header = test_alloc(VIRTIO_NET_HDR_SIZE, 16);
	out->tx_frame = test_alloc(VIRTIO_NET_HDR_SIZE + NET_FRAME_MAX, 64);
	out->ctrl_header = test_alloc(2, 2);
	out->ctrl_data = test_alloc(NET_CTRL_DATA_MAX, 8);
	out->ctrl_ack = test_alloc(1, 1);
	out->offered = virtio_device_features(dev);
	if (!net_setup(out, features_wanted, irq_mode, &reason)) {
		net_fail(out, CLAUSE_FEATURES, "%s", reason ? reason : "device set-up failed");
		*why = out->error;
		return false;
	}
	out->rxq = dev->queues[0];
	out->txq = dev->queues[1];
	out->ctrlq = virtio_has_feature(dev, VIRTIO_NET_F_CTRL_VQ) ? dev->queues[out->ctrl_index]
								     : NULL;
	/* 5.1.6.1: the legacy header lacks num_buffers unless MRG_RXBUF is negotiated. */
	out->hdr_size = dev->legacy && !virtio_has_feature(dev, VIRTIO_NET_F_MRG_RXBUF) ?
			VIRTIO_NET_HDR_SIZE_LEGACY : VIRTIO_NET_HDR_SIZE;
	out->header_apart = dev->legacy && !virtio_has_feature(dev, NET_LEGACY_F_ANY_LAYOUT);
	if (!net_read_config(out)) {
		*why = out->error;
		return false;
	}
	*why = "";
	return true;
}

const char *net_result_name(enum net_result result)
{
	switch (result) {
	case NET_DONE:
		return "done";
	case NET_BAD_REPLY:
		return "the device's answer breaks a rule";
	case NET_RING_ERROR:
		return "ring rule broken";
	case NET_TIMEOUT:
		return "timeout";
	case NET_NOT_SENT:
		return "not sent";
	}
	return "?";
}

const char *net_ack_name(uint8_t ack)
{
	switch (ack) {
	case VIRTIO_NET_OK:
		return "VIRTIO_NET_OK";
	case VIRTIO_NET_ERR:
		return "VIRTIO_NET_ERR";
	case NET_ACK_UNWRITTEN:
		return "0xff (never written)";
	default:
		return "not an ack value";
	}
}

static enum net_result not_sent(struct net_device *net, const char *what)
{
	net_fail(net, CLAUSE_USED_RING, "%s", what);
	return NET_NOT_SENT;
}

/* Waits for @vq's next used buffer; maps the core's verdicts to results. */
static enum net_result wait_used(struct net_device *net, struct virtqueue *vq,
				 uint32_t timeout_ms, const char *clause, void **token,
				 uint32_t *used_len)
{
	switch (vq_wait_used(vq, timeout_ms, token, used_len)) {
	case VQ_USED:
		return NET_DONE;
	case VQ_TIMEOUT:
		net_fail(net, clause, "queue %u: %s", vq->index, vq->error);
		return NET_TIMEOUT;
	case VQ_DEVICE_ERROR:
		net->broken = true;
		net_fail(net, clause, "queue %u: %s", vq->index, vq->error);
		return NET_TIMEOUT;
	default:
		net->broken = true;
		net_fail(net, CLAUSE_USED_RING, "queue %u: %s", vq->index, vq->error);
		return NET_RING_ERROR;
	}
}

/* Requests that expect their own chain back (one outstanding at a time). */
static enum net_result submit_and_wait(struct net_device *net, struct virtqueue *vq,
				       const struct vq_buffer *chain, int count,
				       const char *clause, uint32_t *used_len)
{
	void *token = NULL;
	enum net_result result;

	if (vq_add_chain(vq, chain, count, net) < 0)
		return not_sent(net, "the queue has no room for the request");
	vq_kick(vq);
	result = wait_used(net, vq, test_timeout_ms(), clause, &token, used_len);
	if (result == NET_TIMEOUT)
		net->broken = true;	/* the device still holds the buffers */
	if (result != NET_DONE)
		return result;
	if (token != net) {
		net->broken = true;
		net_fail(net, CLAUSE_USED_RING, "the used element names a buffer that was not sent");
		return NET_RING_ERROR;
	}
	return NET_DONE;
}

static bool post_one(struct net_device *net, uint16_t index, uint8_t poison)
{
	uint8_t *buffer = net->rx_memory + (size_t)index * net->rx_size;
	struct vq_buffer *chain = net->rx_chain[index];
	int count = 1;

	memset(buffer, poison, net->rx_size);
	if (net->header_apart) {
		/* Legacy without ANY_LAYOUT: the header in a descriptor of its own. */
		chain[0] = (struct vq_buffer){ buffer, net->hdr_size, true };
		chain[1] = (struct vq_buffer){ buffer + net->hdr_size,
					       net->rx_size - net->hdr_size, true };
		count = 2;
	} else {
		chain[0] = (struct vq_buffer){ buffer, net->rx_size, true };
	}
	return vq_add_chain(net->rxq, chain, count, chain) == 0;
}

bool net_post_receive_buffers(struct net_device *net, uint16_t count, uint32_t size,
			      uint8_t poison)
{
	if (net->broken || net->rx_memory || !count || count > NET_RX_MAX_BUFFERS ||
	    size < net->hdr_size + (net->header_apart ? 1 : 0)) {
		not_sent(net, "the receive buffers cannot be posted (posted already, or a "
			 "count or size the driver cannot use)");
		return false;
	}
	net->rx_memory = test_alloc((size_t)count * size, 64);
	net->rx_size = size;
	net->rx_count = count;
	for (uint16_t i = 0; i < count; i++) {
		if (!post_one(net, i, poison)) {
			not_sent(net, "the receive queue has no room for the buffers");
			return false;
		}
	}
	vq_kick(net->rxq);
	return true;
}

/* Which posted buffer a token names; the core only returns tokens it was given. */
static int buffer_index(struct net_device *net, void *token)
{
	for (uint16_t i = 0; i < net->rx_count; i++) {
		if (token == (void *)net->rx_chain[i])
			return i;
	}
	return -1;
}

static void read_header(struct net_device *net, const uint8_t *header, struct net_packet *packet)
{
	packet->flags = header[0];
	packet->gso_type = header[1];
	packet->hdr_len = from_device16(net, header + 2);
	packet->gso_size = from_device16(net, header + 4);
	packet->csum_start = from_device16(net, header + 6);
	packet->csum_offset = from_device16(net, header + 8);
	packet->has_num_buffers = net->hdr_size == VIRTIO_NET_HDR_SIZE;
	packet->num_buffers = packet->has_num_buffers ?
			      from_device16(net, header + VIRTIO_NET_HDR_NUM_BUFFERS) : 0;
}

static void gather(struct net_packet *packet, const uint8_t *bytes, uint32_t length)
{
	uint32_t room = NET_FRAME_MAX - packet->frame_length;

	if (length > room) {
		packet->truncated = true;
		length = room;
	}
	memcpy(packet->frame + packet->frame_length, bytes, length);
	packet->frame_length += length;
}

/* One used receive buffer: its index and used length. */
static enum net_result next_buffer(struct net_device *net, uint32_t timeout_ms, int *index,
				   uint32_t *used_len)
{
	void *token = NULL;
	enum net_result result = wait_used(net, net->rxq, timeout_ms,
					   CLAUSE_NET_RX_BUFFERS, &token, used_len);

	if (result != NET_DONE)
		return result;
	*index = buffer_index(net, token);
	if (*index < 0) {
		net->broken = true;
		net_fail(net, CLAUSE_USED_RING, "a used receive buffer the driver never posted");
		return NET_RING_ERROR;
	}
	return NET_DONE;
}

enum net_result net_receive(struct net_device *net, uint32_t timeout_ms,
			    struct net_packet *packet, uint8_t poison)
{
	bool mergeable = virtio_has_feature(net->dev, VIRTIO_NET_F_MRG_RXBUF);
	uint16_t wanted = 1;
	enum net_result result = NET_DONE;
	int consumed[NET_RX_MAX_BUFFERS];

	memset(packet, 0, sizeof(*packet));
	net->error[0] = '\0';
	if (net->broken || !net->rx_memory)
		return not_sent(net, "no receive buffers are posted on a working queue");
	for (uint16_t n = 0; n < wanted; n++) {
		uint32_t used_len = 0;
		int index = -1;
		const uint8_t *buffer;
		/* The packet's other buffers are already used (5.1.6.4.1: all together). */
		enum net_result got = next_buffer(net, n ? 0 : timeout_ms, &index, &used_len);

		if (got != NET_DONE) {
			if (n && got == NET_TIMEOUT) {
				net_fail(net, CLAUSE_NET_RX_PROCESSING,
					 "num_buffers is %u, but only %u used buffers were there "
					 "(the device MUST use them together)", wanted, n);
				result = NET_BAD_REPLY;
			} else {
				result = got;
			}
			break;
		}
		consumed[packet->buffers] = index;
		packet->used_len[packet->buffers++] = used_len;
		buffer = net->rx_memory + (size_t)index * net->rx_size;
		if (n == 0) {
			if (used_len < net->hdr_size) {
				net_fail(net, CLAUSE_NET_RX_PROCESSING,
					 "used length %u of a receive buffer stops short of the "
					 "%u-byte header", used_len, net->hdr_size);
				result = NET_BAD_REPLY;
				break;
			}
			read_header(net, buffer, packet);
			gather(packet, buffer + net->hdr_size, used_len - net->hdr_size);
			if (!mergeable)
				break;
			/* The header is back; the rest depends on num_buffers (5.1.6.4). */
			if (packet->num_buffers < 1 || packet->num_buffers > net->rx_count) {
				net_fail(net, CLAUSE_NET_RX_PROCESSING,
					 "num_buffers %u is not between 1 and the %u buffers posted",
					 packet->num_buffers, net->rx_count);
				result = NET_BAD_REPLY;
				break;
			}
			wanted = packet->num_buffers;
		} else {
			gather(packet, buffer, used_len);
		}
		if (n + 1 < wanted && used_len != net->rx_size) {
			net_fail(net, CLAUSE_NET_RX_PROCESSING,
				 "buffer %u of %u of a packet has used length %u, not all %u "
				 "bytes (all but the last MUST be used completely)", n + 1, wanted,
				 used_len, net->rx_size);
			result = NET_BAD_REPLY;
			break;
		}
	}
	for (uint16_t i = 0; i < packet->buffers && !net->broken; i++) {
		if (!post_one(net, (uint16_t)consumed[i], poison)) {
			net->broken = true;
			net_fail(net, CLAUSE_USED_RING, "a used receive buffer could not be re-posted");
			return NET_RING_ERROR;
		}
	}
	if (packet->buffers)
		vq_kick(net->rxq);
	return result;
}

enum net_result net_transmit(struct net_device *net, const void *frame, uint32_t length,
			     uint32_t *used_len)
{
	struct vq_buffer chain[2];
	int count;

	*used_len = 0;
	net->error[0] = '\0';
	if (net->broken)
		return not_sent(net, "the transmit queue is not used after the device failed");
	if (length > NET_FRAME_MAX)
		return not_sent(net, "the frame is longer than the driver sends");
	/* flags 0, gso_type NONE, num_buffers 0 (5.1.6.2.1): all zero. */
	memset(net->tx_header, 0, VIRTIO_NET_HDR_SIZE);
	if (net->header_apart) {
		memcpy(net->tx_frame, frame, length);
		chain[0] = (struct vq_buffer){ net->tx_header, net->hdr_size, false };
		chain[1] = (struct vq_buffer){ net->tx_frame, length, false };
		count = 2;
	} else {
		/* "The header and packet are added as one output descriptor" (5.1.6.2). */
		memset(net->tx_frame, 0, net->hdr_size);
		memcpy(net->tx_frame + net->hdr_size, frame, length);
		chain[0] = (struct vq_buffer){ net->tx_frame, net->hdr_size + length, false };
		count = 1;
	}
	return submit_and_wait(net, net->txq, chain, count, CLAUSE_NET_TX, used_len);
}

enum net_result net_control(struct net_device *net, uint8_t class, uint8_t command,
			    const void *data, uint32_t length, uint8_t *ack,
			    uint32_t *used_len)
{
	struct vq_buffer chain[3];
	enum net_result result;
	int count = 0;

	*ack = NET_ACK_UNWRITTEN;
	*used_len = 0;
	net->error[0] = '\0';
	if (!net->ctrlq)
		return not_sent(net, "there is no control queue (CTRL_VQ not negotiated)");
	if (net->broken)
		return not_sent(net, "the control queue is not used after the device failed");
	if (length > NET_CTRL_DATA_MAX)
		return not_sent(net, "the command-specific data is longer than the driver sends");
	net->ctrl_header[0] = class;
	net->ctrl_header[1] = command;
	*net->ctrl_ack = NET_ACK_UNWRITTEN;
	/* Header, data and ack in descriptors of their own: legacy framing allows that too. */
	chain[count++] = (struct vq_buffer){ net->ctrl_header, 2, false };
	if (length) {
		memcpy(net->ctrl_data, data, length);
		chain[count++] = (struct vq_buffer){ net->ctrl_data, length, false };
	}
	chain[count++] = (struct vq_buffer){ net->ctrl_ack, 1, true };
	result = submit_and_wait(net, net->ctrlq, chain, count, CLAUSE_NET_CTRL, used_len);
	if (result != NET_DONE)
		return result;
	*ack = *(volatile uint8_t *)net->ctrl_ack;
	/* 5.1.6.1: legacy drivers SHOULD ignore the control queue's used length. */
	if (!net->dev->legacy && *used_len < 1) {
		net_fail(net, CLAUSE_USED_RING,
			 "used length %u does not reach the ack byte, the only device-writable "
			 "byte", *used_len);
		return NET_BAD_REPLY;
	}
	if (*ack != VIRTIO_NET_OK && *ack != VIRTIO_NET_ERR) {
		net_fail(net, CLAUSE_NET_CTRL, "ack byte %#x is neither VIRTIO_NET_OK nor "
			 "VIRTIO_NET_ERR (%s)", *ack, net_ack_name(*ack));
		return NET_BAD_REPLY;
	}
	return NET_DONE;
}
