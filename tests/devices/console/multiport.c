/*
 * Multiport Device Operation (5.3.6.2): what the device says on the
 * control receiveq after the driver's DEVICE_READY, and how it takes the
 * driver's messages on the control transmitq.
 */
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/console/console_tests.h"

/* What the driver knows of each port it added, for the log. */
static void log_ports(const struct console_device *con)
{
	for (uint32_t port = 0; port < con->max_nr_ports && port < CONSOLE_MAX_PORTS; port++) {
		const struct console_port *p = &con->ports[port];

		if (p->added)
			test_log("%s: port %u added%s%s%s, name %u byte(s)", con->dev->name, port,
				 p->console ? ", console" : "", p->host_open ? ", open on the host" : "",
				 p->ready_sent ? ", PORT_READY sent" : "", p->name_length);
	}
}

/*
 * 5.3.6.2.1 (device): a DEVICE_ADD never names a port that exists, nor
 * one at or beyond max_nr_ports; a DEVICE_REMOVE only one that a
 * DEVICE_ADD created. The device announces its ports after DEVICE_READY
 * (5.3.5 step 3); a VM without ports gets none, which is a skip. Fails
 * against a device that announces a port twice or one out of range (the
 * reference device; QEMU keeps a port map and refuses nr >= max_ports).
 */
VCTS_TEST(console_device_add, "devices.console.device_add_ports_valid", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_MULTIPORT)
{
	struct console_device con;
	uint32_t adds;

	if (!console_test_start(dev, &con))
		return;
	adds = console_count_events(&con, VIRTIO_CONSOLE_DEVICE_ADD);
	log_ports(&con);
	/* Ranges, duplicates and removals, in the order the messages came. */
	console_check_messages(&con, false);
	if (!adds)
		skip("the device announced no port after DEVICE_READY (the VM has none attached)");
}

/*
 * Every control message during bring-up: DEVICE_READY, the answers to
 * DEVICE_ADD (PORT_READY) and CONSOLE_PORT (PORT_OPEN), and then the
 * driver opening each port it has queues for (PORT_OPEN 1). Each message
 * the device sends holds the 8-byte header, an event the device may
 * send, a port it added; each message the driver sends is used. Fails
 * against a device that sends short or unknown messages, or never uses a
 * control transmitq buffer (the reference device).
 */
VCTS_TEST(console_control_messages, "devices.console.control_messages_valid",
	  VIRTIO_ID_CONSOLE, CLAUSE_CONSOLE_MULTIPORT "|" CLAUSE_USED_RING)
{
	struct console_device con;

	if (!console_test_start(dev, &con))
		return;
	for (uint32_t port = 0; port < con.queue_ports && !con.broken; port++) {
		if (con.ports[port].added && !con.ports[port].console)
			check(console_send_control(&con, port, VIRTIO_CONSOLE_PORT_OPEN, 1),
			      con.error_clause, "PORT_OPEN for port %u is used: %s", port, con.error);
	}
	check(console_collect(&con, CONSOLE_QUIET_MS), con.error_clause,
	      "the control messages after PORT_OPEN arrive: %s", con.error);
	check_eq(con.answers_failed, 0, CLAUSE_CONSOLE_MULTIPORT,
		 "every PORT_READY and PORT_OPEN the driver owed was used: %s", con.error);
	log_ports(&con);
	console_check_messages(&con, true);
}

/* Whether @bytes is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates). */
static bool valid_utf8(const uint8_t *bytes, uint32_t length)
{
	for (uint32_t i = 0; i < length;) {
		uint8_t b = bytes[i];
		uint32_t more;
		uint8_t low = 0x80, high = 0xbf;	/* bounds of the second byte */

		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf) {
			more = 1;
		} else if (b >= 0xe0 && b <= 0xef) {
			more = 2;
			low = b == 0xe0 ? 0xa0 : 0x80;
			high = b == 0xed ? 0x9f : 0xbf;
		} else if (b >= 0xf0 && b <= 0xf4) {
			more = 3;
			low = b == 0xf0 ? 0x90 : 0x80;
			high = b == 0xf4 ? 0x8f : 0xbf;
		} else {
			return false;
		}
		if (length - i <= more || bytes[i + 1] < low || bytes[i + 1] > high)
			return false;
		for (uint32_t k = 2; k <= more; k++) {
			if ((bytes[i + k] & 0xc0) != 0x80)
				return false;
		}
		i += more + 1;
	}
	return true;
}

