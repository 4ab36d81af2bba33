/* Helpers of the virtio-console tests (console_tests.h). */
#include "lib/kernel.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/console/console_tests.h"

/* How often console_wait_host_open() looks at the control receiveq. */
#define CONSOLE_EVENT_POLL_MS	20

bool console_test_open_at(const char *file, int line, struct virtio_device *dev,
			  uint64_t features, struct console_device *con)
{
	const char *why = "";
	bool opened = console_open(dev, features, con, &why);

	return test_check(opened, con->error_clause, file, line,
			  "the device can be initialised: %s", why);
}

bool console_test_start_at(const char *file, int line, struct virtio_device *dev,
			   struct console_device *con)
{
	bool started;

	if (!console_test_open_at(file, line, dev, 1ull << VIRTIO_CONSOLE_F_MULTIPORT, con))
		return false;
	if (!con->multiport) {
		test_skip("the device does not offer VIRTIO_CONSOLE_F_MULTIPORT");
		return false;
	}
	started = console_start(con, CONSOLE_QUIET_MS);
	test_log("%s: max_nr_ports %u, %u control message(s) after DEVICE_READY", dev->name,
		 con->max_nr_ports, con->message_count);
	return test_check(started, con->error_clause, file, line,
			  "DEVICE_READY is taken and the control messages after it arrive: %s",
			  con->error);
}

uint32_t console_count_events(const struct console_device *con, uint16_t event)
{
	uint32_t count = 0;

	for (uint32_t i = 0; i < con->message_count; i++) {
		if (con->messages[i].has_header && con->messages[i].event == event)
			count++;
	}
	return count;
}

int console_first_port_with_queues(const struct console_device *con)
{
	for (uint32_t port = 0; port < con->queue_ports; port++) {
		if (con->ports[port].added)
			return (int)port;
	}
	return -1;
}

int console_port_named(const struct console_device *con, const char *name)
{
	uint32_t length = (uint32_t)strlen(name);

	for (uint32_t port = 0; port < con->max_nr_ports && port < CONSOLE_MAX_PORTS; port++) {
		const struct console_port *p = &con->ports[port];
		uint32_t named = p->name_length;

		if (named && p->name[named - 1] == 0)
			named--;
		if (p->added && p->named && named == length && !memcmp(p->name, name, length))
			return (int)port;
	}
	return -1;
}

bool console_wait_host_open(struct console_device *con, uint32_t port, bool open)
{
	uint64_t end = deadline_after_ms(test_timeout_ms());

	/* Short quiet periods: the event may come a little after the host acted. */
	while (con->ports[port].host_open != open && !deadline_passed(end)) {
		if (!console_collect(con, CONSOLE_EVENT_POLL_MS))
			return false;
	}
	return con->ports[port].host_open == open;
}

/* The ports the messages so far have added: ids of any size, in a short list. */
struct added_set {
	uint32_t ids[CONSOLE_MAX_MESSAGES];
	uint32_t count;
};

static int find_added(const struct added_set *set, uint32_t id)
{
	for (uint32_t i = 0; i < set->count; i++) {
		if (set->ids[i] == id)
			return (int)i;
	}
	return -1;
}

static bool from_device(uint16_t event)
{
	switch (event) {
	case VIRTIO_CONSOLE_DEVICE_ADD:
	case VIRTIO_CONSOLE_DEVICE_REMOVE:
	case VIRTIO_CONSOLE_CONSOLE_PORT:
	case VIRTIO_CONSOLE_RESIZE:
	case VIRTIO_CONSOLE_PORT_OPEN:
	case VIRTIO_CONSOLE_PORT_NAME:
		return true;
	default:
		return false;
	}
}

/* Rules of a message about a port that must exist. */
static void check_port_event(const struct console_message *m, uint32_t n, bool exists)
{
	check(exists, CLAUSE_CONSOLE_MULTIPORT,
	      "message %u (%s) names port %u, which the device has added", n,
	      console_event_name(m->event), m->id);
	switch (m->event) {
	case VIRTIO_CONSOLE_PORT_OPEN:
		check(m->value <= 1, CLAUSE_CONSOLE_MULTIPORT,
		      "message %u: PORT_OPEN value %u is 0 (closed) or 1 (open)", n, m->value);
		break;
	case VIRTIO_CONSOLE_RESIZE:
		check(m->payload_length >= CONSOLE_RESIZE_BYTES, CLAUSE_CONSOLE_MULTIPORT,
		      "message %u: RESIZE is followed by struct virtio_console_resize "
		      "(%u bytes after the header)", n, m->payload_length);
		break;
	case VIRTIO_CONSOLE_PORT_NAME:
		check(m->payload_length >= 1, CLAUSE_CONSOLE_MULTIPORT,
		      "message %u: PORT_NAME is followed by a name (%u bytes after the header)",
		      n, m->payload_length);
		break;
	default:
		break;
	}
}

void console_check_messages(const struct console_device *con, bool everything)
{
	struct added_set added = { .count = 0 };

	for (uint32_t n = 0; n < con->message_count; n++) {
		const struct console_message *m = &con->messages[n];
		int at;

		if (!everything && (!m->has_header || (m->event != VIRTIO_CONSOLE_DEVICE_ADD &&
							m->event != VIRTIO_CONSOLE_DEVICE_REMOVE)))
			continue;
		if (!check(m->has_header, CLAUSE_CONSOLE_MULTIPORT,
			   "message %u: used length %u holds the 8-byte struct virtio_console_control",
			   n, m->length))
			continue;
		if (!check(from_device(m->event), CLAUSE_CONSOLE_MULTIPORT,
			   "message %u: event %u (%s) is one the device sends", n, m->event,
			   console_event_name(m->event)))
			continue;
		check(m->id < con->max_nr_ports, CLAUSE_CONSOLE_MULTIPORT,
		      "message %u (%s): port %u is below max_nr_ports %u", n,
		      console_event_name(m->event), m->id, con->max_nr_ports);
		at = find_added(&added, m->id);
		switch (m->event) {
		case VIRTIO_CONSOLE_DEVICE_ADD:
			if (check(at < 0, CLAUSE_CONSOLE_MULTIPORT,
				  "message %u: DEVICE_ADD names port %u, which exists already",
				  n, m->id) && added.count < CONSOLE_MAX_MESSAGES)
				added.ids[added.count++] = m->id;
			break;
		case VIRTIO_CONSOLE_DEVICE_REMOVE:
			if (check(at >= 0, CLAUSE_CONSOLE_MULTIPORT,
				  "message %u: DEVICE_REMOVE names port %u, which no DEVICE_ADD "
				  "created", n, m->id))
				added.ids[at] = added.ids[--added.count];
			break;
		default:
			check_port_event(m, n, at >= 0);
			break;
		}
	}
	if (con->messages_dropped)
		test_log("%u control message(s) beyond the first %u were not judged",
			 con->messages_dropped, CONSOLE_MAX_MESSAGES);
}
