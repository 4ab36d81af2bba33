/*
 * bhyve (hypervisors/bhyve/): `bhyve -k FILE` and the bhyve_config(5)
 * file, pinned for rng and blk on pci-legacy (its only transport); the
 * console's UNIX socket and '%' escaping.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/bhyve/bhyve.h"
#include "profile_case.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })
#define CONFIG "bhyve-x86_64-default-pci-legacy-legacy"

static const char expected_config[] =
	"# vcts: configuration " CONFIG " (bhyve_config(5); docs/hypervisors/bhyve.md)\n"
	"name=vcts-" CONFIG "\n"
	"cpus=1\n"
	"memory.size=128M\n"
	"acpi_tables=true\n"
	"destroy_on_poweroff=true\n"
	"lpc.bootrom=/usr/local/share/uefi-firmware/BHYVE_UEFI.fd\n"
	"lpc.com1.path=stdio\n"
	"pci.0.0.0.device=hostbridge\n"
	"pci.0.30.0.device=ahci\n"
	"pci.0.30.0.port.0.type=cd\n"
	"pci.0.30.0.port.0.path=build/x86_64/vcts.iso\n"
	"pci.0.31.0.device=lpc\n"
	"pci.0.3.0.device=virtio-rnd\n"
	"pci.0.4.0.device=virtio-blk\n"
	"pci.0.4.0.path=OUTPUT/images/blk0.img\n"
	"pci.0.4.0.ser=vcts-blk0\n"
	"pci.0.5.0.device=virtio-blk\n"
	"pci.0.5.0.path=OUTPUT/images/blk1.img\n"
	"pci.0.5.0.ser=vcts-blk1\n"
	"pci.0.5.0.ro=true\n";

static void test_legacy_rng_blk(void)
{
	struct profile_case pc;
	char *cmd, *text;

	OPEN(&pc, "--hypervisor", "bhyve", "--devices", "rng,blk");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].name, CONFIG);
	cmd = profile_case_command(&pc, 0, "/usr/sbin/bhyve",
				   "/usr/local/share/uefi-firmware/BHYVE_UEFI.fd");
	CU_ASSERT_STRING_EQUAL(cmd, "/usr/sbin/bhyve -k OUTPUT/logs/" CONFIG "-bhyve.conf");
	text = profile_case_file(&pc, "logs/" CONFIG "-bhyve.conf");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, expected_config);
	free(text);
	free(cmd);
	profile_case_close(&pc);
}

static void test_console_net_and_percent(void)
{
	struct profile_case pc;
	struct bhyve_vm vm;
	char *text;

	OPEN(&pc, "--hypervisor", "bhyve", "--devices", "console,net");
	vm = (struct bhyve_vm){
		.config = &pc.matrix.configs[0],
		.vm_name = "vm",
		.firmware = "/fw/100%.fd",
		.boot_disk = "vcts.iso",
		.image_dir = "images",
		.console_socket = "/tmp/s/console-x.sock",
	};
	text = bhyve_config_text(&vm);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "lpc.bootrom=/fw/100%%.fd\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "pci.0.6.0.device=virtio-console\n"
					    "pci.0.6.0.port.0.name=org.vcts.0\n"
					    "pci.0.6.0.port.0.path=/tmp/s/console-x.sock\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "pci.0.8.0.device=virtio-net\n"
					    "pci.0.8.0.backend=tap0\n"
					    "pci.0.8.0.mac=52:54:00:12:34:56\n"));
	free(text);
	profile_case_close(&pc);
}

/* Only the legacy interface: asking for pci-modern is a usage error. */
static void test_transport(void)
{
	struct options opts;
	char err[256];

	options_init(&opts);
	CU_ASSERT_EQUAL(options_parse(&opts, 6, (char *[]){ "vcts", "run", "--hypervisor", "bhyve",
				      "--transport", "pci-modern", NULL }, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "bhyve does not offer transport 'pci-modern'");
	options_free(&opts);
}

CU_TestInfo bhyve_command_tests[] = {
	{ "pci-legacy with rng and blk", test_legacy_rng_blk },
	{ "console, net and '%'", test_console_net_and_percent },
	{ "legacy only", test_transport },
	CU_TEST_INFO_NULL,
};