/* Whether @bytes has a C0 control character, DEL or NUL. */
static bool has_control(const uint8_t *bytes, uint32_t length)
{
	for (uint32_t i = 0; i < length; i++) {
		if (bytes[i] < 0x20 || bytes[i] == 0x7f)
			return true;
	}
	return false;
}

/* @bytes for the log: printable ASCII kept, anything else as '?' (no line breaks). */
static void printable_copy(char *out, size_t size, const uint8_t *bytes, uint32_t length)
{
	size_t n = length < size - 1 ? length : size - 1;

	for (size_t i = 0; i < n; i++)
		out[i] = bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char)bytes[i] : '?';
	out[n] = '\0';
}

/*
 * PORT_NAME (5.3.6.2) is followed by the UTF-8 name of the port: not
 * empty, well-formed UTF-8. One NUL at its very end is tolerated here
 * and judged by devices.console.port_name_unterminated; control
 * characters are UTF-8, so they are only logged. The harness names its
 * port org.vcts.0; the test logs whether it was seen, since a VM may be
 * set up without one. Skips when no port has a name. Fails with a name
 * that is not UTF-8 (QEMU passes name=$'\xff' on virtserialport through).
 */
VCTS_TEST(console_port_name, "devices.console.port_name_utf8", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_MULTIPORT)
{
	struct console_device con;
	uint32_t named = 0;
	bool harness_port = false;
	char shown[72];

	if (!console_test_start(dev, &con))
		return;
	for (uint32_t port = 0; port < con.max_nr_ports && port < CONSOLE_MAX_PORTS; port++) {
		const struct console_port *p = &con.ports[port];
		uint32_t length = p->name_length;

		if (!p->named)
			continue;
		named++;
		if (length && p->name[length - 1] == 0)
			length--;
		printable_copy(shown, sizeof(shown), p->name, length);
		test_log("%s: port %u is named \"%s\" (%u bytes)", dev->name, port, shown,
			 p->name_length);
		check(length >= 1, CLAUSE_CONSOLE_MULTIPORT, "the name of port %u is not empty",
		      port);
		check(valid_utf8(p->name, length), CLAUSE_CONSOLE_MULTIPORT,
		      "the %u-byte name of port %u is well-formed UTF-8", length, port);
		if (has_control(p->name, length))
			test_log("%s: the name of port %u holds control characters", dev->name,
				 port);
		if (length == 10 && !memcmp(p->name, "org.vcts.0", 10))
			harness_port = true;
	}
	if (!named)
		skip("no port has a name (no name= on the VM's ports)");
	test_log("%s: %s", dev->name, harness_port ? "the harness's port org.vcts.0 is there" :
		 "no port is named org.vcts.0");
}

/*
 * PORT_NAME "is immediately followed by the UTF-8 name of the port for
 * identification within the guest (without a NUL terminator)" (5.3.6.2,
 * the list of control events): the used length ends where the name does.
 * A driver that takes the payload as the name gets a NUL as its last
 * character otherwise. The sentence describes the message; the section's
 * device requirements (5.3.6.2.1) say nothing about it, so a NUL is a
 * note. QEMU 7.2's handle_control_message() sends strlen(name) + 1 bytes
 * with a trailing NUL (hw/char/virtio-serial-bus.c, VIRTIO_CONSOLE_PORT_READY
 * case).
 */
VCTS_TEST(console_port_name_unterminated, "devices.console.port_name_unterminated",
	  VIRTIO_ID_CONSOLE, CLAUSE_CONSOLE_MULTIPORT)
{
	struct console_device con;
	uint32_t named = 0;

	if (!console_test_start(dev, &con))
		return;
	for (uint32_t port = 0; port < con.max_nr_ports && port < CONSOLE_MAX_PORTS; port++) {
		const struct console_port *p = &con.ports[port];
		const uint8_t *nul;

		if (!p->named)
			continue;
		named++;
		nul = memchr(p->name, 0, p->name_length);
		check_note(!nul, CLAUSE_CONSOLE_MULTIPORT,
			   "the %u bytes after the PORT_NAME header of port %u hold no NUL (one at "
			   "offset %d): the name comes without a terminator", p->name_length,
			   port, nul ? (int)(nul - p->name) : -1);
	}
	if (!named)
		skip("no port has a name (no name= on the VM's ports)");
}
