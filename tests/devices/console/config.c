/*
 * The virtio-console configuration space (5.3.4), the queues max_nr_ports
 * promises (5.3.2), and emergency write (5.3.5).
 */
#include "lib/kernel.h"
#include "lib/test.h"
#include "tests/devices/console/console_tests.h"

/* Port 0's pair, the control pair, and a pair for each further port. */
static uint32_t queues_for_ports(uint32_t max_nr_ports)
{
	return 2 + 2 * max_nr_ports;
}

/* Brings @dev to ACKNOWLEDGE | DRIVER: features readable, none written. */
static bool before_features(struct virtio_device *dev)
{
	if (!virtio_reset(dev, test_timeout_ms()))
		return false;
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	return true;
}

/* One field of @size bytes at @offset: inside the configuration, and stable. */
static bool check_field(struct virtio_device *dev, const char *name, uint32_t offset,
			uint32_t size, uint32_t *value)
{
	uint32_t config_size = dev->ops->config_size(dev);
	bool read = console_config_read(dev, offset, size, value);

	return check(read, CLAUSE_CONFIG_SPACE,
		     "%s (offset %u, %u bytes) lies within the %u configuration bytes and "
		     "reads stably before FEATURES_OK", name, offset, size, config_size);
}

/*
 * 2.5.1 (device): every field is readable before FEATURES_OK, the ones
 * of offered features included: cols and rows with SIZE, max_nr_ports
 * with MULTIPORT, emerg_wr with EMERG_WRITE. max_nr_ports counts ports,
 * and port 0 always exists, so it is at least 1. A device that exposes
 * too short a configuration, or a max_nr_ports of 0, fails (the
 * reference device; QEMU sizes its configuration from the features it
 * offers: emergency-write=off makes it 8 bytes and drops the feature).
 */
VCTS_TEST(console_config_early, "devices.console.config_before_features_ok",
	  VIRTIO_ID_CONSOLE, CLAUSE_CONFIG_SPACE "|" CLAUSE_CONSOLE_MULTIPORT)
{
	uint64_t offered;
	uint32_t cols = 0, rows = 0, max_nr_ports = 0, emerg_wr = 0;

	require(before_features(dev), CLAUSE_RESET, "the device resets");
	offered = virtio_device_features(dev);
	if (!(offered & CONSOLE_FEATURES_ALL))
		skip("the device offers none of SIZE, MULTIPORT, EMERG_WRITE: it has no "
		     "configuration field");
	if (offered & (1ull << VIRTIO_CONSOLE_F_SIZE)) {
		check_field(dev, "cols", VIRTIO_CONSOLE_CFG_COLS, 2, &cols);
		check_field(dev, "rows", VIRTIO_CONSOLE_CFG_ROWS, 2, &rows);
		test_log("%s: SIZE offered: %u columns, %u rows", dev->name, cols, rows);
	}
	if (offered & (1ull << VIRTIO_CONSOLE_F_MULTIPORT) &&
	    check_field(dev, "max_nr_ports", VIRTIO_CONSOLE_CFG_MAX_NR_PORTS, 4, &max_nr_ports)) {
		test_log("%s: MULTIPORT offered: max_nr_ports %u", dev->name, max_nr_ports);
		check(max_nr_ports >= 1, CLAUSE_CONSOLE_MULTIPORT,
		      "max_nr_ports (%u) counts port 0 at least", max_nr_ports);
	}
	if (offered & (1ull << VIRTIO_CONSOLE_F_EMERG_WRITE))
		check_field(dev, "emerg_wr", VIRTIO_CONSOLE_CFG_EMERG_WR, 4, &emerg_wr);
}

/*
 * 5.3.2 and 5.3.5: with MULTIPORT the device has a receive and a transmit
 * queue for every port below max_nr_ports, at the indices of 5.3.2, so
 * the last port's transmitq is queue 2 * max_nr_ports + 1. Each one's
 * maximum size is read after FEATURES_OK, none is enabled. Fails against
 * a device with fewer queues than ports (the reference device; QEMU
 * creates 2 * (max_ports + 1) queues for any max_ports).
 */
