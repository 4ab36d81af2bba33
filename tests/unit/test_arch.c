/*
 * aarch64 and --arch: option parsing, the configuration matrix of several
 * arches, the QEMU command line of every transport on virt, device
 * locations on virt, and how the kernel's exit value comes back.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "plan/arch.h"
#include "plan/config.h"
#include "hypervisors/qemu/qemu.h"
#include "vm/kernel_cmdline.h"
#include "text.h"
#include "parse_words.h"

static struct options opts;
static struct config_matrix matrix;
static char err[512];

static int parse_words(const char *const *words)
{
	return reparse_words_into(&opts, words, err, sizeof(err));
}

#define PARSE(...) parse_words((const char *const[]){ "run", __VA_ARGS__, NULL })

/*
 * Parse and build the matrix of the built-in devices (the vhost-user set,
 * a configuration of its own, depends on the host: test_qemu_command.c);
 * teardown() frees both.
 */
#define SETUP(...) do {							\
		CU_ASSERT_EQUAL_FATAL(PARSE(__VA_ARGS__, "--devices",	\
					    "rng,blk,net,console,balloon,scsi"), 0); \
		config_matrix_build(&matrix, &opts);			\
	} while (0)

static void teardown(void)
{
	config_matrix_free(&matrix);
	options_free(&opts);
}

