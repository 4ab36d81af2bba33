/*
 * kvmtool (hypervisors/kvmtool/): `lkvm run`, pinned for rng and blk on
 * pci-modern; each transport's --virtio-transport word; mmio only on
 * aarch64; where kvmtool places devices.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/kvmtool/kvmtool.h"
#include "profile_case.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })

static void test_pci_rng_blk(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "kvmtool", "--devices", "rng,blk");
	cmd = profile_case_command(&pc, 0, "/usr/bin/lkvm", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "/usr/bin/lkvm run"
		" --name vcts-kvmtool-x86_64-default-pci-modern-modern"
		" --cpus 1 --mem 128 --kernel build/x86_64/vcts-bzImage"
		" --params 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern vcts.exit=reset"
		" vcts.blk_serials=0'"
		" --nodefaults --console serial --virtio-transport pci --network mode=none --rng"
		" --disk OUTPUT/images/blk0.img --disk OUTPUT/images/blk1.img,ro");
	free(cmd);
	profile_case_close(&pc);
}

/* pci, pci-legacy on x86_64; on aarch64 also mmio and mmio-legacy. */
static void test_transports(void)
{
	static const struct {
		const char *transport, *mode, *word;
	} cases[] = {
		{ "pci-modern", "modern", "--virtio-transport pci " },
		{ "pci-legacy", "legacy", "--virtio-transport pci-legacy " },
		{ "mmio-v1", "legacy", "--virtio-transport mmio-legacy " },
		{ "mmio-v2", "modern", "--virtio-transport mmio " },
	};
	struct profile_case pc;
	char err[256];

	OPEN(&pc, "--hypervisor", "kvmtool", "--arch", "aarch64", "--transport", "all",
	     "--devices", "blk");
	CU_ASSERT_EQUAL(pc.matrix.count, 4);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t index = profile_case_config(&pc, cases[i].transport, cases[i].mode);
		char *cmd = profile_case_command(&pc, index, "lkvm", NULL);

		CU_ASSERT_PTR_NOT_NULL(strstr(cmd, cases[i].word));
		free(cmd);
	}
	profile_case_close(&pc);
	OPEN(&pc, "--hypervisor", "kvmtool", "--transport", "all", "--devices", "blk");
	CU_ASSERT_EQUAL(pc.matrix.count, 2);
	profile_case_close(&pc);
	options_init(&pc.opts);
	CU_ASSERT_EQUAL(options_parse(&pc.opts, 6, (char *[]){ "vcts", "run", "--hypervisor",
				      "kvmtool", "--transport", "mmio-v2", NULL }, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "kvmtool does not offer transport 'mmio-v2' on x86_64");
	options_free(&pc.opts);
}

/* Registration order blk, net, rng, balloon; mmio windows of 0x200 from 0x3000000. */
static void test_placement(void)
{
	struct profile_case pc;
	const struct vcts_config *c;

	OPEN(&pc, "--hypervisor", "kvmtool", "--arch", "aarch64", "--transport", "mmio-v2",
	     "--devices", "rng,blk,balloon");
	c = &pc.matrix.configs[0];
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0x3000000"), "blk0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0x3000200"), "blk1");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0x3000400"), "rng0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0x3000600"), "balloon0");
	profile_case_close(&pc);
	OPEN(&pc, "--hypervisor", "kvmtool", "--devices", "rng,blk");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(&pc.matrix.configs[0], "00:02.0"), "rng0");
	profile_case_close(&pc);
}

static void test_net_and_balloon(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "kvmtool", "--devices", "net,balloon");
	cmd = profile_case_command(&pc, 0, "lkvm", NULL);
	CU_ASSERT_PTR_NULL(strstr(cmd, "mode=none"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " --network mode=tap,tapif=vcts-tap0,"
				      "guest_mac=52:54:00:12:34:56 --balloon"));
	free(cmd);
	profile_case_close(&pc);
}

CU_TestInfo kvmtool_command_tests[] = {
	{ "pci-modern with rng and blk", test_pci_rng_blk },
	{ "transports per arch", test_transports },
	{ "device placement", test_placement },
	{ "net and balloon", test_net_and_balloon },
	CU_TEST_INFO_NULL,
};
