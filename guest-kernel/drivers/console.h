/*
 * virtio-console (5.3), driver side: port 0's queue pair, and with
 * VIRTIO_CONSOLE_F_MULTIPORT the control queues and the queue pairs of
 * the first ports. Every control message the device sends is recorded as
 * it came (tests/devices/console/ judge them) and answered the way a
 * driver must: PORT_READY for a port the device adds, PORT_OPEN for a
 * console port. Nothing the device says is used before it is checked:
 * a port id indexes no table unless it is in range, a used length is
 * clipped to the buffer, a message shorter than its header is recorded
 * but not acted on.
 */
#ifndef VCTS_DRIVER_CONSOLE_H
#define VCTS_DRIVER_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

/* 5.3.3 Feature bits */
#define VIRTIO_CONSOLE_F_SIZE		0
#define VIRTIO_CONSOLE_F_MULTIPORT	1
#define VIRTIO_CONSOLE_F_EMERG_WRITE	2

#define CONSOLE_FEATURES_ALL						\
	((1ull << VIRTIO_CONSOLE_F_SIZE) | (1ull << VIRTIO_CONSOLE_F_MULTIPORT) | \
	 (1ull << VIRTIO_CONSOLE_F_EMERG_WRITE))

/* 5.3.4 Device configuration layout: byte offsets in struct virtio_console_config */
#define VIRTIO_CONSOLE_CFG_COLS		0	/* le16, with SIZE */
#define VIRTIO_CONSOLE_CFG_ROWS		2	/* le16, with SIZE */
#define VIRTIO_CONSOLE_CFG_MAX_NR_PORTS	4	/* le32, with MULTIPORT */
#define VIRTIO_CONSOLE_CFG_EMERG_WR	8	/* le32, with EMERG_WRITE */

/* 5.3.2 Virtqueues */
#define CONSOLE_CONTROL_RECEIVEQ	2
#define CONSOLE_CONTROL_TRANSMITQ	3

/* 5.3.6.2 Multiport Device Operation: control events */
#define VIRTIO_CONSOLE_DEVICE_READY	0	/* driver -> device */
#define VIRTIO_CONSOLE_DEVICE_ADD	1	/* device -> driver */
#define VIRTIO_CONSOLE_DEVICE_REMOVE	2	/* device -> driver */
#define VIRTIO_CONSOLE_PORT_READY	3	/* driver -> device */
#define VIRTIO_CONSOLE_CONSOLE_PORT	4	/* device -> driver */
#define VIRTIO_CONSOLE_RESIZE		5	/* device -> driver */
#define VIRTIO_CONSOLE_PORT_OPEN	6	/* both ways */
#define VIRTIO_CONSOLE_PORT_NAME	7	/* device -> driver */

/* struct virtio_console_control: le32 id; le16 event; le16 value; */
#define CONSOLE_CONTROL_HEADER_BYTES	8
/* struct virtio_console_resize after a RESIZE header: le16 cols; le16 rows; */
#define CONSOLE_RESIZE_BYTES		4
/* The id the driver puts in DEVICE_READY, where "id is unused" (Linux's choice). */
#define CONSOLE_NO_PORT			0xffffffffu

/* Ports whose queue pairs the kernel sets up: 0, 1, 2 (VIRTIO_MAX_QUEUES). */
#define CONSOLE_QUEUE_PORTS		((VIRTIO_MAX_QUEUES - 2) / 2)
/* Port ids the driver keeps state for; higher ids are only recorded. */
#define CONSOLE_MAX_PORTS		64
/* Messages recorded per open; later ones are answered but not recorded. */
#define CONSOLE_MAX_MESSAGES		64
/* Control receive buffers, and their size: a header and a port name. */
#define CONSOLE_CONTROL_BUFFERS		16
#define CONSOLE_CONTROL_BUFFER_BYTES	256
/* Bytes after the header kept per recorded message. */
#define CONSOLE_PAYLOAD_BYTES		(CONSOLE_CONTROL_BUFFER_BYTES - CONSOLE_CONTROL_HEADER_BYTES)

/* The receive and transmit queue of port @port (5.3.2). */
static inline uint32_t console_receiveq(uint32_t port)
{
	return port == 0 ? 0 : 2 + 2 * port;
}

static inline uint32_t console_transmitq(uint32_t port)
{
	return port == 0 ? 1 : 3 + 2 * port;
}

