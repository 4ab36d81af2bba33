/*
 * The reference console device (5.3): SIZE, MULTIPORT and EMERG_WRITE,
 * three ports (the queues of REF_MAX_QUEUES: port 0's pair, the control
 * pair, the pairs of ports 1 and 2), of which two exist as QEMU's
 * harness VMs have them: port 0, a console port named org.vcts.console,
 * and port 1, org.vcts.0, whose host end the host actions of
 * docs/host-actions.md open, close, write and read. Control messages
 * wait in a queue for the driver's control receive buffers (has_data),
 * as do the host's bytes for port 1's receive buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/protocol/line_parser.h"
#include "lib/fnv.h"
#include "tests/reference/ref_device.h"

/* 5.3.3 feature bits */
#define F_SIZE			0
#define F_MULTIPORT		1
#define F_EMERG_WRITE		2

/* 5.3.4 configuration layout */
#define CFG_COLS		0
#define CFG_ROWS		2
#define CFG_MAX_NR_PORTS	4
#define CFG_EMERG_WR		8
#define CFG_SIZE		12

/* 5.3.2: port 0's pair, the control pair, then a pair per port. */
#define PORTS			3
#define QUEUE_COUNT		(2 + 2 * PORTS)
#define CONTROL_RECEIVEQ	2
#define CONTROL_TRANSMITQ	3
#define HARNESS_PORT		1		/* org.vcts.0 */
#define PORTS_ADDED		2		/* ports 0 and 1; port 2 stays absent */

/* 5.3.6.2 control events */
#define DEVICE_READY		0
#define DEVICE_ADD		1
#define PORT_READY		3
#define CONSOLE_PORT		4
#define PORT_OPEN		6
#define PORT_NAME		7

#define HEADER_BYTES		8
#define MESSAGE_BYTES		40
#define PENDING_MESSAGES	32
#define DATA_BYTES		4096

struct console_message {
	uint8_t bytes[MESSAGE_BYTES];
	uint32_t length;
};

struct ref_console_state {
	/* Control messages for the driver, oldest first. */
	struct console_message pending[PENDING_MESSAGES];
	uint32_t pending_first, pending_count;
	bool port_ready[PORTS];		/* the driver's PORT_READY seen */
	bool guest_open[PORTS];		/* the driver's last PORT_OPEN said 1 */
	bool host_open;			/* org.vcts.0's host end: survives a reset */
	uint8_t input[DATA_BYTES];	/* host -> guest bytes of org.vcts.0 */
	uint32_t input_length, input_taken;
	uint8_t output[DATA_BYTES];	/* guest -> host bytes of org.vcts.0 */
	uint32_t output_length;
	uint32_t emergency_writes;
};

static struct ref_console_state *state(struct ref_device *dev)
{
	return dev->type_state;
}

static void put_le(uint8_t *at, uint32_t value, int bytes)
{
	for (int i = 0; i < bytes; i++)
		at[i] = (uint8_t)(value >> (8 * i));
}

static uint32_t get_le(const uint8_t *at, int bytes)
{
	uint32_t value = 0;

	for (int i = 0; i < bytes; i++)
		value |= (uint32_t)at[i] << (8 * i);
	return value;
}

/*
 * Queues a control message: the header, then @payload_length bytes of
 * @payload. Returns it, or NULL when the queue is full (a real device
 * would have to drop it too).
 */
static struct console_message *send_message(struct ref_device *dev, uint32_t id,
					    uint16_t event, uint16_t value,
					    const void *payload, uint32_t payload_length)
{
	struct ref_console_state *s = state(dev);
	struct console_message *m;

	if (s->pending_count == PENDING_MESSAGES ||
	    payload_length > MESSAGE_BYTES - HEADER_BYTES)
		return NULL;
	m = &s->pending[(s->pending_first + s->pending_count++) % PENDING_MESSAGES];
	put_le(m->bytes, id, 4);
	put_le(m->bytes + 4, event, 2);
	put_le(m->bytes + 6, value, 2);
	if (payload_length)
		memcpy(m->bytes + HEADER_BYTES, payload, payload_length);
	m->length = HEADER_BYTES + payload_length;
	return m;
}