static void test_arch_option(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "aarch64"), 0);
	CU_ASSERT_EQUAL(opts.arches.count, 1);
	CU_ASSERT_STRING_EQUAL(opts.arches.items[0], "aarch64");
	/* all, and any list, in the table's order */
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all"), 0);
	CU_ASSERT_EQUAL_FATAL(opts.arches.count, 4);
	CU_ASSERT_STRING_EQUAL(opts.arches.items[0], "x86_64");
	CU_ASSERT_STRING_EQUAL(opts.arches.items[1], "aarch64");
	CU_ASSERT_STRING_EQUAL(opts.arches.items[2], "riscv64");
	CU_ASSERT_STRING_EQUAL(opts.arches.items[3], "s390x");
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "aarch64,x86_64", "--arch", "aarch64"), 0);
	CU_ASSERT_EQUAL(opts.arches.count, 2);
	CU_ASSERT_STRING_EQUAL(opts.arches.items[0], "x86_64");
	CU_ASSERT_EQUAL(PARSE("--arch", "arm64"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unknown arch 'arm64' (known: x86_64, aarch64, riscv64, s390x, all)");
	CU_ASSERT_EQUAL(parse_words((const char *const[]){ "list", "--arch", "aarch64", NULL }), 0);
	options_free(&opts);
}

/* --kernel and --qemu: PATH for one arch, ARCH=PATH to say which. */
static void test_per_arch_paths(void)
{
	char *kernel;

	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "aarch64", "--kernel", "a.elf", "--qemu", "/q/a"), 0);
	kernel = options_kernel(&opts, "aarch64");
	CU_ASSERT_STRING_EQUAL(kernel, "a.elf");
	free(kernel);
	CU_ASSERT_STRING_EQUAL(options_arch_value(&opts.qemus, "aarch64"), "/q/a");
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all", "--kernel", "aarch64=/k/a.elf"), 0);
	kernel = options_kernel(&opts, "aarch64");
	CU_ASSERT_STRING_EQUAL(kernel, "/k/a.elf");
	free(kernel);
	kernel = options_kernel(&opts, "x86_64");
	CU_ASSERT_STRING_EQUAL(kernel, "build/x86_64/vcts-kernel.elf");
	free(kernel);
	CU_ASSERT_PTR_NULL(options_arch_value(&opts.qemus, "x86_64"));
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--kernel", "k.elf"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--kernel k.elf: with several arches say which one it is for (--kernel x86_64=k.elf)");
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--qemu", "/q"), -1);
	CU_ASSERT_EQUAL(PARSE("--kernel", "aarch64=a.elf"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--kernel aarch64=a.elf: aarch64 is not in --arch");
	CU_ASSERT_EQUAL(PARSE("--arch", "aarch64", "--kernel-pvh", "p.elf"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--kernel-pvh applies to x86_64 only"));
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--kernel-pvh", "p.elf"), 0);
	CU_ASSERT_EQUAL(PARSE("--kernel", "aarch64="), -1);
	options_free(&opts);
}

static void test_machines(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all", "--machine", "q35,virt,gic-version=3"), 0);
	CU_ASSERT_EQUAL_FATAL(opts.machines.count, 2);
	CU_ASSERT_STRING_EQUAL(opts.machines.items[0], "q35");
	CU_ASSERT_STRING_EQUAL(opts.machines.items[1], "virt,gic-version=3");
	CU_ASSERT_EQUAL(PARSE("--arch", "aarch64", "--machine", "q35"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unknown machine 'q35' for aarch64 (known: virt, virt,gic-version=2|3|host|max)");
	CU_ASSERT_EQUAL(PARSE("--arch", "aarch64", "--machine", "virt,gic-version=5"), -1);
	CU_ASSERT_STRING_EQUAL(err, "machine 'virt,gic-version=5': unknown property 'gic-version=5' (known: virt,gic-version=2|3|host|max)");
	CU_ASSERT_EQUAL(PARSE("--arch", "aarch64", "--machine", "virt,highmem=off"), -1);
	CU_ASSERT_EQUAL(PARSE("--machine", "q35,gic-version=3"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown property 'gic-version=3' (known: q35,acpi=on|off)"));
	CU_ASSERT_EQUAL(PARSE("--arch", "x86_64", "--machine", "virt"), -1);
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--machine", "sun4m"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "for x86_64 or aarch64 or riscv64 or s390x (known: x86_64: q35, "
					  "q35,acpi=on|off, pc, pc,acpi=on|off; aarch64: virt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "; riscv64: virt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "; s390x: s390-ccw-virtio"));
	/* On virt the mmio transports take --machine too. */
	CU_ASSERT_EQUAL(PARSE("--arch", "aarch64", "--machine", "virt", "--transport", "mmio-v1"), 0);
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--machine", "pc", "--transport", "mmio-v1"), -1);
	options_free(&opts);
}

static const char *const aarch64_names[] = {
	"qemu-aarch64-virt-pci-modern-modern",
	"qemu-aarch64-virt-pci-transitional-modern",
	"qemu-aarch64-virt-pci-transitional-legacy",
	"qemu-aarch64-virt-pci-legacy-legacy",
	"qemu-aarch64-virt-mmio-v1-legacy",
	"qemu-aarch64-virt-mmio-v2-modern",
};

/* Every transport on virt, one kernel image for all of them. */
static void test_aarch64_matrix(void)
{
	SETUP("--arch", "aarch64", "--transport", "all");
	CU_ASSERT_EQUAL_FATAL(matrix.count, ARRAY_SIZE(aarch64_names));
	for (size_t i = 0; i < matrix.count; i++) {
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].name, aarch64_names[i]);
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].arch, "aarch64");
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].machine, "virt");
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].kernel, "build/aarch64/vcts-kernel.elf");
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].boot_image->name, "arm64-elf");
	}
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].label, "mmio-v1-legacy");
	CU_ASSERT_EQUAL(matrix.configs[4].bus, BUS_MMIO);
	teardown();

	/* GICv2 and GICv3: every transport on each. */
	SETUP("--arch", "aarch64", "--transport", "all", "--machine", "virt,virt,gic-version=3");
	CU_ASSERT_EQUAL_FATAL(matrix.count, 12);
	CU_ASSERT_STRING_EQUAL(matrix.configs[6].name,
			       "qemu-aarch64-virt-gic-version-3-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[6].machine, "virt,gic-version=3");
	CU_ASSERT_STRING_EQUAL(matrix.configs[11].label, "virt-gic-version-3-mmio-v2-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[5].label, "virt-mmio-v2-modern");
	teardown();
}

/*
 * --arch all: x86_64's six, aarch64's six, riscv64's six, then s390x's two
 * (ccw-modern, ccw-legacy: its only transports); labels say the arch.
 */
static void test_all_arches_matrix(void)
{
	SETUP("--arch", "all", "--transport", "all");
	CU_ASSERT_EQUAL_FATAL(matrix.count, 20);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].name, "qemu-x86_64-q35-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].label, "x86_64-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].kernel, "build/x86_64/vcts-kernel-pvh.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].machine, "microvm");
	for (size_t i = 6; i < 12; i++)
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].name, aarch64_names[i - 6]);
	CU_ASSERT_STRING_EQUAL(matrix.configs[11].label, "aarch64-mmio-v2-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[12].name, "qemu-riscv64-virt-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[12].kernel, "build/riscv64/vcts-kernel.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[16].name, "qemu-riscv64-virt-mmio-v1-legacy");
	CU_ASSERT_STRING_EQUAL(matrix.configs[17].label, "riscv64-mmio-v2-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[17].exit_method, "sifive-test");
	CU_ASSERT_STRING_EQUAL(matrix.configs[18].name,
			       "qemu-s390x-s390-ccw-virtio-ccw-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[19].label, "s390x-ccw-legacy-legacy");
	CU_ASSERT_STRING_EQUAL(matrix.configs[19].kernel, "build/s390x/vcts-kernel.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[19].exit_method, "disabled-wait");
	teardown();

	/*
	 * --machine names machines of any arch; each arch takes its own, and
	 * without --transport its default transport (s390x: ccw-modern).
	 */
	SETUP("--arch", "all", "--machine", "pc");
	CU_ASSERT_EQUAL_FATAL(matrix.count, 4);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].name, "qemu-x86_64-pc-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[1].name, "qemu-aarch64-virt-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[2].name, "qemu-riscv64-virt-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[3].name,
			       "qemu-s390x-s390-ccw-virtio-ccw-modern-modern");
	teardown();
}

static char *command_of(size_t index, const char *accel, bool list_mode)
{
	const struct vcts_config *config = &matrix.configs[index];
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, config->arch),
		.binary = "/usr/bin/qemu-system-aarch64",
		.accel = { .name = accel },
	};
	char *cmdline = kernel_cmdline(config, list_mode, NULL, NULL);
	struct vm_launch launch = { &host, config, "out/images", list_mode, cmdline, NULL };
	char **argv = qemu_command(&launch);
	char *joined = shell_join(argv);

	argv_free(argv);
	free(cmdline);
	return joined;
}

