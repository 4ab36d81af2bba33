/*
 * Firecracker (hypervisors/firecracker/): the command line and the
 * --config-file it writes, pinned for rng and blk on virtio-mmio; PCI
 * with --enable-pci; where Firecracker places devices; what prepare()
 * says when the program or the image is missing.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/firecracker/firecracker.h"
#include "plan/boot_image.h"
#include "profile_case.h"
#include "util.h"

#define CONFIG "firecracker-x86_64-default-mmio-v2-modern"

static const char expected_json[] =
	"{\n"
	"  \"boot-source\": {\n"
	"    \"kernel_image_path\": \"build/x86_64/vcts-kernel-pvh.elf\",\n"
	"    \"boot_args\": \"vcts.seed=1 vcts.mode=modern vcts.transport=mmio-v2 vcts.exit=reset "
	"vcts.blk_serials=0\"\n"
	"  },\n"
	"  \"machine-config\": {\n"
	"    \"vcpu_count\": 1,\n"
	"    \"mem_size_mib\": 128,\n"
	"    \"smt\": false\n"
	"  },\n"
	"  \"drives\": [\n"
	"    {\n"
	"      \"drive_id\": \"blk0\",\n"
	"      \"is_root_device\": false,\n"
	"      \"is_read_only\": false,\n"
	"      \"path_on_host\": \"OUTPUT/images/blk0.img\"\n"
	"    },\n"
	"    {\n"
	"      \"drive_id\": \"blk1\",\n"
	"      \"is_root_device\": false,\n"
	"      \"is_read_only\": true,\n"
	"      \"path_on_host\": \"OUTPUT/images/blk1.img\"\n"
	"    }\n"
	"  ],\n"
	"  \"network-interfaces\": [\n"
	"  ],\n"
	"  \"entropy\": {\n"
	"  }\n"
	"}\n";

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })

static void test_mmio_rng_blk(void)
{
	struct profile_case pc;
	char *cmd, *json;

	OPEN(&pc, "--hypervisor", "firecracker", "--devices", "rng,blk");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].name, CONFIG);
	cmd = profile_case_command(&pc, 0, "/opt/fc/firecracker", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "/opt/fc/firecracker --no-api"
			       " --config-file OUTPUT/logs/" CONFIG "-firecracker.json"
			       " --log-path OUTPUT/logs/" CONFIG "-firecracker.log --level Warning");
	json = profile_case_file(&pc, "logs/" CONFIG "-firecracker.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	CU_ASSERT_STRING_EQUAL(json, expected_json);
	free(json);
	free(cmd);
	profile_case_close(&pc);
}

/* --enable-pci, and the net and balloon sections. */
static void test_pci_and_more_devices(void)
{
	struct profile_case pc;
	char *cmd, *json;

	OPEN(&pc, "--hypervisor", "firecracker", "--transport", "pci-modern", "--devices",
	     "net,balloon");
	cmd = profile_case_command(&pc, 0, "firecracker", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "firecracker --no-api --config-file OUTPUT/logs/"
			       "firecracker-x86_64-default-pci-modern-modern-firecracker.json --log-path"
			       " OUTPUT/logs/firecracker-x86_64-default-pci-modern-modern-firecracker.log"
			       " --level Warning --enable-pci");
	json = profile_case_file(&pc, "logs/firecracker-x86_64-default-pci-modern-modern-"
				    "firecracker.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"iface_id\": \"net0\",\n"
					    "      \"host_dev_name\": \"vcts-tap0\",\n"
					    "      \"guest_mac\": \"52:54:00:12:34:56\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"balloon\": {\n    \"amount_mib\": 0,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"free_page_reporting\": true"));
	CU_ASSERT_PTR_NULL(strstr(json, "\"entropy\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "vcts.transport=pci-modern vcts.exit=reset vcts.blk_serials=0"));
	free(json);
	free(cmd);
	profile_case_close(&pc);
}

/*
 * builder.rs attaches balloon, blocks, net, entropy in that order, each
 * taking the next 4 KiB window from 0xc0001000 (x86_64) or 0x40003000
 * (aarch64), or the next PCI device after the host bridge.
 */
static void test_placement(void)
{
	struct profile_case pc;
	const struct vcts_config *c;
	char where[32];

	OPEN(&pc, "--hypervisor", "firecracker", "--devices", "rng,blk,net,balloon");
	c = &pc.matrix.configs[0];
	CU_ASSERT_STRING_EQUAL(c->devices[0]->name, "rng0");
	config_device_location(c, 0, where, sizeof(where));
	CU_ASSERT_STRING_EQUAL(where, "mmio@0xc0005000");
	config_device_location(c, 1, where, sizeof(where));
	CU_ASSERT_STRING_EQUAL(where, "mmio@0xc0002000");
	CU_ASSERT_PTR_EQUAL(config_device_at(c, "mmio@0xc0003000"), c->devices[2]);
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0xC0001000"), "balloon0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0xc0004000"), "net0");
	CU_ASSERT_PTR_NULL(config_device_at(c, "mmio@0xfeb00e00"));
	profile_case_close(&pc);

	OPEN(&pc, "--hypervisor", "firecracker", "--transport", "pci-modern", "--arch",
	     "aarch64", "--devices", "rng,blk");
	c = &pc.matrix.configs[0];
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "00:01.0"), "blk0");
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "0000:00:03.0"), "rng0");
	profile_case_close(&pc);
}

