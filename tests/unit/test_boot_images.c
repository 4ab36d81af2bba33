/*
 * --boot-image and --firmware: which combinations the options accept, the
 * names they give configurations, and how QEMU is told to boot each image
 * (harness/hypervisors/qemu/boot.c, docs/boot-images.md).
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "plan/config.h"
#include "hypervisors/qemu/qemu.h"
#include "vm/kernel_cmdline.h"
#include "text.h"
#include "parse_words.h"

static struct options opts;
static struct config_matrix matrix;
static char err[256];

#define PARSE(...) parse_words_into(&opts, (const char *const[]){ "run", __VA_ARGS__, NULL }, \
				    err, sizeof(err))

static void reset(void)
{
	config_matrix_free(&matrix);
	options_free(&opts);
	options_init(&opts);
	memset(&matrix, 0, sizeof(matrix));
}

/* The QEMU command of the first configuration, as one shell line. */
static char *first_command(void)
{
	const struct vcts_config *config = &matrix.configs[0];
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, config->arch),
		.binary = "/usr/bin/qemu-system-x86_64",
		.firmware = "/usr/share/qemu/qboot.rom",
		.accel = { .name = "tcg" },
	};
	char *cmdline = kernel_cmdline(config, false, NULL, NULL);
	struct vm_launch launch = { &host, config, "out/images", false, cmdline, NULL };
	char **argv = qemu_command(&launch);
	char *joined = shell_join(argv);

	argv_free(argv);
	free(cmdline);
	return joined;
}

static void test_refused_combinations(void)
{
	reset();
	CU_ASSERT_EQUAL(PARSE("--boot-image", "floppy"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown boot image 'floppy' (known: multiboot, pvh, linux,"));
	reset();
	CU_ASSERT_EQUAL(PARSE("--firmware", "coreboot"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unknown firmware 'coreboot' (known: default, qboot, seabios, ovmf)");
	reset();
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--boot-image", "linux"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--boot-image linux is an x86_64 image: run it with --arch x86_64");
	reset();
	CU_ASSERT_EQUAL(PARSE("--boot-image", "iso-cdrom", "--firmware", "qboot"), -1);
	CU_ASSERT_STRING_EQUAL(err, "machine 'q35' cannot boot 'iso-cdrom' with firmware 'qboot': qboot boots only what QEMU loads with -kernel (use seabios or ovmf)");
	reset();
	CU_ASSERT_EQUAL(PARSE("--firmware", "ovmf"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "OVMF runs -kernel images only with an EFI stub"));
	reset();
	CU_ASSERT_EQUAL(PARSE("--boot-image", "multiboot", "--transport", "mmio-v2"), -1);
	CU_ASSERT_STRING_EQUAL(err, "machine 'microvm' cannot boot 'multiboot' with firmware 'default': microvm loads PVH and Linux images only");
	reset();
	CU_ASSERT_EQUAL(PARSE("--arch", "aarch64", "--firmware", "seabios"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "virt boots without firmware here"));
	/* Only the machines that run something are asked. */
	reset();
	CU_ASSERT_EQUAL(PARSE("--boot-image", "linux", "--transport", "mmio-v2"), 0);
	reset();
}

static void test_names_and_paths(void)
{
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--boot-image", "iso-cdrom", "--firmware", "ovmf",
				    "--transport", "pci-modern,mmio-v2", "--machine", "pc"), -1);
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--boot-image", "linux", "--transport", "pci-modern,mmio-v2",
				    "--devices", "rng"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_EQUAL_FATAL(matrix.count, 2);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].name, "qemu-x86_64-q35-pci-modern-modern-linux");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].kernel, "build/x86_64/vcts-bzImage");
	CU_ASSERT_STRING_EQUAL(matrix.configs[1].boot_image->name, "linux");
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--boot-image", "iso-disk", "--firmware", "seabios"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].name,
			       "qemu-x86_64-q35-pci-modern-modern-iso-disk-seabios");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].kernel, "build/x86_64/vcts.iso");
	/* --kernel names the file of the image --boot-image chose. */
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--boot-image", "linux", "--kernel", "my/bzImage"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].kernel, "my/bzImage");
	/* Without the options, the names and images of before. */
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--transport", "pci-modern,mmio-v2", "--devices", "rng",
				    "--kernel", "my/k.elf"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].name, "qemu-x86_64-q35-pci-modern-modern");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].kernel, "my/k.elf");
	CU_ASSERT_STRING_EQUAL(matrix.configs[1].kernel, "my/k-pvh.elf");
	reset();
}

static void assert_command_has(const char *const *words, const char *part, const char *absent)
{
	char *command;

	reset();
	CU_ASSERT_EQUAL_FATAL(parse_words_into(&opts, words, err, sizeof(err)), 0);
	config_matrix_build(&matrix, &opts);
	command = first_command();
	if (!strstr(command, part) || (absent && strstr(command, absent)))
		fprintf(stderr, "\n%s\n", command);
	CU_ASSERT_PTR_NOT_NULL(strstr(command, part));
	if (absent)
		CU_ASSERT_PTR_NULL(strstr(command, absent));
	free(command);
}

#define COMMAND_HAS(part, absent, ...) \
	assert_command_has((const char *const[]){ "run", __VA_ARGS__, NULL }, part, absent)

static void test_qemu_boot_options(void)
{
	COMMAND_HAS("-bios /usr/share/qemu/qboot.rom -kernel build/x86_64/vcts-kernel.elf -append ",
		    "-drive file=build", "--devices", "rng");
	COMMAND_HAS("-vga none -kernel build/x86_64/vcts-kernel.elf", "-bios", "--devices", "rng",
		    "--firmware", "seabios");
	COMMAND_HAS("-kernel build/x86_64/vcts-bzImage -append 'vcts.seed=1", NULL, "--devices",
		    "rng", "--boot-image", "linux");
	COMMAND_HAS("-vga none -drive file=build/x86_64/vcts.iso,if=ide,media=cdrom,format=raw,"
		    "readonly=on -boot order=d -serial stdio", "-kernel", "--devices", "rng",
		    "--boot-image", "iso-cdrom");
	COMMAND_HAS("-bios /usr/share/ovmf/OVMF.fd -drive file=build/x86_64/vcts.iso,if=ide,"
		    "media=disk,format=raw,snapshot=on -boot order=c", "-append", "--devices", "rng",
		    "--boot-image", "iso-disk", "--firmware", "ovmf");
	COMMAND_HAS("-kernel build/aarch64/vcts-Image -append", NULL, "--arch", "aarch64",
		    "--devices", "rng", "--boot-image", "arm64-image");
	reset();
}

CU_TestInfo boot_image_tests[] = {
	{ "refused combinations", test_refused_combinations },
	{ "configuration names and image paths", test_names_and_paths },
	{ "QEMU's boot options", test_qemu_boot_options },
	CU_TEST_INFO_NULL,
};
