/*
 * riscv64 on QEMU's virt machine (docs/arch-riscv64.md): the kernel
 * boots under OpenSBI, finds PCI through the ECAM host bridge and
 * virtio-mmio through the device tree, takes the devices' interrupts on
 * the PLIC, and ends the VM through the SiFive test device with its
 * status, or through SBI System Reset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

#define TRANSPORTS "pci-modern,mmio-v2"

/*
 * rng and blk on a PCI and an mmio transport: tests pass on both, the
 * QEMU deviations are forgiven by the riscv64 baseline, nothing fails,
 * and the exit status the test device carried agrees with the kernel.
 */
static void test_riscv64_pci_and_mmio(void)
{
	char arguments[600];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--arch riscv64 --transport " TRANSPORTS " --devices rng,blk --baseline auto "
		 "--kernel %s", kernel_riscv64);
	run_vcts(&run, "riscv64-pci-mmio", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT(count_results(&run, "", "fail") == 0);
	CU_ASSERT(count_results(&run, "", "crash") == 0);
	CU_ASSERT(count_in_config(&run, "devices.rng.", "pass", "pci-modern", "modern") > 0);
	CU_ASSERT(count_in_config(&run, "devices.blk.", "pass", "pci-modern", "modern") > 0);
	CU_ASSERT(count_in_config(&run, "devices.rng.", "pass", "mmio-v2", "modern") > 0);
	CU_ASSERT(count_in_config(&run, "devices.blk.", "pass", "mmio-v2", "modern") > 0);
	/* Interrupts through the PLIC: INTx on PCI, the wired line on mmio. */
	CU_ASSERT(count_in_config(&run, "modern.notify.", "pass", "pci-modern", "modern") > 0);
	CU_ASSERT(count_in_config(&run, "modern.mmio.", "pass", "mmio-v2", "modern") > 0);
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.rng.buffer_filled"),
					    "arch"), "riscv64");
	CU_ASSERT(file_exists(&run, "logs/qemu-riscv64-virt-mmio-v2-modern.log"));
	CU_ASSERT(run.stderr_text && strstr(run.stderr_text, "qemu-7.2-riscv64.json"));
	CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
	free_run(&run);
}

/* A load access fault: a crash verdict, the test device's status says so too. */
static void test_riscv64_crash_is_a_crash(void)
{
	char arguments[600];
	struct run run;
	json_object *result;

	snprintf(arguments, sizeof(arguments),
		 "--arch riscv64 --kernel %s --devices rng "
		 "--filter 'modern.features.version_1_offered,selftest.guest.crash_in_test'",
		 kernel_riscv64);
	run_vcts(&run, "riscv64-crash", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	result = find_result(&run, "selftest.guest.crash_in_test");
	CU_ASSERT_STRING_EQUAL(string_field(result, "verdict"), "crash");
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(result, "message"), "load access fault"));
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "modern.features.version_1_offered"),
					    "verdict"), "pass");
	CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
	free_run(&run);
}

/* SBI System Reset powers off (status 0 whatever the verdict). */
static void test_riscv64_sbi_exit(void)
{
	char arguments[600];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--arch riscv64 --kernel %s --devices rng --exit sbi "
		 "--filter devices.rng.buffer_filled --timeout 60", kernel_riscv64);
	run_vcts(&run, "riscv64-exit-sbi", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "devices.rng.buffer_filled"),
					    "verdict"), "pass");
	/* Ended by the guest, not by the harness a second after `done`. */
	CU_ASSERT(run.seconds < 30);
	free_run(&run);
}

void add_riscv64_tests(CU_pSuite suite)
{
	CU_add_test(suite, "riscv64: PCI and mmio", test_riscv64_pci_and_mmio);
	CU_add_test(suite, "riscv64: crash is a crash", test_riscv64_crash_is_a_crash);
	CU_add_test(suite, "riscv64: SBI exit", test_riscv64_sbi_exit);
}
