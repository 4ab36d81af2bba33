/*
 * crosvm (hypervisors/crosvm/): `crosvm run`, pinned for rng and blk on
 * pci-modern; the default rng and balloon turned off unless asked for.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/crosvm/crosvm.h"
#include "profile_case.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })

static void test_pci_rng_blk(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "crosvm", "--devices", "rng,blk");
	cmd = profile_case_command(&pc, 0, "/usr/local/bin/crosvm", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "/usr/local/bin/crosvm run --disable-sandbox --cpus 1 --mem 128"
		" --serial type=stdout,hardware=serial,num=1,console,stdin"
		" -p 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern vcts.exit=acpi' --no-balloon"
		" --block OUTPUT/images/blk0.img,id=vcts-blk0,pci-address=00:04.0"
		" --block OUTPUT/images/blk1.img,ro,id=vcts-blk1,pci-address=00:05.0"
		" build/x86_64/vcts-bzImage");
	free(cmd);
	profile_case_close(&pc);
}

static void test_defaults_off(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "crosvm", "--devices", "net");
	cmd = profile_case_command(&pc, 0, "crosvm", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " --no-rng --no-balloon"
				      " --net tap-name=vcts-tap0,mac=52:54:00:12:34:56 "));
	free(cmd);
	profile_case_close(&pc);
	OPEN(&pc, "--hypervisor", "crosvm", "--devices", "rng,balloon");
	cmd = profile_case_command(&pc, 0, "crosvm", NULL);
	CU_ASSERT_PTR_NULL(strstr(cmd, "--no-"));
	free(cmd);
	profile_case_close(&pc);
}

/*
 * Its exit status says how the guest ended the VM (0 or 32), not the
 * verdict: the kernel ends it through ACPI S5 (x86_64) or PSCI (aarch64).
 */
static void test_exit_method(void)
{
	struct profile_case pc;

	OPEN(&pc, "--hypervisor", "crosvm", "--arch", "all", "--devices", "rng");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].exit_method, "acpi");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[1].exit_method, "psci");
	profile_case_close(&pc);
}

CU_TestInfo crosvm_command_tests[] = {
	{ "pci-modern with rng and blk", test_pci_rng_blk },
	{ "default rng and balloon off", test_defaults_off },
	{ "exit method", test_exit_method },
	CU_TEST_INFO_NULL,
};
