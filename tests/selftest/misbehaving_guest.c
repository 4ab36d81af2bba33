/*
 * Self-tests of the suite, not of a device: a guest that hangs and a guest
 * that crashes in the middle of a test. They run only when a filter names
 * them (see options_select) and prove that the harness turns both into a
 * verdict (timeout, crash) while keeping the results collected before.
 */
#include "arch/arch.h"
#include "lib/test.h"
#include "virtio/virtio.h"

VCTS_TEST(hang_in_test, "selftest.guest.hang_in_test", VIRTIO_ID_ANY, "")
{
	(void)dev;
	test_log("selftest: spinning forever with interrupts off");
	arch_irq_disable();
	for (;;)
		cpu_relax();
}

VCTS_TEST(crash_in_test, "selftest.guest.crash_in_test", VIRTIO_ID_ANY, "")
{
	(void)dev;
	test_log("selftest: reading through a non-canonical pointer");
	(void)*(volatile uint64_t *)0x8000000000000000ull;
	check(false, "", "the read above should have faulted");
}

/*
 * A test that simply passes, after the two above in id order: what a
 * fresh VM resumes with once the harness has buried a hung or crashed one
 * (docs/result-protocol.md, "Resuming").
 */
VCTS_TEST(ordinary_pass, "selftest.guest.ordinary_pass", VIRTIO_ID_ANY, "")
{
	check(dev->name[0] != '\0', "", "the device the test runs on has a name");
}