VCTS_TEST(console_port_queues, "devices.console.queues_for_every_port", VIRTIO_ID_CONSOLE,
	  CLAUSE_CONSOLE_VIRTQUEUES "|" CLAUSE_CONSOLE_INIT)
{
	const char *why = NULL;
	uint32_t max_nr_ports = 0, queues, missing = 0, first_missing = 0;
	uint16_t counted;
	bool negotiated = virtio_negotiate(dev, (1ull << VIRTIO_CONSOLE_F_MULTIPORT) |
					   (dev->legacy ? 0 : 1ull << VIRTIO_F_VERSION_1), &why);

	require(negotiated, CLAUSE_FEATURES, "features are accepted (%s)", why ? why : "");
	if (!virtio_has_feature(dev, VIRTIO_CONSOLE_F_MULTIPORT))
		skip("the device does not offer VIRTIO_CONSOLE_F_MULTIPORT: port 0 only");
	require(console_config_read(dev, VIRTIO_CONSOLE_CFG_MAX_NR_PORTS, 4, &max_nr_ports),
		CLAUSE_CONFIG_SPACE, "max_nr_ports reads stably");
	/* 16-bit queue indices: 32767 ports is what they can address. */
	require(max_nr_ports >= 1 && max_nr_ports <= 32767, CLAUSE_CONSOLE_VIRTQUEUES,
		"max_nr_ports %u is a port count 16-bit queue indices can address", max_nr_ports);
	queues = queues_for_ports(max_nr_ports);
	for (uint32_t i = 0; i < queues; i++) {
		if (dev->ops->queue_max_size(dev, (uint16_t)i))
			continue;
		if (!missing++)
			first_missing = i;
	}
	check(!missing, CLAUSE_CONSOLE_VIRTQUEUES,
	      "queues 0-%u (the pairs of %u ports and the control pair) all exist; "
	      "%u have size 0, the first queue %u", queues - 1, max_nr_ports, missing,
	      first_missing);
	counted = dev->ops->queue_count(dev);
	if (counted)
		check(counted >= queues, CLAUSE_CONSOLE_VIRTQUEUES,
		      "the transport counts %u queues, at least the %u of %u ports", counted,
		      queues, max_nr_ports);
}

/* Status after an emergency write: the bits the driver set, no error bits. */
static void check_status_kept(struct virtio_device *dev, uint8_t expected, const char *when)
{
	uint8_t status = dev->ops->get_status(dev);

	check_eq(status, expected, CLAUSE_CONSOLE_INIT,
		 "device status is unchanged by an emergency write %s", when);
}

/*
 * 5.3.5.1 (device): a write to emerg_wr is allowed at any time, "even on
 * an unconfigured device": after a reset, before the features are
 * written, and on a device driven without EMERG_WRITE accepted. The
 * device must neither set an error bit nor stop working: after the
 * writes it initialises and transmits. The characters spell "vcts" and a
 * newline, for a host that one day reads the console (5.3.5.1 SHOULD).
 * Fails against a device that sets DEVICE_NEEDS_RESET on the write or
 * breaks (the reference device; QEMU takes the byte to the first
 * connected console port, if any).
 */
VCTS_TEST(console_emerg_wr_any_time, "devices.console.emergency_write_any_time",
	  VIRTIO_ID_CONSOLE, CLAUSE_CONSOLE_INIT "|" CLAUSE_CONSOLE_OPERATION)
{
	struct console_device con;
	static const char text[] = "vcts port 0 after emergency writes\n";
	struct vq_buffer data = { (void *)(uintptr_t)text, sizeof(text) - 1, false };
	uint8_t driver_ok = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
			    VIRTIO_STATUS_DRIVER_OK;
	uint32_t used_len = 0;
	uint64_t offered;

	require(before_features(dev), CLAUSE_RESET, "the device resets");
	offered = virtio_device_features(dev);
	if (!(offered & (1ull << VIRTIO_CONSOLE_F_EMERG_WRITE)))
		skip("the device does not offer VIRTIO_CONSOLE_F_EMERG_WRITE");
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	console_emergency_write(dev, 'v');
	check_status_kept(dev, 0, "right after a reset");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	console_emergency_write(dev, 'c');
	check_status_kept(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER,
			  "before the features are written");
	/* The feature not accepted: the write is allowed all the same. */
	if (!console_test_open(dev, 0, &con))
		return;
	console_emergency_write(dev, 't');
	if (!dev->legacy)
		driver_ok |= VIRTIO_STATUS_FEATURES_OK;
	check_status_kept(dev, driver_ok, "after DRIVER_OK, EMERG_WRITE not accepted");
	console_emergency_write(dev, 's');
	console_emergency_write(dev, '\n');
	if (console_transmit(&con, 0, &data, 1, &used_len) != VQ_USED)
		check(false, con.error_clause, "port 0 still transmits after emergency writes: %s",
		      con.error);
}
