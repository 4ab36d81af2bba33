/*
 * Integration tests of the x86 PCI INTx routing (docs/arch-x86_64.md): on
 * QEMU's pc (i440FX + PIIX3) the PCI interrupts reach the I/O APIC on the
 * ISA IRQs of the PIIX's PIRQ route registers, not on q35's inputs 16-23.
 * The INTx tests of both interfaces must pass there under qboot and
 * SeaBIOS, with ACPI (the MADT says level, active high) and without it,
 * and the kernel must say which route it took.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

#define INTX_TESTS "--devices rng --filter '*.pci.intx*'"

/* Results of configuration @name with @verdict. */
static int count_named(const struct run *run, const char *name, const char *verdict)
{
	json_object *results;
	int count = 0;

	if (!run->results || !json_object_object_get_ex(run->results, "results", &results))
		return 0;
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *result = json_object_array_get_idx(results, i);

		if (!strcmp(config_field(result, "name"), name) &&
		    !strcmp(string_field(result, "verdict"), verdict))
			count++;
	}
	return count;
}

static bool log_says(const struct run *run, const char *config, const char *text)
{
	char path[1024];
	char *log;
	bool found;

	snprintf(path, sizeof(path), "%s/logs/%s.log", run->output, config);
	log = read_file(path);
	found = log && strstr(log, text);
	if (!found)
		fprintf(stderr, "\n%s: no \"%s\" in its log\n", config, text);
	free(log);
	return found;
}

/* In configuration @name the one INTx test of its interface passed, the other's skipped. */
static void check_intx_passed(const struct run *run, const char *name)
{
	int passes = count_named(run, name, "pass");

	if (passes != 1)
		fprintf(stderr, "\n%s: %d INTx test(s) passed, expected 1\n", name, passes);
	CU_ASSERT_EQUAL(passes, 1);
	CU_ASSERT_EQUAL(count_named(run, name, "fail"), 0);
	CU_ASSERT_EQUAL(count_named(run, name, "skip"), 1);
}

static void check_machine(const struct run *run, const char *machine, const char *firmware)
{
	const char *configs[] = { "pci-modern-modern", "pci-legacy-legacy",
				  "pci-transitional-modern", "pci-transitional-legacy" };
	char name[256];

	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		snprintf(name, sizeof(name), "qemu-x86_64-%s-%s%s", machine, configs[i], firmware);
		check_intx_passed(run, name);
	}
}

/*
 * qboot on pc and pc,acpi=off, every PCI interface: the routing the log
 * names is the PIIX's, through the MADT's overrides when there is one.
 */
static void test_pc_intx_under_qboot(void)
{
	char arguments[1024];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--kernel %s " INTX_TESTS " --machine pc,pc,acpi=off "
		 "--transport pci-modern,pci-legacy,pci-transitional", kernel);
	run_vcts(&run, "intx-pc-qboot", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_machine(&run, "pc", "");
	check_machine(&run, "pc-acpi-off", "");
	CU_ASSERT(log_says(&run, "qemu-x86_64-pc-pci-modern-modern",
			   "# intx: PIIX3 at 00:01.0: PIRQA-D route registers 0a 0a 0b 0b"));
	CU_ASSERT(log_says(&run, "qemu-x86_64-pc-pci-modern-modern",
			   "# intx: ISA IRQ 11: I/O APIC input 11, level, active high "
			   "(the MADT's override)"));
	CU_ASSERT(log_says(&run, "qemu-x86_64-pc-acpi-off-pci-legacy-legacy",
			   "# intx: ISA IRQ 11: I/O APIC input 11, level, active high (no MADT)"));
	free_run(&run);
}

/* SeaBIOS routes the PIRQs too (and assigns BARs): the same result. */
static void test_pc_intx_under_seabios(void)
{
	char arguments[1024];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--kernel %s " INTX_TESTS " --machine pc --firmware seabios "
		 "--transport pci-modern,pci-legacy,pci-transitional", kernel);
	run_vcts(&run, "intx-pc-seabios", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_machine(&run, "pc", "-seabios");
	CU_ASSERT(log_says(&run, "qemu-x86_64-pc-pci-legacy-legacy-seabios",
			   "# intx: PIIX3 at 00:01.0"));
	free_run(&run);
}

void add_intx_routing_tests(CU_pSuite suite)
{
	CU_add_test(suite, "pc: INTx under qboot, with and without ACPI",
		    test_pc_intx_under_qboot);
	CU_add_test(suite, "pc: INTx under SeaBIOS", test_pc_intx_under_seabios);
}