static size_t config_index(const char *transport, const char *mode)
{
	for (size_t i = 0; i < matrix.count; i++)
		if (!strcmp(matrix.configs[i].transport, transport) &&
		    !strcmp(matrix.configs[i].mode, mode))
			return i;
	CU_FAIL_FATAL("no such configuration");
	return 0;
}

static const char pci_modern_command[] =
	"/usr/bin/qemu-system-aarch64 -machine virt -accel tcg -cpu cortex-a57 -m 128M -smp 1 "
	"-nodefaults -no-user-config -display none -kernel build/aarch64/vcts-kernel.elf "
	"-append 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern vcts.exit=semihosting' "
	"-serial stdio -monitor none -semihosting -no-reboot "
	"-device virtio-rng-pci,disable-legacy=on,packed=on,addr=0x3 "
	"-drive file=out/images/blk0.img,format=raw,if=none,id=blk0,cache=unsafe "
	"-device virtio-blk-pci,disable-legacy=on,packed=on,drive=blk0,serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on,addr=0x4 "
	"-drive file=out/images/blk1.img,format=raw,if=none,id=blk1,readonly=on "
	"-device virtio-blk-pci,disable-legacy=on,packed=on,drive=blk1,serial=vcts-blk1,discard=on,write-zeroes=on,addr=0x5 "
	"-qmp unix:reports/latest/qmp-qemu-aarch64-virt-pci-modern-modern.sock,server=on,wait=off";

