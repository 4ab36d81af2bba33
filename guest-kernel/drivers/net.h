/*
 * virtio-net (5.1), driver side: receiveq1, transmitq1 and, with
 * VIRTIO_NET_F_CTRL_VQ, the control queue; polled, one frame or command
 * at a time. Everything the device says back (configuration, used
 * lengths, the header of a received frame, num_buffers, the ack byte) is
 * checked before the kernel relies on it; the tests in tests/devices/net/
 * judge it.
 */
#ifndef VCTS_DRIVER_NET_H
#define VCTS_DRIVER_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

/* 5.1.3 Feature bits */
#define VIRTIO_NET_F_CSUM		0
#define VIRTIO_NET_F_GUEST_CSUM		1
#define VIRTIO_NET_F_CTRL_GUEST_OFFLOADS 2
#define VIRTIO_NET_F_MTU		3
#define VIRTIO_NET_F_MAC		5
#define VIRTIO_NET_F_GUEST_TSO4		7
#define VIRTIO_NET_F_GUEST_TSO6		8
#define VIRTIO_NET_F_GUEST_ECN		9
#define VIRTIO_NET_F_GUEST_UFO		10
#define VIRTIO_NET_F_HOST_TSO4		11
#define VIRTIO_NET_F_HOST_TSO6		12
#define VIRTIO_NET_F_HOST_ECN		13
#define VIRTIO_NET_F_HOST_UFO		14
#define VIRTIO_NET_F_MRG_RXBUF		15
#define VIRTIO_NET_F_STATUS		16
#define VIRTIO_NET_F_CTRL_VQ		17
#define VIRTIO_NET_F_CTRL_RX		18
#define VIRTIO_NET_F_CTRL_VLAN		19
#define VIRTIO_NET_F_GUEST_ANNOUNCE	21
#define VIRTIO_NET_F_MQ			22
#define VIRTIO_NET_F_CTRL_MAC_ADDR	23
#define VIRTIO_NET_F_HASH_REPORT	57
#define VIRTIO_NET_F_RSS		60
#define VIRTIO_NET_F_SPEED_DUPLEX	63

/* 5.1.4 Device configuration layout: byte offsets in struct virtio_net_config */
#define VIRTIO_NET_CFG_MAC		0	/* u8[6] */
#define VIRTIO_NET_CFG_STATUS		6	/* le16 */
#define VIRTIO_NET_CFG_MAX_VQ_PAIRS	8	/* le16 */
#define VIRTIO_NET_CFG_MTU		10	/* le16 */
#define VIRTIO_NET_CFG_SPEED		12	/* le32 */
#define VIRTIO_NET_CFG_DUPLEX		16	/* u8 */

#define VIRTIO_NET_S_LINK_UP		1
#define VIRTIO_NET_S_ANNOUNCE		2

#define VIRTIO_NET_MAX_VQ_PAIRS		0x8000u
#define VIRTIO_NET_MTU_MIN		68u
#define VIRTIO_NET_SPEED_UNKNOWN	0xffffffffu

/* 5.1.6 struct virtio_net_hdr */
#define VIRTIO_NET_HDR_F_NEEDS_CSUM	1
#define VIRTIO_NET_HDR_F_DATA_VALID	2
#define VIRTIO_NET_HDR_F_RSC_INFO	4
#define VIRTIO_NET_HDR_GSO_NONE		0
#define VIRTIO_NET_HDR_GSO_TCPV4	1
#define VIRTIO_NET_HDR_GSO_UDP		3
#define VIRTIO_NET_HDR_GSO_TCPV6	4
#define VIRTIO_NET_HDR_GSO_UDP_L4	5
#define VIRTIO_NET_HDR_GSO_ECN		0x80

/* With VERSION_1 (or a legacy MRG_RXBUF), the header ends with num_buffers. */
#define VIRTIO_NET_HDR_SIZE		12u
/* Legacy without MRG_RXBUF: no num_buffers (5.1.6.1). */
#define VIRTIO_NET_HDR_SIZE_LEGACY	10u
#define VIRTIO_NET_HDR_NUM_BUFFERS	10u	/* byte offset of num_buffers */

