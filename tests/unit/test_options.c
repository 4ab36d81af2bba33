/*
 * Option parsing: defaults, every kind of usage error, repeatable options,
 * and the configuration matrix the options select.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "plan/config.h"
#include "cli/options.h"
#include "parse_words.h"
#include "hypervisors/qemu/qemu.h"

/* How many vhost-user device types this host can run (virtiofsd: as root only). */
static size_t vhost_user_types_available(void)
{
	char why[256];

	return qemu_vhost_user_available("vhost-user-blk", why, sizeof(why)) +
	       qemu_vhost_user_available("vhost-user-fs", why, sizeof(why));
}

static struct options opts;
static char err[512];

/* Parse a NULL-terminated list of words after "vcts". */
static int parse_words(const char *const *words)
{
	return reparse_words_into(&opts, words, err, sizeof(err));
}

#define PARSE(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })

static void test_run_defaults(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("run"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_RUN);
	CU_ASSERT_STRING_EQUAL(opts.hypervisor, "qemu");
	CU_ASSERT_EQUAL(opts.arches.count, 1);
	CU_ASSERT_STRING_EQUAL(opts.arches.items[0], "x86_64");
	/* No --machine: each arch runs on its default (q35). */
	CU_ASSERT_EQUAL(opts.machines.count, 0);
	CU_ASSERT_STRING_EQUAL(opts.transports.items[0], "pci-modern");
	/*
	 * run attaches every device type, in the table's order: the built-in
	 * ones, then the vhost-user ones this host can run.
	 */
	CU_ASSERT_EQUAL_FATAL(opts.devices.count, 6 + vhost_user_types_available());
	CU_ASSERT_STRING_EQUAL(opts.devices.items[0], "rng");
	CU_ASSERT_STRING_EQUAL(opts.devices.items[1], "blk");
	CU_ASSERT_STRING_EQUAL(opts.devices.items[2], "net");
	CU_ASSERT_STRING_EQUAL(opts.devices.items[3], "console");
	CU_ASSERT_STRING_EQUAL(opts.devices.items[4], "balloon");
	CU_ASSERT_STRING_EQUAL(opts.devices.items[5], "scsi");
	CU_ASSERT_EQUAL(opts.seed, 1);
	CU_ASSERT_EQUAL(opts.timeout_s, 120);
	CU_ASSERT_EQUAL(opts.accel, ACCEL_AUTO);
	CU_ASSERT_STRING_EQUAL(opts.output, "reports/latest");
	CU_ASSERT_EQUAL(opts.kernels.count, 0);
	CU_ASSERT_EQUAL(opts.qemus.count, 0);
}

static void test_list_has_no_default_devices(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("list"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_LIST);
	CU_ASSERT_EQUAL(opts.devices.count, 0);
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--devices", ""), 0);
	CU_ASSERT_EQUAL(opts.devices.count, 0);
}

static void test_every_option(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--hypervisor", "qemu", "--arch", "x86_64",
		"--machine", "pc,q35", "--transport", "all", "--devices", "blk,blk",
		"--seed", "0xffffffff", "--accel", "tcg", "--timeout", "5",
		"--output", "out", "--kernel", "k.elf", "--qemu", "/opt/q",
		"--kernel-arg", "vcts.selftest=hang", "--kernel-arg", "x=1",
		"--verbose", "--quiet"), 0);
	CU_ASSERT_EQUAL(opts.machines.count, 2);
	CU_ASSERT_EQUAL(opts.devices.count, 1);
	CU_ASSERT_EQUAL(opts.seed, 0xffffffffu);
	CU_ASSERT_EQUAL(opts.accel, ACCEL_TCG);
	CU_ASSERT_EQUAL(opts.timeout_s, 5);
	CU_ASSERT_STRING_EQUAL(opts.output, "out");
	CU_ASSERT_STRING_EQUAL(options_arch_value(&opts.kernels, "x86_64"), "k.elf");
	CU_ASSERT_STRING_EQUAL(options_arch_value(&opts.qemus, "x86_64"), "/opt/q");
	CU_ASSERT_EQUAL(opts.kernel_args.count, 2);
	CU_ASSERT_STRING_EQUAL(opts.kernel_args.items[0], "vcts.selftest=hang");
	CU_ASSERT_TRUE(opts.verbose);
	CU_ASSERT_TRUE(opts.quiet);
}

