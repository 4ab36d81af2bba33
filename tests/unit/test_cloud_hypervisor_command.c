/*
 * cloud-hypervisor (hypervisors/cloud_hypervisor/): its command line,
 * pinned for rng and blk on pci-modern (its only transport), and with
 * every device type it offers: each pinned to its slot, the
 * virtio-console only when asked for.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/cloud_hypervisor/cloud_hypervisor.h"
#include "profile_case.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })

static void test_pci_rng_blk(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "cloud-hypervisor", "--devices", "rng,blk");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].name,
			       "cloud-hypervisor-x86_64-default-pci-modern-modern");
	cmd = profile_case_command(&pc, 0, "/usr/local/bin/cloud-hypervisor", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "/usr/local/bin/cloud-hypervisor"
		" --kernel build/x86_64/vcts-kernel-pvh.elf"
		" --cmdline 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern vcts.exit=acpi'"
		" --cpus boot=1 --memory size=128M --serial tty --console off"
		" --rng src=/dev/urandom,pci_device_id=3"
		" --disk path=OUTPUT/images/blk0.img,readonly=off,serial=vcts-blk0,pci_device_id=4"
		" path=OUTPUT/images/blk1.img,readonly=on,serial=vcts-blk1,pci_device_id=5");
	free(cmd);
	profile_case_close(&pc);
}

static void test_every_device(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "cloud-hypervisor", "--devices", "net,console,balloon");
	cmd = profile_case_command(&pc, 0, "cloud-hypervisor", NULL);
	CU_ASSERT_PTR_NULL(strstr(cmd, "--console off"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "--disk"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " --net tap=vcts-tap0,mac=52:54:00:12:34:56,pci_device_id=8"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " --console file=OUTPUT/logs/"
				      "cloud-hypervisor-x86_64-default-pci-modern-modern-console0.txt,"
				      "pci_device_id=6"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " --balloon size=0,free_page_reporting=on,pci_device_id=7"));
	/* Pinned slots: the plan's placement holds. */
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(&pc.matrix.configs[0], "00:06.0"), "console0");
	free(cmd);
	profile_case_close(&pc);
}

static void test_aarch64(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "cloud-hypervisor", "--arch", "aarch64", "--devices", "rng");
	cmd = profile_case_command(&pc, 0, "cloud-hypervisor", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " --kernel build/aarch64/vcts-Image "));
	free(cmd);
	profile_case_close(&pc);
}

CU_TestInfo cloud_hypervisor_command_tests[] = {
	{ "pci-modern with rng and blk", test_pci_rng_blk },
	{ "net, console, balloon", test_every_device },
	{ "aarch64 boots the arm64 Image", test_aarch64 },
	CU_TEST_INFO_NULL,
};
