/*
 * What the virtio-console tests share: opening the device for a test,
 * bringing a multiport device up, and judging the control messages the
 * driver recorded (drivers/console.h).
 */
#ifndef VCTS_TESTS_CONSOLE_H
#define VCTS_TESTS_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/console.h"
#include "lib/test.h"

/*
 * How long the device may stay silent before the driver assumes it has
 * said everything it had to say after a control message. QEMU answers
 * within the notification; a device with a worker thread needs longer
 * than a few milliseconds, not longer than this.
 */
#define CONSOLE_QUIET_MS	150

/* Sets @dev up with @features; on failure fails the test with the reason. */
#define console_test_open(dev, features, con) \
	console_test_open_at(__FILE__, __LINE__, dev, features, con)
bool console_test_open_at(const char *file, int line, struct virtio_device *dev,
			  uint64_t features, struct console_device *con);

/*
 * Opens @dev with MULTIPORT (skipping the test, returning false, when it
 * is not offered) and sends DEVICE_READY, answering what the device says.
 */
#define console_test_start(dev, con) console_test_start_at(__FILE__, __LINE__, dev, con)
bool console_test_start_at(const char *file, int line, struct virtio_device *dev,
			   struct console_device *con);

/*
 * Every recorded control message against the rules of 5.3.6.2: a header,
 * a device-to-driver event, a port id below max_nr_ports, no DEVICE_ADD
 * for a port that exists, no DEVICE_REMOVE or per-port event for one that
 * does not, the payload RESIZE and PORT_NAME carry. One check (and at
 * most one failure) per message and rule. Without @everything only the
 * DEVICE_ADD and DEVICE_REMOVE messages (5.3.6.2.1).
 */
void console_check_messages(const struct console_device *con, bool everything);

/* The number of @event messages recorded. */
uint32_t console_count_events(const struct console_device *con, uint16_t event);

/* The first added port that has queues set up (port 0 counts), or -1. */
int console_first_port_with_queues(const struct console_device *con);

/*
 * The added port whose PORT_NAME is @name (one trailing NUL tolerated:
 * port_name_unterminated judges it), or -1.
 */
int console_port_named(const struct console_device *con, const char *name);

/*
 * Takes control messages until the device has said, with PORT_OPEN, that
 * the host side of @port is @open (5.3.6.2), for at most test_timeout_ms().
 */
bool console_wait_host_open(struct console_device *con, uint32_t port, bool open);

#endif
