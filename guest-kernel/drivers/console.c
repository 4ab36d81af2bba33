/*
 * virtio-console driver (5.3): set-up, the control queues of a multiport
 * device, port data. Polled. The control receiveq holds
 * CONSOLE_CONTROL_BUFFERS device-writable buffers; each message that comes
 * back is recorded (struct console_message) before the driver acts on
 * it, and the buffer goes back to the device. What the driver does with
 * a message depends only on values it checked: a port id beyond
 * max_nr_ports (or CONSOLE_MAX_PORTS) touches no state, a second
 * DEVICE_ADD for a port is not answered again, a message shorter than
 * its header is not read at all.
 */
#include <stdarg.h>

#include "drivers/console.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"

#define CONSOLE_QUEUE_SIZE	64
/*
 * Legacy Interface: Reserved Feature Bits: transitional drivers accept
 * VIRTIO_F_ANY_LAYOUT (virtio_setup() does the same).
 */
#define LEGACY_F_ANY_LAYOUT	27

static void console_fail(struct console_device *con, const char *clause, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void console_fail(struct console_device *con, const char *clause, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(con->error, sizeof(con->error), format, args);
	va_end(args);
	con->error_clause = clause;
}

const char *console_event_name(uint16_t event)
{
	static const char *const names[] = {
		"DEVICE_READY", "DEVICE_ADD", "DEVICE_REMOVE", "PORT_READY",
		"CONSOLE_PORT", "RESIZE", "PORT_OPEN", "PORT_NAME",
	};

	return event < sizeof(names) / sizeof(names[0]) ? names[event] : "unknown";
}

bool console_config_read(struct virtio_device *dev, uint32_t offset, uint32_t size,
			 uint32_t *value)
{
	uint64_t field;
	bool read;

	*value = 0;
	if (size != 2 && size != 4)
		return false;
	/* LE for 1.x, guest-native for legacy (5.3.4.1): the core handles both. */
	read = virtio_config_read_field(dev, offset, size, &field);
	*value = (uint32_t)field;
	return read;
}

void console_emergency_write(struct virtio_device *dev, uint8_t character)
{
	/* One 32-bit write of the whole field; the device takes the low byte. */
	dev->ops->config_write(dev, VIRTIO_CONSOLE_CFG_EMERG_WR, 4, character);
}

/* Queues 0 .. @count - 1, each at most CONSOLE_QUEUE_SIZE entries. */
static bool create_queues(struct virtio_device *dev, uint32_t count, const char **why)
{
	for (uint32_t i = 0; i < count; i++) {
		uint16_t max = dev->ops->queue_max_size(dev, (uint16_t)i);
		uint16_t size;

		if (!max) {
			*why = "the device reports size 0 for a queue the driver needs";
			return false;
		}
		if (max & (max - 1)) {
			*why = "the device reports a queue size that is not a power of two";
			return false;
		}
		size = dev->queue_size_fixed || max < CONSOLE_QUEUE_SIZE ? max : CONSOLE_QUEUE_SIZE;
		if (!vq_create(dev, (uint16_t)i, size, why))
			return false;
	}
	return true;
}

static struct vq_buffer *control_rx_buffers(struct console_device *con)
{
	/* Kept next to the buffers: the queue core reads them at completion. */
	return (struct vq_buffer *)(con->control_buffers +
				    CONSOLE_CONTROL_BUFFERS * CONSOLE_CONTROL_BUFFER_BYTES);
}

/* Gives control receive buffer @i (back) to the device. */
static bool post_control_buffer(struct console_device *con, uint32_t i)
{
	struct vq_buffer *buffer = &control_rx_buffers(con)[i];
	uint8_t *memory = con->control_buffers + i * CONSOLE_CONTROL_BUFFER_BYTES;

	memset(memory, 0xa5, CONSOLE_CONTROL_BUFFER_BYTES);
	*buffer = (struct vq_buffer){ memory, CONSOLE_CONTROL_BUFFER_BYTES, true };
	return vq_add_chain(con->control_rx, buffer, 1, memory) == 0;
}

static bool setup_control(struct console_device *con)
{
	uint32_t count = CONSOLE_CONTROL_BUFFERS;

	con->control_rx = con->dev->queues[CONSOLE_CONTROL_RECEIVEQ];
	con->control_tx = con->dev->queues[CONSOLE_CONTROL_TRANSMITQ];
	con->control_buffers = test_alloc(CONSOLE_CONTROL_BUFFERS * CONSOLE_CONTROL_BUFFER_BYTES +
					  CONSOLE_CONTROL_BUFFERS * sizeof(struct vq_buffer), 64);
	con->control_out = test_alloc(CONSOLE_CONTROL_HEADER_BYTES + sizeof(struct vq_buffer), 16);
	if (count > con->control_rx->size)
		count = con->control_rx->size;
	for (uint32_t i = 0; i < count; i++) {
		if (!post_control_buffer(con, i)) {
			console_fail(con, CLAUSE_CONSOLE_INIT,
				     "the control receiveq has no room for buffer %u", i);
			return false;
		}
	}
	vq_kick(con->control_rx);
	return true;
}

bool console_open(struct virtio_device *dev, uint64_t features_wanted,
		  struct console_device *out, const char **why)
{
	uint64_t wanted = features_wanted;
	const char *reason = NULL;
	uint32_t queues;

	*out = (struct console_device){ .dev = dev, .error_clause = CLAUSE_CONSOLE_INIT };
	out->messages = test_alloc(sizeof(*out->messages) * CONSOLE_MAX_MESSAGES, 8);
	out->ports = test_alloc(sizeof(*out->ports) * CONSOLE_MAX_PORTS, 8);
	wanted |= dev->legacy ? 1ull << LEGACY_F_ANY_LAYOUT : 1ull << VIRTIO_F_VERSION_1;
	if (!virtio_negotiate(dev, wanted, &reason)) {
		console_fail(out, CLAUSE_FEATURES, "%s", reason ? reason : "negotiation failed");
		goto failed;
	}
	out->offered = virtio_device_features(dev);
	out->multiport = virtio_has_feature(dev, VIRTIO_CONSOLE_F_MULTIPORT);
	out->max_nr_ports = 1;
	out->queue_ports = 1;
	if (out->multiport) {
		if (!console_config_read(dev, VIRTIO_CONSOLE_CFG_MAX_NR_PORTS, 4,
					 &out->max_nr_ports)) {
			console_fail(out, CLAUSE_CONFIG_SPACE,
				     "max_nr_ports (offset 4) could not be read: beyond the %u "
				     "configuration bytes, or never stable",
				     dev->ops->config_size(dev));
			goto failed;
		}
		/* Port 0's queues exist whatever max_nr_ports says (5.3.2). */
		out->queue_ports = out->max_nr_ports < CONSOLE_QUEUE_PORTS ?
				   out->max_nr_ports : CONSOLE_QUEUE_PORTS;
		if (!out->queue_ports)
			out->queue_ports = 1;
	}
	queues = out->multiport ? 2 + 2 * out->queue_ports : 2;
	if (!create_queues(dev, queues, &reason)) {
		console_fail(out, CLAUSE_CONSOLE_INIT, "%s", reason ? reason : "queue set-up failed");
		goto failed;
	}
	virtio_driver_ok(dev);
	if (out->multiport && !setup_control(out))
		goto failed;
	*why = "";
	return true;
failed:
	*why = out->error;
	return false;
}

bool console_send_control(struct console_device *con, uint32_t id, uint16_t event,
			  uint16_t value)
{
	struct virtio_device *dev = con->dev;
	struct vq_buffer *chain = (struct vq_buffer *)(con->control_out +
						       CONSOLE_CONTROL_HEADER_BYTES);
	uint32_t le_id = virtio_to_device32(dev, id);
	uint16_t le_event = virtio_to_device16(dev, event), le_value = virtio_to_device16(dev, value);
	void *token = NULL;
	uint32_t used_len = 0;
	enum vq_result result;

	if (!con->multiport || con->broken) {
		console_fail(con, CLAUSE_CONSOLE_MULTIPORT, "no control transmitq to send %s on",
			     console_event_name(event));
		return false;
	}
	memcpy(con->control_out, &le_id, 4);
	memcpy(con->control_out + 4, &le_event, 2);
	memcpy(con->control_out + 6, &le_value, 2);
	*chain = (struct vq_buffer){ con->control_out, CONSOLE_CONTROL_HEADER_BYTES, false };
	if (vq_add_chain(con->control_tx, chain, 1, con->control_out) < 0) {
		console_fail(con, CLAUSE_CONSOLE_MULTIPORT, "the control transmitq is full");
		return false;
	}
	vq_kick(con->control_tx);
	result = vq_wait_used(con->control_tx, test_timeout_ms(), &token, &used_len);
	if (result != VQ_USED || token != con->control_out) {
		con->broken = true;
		console_fail(con, result == VQ_TIMEOUT ? CLAUSE_CONSOLE_MULTIPORT : CLAUSE_USED_RING,
			     "%s (id %u) on the control transmitq: %s", console_event_name(event), id,
			     result == VQ_USED ? "the used element names another buffer" :
			     con->control_tx->error);
		return false;
	}
	return true;
}

/* The driver's answer, counted when it could not be sent. */
static bool answer(struct console_device *con, uint32_t id, uint16_t event, uint16_t value)
{
	if (console_send_control(con, id, event, value))
		return true;
	con->answers_failed++;
	return false;
}

/* Acts on one message, using only what it checked. */
static void act(struct console_device *con, const struct console_message *m)
{
	struct console_port *port = NULL;

	if (!m->has_header)
		return;
	if (m->id < con->max_nr_ports && m->id < CONSOLE_MAX_PORTS)
		port = &con->ports[m->id];
	switch (m->event) {
	case VIRTIO_CONSOLE_DEVICE_ADD:
		if (!port || port->added)
			return;		/* out of range, or a duplicate: the tests judge it */
		*port = (struct console_port){ .added = true };
		port->ready_sent = answer(con, m->id, VIRTIO_CONSOLE_PORT_READY, 1);
		return;
	case VIRTIO_CONSOLE_DEVICE_REMOVE:
		if (port && port->added)
			*port = (struct console_port){ 0 };
		return;
	case VIRTIO_CONSOLE_CONSOLE_PORT:
		if (!port || !port->added)
			return;
		port->console = true;
		/* 5.3.6.2.2: MUST respond with PORT_OPEN, value 1. */
		answer(con, m->id, VIRTIO_CONSOLE_PORT_OPEN, 1);
		return;
	case VIRTIO_CONSOLE_PORT_OPEN:
		if (port && port->added)
			port->host_open = m->value != 0;
		return;
	case VIRTIO_CONSOLE_PORT_NAME:
		if (!port || !port->added)
			return;
		port->named = true;
		port->name_length = m->payload_length;
		memcpy(port->name, m->payload, m->payload_length);
		return;
	default:
		return;
	}
}

/* A used control receive buffer: record, act, give it back. */
static bool take_message(struct console_device *con, void *token, uint32_t length)
{
	uint8_t *memory = token;
	uintptr_t offset = (uintptr_t)memory - (uintptr_t)con->control_buffers;
	struct console_message m = { .length = length };
	uint32_t index = (uint32_t)(offset / CONSOLE_CONTROL_BUFFER_BYTES);

	/* The core only returns tokens it was given; this is the driver's own check. */
	if ((uintptr_t)memory < (uintptr_t)con->control_buffers ||
	    offset % CONSOLE_CONTROL_BUFFER_BYTES || index >= CONSOLE_CONTROL_BUFFERS ||
	    length > CONSOLE_CONTROL_BUFFER_BYTES) {
		con->broken = true;
		console_fail(con, CLAUSE_USED_RING, "a used control buffer that was not posted");
		return false;
	}
	if (length >= CONSOLE_CONTROL_HEADER_BYTES) {
		uint32_t id;
		uint16_t event, value;

		memcpy(&id, memory, 4);
		memcpy(&event, memory + 4, 2);
		memcpy(&value, memory + 6, 2);
		m.has_header = true;
		/* LE for 1.x, guest-native for legacy (5.3.6.3). */
		m.id = virtio_from_device32(con->dev, id);
		m.event = virtio_from_device16(con->dev, event);
		m.value = virtio_from_device16(con->dev, value);
		m.payload_length = length - CONSOLE_CONTROL_HEADER_BYTES;
		memcpy(m.payload, memory + CONSOLE_CONTROL_HEADER_BYTES, m.payload_length);
	}
	if (con->message_count < CONSOLE_MAX_MESSAGES)
		con->messages[con->message_count++] = m;
	else
		con->messages_dropped++;
	act(con, &m);
	if (con->broken)
		return false;
	if (!post_control_buffer(con, index)) {
		console_fail(con, CLAUSE_CONSOLE_MULTIPORT, "control buffer %u could not be reposted",
			     index);
		return false;
	}
	vq_kick(con->control_rx);
	return true;
}

bool console_collect(struct console_device *con, uint32_t quiet_ms)
{
	uint64_t end = deadline_after_ms(test_timeout_ms());
	uint64_t quiet = deadline_after_ms(quiet_ms);

	if (!con->multiport)
		return true;
	if (con->broken)
		return false;
	for (;;) {
		void *token = NULL;
		uint32_t length = 0;
		enum vq_result result = vq_get_used(con->control_rx, &token, &length);

		if (result == VQ_USED) {
			if (!take_message(con, token, length))
				return false;
			quiet = deadline_after_ms(quiet_ms);
			if (deadline_passed(end))
				return true;	/* a device that never stops talking */
			continue;
		}
		if (result != VQ_EMPTY) {
			con->broken = true;
			console_fail(con, CLAUSE_USED_RING, "control receiveq: %s",
				     con->control_rx->error);
			return false;
		}
		if (deadline_passed(quiet) || deadline_passed(end))
			return true;
		arch_wait_a_little();
	}
}

bool console_start(struct console_device *con, uint32_t quiet_ms)
{
	/* 5.3.6.2.2: the driver MUST send DEVICE_READY; 1 is success. */
	if (!console_send_control(con, CONSOLE_NO_PORT, VIRTIO_CONSOLE_DEVICE_READY, 1))
		return false;
	return console_collect(con, quiet_ms);
}

struct virtqueue *console_port_queue(struct console_device *con, uint32_t port,
				     bool transmit)
{
	if (port >= con->queue_ports)
		return NULL;
	return con->dev->queues[transmit ? console_transmitq(port) : console_receiveq(port)];
}

enum vq_result console_transmit(struct console_device *con, uint32_t port,
				const struct vq_buffer *chain, int count, uint32_t *used_len)
{
	struct virtqueue *vq = console_port_queue(con, port, true);
	void *token = NULL;
	enum vq_result result;

	*used_len = 0;
	if (!vq || con->broken) {
		console_fail(con, CLAUSE_CONSOLE_OPERATION, "port %u has no transmitq set up", port);
		return VQ_BAD;
	}
	if (vq_add_chain(vq, chain, count, con) < 0) {
		console_fail(con, CLAUSE_CONSOLE_OPERATION, "the transmitq of port %u is full", port);
		return VQ_BAD;
	}
	vq_kick(vq);
	result = vq_wait_used(vq, test_timeout_ms(), &token, used_len);
	if (result == VQ_USED && token != con) {
		con->broken = true;
		console_fail(con, CLAUSE_USED_RING, "transmitq of port %u: the used element "
			     "names a buffer that was not sent", port);
		return VQ_BAD;
	}
	if (result != VQ_USED) {
		con->broken = true;
		console_fail(con, result == VQ_TIMEOUT ? CLAUSE_CONSOLE_OPERATION : CLAUSE_USED_RING,
			     "transmitq of port %u: %s", port, vq->error);
	}
	return result;
}
