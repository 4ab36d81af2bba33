/*
 * The QEMU command line for a configuration: the fixed machine, the
 * devices at their slots, device properties and the kernel command line.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hypervisors/qemu.h"
#include "text.h"

static struct options opts;
static struct config_matrix matrix;

static void setup(const char *const *words)
{
	char *argv[32];
	int argc = 0;
	char err[256];

	argv[argc++] = "vcts";
	while (*words)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	options_init(&opts);
	CU_ASSERT_EQUAL_FATAL(options_parse(&opts, argc, argv, err, sizeof(err)), 0);
	config_matrix_build(&matrix, &opts);
}

static void teardown(void)
{
	config_matrix_free(&matrix);
	options_free(&opts);
}

#define SETUP(...) setup((const char *const[]){ "run", __VA_ARGS__, NULL })

static char *command_for(const char *accel, const char *firmware, bool list_mode)
{
	struct qemu_host host = {
		.binary = "/usr/bin/qemu-system-x86_64",
		.firmware = (char *)firmware,
		.accel = accel,
	};
	char **argv = qemu_command(&host, &matrix.configs[0], &opts, "out/images",
				   list_mode);
	char *joined = shell_join(argv);

	argv_free(argv);
	return joined;
}

static void test_full_command(void)
{
	char *cmd;

	SETUP("--kernel", "k.elf");
	cmd = command_for("tcg", "/usr/share/qemu/qboot.rom", false);
	CU_ASSERT_STRING_EQUAL(cmd,
		"/usr/bin/qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 128M -smp 1 "
		"-nodefaults -no-user-config -display none -vga none "
		"-bios /usr/share/qemu/qboot.rom -kernel k.elf "
		"-append 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern' "
		"-serial stdio -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 "
		"-no-reboot -device virtio-rng-pci,disable-legacy=on,addr=0x3 "
		"-drive file=out/images/blk0.img,format=raw,if=none,id=blk0,cache=unsafe "
		"-device virtio-blk-pci,disable-legacy=on,drive=blk0,serial=vcts-blk0,addr=0x4 "
		"-drive file=out/images/blk1.img,format=raw,if=none,id=blk1,readonly=on "
		"-device virtio-blk-pci,disable-legacy=on,drive=blk1,serial=vcts-blk1,addr=0x5");
	free(cmd);
	teardown();
}

static void test_kvm_without_firmware(void)
{
	char *cmd;

	SETUP("--devices", "rng");
	cmd = command_for("kvm", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "-accel kvm -cpu host "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-bios"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-drive"));
	free(cmd);
	teardown();
}

static void test_device_properties_and_commas(void)
{
	char *cmd;

	SETUP("--device-property", "rng.max-bytes=1", "--device-property",
	      "rng.period=60000", "--device-property", "blk.opt=a,b");
	cmd = command_for("tcg", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		"virtio-rng-pci,disable-legacy=on,addr=0x3,max-bytes=1,period=60000 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "serial=vcts-blk0,addr=0x4,opt=a,,b "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "serial=vcts-blk1,addr=0x5,opt=a,,b"));
	free(cmd);
	teardown();
}

static void test_kernel_cmdline(void)
{
	char *line;

	SETUP("--seed", "42", "--filter", "devices.*", "--filter", "modern.init.*",
	      "--kernel-arg", "vcts.selftest=hang");
	line = qemu_kernel_cmdline(&matrix.configs[0], &opts, false);
	CU_ASSERT_STRING_EQUAL(line,
		"vcts.seed=42 vcts.mode=modern vcts.transport=pci-modern "
		"vcts.filter=devices.*,modern.init.* vcts.selftest=hang");
	free(line);
	line = qemu_kernel_cmdline(&matrix.configs[0], &opts, true);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, " vcts.list "));
	free(line);
	teardown();
}

static void test_missing_binary(void)
{
	char err[256] = "";
	char *binary;

	SETUP("--qemu", "/nonexistent/qemu");
	binary = qemu_find_binary(&opts, err, sizeof(err));
	CU_ASSERT_PTR_NULL(binary);
	CU_ASSERT_STRING_EQUAL(err, "--qemu /nonexistent/qemu: not found or not executable");
	teardown();
}

CU_TestInfo qemu_command_tests[] = {
	{ "full command", test_full_command },
	{ "KVM without firmware", test_kvm_without_firmware },
	{ "device properties and commas", test_device_properties_and_commas },
	{ "kernel command line", test_kernel_cmdline },
	{ "missing binary", test_missing_binary },
	CU_TEST_INFO_NULL,
};