static void console_reset(struct ref_device *dev)
{
	struct ref_console_state *s = state(dev);
	uint32_t max_nr_ports = PORTS;
	bool host_open = s->host_open;

	if (dev->fault == REF_FAULT_CONSOLE_MAX_NR_PORTS_ZERO)
		max_nr_ports = 0;
	else if (dev->fault == REF_FAULT_CONSOLE_TOO_FEW_QUEUES)
		max_nr_ports = PORTS + 1;
	memset(s, 0, sizeof(*s));
	s->host_open = host_open;	/* the host's connection is not the driver's to reset */
	put_le(dev->config + CFG_COLS, 80, 2);
	put_le(dev->config + CFG_ROWS, 25, 2);
	put_le(dev->config + CFG_MAX_NR_PORTS, max_nr_ports, 4);
	put_le(dev->config + CFG_EMERG_WR, 0, 4);
}

static void console_init(struct ref_device *dev)
{
	dev->type_state = calloc(1, sizeof(struct ref_console_state));
	if (!dev->type_state)
		abort();
}

/* 5.3.5.1: a write to emerg_wr is taken at any time, the device keeps working. */
static void console_config_write(struct ref_device *dev, uint32_t offset, int width,
				 uint32_t value)
{
	(void)value;
	if (offset != CFG_EMERG_WR || width != 4)
		return;
	state(dev)->emergency_writes++;
	if (dev->fault == REF_FAULT_CONSOLE_EMERG_WR_NEEDS_RESET)
		dev->status |= VIRTIO_STATUS_NEEDS_RESET;
}

/* DEVICE_READY: the ports are announced (5.3.6.2, device step 3). */
static void announce_ports(struct ref_device *dev)
{
	struct console_message *m;

	for (uint32_t port = 0; port < PORTS_ADDED; port++)
		send_message(dev, port, DEVICE_ADD, 0, NULL, 0);
	if (dev->fault == REF_FAULT_CONSOLE_DEVICE_ADD_TWICE)
		send_message(dev, HARNESS_PORT, DEVICE_ADD, 0, NULL, 0);
	if (dev->fault == REF_FAULT_CONSOLE_SHORT_CONTROL) {
		m = send_message(dev, 0, DEVICE_ADD, 0, NULL, 0);
		if (m)
			m->length = 4;	/* half a header */
	}
}

/* PORT_READY: the console port says so, every port gives its name and host state. */
static void port_ready(struct ref_device *dev, uint32_t port)
{
	struct ref_console_state *s = state(dev);
	const char *name = port == 0 ? "org.vcts.console" : "org.vcts.0";
	uint32_t length = (uint32_t)strlen(name);
	char bad[] = "org.\xffvcts";

	if (port >= PORTS_ADDED || s->port_ready[port])
		return;
	s->port_ready[port] = true;
	if (port == HARNESS_PORT && dev->fault == REF_FAULT_CONSOLE_NAME_NOT_UTF8) {
		name = bad;
		length = (uint32_t)strlen(bad);
	}
	if (dev->fault == REF_FAULT_CONSOLE_NAME_NUL_TERMINATED)
		length++;	/* the NUL goes with it */
	if (port == 0)
		send_message(dev, port, CONSOLE_PORT, 1, NULL, 0);
	send_message(dev, port, PORT_NAME, 0, name, length);
	if (port == 0 || s->host_open)
		send_message(dev, port, PORT_OPEN, 1, NULL, 0);
}

/* A message of the driver on the control transmitq. */
static void control_from_driver(struct ref_device *dev, const struct ref_chain *chain)
{
	uint8_t header[HEADER_BYTES];
	uint32_t id;

	if (ref_chain_read(chain, 0, header, HEADER_BYTES) < HEADER_BYTES)
		return;		/* not a message: ignored */
	id = get_le(header, 4);
	switch (get_le(header + 4, 2)) {
	case DEVICE_READY:
		if (get_le(header + 6, 2) == 1)
			announce_ports(dev);
		return;
	case PORT_READY:
		if (get_le(header + 6, 2) == 1)
			port_ready(dev, id);
		return;
	case PORT_OPEN:
		if (id < PORTS)
			state(dev)->guest_open[id] = get_le(header + 6, 2) != 0;
		return;
	default:
		return;
	}
}