/* 5.1.6.5 Control Virtqueue */
#define VIRTIO_NET_OK			0
#define VIRTIO_NET_ERR			1
#define VIRTIO_NET_CTRL_RX		0
#define VIRTIO_NET_CTRL_RX_PROMISC	0
#define VIRTIO_NET_CTRL_RX_ALLMULTI	1
#define VIRTIO_NET_CTRL_MAC		1
#define VIRTIO_NET_CTRL_MAC_TABLE_SET	0
#define VIRTIO_NET_CTRL_MAC_ADDR_SET	1
#define VIRTIO_NET_CTRL_VLAN		2
#define VIRTIO_NET_CTRL_VLAN_ADD	0
#define VIRTIO_NET_CTRL_VLAN_DEL	1
#define VIRTIO_NET_CTRL_ANNOUNCE	3
#define VIRTIO_NET_CTRL_ANNOUNCE_ACK	0
#define VIRTIO_NET_CTRL_MQ		4
#define VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET	0

#define NET_MAC_BYTES			6
/* A frame without its FCS: 14 bytes of Ethernet header and up to 1500 of payload. */
#define NET_FRAME_MAX			1514u
/* The buffer size 5.1.6.3.1 asks for without MRG_RXBUF and guest offloads. */
#define NET_RX_BUFFER_FULL		(VIRTIO_NET_HDR_SIZE + NET_FRAME_MAX)
/* Receive buffers the driver can have posted at once. */
#define NET_RX_MAX_BUFFERS		64
/* Command-specific data the driver sends on the control queue at most. */
#define NET_CTRL_DATA_MAX		64u

/*
 * The MAC address the harness gives every virtio-net device
 * (`-device virtio-net-*,mac=52:54:00:12:34:56`): the one place it is
 * written down in the kernel.
 */
extern const uint8_t net_harness_mac[NET_MAC_BYTES];

/* The configuration fields, in CPU order; 0 where the feature is absent. */
struct net_config {
	uint8_t mac[NET_MAC_BYTES];	/* always there; valid with VIRTIO_NET_F_MAC */
	uint16_t status;		/* VIRTIO_NET_F_STATUS */
	uint16_t max_virtqueue_pairs;	/* VIRTIO_NET_F_MQ or VIRTIO_NET_F_RSS */
	uint16_t mtu;			/* VIRTIO_NET_F_MTU */
	uint32_t speed;			/* VIRTIO_NET_F_SPEED_DUPLEX */
	uint8_t duplex;			/* VIRTIO_NET_F_SPEED_DUPLEX */
};

/* How a request ended, as far as the driver can tell. */
enum net_result {
	NET_DONE,		/* used, and what came back can be read */
	NET_BAD_REPLY,		/* used, but what came back breaks a rule (see error) */
	NET_RING_ERROR,		/* the device broke a ring rule */
	NET_TIMEOUT,		/* nothing within test_timeout_ms() */
	NET_NOT_SENT,		/* the driver could not send it */
};

/* One received packet, as the device described it. */
struct net_packet {
	/* The header fields, in CPU order (num_buffers: 0 if the header has none). */
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
	bool has_num_buffers;
	/* The receive buffers it came in, in used-ring order, and their used lengths. */
	uint16_t buffers;
	uint32_t used_len[NET_RX_MAX_BUFFERS];
	/* The frame after the header, gathered from those buffers. */
	uint8_t frame[NET_FRAME_MAX];
	uint32_t frame_length;
	bool truncated;			/* more frame than NET_FRAME_MAX */
};

