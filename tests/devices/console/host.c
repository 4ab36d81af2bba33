/*
 * The host end of a port (host actions, docs/host-actions.md): the
 * harness connects to and disconnects from port org.vcts.0 and moves
 * data through it, so the device's side of 5.3.6 and 5.3.6.2 shows:
 * PORT_OPEN when the host side opens and closes, the host's bytes in
 * the port's receive buffers, the guest's transmitted bytes on the host.
 * The data is pattern_byte(seed, 0, i) on both sides (lib/fnv.h).
 */
#include "lib/fnv.h"
#include "lib/host_request.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/console/console_tests.h"

/* The port whose host end the harness is (harness/hypervisors/qemu.c). */
#define HARNESS_PORT		"org.vcts.0"
/* More than one receive buffer's worth, less than all of them. */
#define DATA_BYTES		300
#define RECEIVE_BUFFERS		8
#define RECEIVE_BYTES		64
#define TO_GUEST_SEED		0x636f6e69u	/* "coni" */
#define FROM_GUEST_SEED		0x636f6e6fu	/* "cono" */

/*
 * Asks the harness to do @action on the harness's port: @bytes and @seed
 * for the data actions (0 bytes: none). False when it was not done (the
 * test has been skipped). *@differs, with @msg, is what the host saw.
 */
static bool port_request(struct console_device *con, const char *action, uint32_t bytes,
			 uint32_t seed, bool *differs, char *msg, size_t msg_size)
{
	char count[16], pattern[16];
	const char *pairs[] = { "port", HARNESS_PORT, "bytes", count, "seed", pattern, NULL };

	snprintf(count, sizeof(count), "%u", bytes);
	snprintf(pattern, sizeof(pattern), "%u", seed);
	if (!bytes)
		pairs[2] = NULL;
	return host_request_done(action, con->dev->name, pairs, differs, msg, msg_size);
}

/*
 * Brings the device up and finds the harness's port, with queues when
 * @queues; -1 (the test skipped) when there is none.
 */
static int harness_port(struct virtio_device *dev, struct console_device *con, bool queues)
{
	int port;

	if (!console_test_start(dev, con))
		return -1;
	port = console_port_named(con, HARNESS_PORT);
	if (port < 0)
		test_skip("no port is named %s: the harness is the host end of no port of %s",
			  HARNESS_PORT, dev->name);
	else if (queues && (uint32_t)port >= con->queue_ports)
		test_skip("port %d (%s) is beyond the ports whose queues the kernel sets up (0-%u)",
			  port, HARNESS_PORT, con->queue_ports - 1);
	else
		return port;
	return -1;
}

/*
 * 5.3.6.2: the device says with PORT_OPEN (value 1, then 0) when the
 * host side of a port opens and closes. The harness connects to the
 * port's socket (it may be connected from an earlier test: the device
 * then said so during bring-up), disconnects, and connects again: each
 * change must arrive as a PORT_OPEN for that port with the new value.
 * Fails against a device that keeps quiet about the host side (the
 * reference device, console-no-host-open-event).
 */
VCTS_TEST(console_host_open_close, "devices.console.host_open_close_events",
	  VIRTIO_ID_CONSOLE, CLAUSE_CONSOLE_MULTIPORT)
{
	struct console_device con;
	int port = harness_port(dev, &con, false);
	char msg[160];

	if (port < 0)
		return;
	if (!port_request(&con, "console-open", 0, 0, NULL, msg, sizeof(msg)))
		return;
	require(console_wait_host_open(&con, (uint32_t)port, true), CLAUSE_CONSOLE_MULTIPORT,
		"PORT_OPEN value 1 for port %d arrives within %u ms of the host opening it "
		"(%s) %s", port, test_timeout_ms(), msg, con.error);
	if (!port_request(&con, "console-close", 0, 0, NULL, msg, sizeof(msg)))
		return;
	require(console_wait_host_open(&con, (uint32_t)port, false), CLAUSE_CONSOLE_MULTIPORT,
		"PORT_OPEN value 0 for port %d arrives within %u ms of the host closing it %s",
		port, test_timeout_ms(), con.error);
	if (!port_request(&con, "console-open", 0, 0, NULL, msg, sizeof(msg)))
		return;
	check(console_wait_host_open(&con, (uint32_t)port, true), CLAUSE_CONSOLE_MULTIPORT,
	      "PORT_OPEN value 1 for port %d arrives within %u ms of the host opening it "
	      "again %s", port, test_timeout_ms(), con.error);
}

/*
 * The host side open (harness), then the guest side (the driver's
 * PORT_OPEN 1, 5.3.6.2): the port carries data both ways. -1 if the test
 * stopped (skipped or failed).
 */
static int open_both_ends(struct virtio_device *dev, struct console_device *con)
{
	int port = harness_port(dev, con, true);
	char msg[160];

	if (port < 0 || !port_request(con, "console-open", 0, 0, NULL, msg, sizeof(msg)))
		return -1;
	if (!con->ports[port].console &&
	    !check(console_send_control(con, (uint32_t)port, VIRTIO_CONSOLE_PORT_OPEN, 1),
		   con->error_clause, "PORT_OPEN for port %d is used: %s", port, con->error))
		return -1;
	return port;
}

/* Gives @count receive buffers of RECEIVE_BYTES to @vq. */
static bool post_receive(struct virtqueue *vq, struct vq_buffer *buffers, uint8_t *memory,
			 int count)
{
	for (int i = 0; i < count; i++) {
		buffers[i] = (struct vq_buffer){ memory + i * RECEIVE_BYTES, RECEIVE_BYTES, true };
		if (!check(vq_add_chain(vq, &buffers[i], 1, &buffers[i]) == 0,
			   CLAUSE_CONSOLE_OPERATION, "receive buffer %d fits the receiveq", i))
			return false;
	}
	vq_kick(vq);
	return true;
}

