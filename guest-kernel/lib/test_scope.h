/*
 * Where a test applies: the interface (1.x or legacy) a device must be
 * driven through and the transport family it must sit on. The runner
 * skips a test outside its scope, and `list` lines print the scope, so
 * what the harness shows is what the runner does.
 */
#ifndef VCTS_TEST_SCOPE_H
#define VCTS_TEST_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/test.h"

enum test_interface {
	TEST_INTERFACE_ANY,
	TEST_INTERFACE_MODERN,
	TEST_INTERFACE_LEGACY,
};

struct test_scope {
	enum test_interface interface;
	enum test_transport transport;	/* never TEST_TRANSPORT_FROM_ID */
};

struct test_scope test_scope_of(const struct test_case *test);

/* "modern", "legacy", "any": the `interface=` of a list line. */
const char *test_interface_name(enum test_interface interface);
/* "pci", "mmio", "ccw", "any": the `transport=` of a list line. */
const char *test_transport_name(enum test_transport transport);

/*
 * Is @dev outside @test's scope? Then true, with the reason for the skip
 * in @why.
 */
bool test_outside_scope(const struct test_case *test, struct virtio_device *dev,
			char *why, size_t why_size);

#endif