/* The next control message into a control receive buffer. */
static uint32_t control_to_driver(struct ref_device *dev, const struct ref_chain *chain)
{
	struct ref_console_state *s = state(dev);
	const struct console_message *m = &s->pending[s->pending_first];

	if (!s->pending_count)
		return 0;
	s->pending_first = (s->pending_first + 1) % PENDING_MESSAGES;
	s->pending_count--;
	return ref_chain_write(chain, 0, m->bytes, m->length);
}

/* The host's bytes into one of org.vcts.0's receive buffers. */
static uint32_t input_to_driver(struct ref_device *dev, const struct ref_chain *chain)
{
	struct ref_console_state *s = state(dev);
	uint32_t length = s->input_length - s->input_taken;
	uint32_t written;

	if (length > chain->writable_bytes)
		length = chain->writable_bytes;
	written = ref_chain_write(chain, 0, s->input + s->input_taken, length);
	if (written && dev->fault == REF_FAULT_CONSOLE_CORRUPTS_INPUT) {
		uint8_t flipped = (uint8_t)(s->input[s->input_taken] ^ 0x20);

		ref_chain_write(chain, 0, &flipped, 1);
	}
	s->input_taken += written;
	return written;
}

/* A transmitted buffer: org.vcts.0's bytes go to its host end if it is open. */
static uint32_t output_from_driver(struct ref_device *dev, uint32_t port,
				   const struct ref_chain *chain)
{
	struct ref_console_state *s = state(dev);
	uint32_t length = chain->readable_bytes;

	if (dev->fault == REF_FAULT_CONSOLE_DROPS_OUTPUT && length)
		length--;
	if (port == HARNESS_PORT && s->host_open) {
		if (length > DATA_BYTES - s->output_length)
			length = DATA_BYTES - s->output_length;
		s->output_length += ref_chain_read(chain, 0, s->output + s->output_length, length);
	}
	/* 2.7.8: nothing written into an all-readable buffer; the fault says otherwise. */
	return dev->fault == REF_FAULT_CONSOLE_TX_USED_LENGTH ? chain->readable_bytes : 0;
}

/* The port of a data queue (5.3.2), and whether it is its transmitq. */
static uint32_t port_of_queue(uint16_t queue, bool *transmit)
{
	*transmit = queue & 1;
	return queue < 2 ? 0 : (uint32_t)(queue - 2) / 2;
}

static uint32_t console_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	bool transmit;
	uint32_t port = port_of_queue(queue, &transmit);

	if (queue == CONTROL_TRANSMITQ) {
		control_from_driver(dev, chain);
		return 0;
	}
	if (queue == CONTROL_RECEIVEQ)
		return control_to_driver(dev, chain);
	if (transmit)
		return output_from_driver(dev, port, chain);
	return port == HARNESS_PORT ? input_to_driver(dev, chain) : 0;
}

/* Receive queues are served only when there is something to receive. */
static bool console_has_data(struct ref_device *dev, uint16_t queue)
{
	struct ref_console_state *s = state(dev);

	if (queue == CONTROL_RECEIVEQ)
		return s->pending_count > 0;
	if (queue == 0)
		return dev->fault == REF_FAULT_CONSOLE_RX_EMPTY;
	if (queue == 2 + 2 * HARNESS_PORT)
		return s->guest_open[HARNESS_PORT] && s->input_taken < s->input_length;
	/* Transmit queues, the control one too: whatever the driver sends is taken. */
	return queue & 1;
}

/* The request's field @key as a number below 2^32; false if absent or bad. */
static bool request_number(const struct vcts_line *line, const char *key, uint32_t *value)
{
	const char *text = line_get(line, key);
	char *end = NULL;
	unsigned long number = 0;

	if (text && *text >= '0' && *text <= '9')
		number = strtoul(text, &end, 10);
	*value = (uint32_t)number;
	return end && !*end && number <= UINT32_MAX;
}

