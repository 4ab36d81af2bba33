/*
 * Port data (5.3.6): the transmitq takes device-readable buffers and
 * uses them, whether or not anyone on the host listens; a receive buffer
 * that comes back carries input.
 */
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/console/console_tests.h"

#define RECEIVE_BUFFERS		4
#define RECEIVE_BYTES		64
/* How long receive buffers are watched with no input expected. */
#define RECEIVE_WATCH_MS	300

/*
 * A transmitted chain came back, and wrote nothing (2.7.8: used length 0;
 * legacy drivers ignore it, 5.3.6.3).
 */
static bool check_transmitted(struct console_device *con, uint32_t port, enum vq_result result,
			      const uint32_t *used_len, const char *what)
{
	uint32_t used = *used_len;

	if (!check(result == VQ_USED, con->error_clause, "%s on port %u is used: %s", what, port,
		   con->error))
		return false;
	if (con->dev->legacy)
		return true;
	return check_eq(used, 0, CLAUSE_USED_RING,
			"the used length of %s, all device-readable, is 0", what);
}

/* One buffer, then the same text cut into three descriptors (2.6.4). */
static void transmit_both_ways(struct console_device *con, uint32_t port)
{
	char *text = test_alloc(64, 16);
	int length = snprintf(text, 64, "vcts: transmit on port %u of %s\n", port,
			      con->dev->name);
	uint32_t used = 0, cut = (uint32_t)length / 3;
	struct vq_buffer one = { text, (uint32_t)length, false };
	struct vq_buffer three[3] = {
		{ text, cut, false }, { text + cut, cut, false },
		{ text + 2 * cut, (uint32_t)length - 2 * cut, false },
	};

	if (!check_transmitted(con, port, console_transmit(con, port, &one, 1, &used), &used,
			       "a one-descriptor write"))
		return;
	check_transmitted(con, port, console_transmit(con, port, three, 3, &used), &used,
			  "a write in three descriptors");
}

/*
 * 5.3.6 step 1: output is a buffer in the port's transmitq, and the
 * device uses it, also when no one on the host reads the port (it may
 * drop the data). Port 0 of a device driven without MULTIPORT, then with
 * it after DEVICE_READY: port 0's queues always exist (5.3.2). Fails
 * against a device that keeps transmit buffers while the host side is
 * closed (QEMU does not: a closed port discards; a virtconsole on a
 * socket chardev that is connected but never read keeps them once the
 * socket buffer is full, a timeout).
 */
VCTS_TEST(console_transmit_port0, "devices.console.transmit_port0_used", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_OPERATION "|" CLAUSE_USED_RING "|" CLAUSE_MESSAGE_FRAMING)
{
	struct console_device con;

	if (!console_test_open(dev, 0, &con))
		return;
	transmit_both_ways(&con, 0);
	if (!(con.offered & (1ull << VIRTIO_CONSOLE_F_MULTIPORT)))
		return;
	if (!console_test_start(dev, &con))
		return;
	transmit_both_ways(&con, 0);
}

/*
 * After DEVICE_ADD and PORT_READY, and the driver's PORT_OPEN, a port
 * other than 0 transmits the same way. Needs an added port among those
 * the kernel sets up queues for (ids 0-2); skips otherwise.
 */
VCTS_TEST(console_transmit_port, "devices.console.transmit_added_port_used",
	  VIRTIO_ID_CONSOLE, CLAUSE_CONSOLE_OPERATION "|" CLAUSE_CONSOLE_MULTIPORT "|"
	  CLAUSE_USED_RING)
{
	struct console_device con;
	int port;

	if (!console_test_start(dev, &con))
		return;
	port = console_first_port_with_queues(&con);
	if (port < 0)
		skip("no port the device added has an id below %u (the ports whose queues the "
		     "kernel sets up)", con.queue_ports);
	if (!con.ports[port].console)
		require(console_send_control(&con, (uint32_t)port, VIRTIO_CONSOLE_PORT_OPEN, 1),
			con.error_clause, "PORT_OPEN for port %d is used: %s", port, con.error);
	transmit_both_ways(&con, (uint32_t)port);
}

/*
 * 5.3.6 step 2: a used receive buffer's contents are the port's input,
 * so one comes back with at least one byte (and no more than it holds:
 * the queue core checks that). Four buffers on port 0's receiveq,
 * watched for 300 ms: with nothing sent by the host they stay with the
 * device, and any that comes back must carry input. Fails against a
 * device that returns receive buffers empty (the reference device).
 */
VCTS_TEST(console_receive, "devices.console.receive_buffers_carry_input", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_OPERATION "|" CLAUSE_USED_RING)
{
	struct console_device con;
	struct vq_buffer *buffers = test_alloc(sizeof(*buffers) * RECEIVE_BUFFERS, 8);
	uint8_t *memory = test_alloc(RECEIVE_BUFFERS * RECEIVE_BYTES, 64);
	struct virtqueue *rx;
	uint32_t returned = 0;
	uint64_t end;

	if (!console_test_open(dev, 0, &con))
		return;
	rx = console_port_queue(&con, 0, false);
	for (int i = 0; i < RECEIVE_BUFFERS; i++) {
		buffers[i] = (struct vq_buffer){ memory + i * RECEIVE_BYTES, RECEIVE_BYTES, true };
		require(vq_add_chain(rx, &buffers[i], 1, &buffers[i]) == 0, CLAUSE_CONSOLE_OPERATION,
			"receive buffer %d fits port 0's receiveq", i);
	}
	vq_kick(rx);
	end = deadline_after_ms(RECEIVE_WATCH_MS);
	while (!deadline_passed(end)) {
		void *token = NULL;
		uint32_t length = 0;
		enum vq_result result = vq_get_used(rx, &token, &length);

		if (result == VQ_EMPTY) {
			arch_wait_a_little();
			continue;
		}
		require(result == VQ_USED, CLAUSE_USED_RING, "port 0's receiveq: %s", rx->error);
		returned++;
		check(length >= 1, CLAUSE_CONSOLE_OPERATION,
		      "a used receive buffer carries input (used length %u)", length);
	}
	test_log("%s: %u of %u receive buffers came back within %u ms", dev->name, returned,
		 RECEIVE_BUFFERS, RECEIVE_WATCH_MS);
}
