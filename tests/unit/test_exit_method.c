/*
 * --exit (plan/exit_method.c, docs/exits.md): which methods each arch
 * accepts, the method each configuration resolves to, the vcts.exit word
 * the kernel gets, and what QEMU adds for it (isa-debug-exit and
 * -semihosting only for the methods that carry the exit status).
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "plan/config.h"
#include "plan/exit_method.h"
#include "hypervisors/qemu/qemu.h"
#include "vm/kernel_cmdline.h"
#include "text.h"
#include "parse_words.h"

static struct options opts;
static struct config_matrix matrix;
static char err[512];

#define PARSE(...) reparse_words_into(&opts, (const char *const[]){ "run", __VA_ARGS__, NULL }, \
				      err, sizeof(err))

static void reset(void)
{
	config_matrix_free(&matrix);
	memset(&matrix, 0, sizeof(matrix));
	options_free(&opts);
	options_init(&opts);
}

/* Parses, builds the matrix; the QEMU command of configuration @index. */
static char *command_of(size_t index)
{
	const struct vcts_config *config = &matrix.configs[index];
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, config->arch),
		.binary = "qemu",
		.firmware = "qboot.rom",
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

static void test_methods_per_arch(void)
{
	char *names = exit_method_names("x86_64");

	CU_ASSERT_STRING_EQUAL(names, "auto, debug-exit, acpi, reset, halt");
	free(names);
	names = exit_method_names("aarch64");
	CU_ASSERT_STRING_EQUAL(names, "auto, psci, semihosting, halt");
	free(names);
	CU_ASSERT_TRUE(exit_method_carries_status("debug-exit"));
	CU_ASSERT_TRUE(exit_method_carries_status("semihosting"));
	CU_ASSERT_FALSE(exit_method_carries_status("acpi"));
	CU_ASSERT_FALSE(exit_method_carries_status("auto"));
	CU_ASSERT_FALSE(exit_method_carries_status(NULL));
}

static void test_refused(void)
{
	reset();
	CU_ASSERT_EQUAL(PARSE("--exit", "poweroff"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--exit poweroff: unknown exit method (x86_64: auto, debug-exit, acpi, reset, halt)");
	CU_ASSERT_EQUAL(PARSE("--exit", "psci"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--exit psci: x86_64 has no exit method psci (x86_64: auto, debug-exit, acpi, reset, halt)");
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--exit", "acpi"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--exit acpi: aarch64 has no exit method acpi (x86_64: auto, debug-exit, acpi, reset, halt; aarch64: auto, psci, semihosting, halt; "
			       "riscv64: auto, sifive-test, sbi, halt; s390x: auto, disabled-wait, halt)");
	CU_ASSERT_EQUAL(PARSE("--exit", "aarch64=psci"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--exit aarch64=psci: aarch64 is not in --arch");
	CU_ASSERT_EQUAL(PARSE("--arch", "all", "--exit", "aarch64=reset"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--exit aarch64=reset: aarch64 has no exit method reset"));
	/* The ISO hears only its boot menu. */
	CU_ASSERT_EQUAL(PARSE("--boot-image", "iso-cdrom", "--exit", "acpi"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--exit acpi: the iso-cdrom image takes no command line from vcts (its own boot menu ends the VM by auto)");
	CU_ASSERT_EQUAL(PARSE("--boot-image", "iso-cdrom", "--exit", "auto"), 0);
	reset();
}

/* Each configuration's method: --exit for its arch, else QEMU's default. */
static void test_resolved_per_configuration(void)
{
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all", "--devices", "rng"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].arch, "x86_64");
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].exit_method, "debug-exit");
	CU_ASSERT_STRING_EQUAL(matrix.configs[1].exit_method, "semihosting");
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all", "--devices", "rng", "--exit", "halt",
				    "--exit", "x86_64=acpi"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].exit_method, "acpi");
	CU_ASSERT_STRING_EQUAL(matrix.configs[1].exit_method, "halt");
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--boot-image", "iso-disk", "--firmware", "seabios"), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_STRING_EQUAL(matrix.configs[0].exit_method, "auto");
	reset();
}

/*
 * vcts.exit is the last word, after --kernel-arg; QEMU gets the device of
 * the method that carries a status, and nothing for the others.
 */
static void test_command_lines(void)
{
	char *cmd;

	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--devices", "rng", "--exit", "acpi", "--kernel-arg",
				    "vcts.exit=halt", "--machine", "pc,acpi=on"), 0);
	config_matrix_build(&matrix, &opts);
	cmd = command_of(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "-machine pc,acpi=on "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "vcts.transport=pci-modern vcts.exit=halt vcts.exit=acpi' "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "isa-debug-exit"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -no-reboot "));
	free(cmd);
	reset();
	CU_ASSERT_EQUAL_FATAL(PARSE("--arch", "all", "--devices", "rng", "--exit",
				    "aarch64=psci"), 0);
	config_matrix_build(&matrix, &opts);
	cmd = command_of(0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " vcts.exit=debug-exit' "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device isa-debug-exit,iobase=0xf4,iosize=0x04 "));
	free(cmd);
	cmd = command_of(1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " vcts.exit=psci' "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-semihosting"));
	free(cmd);
	reset();
}

CU_TestInfo exit_method_tests[] = {
	{ "methods per arch", test_methods_per_arch },
	{ "refused --exit values", test_refused },
	{ "the method of each configuration", test_resolved_per_configuration },
	{ "kernel and QEMU command lines", test_command_lines },
	CU_TEST_INFO_NULL,
};