struct net_device {
	struct virtio_device *dev;
	uint64_t offered;		/* the device's feature bits */
	struct virtqueue *rxq;		/* receiveq1 */
	struct virtqueue *txq;		/* transmitq1 */
	struct virtqueue *ctrlq;	/* NULL without VIRTIO_NET_F_CTRL_VQ */
	uint16_t ctrl_index;
	uint32_t hdr_size;		/* 12, or 10 (legacy without MRG_RXBUF) */
	/* Legacy without ANY_LAYOUT: headers go in descriptors of their own. */
	bool header_apart;
	struct net_config config;
	/* Receive buffers: rx_count of rx_size bytes each. */
	uint8_t *rx_memory;
	uint32_t rx_size;
	uint16_t rx_count;
	struct vq_buffer rx_chain[NET_RX_MAX_BUFFERS][2];
	/* Transmit and control requests, one at a time. */
	uint8_t *tx_header;
	uint8_t *tx_frame;
	uint8_t *ctrl_header;
	uint8_t *ctrl_data;
	uint8_t *ctrl_ack;
	/* After a timeout or a broken ring rule the device is not used again. */
	bool broken;
	/* net_open failed on the kernel's limit (VIRTIO_MAX_QUEUES), not the device. */
	bool queue_limit;
	/* Why the last call failed, and the clause the device broke if it did. */
	const char *error_clause;
	char error[192];
};

/*
 * Initialises @dev (3.1.1) with VERSION_1 and @features_wanted & offered:
 * receiveq1, transmitq1 and the control queue when CTRL_VQ is negotiated
 * (at 2 * max_virtqueue_pairs with MQ), then reads the configuration.
 * On failure returns false with the reason in *@why (and @out->error)
 * and the clause the device broke in @out->error_clause.
 */
bool net_open(struct virtio_device *dev, uint64_t features_wanted,
	      struct net_device *out, const char **why);
/* net_open with interrupts in @irq_mode (VIRTIO_IRQ_POLL: none, as net_open). */
bool net_open_irq(struct virtio_device *dev, uint64_t features_wanted,
		  enum virtio_irq_mode irq_mode, struct net_device *out, const char **why);
bool net_offers(const struct net_device *net, unsigned int bit);
/* Reads the configuration again into net->config; false if it never settles. */
bool net_read_config(struct net_device *net);

/*
 * Posts @count receive buffers of @size bytes (device-writable, each
 * filled with @poison first) on receiveq1; @size covers the header.
 */
bool net_post_receive_buffers(struct net_device *net, uint16_t count, uint32_t size,
			      uint8_t poison);
/*
 * Waits up to @timeout_ms for the next packet: its first buffer, and
 * with MRG_RXBUF the num_buffers - 1 after it (5.1.6.4). The buffers go
 * back to the device, refilled with @poison, once the packet is copied.
 * NET_BAD_REPLY when the device broke a rule of Processing of Incoming
 * Packets that keeps the driver from gathering it (used length short of
 * the header, num_buffers 0 or beyond the buffers posted, a buffer other
 * than the last not used completely); the packet then holds what was read.
 */
enum net_result net_receive(struct net_device *net, uint32_t timeout_ms,
			    struct net_packet *packet, uint8_t poison);

/*
 * Sends @length bytes of @frame on transmitq1 behind a header of flags 0,
 * gso_type NONE and num_buffers 0 (5.1.6.2), and waits for the device to
 * use it; *@used_len is what it says it wrote (nothing is writable).
 */
enum net_result net_transmit(struct net_device *net, const void *frame, uint32_t length,
			     uint32_t *used_len);

/*
 * One control command (5.1.6.5): class, command, @length bytes of
 * command-specific data, the ack byte. *@ack holds what the device wrote
 * (0xff, no ack value, until it does); NET_BAD_REPLY when the ack is not
 * VIRTIO_NET_OK or VIRTIO_NET_ERR, or the used length does not reach it.
 */
enum net_result net_control(struct net_device *net, uint8_t class, uint8_t command,
			    const void *data, uint32_t length, uint8_t *ack,
			    uint32_t *used_len);

const char *net_result_name(enum net_result result);
const char *net_ack_name(uint8_t ack);

#endif