/*
 * Takes used receive buffers until @want bytes came (or more, or the
 * timeout), appending them to @out (room for RECEIVE_BUFFERS buffers).
 * Returns the bytes received; false in *@ok if the ring broke.
 */
static uint32_t receive_bytes(struct virtqueue *vq, uint8_t *out, uint32_t want, bool *ok)
{
	uint64_t end = deadline_after_ms(test_timeout_ms());
	uint32_t got = 0;

	*ok = true;
	while (got < want && !deadline_passed(end)) {
		void *token = NULL;
		uint32_t length = 0;
		enum vq_result result = vq_get_used(vq, &token, &length);
		const struct vq_buffer *buffer = token;

		if (result == VQ_EMPTY) {
			arch_wait_a_little();
			continue;
		}
		*ok = check(result == VQ_USED, CLAUSE_USED_RING, "the receiveq: %s", vq->error);
		if (!*ok)
			return got;
		/* The queue core checked length <= the buffer's RECEIVE_BYTES. */
		check(length >= 1, CLAUSE_CONSOLE_OPERATION,
		      "a used receive buffer carries input (used length %u)", length);
		memcpy(out + got, buffer->address, length);
		got += length;
	}
	return got;
}

/* The first byte of @data that is not pattern_byte(@seed, 0, i), or @length. */
static uint32_t first_difference(const uint8_t *data, uint32_t length, uint32_t seed)
{
	uint32_t i = 0;

	while (i < length && data[i] == pattern_byte(seed, 0, i))
		i++;
	return i;
}

/*
 * 5.3.6 step 2: what the host writes into a port reaches the driver in
 * the port's receive buffers, byte for byte and in order, each used
 * buffer holding at least one byte. The harness writes 300 bytes into
 * org.vcts.0 with both ends open and eight 64-byte buffers posted. Fails
 * against a device that changes or loses input (the reference device,
 * console-corrupts-input).
 */
VCTS_TEST(console_host_to_guest, "devices.console.host_data_reaches_guest", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_OPERATION "|" CLAUSE_USED_RING)
{
	struct console_device con;
	struct vq_buffer *buffers = test_alloc(sizeof(*buffers) * RECEIVE_BUFFERS, 8);
	uint8_t *memory = test_alloc(RECEIVE_BUFFERS * RECEIVE_BYTES, 64);
	uint8_t *received = test_alloc(RECEIVE_BUFFERS * RECEIVE_BYTES, 64);
	int port = open_both_ends(dev, &con);
	struct virtqueue *rx;
	uint32_t got, same;
	char msg[160];
	bool ok;

	if (port < 0)
		return;
	rx = console_port_queue(&con, (uint32_t)port, false);
	if (!post_receive(rx, buffers, memory, RECEIVE_BUFFERS))
		return;
	if (!port_request(&con, "console-to-guest", DATA_BYTES, TO_GUEST_SEED, NULL, msg,
			  sizeof(msg)))
		return;
	got = receive_bytes(rx, received, DATA_BYTES, &ok);
	if (!ok)
		return;
	test_log("%s: %u bytes arrived on port %d", dev->name, got, port);
	same = first_difference(received, got < DATA_BYTES ? got : DATA_BYTES, TO_GUEST_SEED);
	if (check(same == (got < DATA_BYTES ? got : DATA_BYTES), CLAUSE_CONSOLE_OPERATION,
		  "byte %u of the host's data arrives as written (0x%02x, not 0x%02x)", same,
		  pattern_byte(TO_GUEST_SEED, 0, same), received[same]))
		check_eq(got, DATA_BYTES, CLAUSE_CONSOLE_OPERATION,
			 "the %u bytes the host wrote into port %d arrive within %u ms",
			 DATA_BYTES, port, test_timeout_ms());
}

/*
 * 5.3.6 step 1: what the driver transmits on a port reaches the host:
 * 300 pattern bytes in three descriptors (2.6.4: any framing) on
 * org.vcts.0's transmitq, with both ends open; the harness reads them
 * from the port's socket within 2 s and compares byte for byte. Fails
 * against a device that loses or changes output (the reference device,
 * console-drops-output).
 */
VCTS_TEST(console_guest_to_host, "devices.console.guest_data_reaches_host", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_OPERATION "|" CLAUSE_MESSAGE_FRAMING)
{
	struct console_device con;
	uint8_t *data = test_alloc(DATA_BYTES, 64);
	struct vq_buffer chain[3] = {
		{ data, 100, false }, { data + 100, 150, false },
		{ data + 250, DATA_BYTES - 250, false },
	};
	int port = open_both_ends(dev, &con);
	bool differs = false;
	uint32_t used = 0;
	char msg[160];

	if (port < 0)
		return;
	for (uint32_t i = 0; i < DATA_BYTES; i++)
		data[i] = pattern_byte(FROM_GUEST_SEED, 0, i);
	require(console_transmit(&con, (uint32_t)port, chain, 3, &used) == VQ_USED,
		con.error_clause, "%u bytes in three descriptors on port %d are used: %s",
		DATA_BYTES, port, con.error);
	if (!port_request(&con, "console-from-guest", DATA_BYTES, FROM_GUEST_SEED, &differs,
			  msg, sizeof(msg)))
		return;
	check(!differs, CLAUSE_CONSOLE_OPERATION,
	      "the host reads the %u bytes transmitted on port %d as they were sent: %s",
	      DATA_BYTES, port, msg);
}