static const char mmio_v1_command[] =
	"/usr/bin/qemu-system-aarch64 -machine virt -accel tcg -cpu cortex-a57 -m 128M -smp 1 "
	"-nodefaults -no-user-config -display none -kernel build/aarch64/vcts-kernel.elf "
	"-append 'vcts.seed=1 vcts.mode=legacy vcts.transport=mmio-v1 vcts.exit=semihosting' "
	"-serial stdio -monitor none -semihosting -no-reboot "
	"-global virtio-mmio.force-legacy=true -device virtio-rng-device "
	"-drive file=out/images/blk0.img,format=raw,if=none,id=blk0,cache=unsafe "
	"-device virtio-blk-device,drive=blk0,serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on "
	"-drive file=out/images/blk1.img,format=raw,if=none,id=blk1,readonly=on "
	"-device virtio-blk-device,drive=blk1,serial=vcts-blk1,discard=on,write-zeroes=on "
	"-qmp unix:reports/latest/qmp-qemu-aarch64-virt-mmio-v1-legacy.sock,server=on,wait=off";

static void test_aarch64_commands(void)
{
	char *cmd;

	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "aarch64", "--transport", "all", "--devices", "rng,blk"), 0);
	config_matrix_build(&matrix, &opts);
	cmd = command_of(config_index("pci-modern", "modern"), "tcg", false);
	CU_ASSERT_STRING_EQUAL(cmd, pci_modern_command);
	free(cmd);
	cmd = command_of(config_index("pci-transitional", "legacy"), "tcg", false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "vcts.mode=legacy vcts.transport=pci-transitional vcts.exit=semihosting'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-rng-pci,disable-legacy=off,disable-modern=off,packed=on,addr=0x3 "));
	free(cmd);
	cmd = command_of(config_index("pci-legacy", "legacy"), "tcg", false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-blk-pci,disable-legacy=off,disable-modern=on,drive=blk0,serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on,addr=0x4 "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "packed=on"));
	free(cmd);
	cmd = command_of(config_index("mmio-v1", "legacy"), "tcg", false);
	CU_ASSERT_STRING_EQUAL(cmd, mmio_v1_command);
	free(cmd);
	cmd = command_of(config_index("mmio-v2", "modern"), "tcg", true);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "-machine virt -accel tcg -cpu cortex-a57 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -global virtio-mmio.force-legacy=false -device virtio-rng-device,packed=on "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "vcts.transport=mmio-v2 vcts.list vcts.exit=semihosting'"));
	free(cmd);
	/* Nothing of x86's: no firmware, no VGA, no isa-debug-exit. */
	for (size_t i = 0; i < matrix.count; i++) {
		cmd = command_of(i, "tcg", false);
		CU_ASSERT_PTR_NULL(strstr(cmd, "-bios"));
		CU_ASSERT_PTR_NULL(strstr(cmd, "-vga"));
		CU_ASSERT_PTR_NULL(strstr(cmd, "isa-debug-exit"));
		CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -semihosting "));
		free(cmd);
	}
	teardown();
}