/* One control message from the device, as it came. */
struct console_message {
	uint32_t length;		/* the used length */
	bool has_header;		/* length >= 8: id, event and value are valid */
	uint32_t id;			/* CPU order */
	uint16_t event;
	uint16_t value;
	uint32_t payload_length;	/* bytes after the header */
	uint8_t payload[CONSOLE_PAYLOAD_BYTES];
};

/* What the driver knows of one port, from the messages it acted on. */
struct console_port {
	bool added;			/* DEVICE_ADD seen, no DEVICE_REMOVE since */
	bool ready_sent;		/* PORT_READY sent */
	bool console;			/* CONSOLE_PORT seen */
	bool host_open;			/* the last PORT_OPEN from the device said 1 */
	bool named;			/* PORT_NAME seen */
	uint32_t name_length;		/* payload bytes of the last PORT_NAME */
	uint8_t name[CONSOLE_PAYLOAD_BYTES];
};

struct console_device {
	struct virtio_device *dev;
	uint64_t offered;		/* the device's feature bits */
	bool multiport;			/* VIRTIO_CONSOLE_F_MULTIPORT negotiated */
	uint32_t max_nr_ports;		/* read after negotiation; 1 without MULTIPORT */
	uint32_t queue_ports;		/* ports 0 .. queue_ports - 1 have queues */
	struct virtqueue *control_rx, *control_tx;
	uint8_t *control_buffers;	/* CONSOLE_CONTROL_BUFFERS x CONSOLE_CONTROL_BUFFER_BYTES */
	uint8_t *control_out;		/* the one message the driver sends at a time */
	/* Every control message in order of arrival (up to CONSOLE_MAX_MESSAGES). */
	struct console_message *messages;
	uint32_t message_count;
	uint32_t messages_dropped;	/* arrived after the log was full */
	struct console_port *ports;	/* CONSOLE_MAX_PORTS */
	/* Answers the driver owed the device but could not send. */
	uint32_t answers_failed;
	/* After a timeout or a broken ring rule the queues are not reused. */
	bool broken;
	const char *error_clause;
	char error[192];
};

/*
 * Initialises @dev (3.1.1) with @features_wanted & offered: queues of
 * port 0, and with MULTIPORT the control queues (16 receive buffers
 * posted) and the queues of ports 1 .. CONSOLE_QUEUE_PORTS - 1 that
 * max_nr_ports allows. Does not send DEVICE_READY (console_start()).
 * On failure returns false with the reason in *@why (and @out->error).
 */
bool console_open(struct virtio_device *dev, uint64_t features_wanted,
		  struct console_device *out, const char **why);

/*
 * MULTIPORT: sends DEVICE_READY (value 1) and takes control messages
 * until none came for @quiet_ms, answering them (console_collect()).
 * False if the message could not be sent or a queue broke.
 */
bool console_start(struct console_device *con, uint32_t quiet_ms);

/*
 * Takes the control messages the device has sent until none came for
 * @quiet_ms (at most test_timeout_ms() in all): records each, answers
 * DEVICE_ADD with PORT_READY (1) and CONSOLE_PORT with PORT_OPEN (1),
 * reposts the buffer. False if the control receiveq broke.
 */
bool console_collect(struct console_device *con, uint32_t quiet_ms);

/* Sends one control message and waits until the device used it. */
bool console_send_control(struct console_device *con, uint32_t id, uint16_t event,
			  uint16_t value);

/* The queue of @port in the given direction, or NULL if it was not set up. */
struct virtqueue *console_port_queue(struct console_device *con, uint32_t port,
				     bool transmit);

/*
 * Hands @count device-readable buffers to @port's transmitq as one chain
 * and waits for the device to use it.
 */
enum vq_result console_transmit(struct console_device *con, uint32_t port,
				const struct vq_buffer *chain, int count, uint32_t *used_len);

/* Reads a field of @size (2 or 4) bytes at @offset: LE for 1.x, guest-native for legacy. */
bool console_config_read(struct virtio_device *dev, uint32_t offset, uint32_t size,
			 uint32_t *value);

/* VIRTIO_CONSOLE_F_EMERG_WRITE: one character, through emerg_wr (5.3.5). */
void console_emergency_write(struct virtio_device *dev, uint8_t character);

const char *console_event_name(uint16_t event);

#endif