static void test_unknown_option(void)
{
	CU_ASSERT_EQUAL(PARSE("run", "--bogus"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown option '--bogus'"));
	CU_ASSERT_EQUAL(PARSE("--bogus"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown option '--bogus'"));
	CU_ASSERT_EQUAL(PARSE("walk"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown command 'walk'"));
	CU_ASSERT_EQUAL(parse_words((const char *const[]){ NULL }), -1);
	CU_ASSERT_EQUAL(PARSE("run", "stray"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unexpected argument 'stray'"));
	CU_ASSERT_EQUAL(PARSE("run", "--seed"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "needs a value"));
}

static void test_unknown_names(void)
{
	CU_ASSERT_EQUAL(PARSE("run", "--devices", "rng,floppy"), -1);
	CU_ASSERT_STRING_EQUAL(err,
		"unknown device 'floppy' (known: rng, blk, net, console, balloon, scsi, vhost-user-blk, vhost-user-fs)");
	CU_ASSERT_EQUAL(PARSE("run", "--devices", "net,console,balloon,scsi"), 0);
	CU_ASSERT_EQUAL(opts.devices.count, 4);
	CU_ASSERT_EQUAL(PARSE("run", "--hypervisor", "xen"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unknown hypervisor 'xen' (known: qemu, command, bhyve, vmm, "
			       "virtualbox, firecracker, cloud-hypervisor, kvmtool, crosvm)");
	CU_ASSERT_EQUAL(PARSE("run", "--arch", "mips64"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unknown arch 'mips64' (known: x86_64, aarch64, riscv64, s390x, all)");
	CU_ASSERT_EQUAL(PARSE("run", "--machine", "microvm"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "the mmio transports choose microvm themselves"));
	CU_ASSERT_EQUAL(PARSE("run", "--transport", "mmio-v9"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unknown transport 'mmio-v9' (known: pci-modern, "
			       "pci-transitional, pci-legacy, mmio-v1, mmio-v2, ccw-modern, "
			       "ccw-legacy, all)");
	CU_ASSERT_EQUAL(PARSE("run", "--transport", "pci-modern,mmio"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown transport 'mmio'"));
	CU_ASSERT_EQUAL(PARSE("list", "--transport", "pci"), -1);
}

static void test_bad_values(void)
{
	CU_ASSERT_EQUAL(PARSE("run", "--seed", "4294967296"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--seed", "-1"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--seed", "12x"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--timeout", "0"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--timeout", "ten"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--accel", "hvf"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--output", ""), -1);
}

static void test_device_properties(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--device-property", "rng.max-bytes=1",
				    "--device-property", "rng.period=60000"), 0);
	CU_ASSERT_EQUAL(opts.device_properties.count, 2);
	CU_ASSERT_STRING_EQUAL(opts.device_properties.items[1], "rng.period=60000");
	CU_ASSERT_EQUAL(PARSE("run", "--device-property", "rng.max-bytes"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--device-property", "max-bytes=1"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--device-property", "rng.=1"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--device-property", "floppy.size=1"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown device type 'floppy'"));
	CU_ASSERT_EQUAL(PARSE("run", "--devices", "blk", "--device-property", "rng.max-bytes=1"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not in --devices"));
	/* The new types take properties by their --devices name. */
	CU_ASSERT_EQUAL(PARSE("run", "--device-property", "net.host_mtu=9000",
			      "--device-property", "console.max_ports=4",
			      "--device-property", "balloon.deflate-on-oom=on",
			      "--device-property", "scsi.num_queues=2"), 0);
	CU_ASSERT_EQUAL(opts.device_properties.count, 4);
	CU_ASSERT_EQUAL(PARSE("run", "--devices", "rng,blk", "--device-property", "net.mq=off"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "device type 'net' is not in --devices"));
}

static void test_filters(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--filter", "devices.*,modern.init.*",
				    "--filter", "legacy.*"), 0);
	CU_ASSERT_EQUAL(opts.filters.count, 3);
	CU_ASSERT_STRING_EQUAL(opts.filters.items[2], "legacy.*");
	CU_ASSERT_EQUAL(PARSE("run", "--filter", "a b"), -1);
}

static void test_help_and_version(void)
{
	CU_ASSERT_EQUAL(PARSE("--help"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_HELP);
	CU_ASSERT_EQUAL(PARSE("help"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_HELP);
	CU_ASSERT_EQUAL(PARSE("--version"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_VERSION);
	CU_ASSERT_EQUAL(PARSE("run", "--help"), 0);
	CU_ASSERT_TRUE(opts.help);
}

static void test_matrix(void)
{
	struct config_matrix matrix;

	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--machine", "q35,pc", "--devices", "rng,blk,net,console,balloon,scsi"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_EQUAL_FATAL(matrix.count, 2);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].name, "qemu-x86_64-q35-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[1].name, "qemu-x86_64-pc-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].label, "q35-pci-modern-modern");
	CU_ASSERT_EQUAL_FATAL(matrix.configs[0].device_count, 7);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[0]->name, "rng0");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[2]->name, "blk1");
	CU_ASSERT_TRUE(matrix.configs[0].devices[2]->read_only);
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[0], "00:04.0"),
			    matrix.configs[0].devices[1]);
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[0], "0000:00:05.0"),
			    matrix.configs[0].devices[2]);
	/* net 0x8, console 0x6, balloon 0x7, scsi 0x9 (with its image). */
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[3]->name, "net0");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[4]->name, "console0");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[5]->name, "balloon0");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[6]->name, "scsi0");
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[0], "00:08.0"),
			    matrix.configs[0].devices[3]);
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[0], "00:06.0"),
			    matrix.configs[0].devices[4]);
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[0], "00:07.0"),
			    matrix.configs[0].devices[5]);
	CU_ASSERT_PTR_EQUAL(config_device_at(&matrix.configs[0], "00:09.0"),
			    matrix.configs[0].devices[6]);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].devices[6]->image_name, "scsi0.img");
	CU_ASSERT_EQUAL(matrix.configs[0].devices[6]->image_size, 8u * 1024 * 1024);
	CU_ASSERT_FALSE(matrix.configs[0].devices[6]->read_only);
	CU_ASSERT_PTR_NULL(config_device_at(&matrix.configs[0], "00:0a.0"));
	config_matrix_free(&matrix);
	options_free(&opts);
}

