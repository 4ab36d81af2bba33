/*
 * The scope of a test, mostly from its id (<area>.<group>.<case>): the
 * area modern or legacy names the interface, and in those areas the group
 * pci, mmio or ccw names the transport family (modern.pci.*, legacy.mmio.*,
 * modern.ccw.*).
 * Every other test runs on any interface and transport, unless its
 * declaration names a family (VCTS_TEST_ON).
 */
#include "printf.h"
#include "string.h"
#include "test_scope.h"
#include "transports/ccw/ccw.h"
#include "transports/mmio/mmio.h"
#include "transports/pci-legacy/pci_legacy.h"
#include "transports/pci-modern/pci_modern.h"
#include "virtio/virtio.h"

/* Does @id's component number @index (0: area, 1: group) equal @word? */
static bool id_part_is(const char *id, int index, const char *word)
{
	size_t length = strlen(word);

	for (; index > 0; index--) {
		id = strchr(id, '.');
		if (!id)
			return false;
		id++;
	}
	return !strncmp(id, word, length) && (id[length] == '.' || !id[length]);
}

struct test_scope test_scope_of(const struct test_case *test)
{
	struct test_scope scope = { TEST_INTERFACE_ANY, test->transport };

	if (id_part_is(test->id, 0, "modern"))
		scope.interface = TEST_INTERFACE_MODERN;
	else if (id_part_is(test->id, 0, "legacy"))
		scope.interface = TEST_INTERFACE_LEGACY;
	if (scope.transport != TEST_TRANSPORT_FROM_ID)
		return scope;
	scope.transport = TEST_TRANSPORT_ANY;
	/* devices.* groups are device types, not transports. */
	if (scope.interface == TEST_INTERFACE_ANY)
		return scope;
	if (id_part_is(test->id, 1, "pci"))
		scope.transport = TEST_TRANSPORT_PCI;
	else if (id_part_is(test->id, 1, "mmio"))
		scope.transport = TEST_TRANSPORT_MMIO;
	else if (id_part_is(test->id, 1, "ccw"))
		scope.transport = TEST_TRANSPORT_CCW;
	return scope;
}

const char *test_interface_name(enum test_interface interface)
{
	switch (interface) {
	case TEST_INTERFACE_MODERN:
		return "modern";
	case TEST_INTERFACE_LEGACY:
		return "legacy";
	default:
		return "any";
	}
}

const char *test_transport_name(enum test_transport transport)
{
	switch (transport) {
	case TEST_TRANSPORT_PCI:
		return "pci";
	case TEST_TRANSPORT_MMIO:
		return "mmio";
	case TEST_TRANSPORT_CCW:
		return "ccw";
	default:
		return "any";
	}
}

/* Is @dev on @family? Asked of the transports themselves. */
static bool device_on(struct virtio_device *dev, enum test_transport family)
{
	switch (family) {
	case TEST_TRANSPORT_PCI:
		return pci_modern_of(dev) || pci_legacy_of(dev);
	case TEST_TRANSPORT_MMIO:
		return mmio_of(dev);
	case TEST_TRANSPORT_CCW:
		return ccw_of(dev);
	default:
		return true;
	}
}

bool test_outside_scope(const struct test_case *test, struct virtio_device *dev,
			char *why, size_t why_size)
{
	struct test_scope scope = test_scope_of(test);

	if (scope.interface == TEST_INTERFACE_MODERN && dev->legacy) {
		strlcpy(why, "tests of the 1.x interface; the device is driven through "
			"its legacy interface", why_size);
		return true;
	}
	if (scope.interface == TEST_INTERFACE_LEGACY && !dev->legacy) {
		strlcpy(why, "tests of the legacy interface; the device is driven through "
			"its 1.x interface", why_size);
		return true;
	}
	if (!device_on(dev, scope.transport)) {
		snprintf(why, why_size, "tests of the virtio-%s transport; the device is on %s",
			 test_transport_name(scope.transport), dev->ops->name);
		return true;
	}
	return false;
}