/* The host end of org.vcts.0 opens or closes: PORT_OPEN once the port is set up. */
static const char *host_open_close(struct ref_device *dev, bool open, char *msg,
				   size_t msg_size)
{
	struct ref_console_state *s = state(dev);

	if (!open && !s->host_open) {
		snprintf(msg, msg_size, "org.vcts.0 is not open on the host");
		return "error";
	}
	if (open && s->host_open) {
		s->output_length = 0;	/* as the harness drops what waited */
		snprintf(msg, msg_size, "org.vcts.0 was open already");
		return "ok";
	}
	s->host_open = open;
	s->output_length = 0;
	if (s->port_ready[HARNESS_PORT] && dev->fault != REF_FAULT_CONSOLE_NO_HOST_OPEN_EVENT)
		send_message(dev, HARNESS_PORT, PORT_OPEN, open, NULL, 0);
	snprintf(msg, msg_size, "%s org.vcts.0", open ? "opened" : "closed");
	return "ok";
}

/* console-to-guest: the bytes wait for org.vcts.0's receive buffers. */
static const char *host_to_guest(struct ref_device *dev, uint32_t bytes, uint32_t seed,
				 char *msg, size_t msg_size)
{
	struct ref_console_state *s = state(dev);

	if (bytes > DATA_BYTES - s->input_length) {
		snprintf(msg, msg_size, "the reference port holds %u bytes", DATA_BYTES);
		return "error";
	}
	for (uint32_t i = 0; i < bytes; i++)
		s->input[s->input_length++] = pattern_byte(seed, 0, i);
	snprintf(msg, msg_size, "wrote %u bytes into org.vcts.0", bytes);
	return "ok";
}

/* console-from-guest: what org.vcts.0 transmitted, compared byte for byte. */
static const char *host_from_guest(struct ref_device *dev, uint32_t bytes, uint32_t seed,
				   char *msg, size_t msg_size)
{
	struct ref_console_state *s = state(dev);
	uint32_t got = s->output_length < bytes ? s->output_length : bytes, i = 0;

	while (i < got && s->output[i] == pattern_byte(seed, 0, i))
		i++;
	s->output_length = 0;
	if (i < got)
		snprintf(msg, msg_size, "byte %u: expected 0x%02x, the host read 0x%02x", i,
			 pattern_byte(seed, 0, i), s->output[i]);
	else if (got < bytes)
		snprintf(msg, msg_size, "%u of %u bytes reached org.vcts.0", got, bytes);
	else
		snprintf(msg, msg_size, "read %u bytes from org.vcts.0, all as sent", bytes);
	return i < got || got < bytes ? "differs" : "ok";
}

/* The harness's console actions (docs/host-actions.md) on port org.vcts.0. */
static const char *console_host_action(struct ref_device *dev, const struct vcts_line *line,
				       char *msg, size_t msg_size)
{
	const char *action = line_get(line, "action"), *port = line_get(line, "port");
	uint32_t bytes = 0, seed = 0;

	if (!action || !port || strcmp(port, "org.vcts.0")) {
		snprintf(msg, msg_size, "no host end of port '%s'", port ? port : "");
		return "error";
	}
	if (!strcmp(action, "console-open") || !strcmp(action, "console-close"))
		return host_open_close(dev, !strcmp(action, "console-open"), msg, msg_size);
	if (strcmp(action, "console-to-guest") && strcmp(action, "console-from-guest")) {
		snprintf(msg, msg_size, "unknown host action '%s'", action);
		return "unsupported";
	}
	if (!request_number(line, "bytes", &bytes) || !request_number(line, "seed", &seed) ||
	    !bytes || !state(dev)->host_open) {
		snprintf(msg, msg_size, "bad bytes or seed, or org.vcts.0 is not open");
		return "error";
	}
	if (!strcmp(action, "console-to-guest"))
		return host_to_guest(dev, bytes, seed, msg, msg_size);
	return host_from_guest(dev, bytes, seed, msg, msg_size);
}

const struct ref_device_type ref_console_type = {
	.name = "console",
	.device_id = VIRTIO_ID_CONSOLE,
	.queue_count = QUEUE_COUNT,
	.features = (1ull << F_SIZE) | (1ull << F_MULTIPORT) | (1ull << F_EMERG_WRITE),
	.config_size = CFG_SIZE,
	.init = console_init,
	.reset = console_reset,
	.config_write = console_config_write,
	.process = console_process,
	.has_data = console_has_data,
	.host_action = console_host_action,
};