static void test_aarch64_image(void)
{
	struct profile_case pc;
	char *json;

	OPEN(&pc, "--hypervisor", "firecracker", "--arch", "aarch64", "--devices", "rng");
	free(profile_case_command(&pc, 0, "firecracker", NULL));
	json = profile_case_file(&pc, "logs/firecracker-aarch64-default-mmio-v2-modern-firecracker.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"kernel_image_path\": \"build/aarch64/vcts-Image\""));
	free(json);
	profile_case_close(&pc);
}

/* prepare(): the program named or on PATH, and the image built. */
static void test_prepare_messages(void)
{
	const struct backend_arch *x86 = hypervisor_arch(&firecracker_hypervisor, "x86_64");
	const struct backend_arch *arm = hypervisor_arch(&firecracker_hypervisor, "aarch64");
	struct backend b = { .ops = &firecracker_hypervisor, .arch = x86 };
	char *saved = getenv("PATH") ? xstrdup(getenv("PATH")) : NULL;
	char *said, *expected;

	setenv("PATH", "/nonexistent", 1);
	empty_directory_enter();
	stderr_capture_begin();
	CU_ASSERT_EQUAL(firecracker_hypervisor.prepare(&b, NULL, NULL), -1);
	CU_ASSERT_EQUAL(firecracker_hypervisor.prepare(&b, "/nonexistent/firecracker",
						      "--hypervisor-binary "), -1);
	b.arch = arm;
	CU_ASSERT_EQUAL(firecracker_hypervisor.prepare(&b, "/bin/true", "--hypervisor-binary "), -1);
	said = stderr_capture_end();
	empty_directory_leave();
	expected = xasprintf(
		"vcts: firecracker not found on PATH (see docs/hypervisors/firecracker.md)\n"
		"vcts: --hypervisor-binary /nonexistent/firecracker: not found or not executable\n"
		"vcts: firecracker boots the arm64-image image on aarch64 (%s): "
		"build/aarch64/vcts-Image is not built (build it with 'make')\n",
		boot_image_find("arm64-image")->description);
	CU_ASSERT_STRING_EQUAL(said, expected);
	free(expected);
	CU_ASSERT_PTR_NULL(b.binary);
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	free(said);
	firecracker_hypervisor.release(&b);
}

CU_TestInfo firecracker_command_tests[] = {
	{ "mmio-v2 with rng and blk", test_mmio_rng_blk },
	{ "pci-modern, net and balloon", test_pci_and_more_devices },
	{ "device placement", test_placement },
	{ "aarch64 boots the arm64 Image", test_aarch64_image },
	{ "prepare: missing program or image", test_prepare_messages },
	CU_TEST_INFO_NULL,
};