/* Under KVM: the host's CPU and GIC, unless --machine names a GIC. */
static void test_aarch64_kvm(void)
{
	char *cmd;

	SETUP("--arch", "aarch64", "--machine", "virt,virt,gic-version=3");
	cmd = command_of(0, "kvm", false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine virt,gic-version=host -accel kvm -cpu host "));
	free(cmd);
	cmd = command_of(1, "kvm", false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine virt,gic-version=3 -accel kvm -cpu host "));
	free(cmd);
	cmd = command_of(1, "tcg", false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine virt,gic-version=3 -accel tcg -cpu cortex-a57 "));
	free(cmd);
	teardown();
}

static void check_location(size_t config, size_t device, const char *expected)
{
	char buf[64];

	config_device_location(&matrix.configs[config], device, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, expected);
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[config], expected),
			    matrix.configs[config].devices[device]);
}

/* virt: the n-th virtio -device at 0x0a000000 + (31 - n) * 0x200; PCI as on x86. */
static void test_locations_on_virt(void)
{
	SETUP("--arch", "all", "--transport", "pci-modern,mmio-v2");
	CU_ASSERT_EQUAL_FATAL(matrix.count, 6);
	CU_ASSERT_STRING_EQUAL(matrix.configs[3].name, "qemu-aarch64-virt-mmio-v2-modern");
	check_location(3, 0, "mmio@0xa003e00");
	check_location(3, 1, "mmio@0xa003c00");
	check_location(3, 2, "mmio@0xa003a00");
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[3], "mmio@0x0A003C00"),
			    matrix.configs[3].devices[1]);
	/* All six types: net0, console0, balloon0 and scsi0 below blk1. */
	CU_ASSERT_EQUAL_FATAL(matrix.configs[3].device_count, 7);
	check_location(3, 3, "mmio@0xa003800");
	check_location(3, 6, "mmio@0xa003200");
	CU_ASSERT_STRING_EQUAL(matrix.configs[3].devices[6]->name, "scsi0");
	CU_ASSERT_PTR_NULL(config_device_at(&matrix.configs[3], "mmio@0xa003000"));
	/* microvm's 8 slots hold the 7 devices: scsi0 in slot 1, slot 0 free. */
	check_location(1, 6, "mmio@0xfeb00200");
	CU_ASSERT_PTR_NULL(config_device_at(&matrix.configs[1], "mmio@0xfeb00000"));
	/* microvm's addresses mean nothing on virt, and the other way round. */
	CU_ASSERT_PTR_NULL(config_device_at(&matrix.configs[3], "mmio@0xfeb00e00"));
	check_location(1, 0, "mmio@0xfeb00e00");
	CU_ASSERT_PTR_NULL(config_device_at(&matrix.configs[1], "mmio@0xa003e00"));
	check_location(2, 1, "00:04.0");
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[2], "0000:00:05.0"),
			    matrix.configs[2].devices[2]);
	/* riscv64 virt: 8 slots at 0x10001000 + i * 0x1000, the first device in the last. */
	CU_ASSERT_STRING_EQUAL(matrix.configs[5].name, "qemu-riscv64-virt-mmio-v2-modern");
	check_location(5, 0, "mmio@0x10008000");
	check_location(5, 1, "mmio@0x10007000");
	check_location(5, 6, "mmio@0x10002000");
	CU_ASSERT_PTR_NULL(config_device_at(&matrix.configs[5], "mmio@0x10001000"));
	check_location(4, 1, "00:04.0");
	teardown();
}

/* The exit status of @arch's QEMU when the kernel exits with @value. */
static int exit_status(const char *arch, int value)
{
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, arch),
	};

	return qemu_hypervisor.exit_status(&host, value);
}

/* The kernel's 0 pass, 1 failure, 2 crash as QEMU's exit status. */
static void test_exit_status(void)
{
	CU_ASSERT_EQUAL(exit_status("x86_64", 0), 1);
	CU_ASSERT_EQUAL(exit_status("x86_64", 1), 3);
	CU_ASSERT_EQUAL(exit_status("x86_64", 2), 5);
	CU_ASSERT_EQUAL(exit_status("aarch64", 0), 0);
	CU_ASSERT_EQUAL(exit_status("aarch64", 1), 1);
	CU_ASSERT_EQUAL(exit_status("aarch64", 2), 2);
}

static void test_missing_binary(void)
{
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, "aarch64"),
	};
	const char *binary, *source;

	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all", "--qemu", "aarch64=/nonexistent/q"), 0);
	binary = options_hypervisor_binary(&opts, "aarch64", &source);
	CU_ASSERT_STRING_EQUAL(binary, "/nonexistent/q");
	CU_ASSERT_STRING_EQUAL(source, "--qemu ");
	CU_ASSERT_EQUAL(qemu_hypervisor.prepare(&host, binary, source), -1);
	CU_ASSERT_PTR_NULL(host.binary);
	qemu_hypervisor.release(&host);
	options_free(&opts);
}

CU_TestInfo arch_tests[] = {
	{ "--arch", test_arch_option },
	{ "--kernel and --qemu per arch", test_per_arch_paths },
	{ "--machine on aarch64, gic-version", test_machines },
	{ "aarch64 matrix", test_aarch64_matrix },
	{ "--arch all matrix", test_all_arches_matrix },
	{ "aarch64 QEMU command lines", test_aarch64_commands },
	{ "aarch64 under KVM", test_aarch64_kvm },
	{ "device locations on virt", test_locations_on_virt },
	{ "exit status", test_exit_status },
	{ "missing aarch64 QEMU", test_missing_binary },
	CU_TEST_INFO_NULL,
};