/* The names --transport all gives, in this order, on the default machine. */
static const char *const all_names[] = {
	"qemu-x86_64-q35-pci-modern-modern",
	"qemu-x86_64-q35-pci-transitional-modern",
	"qemu-x86_64-q35-pci-transitional-legacy",
	"qemu-x86_64-q35-pci-legacy-legacy",
	"qemu-x86_64-microvm-mmio-v1-legacy",
	"qemu-x86_64-microvm-mmio-v2-modern",
};

static void test_transport_all(void)
{
	struct config_matrix matrix;

	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--transport", "all", "--kernel", "k.elf", "--devices", "rng,blk,net,console,balloon,scsi"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_EQUAL_FATAL(matrix.count, ARRAY_SIZE(all_names));
	for (size_t i = 0; i < ARRAY_SIZE(all_names); i++)
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].name, all_names[i]);
	CU_ASSERT_STRING_EQUAL(matrix.configs[2].transport, "pci-transitional");
	CU_ASSERT_STRING_EQUAL(matrix.configs[2].mode, "legacy");
	CU_ASSERT_STRING_EQUAL(matrix.configs[2].label, "pci-transitional-legacy");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].machine, "microvm");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].label, "mmio-v1-legacy");
	CU_ASSERT_EQUAL(matrix.configs[3].bus, BUS_PCI);
	CU_ASSERT_EQUAL(matrix.configs[5].bus, BUS_MMIO);
	/* The PCI transports boot multiboot, the mmio ones PVH. */
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].kernel, "k.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[3].kernel, "k.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].kernel, "k-pvh.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[5].kernel, "k-pvh.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[2].boot_image->name, "multiboot");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].boot_image->name, "pvh");
	config_matrix_free(&matrix);

	/* The user's order and repeats do not change the matrix. */
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--transport", "mmio-v2,mmio-v1,pci-legacy",
				    "--transport", "pci-modern,pci-transitional,mmio-v2",
				    "--devices", "rng,blk,net,console,balloon,scsi"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_EQUAL_FATAL(matrix.count, ARRAY_SIZE(all_names));
	for (size_t i = 0; i < ARRAY_SIZE(all_names); i++)
		CU_ASSERT_STRING_EQUAL(matrix.configs[i].name, all_names[i]);
	config_matrix_free(&matrix);
	options_free(&opts);
}

