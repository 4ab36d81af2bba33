/*
 * OpenBSD vmm (hypervisors/vmm/): the script `vmctl start` and its wait,
 * pinned for rng and blk; the pty console; where vmd places devices (its
 * rng always there).
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/vmm/vmm.h"
#include "profile_case.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })
#define CONFIG "vmm-x86_64-default-pci-modern-modern"

static const char expected_script[] =
	"#!/bin/sh\n"
	"# vcts: configuration " CONFIG " on OpenBSD vmd (docs/hypervisors/vmm.md)\n"
	"set -e\n"
	"vmctl=/usr/sbin/vmctl\n"
	"vm=vcts-" CONFIG "\n"
	"\"$vmctl\" start -B cdrom -r build/x86_64/vcts.iso -d OUTPUT/images/blk0.img"
	" -d OUTPUT/images/blk1.img -m 128M \"$vm\"\n"
	"while \"$vmctl\" status \"$vm\" | grep -q ' running '; do\n"
	"\tsleep 1\n"
	"done\n";

static void test_modern_rng_blk(void)
{
	struct profile_case pc;
	char *cmd, *text;

	OPEN(&pc, "--hypervisor", "vmm", "--devices", "rng,blk");
	cmd = profile_case_command(&pc, 0, "/usr/sbin/vmctl", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "/bin/sh OUTPUT/logs/" CONFIG "-vmctl.sh");
	text = profile_case_file(&pc, "logs/" CONFIG "-vmctl.sh");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, expected_script);
	free(text);
	free(cmd);
	profile_case_close(&pc);
}

/* The console is the VM's pty, named on vmctl's output: no path to give. */
static void test_console(void)
{
	struct profile_case pc;
	struct backend host = { .ops = &vmm_hypervisor };
	struct console_spec spec;
	struct vm_launch launch;

	OPEN(&pc, "--hypervisor", "vmm", "--devices", "rng,net", "--transport", "pci-legacy");
	launch = (struct vm_launch){ &host, &pc.matrix.configs[0], "images", false, "", NULL };
	vmm_hypervisor.console(&launch, &spec);
	CU_ASSERT_EQUAL(spec.route, CONSOLE_PTY);
	CU_ASSERT_PTR_NULL(spec.path);
	profile_case_close(&pc);
}

/* Host bridge, rng (always), network interfaces, disks: 00:00, 01, 02... */
static void test_placement(void)
{
	struct profile_case pc;
	const struct vcts_config *c;

	OPEN(&pc, "--hypervisor", "vmm", "--devices", "blk,net");
	c = &pc.matrix.configs[0];
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "00:02.0"), "net0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "00:03.0"), "blk0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "00:04.0"), "blk1");
	CU_ASSERT_PTR_NULL(config_device_at(c, "00:01.0"));
	profile_case_close(&pc);
	OPEN(&pc, "--hypervisor", "vmm", "--devices", "rng,blk");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(&pc.matrix.configs[0], "00:01.0"), "rng0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(&pc.matrix.configs[0], "00:02.0"), "blk0");
	profile_case_close(&pc);
}

static void test_net_flag(void)
{
	struct profile_case pc;
	char *text;

	OPEN(&pc, "--hypervisor", "vmm", "--devices", "net", "--transport", "pci-legacy");
	free(profile_case_command(&pc, 0, "vmctl", NULL));
	text = profile_case_file(&pc, "logs/vmm-x86_64-default-pci-legacy-legacy-vmctl.sh");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, " -r build/x86_64/vcts.iso -L -m 128M \"$vm\"\n"));
	free(text);
	profile_case_close(&pc);
}

CU_TestInfo vmm_command_tests[] = {
	{ "pci-modern with rng and blk", test_modern_rng_blk },
	{ "console on a pty", test_console },
	{ "device placement", test_placement },
	{ "a local interface for net", test_net_flag },
	CU_TEST_INFO_NULL,
};