/* --machine lists the PCI machines; the mmio transports run once, on microvm. */
static void test_machines_and_mmio(void)
{
	struct config_matrix matrix;

	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--machine", "q35,pc", "--transport", "all", "--devices", "rng,blk,net,console,balloon,scsi"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_EQUAL_FATAL(matrix.count, 10);
	CU_ASSERT_STRING_EQUAL(matrix.configs[3].name, "qemu-x86_64-q35-pci-legacy-legacy");
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].name, "qemu-x86_64-pc-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[8].name, "qemu-x86_64-microvm-mmio-v1-legacy");
	/* The machine is in a label only where transport and mode are not enough. */
	CU_ASSERT_STRING_EQUAL(matrix.configs[4].label, "pc-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[9].label, "mmio-v2-modern");
	config_matrix_free(&matrix);

	CU_ASSERT_EQUAL(PARSE("run", "--machine", "pc", "--transport", "mmio-v1"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--machine pc does not apply to mmio-v1: the mmio "
			       "transports always run on microvm (--machine is for the PCI transports)");
	CU_ASSERT_EQUAL(PARSE("run", "--machine", "q35", "--transport", "mmio-v1,mmio-v2"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--machine", "pc", "--transport", "mmio-v1,pci-legacy"), 0);
	CU_ASSERT_EQUAL(PARSE("run", "--transport", "mmio-v1"), 0);
	options_free(&opts);
}

static void check_pvh(const char *expected)
{
	char *path = options_kernel_pvh(&opts);

	CU_ASSERT_STRING_EQUAL(path, expected);
	free(path);
}

static void test_pvh_kernel_path(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("run"), 0);
	check_pvh(DEFAULT_KERNEL_PVH);
	CU_ASSERT_PTR_NULL(opts.kernel_pvh);
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--kernel", "/x/my-kernel"), 0);
	check_pvh("/x/my-kernel-pvh");
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--kernel-pvh", "p.elf", "--kernel", "k.elf"), 0);
	check_pvh("p.elf");
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--arch", "all", "--kernel", "x86_64=/k/x.elf"), 0);
	check_pvh("/k/x-pvh.elf");
	options_free(&opts);
}

CU_TestInfo options_tests[] = {
	{ "run defaults", test_run_defaults },
	{ "list has no default devices", test_list_has_no_default_devices },
	{ "every option", test_every_option },
	{ "unknown option or command", test_unknown_option },
	{ "unknown names", test_unknown_names },
	{ "bad values", test_bad_values },
	{ "device properties", test_device_properties },
	{ "filters", test_filters },
	{ "help and version", test_help_and_version },
	{ "configuration matrix", test_matrix },
	{ "--transport all", test_transport_all },
	{ "--machine and the mmio transports", test_machines_and_mmio },
	{ "PVH kernel path", test_pvh_kernel_path },
	CU_TEST_INFO_NULL,
};
