/*
 * Integration tests of the ways a VM ends (docs/exits.md): under QEMU
 * machines without isa-debug-exit the kernel still ends every run, by ACPI
 * S5 (qboot's and SeaBIOS's tables, from the DSDT or from an SSDT), a
 * reset with -no-reboot, PSCI on aarch64, or a halt that the harness ends
 * a second after `done`. Every run must keep its verdicts: the rng tests
 * pass and the blk write is read back from the host after the VM is gone,
 * however it went.
 */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

/* A few tests: one device of each kind, one host check. */
#define FILTER "--devices rng,blk --filter 'devices.rng.buffer_filled,devices.blk.write_then_read_roundtrip'"

/* The run record of the configuration named @name. */
static json_object *run_named(const struct run *run, const char *name)
{
	json_object *runs;

	if (!run->results || !json_object_object_get_ex(run->results, "runs", &runs))
		return NULL;
	for (size_t i = 0; i < json_object_array_length(runs); i++) {
		json_object *record = json_object_array_get_idx(runs, i), *config;

		if (json_object_object_get_ex(record, "config", &config) &&
		    !strcmp(string_field(config, "name"), name))
			return record;
	}
	return NULL;
}

/*
 * @name ended as @ended ("done": by itself after `done`;
 * "stopped-after-done": the harness ended it), and its verdicts are
 * intact: three passes (rng0, blk0's round trip and its host check
 * devices.blk.write_visible_on_host), the read-only blk1's skip, nothing
 * else.
 */
static void check_ended(const struct run *run, const char *name, const char *ended)
{
	json_object *record = run_named(run, name), *results;
	int passes = 0, skips = 0, others = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(record);
	if (strcmp(string_field(record, "ended"), ended))
		fprintf(stderr, "\n%s ended %s, expected %s\n", name,
			string_field(record, "ended"), ended);
	CU_ASSERT_STRING_EQUAL(string_field(record, "ended"), ended);
	CU_ASSERT_FATAL(json_object_object_get_ex(run->results, "results", &results));
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *result = json_object_array_get_idx(results, i);

		if (strcmp(config_field(result, "name"), name))
			continue;
		if (!strcmp(string_field(result, "verdict"), "pass"))
			passes++;
		else if (!strcmp(string_field(result, "verdict"), "skip"))
			skips++;
		else
			others++;
	}
	CU_ASSERT_EQUAL(passes, 3);
	CU_ASSERT_EQUAL(skips, 1);
	CU_ASSERT_EQUAL(others, 0);
}

static bool log_has(const struct run *run, const char *config, const char *text)
{
	char path[1024];
	char *log;
	bool found;

	snprintf(path, sizeof(path), "%s/logs/%s.log", run->output, config);
	log = read_file(path);
	found = log && strstr(log, text);
	free(log);
	return found;
}

/*
 * qboot (the default firmware): ACPI on, auto powers off by S5; acpi=off,
 * auto falls to a halt and the harness stops the VM; so does microvm
 * (the harness runs it with acpi=off). A reset ends QEMU with -no-reboot.
 */
static void test_qboot_acpi_on_and_off(void)
{
	struct run run;

	run_vcts(&run, "exit-qboot", "run",
		 FILTER " --machine q35,pc,acpi=off --transport pci-modern,mmio-v2 --exit auto");
	CU_ASSERT_EQUAL(run.status, 0);
	check_ended(&run, "qemu-x86_64-q35-pci-modern-modern", "done");
	check_ended(&run, "qemu-x86_64-pc-acpi-off-pci-modern-modern", "stopped-after-done");
	check_ended(&run, "qemu-x86_64-microvm-mmio-v2-modern", "stopped-after-done");
	CU_ASSERT(log_has(&run, "qemu-x86_64-q35-pci-modern-modern",
			  "@vcts done status=0 exit=acpi"));
	CU_ASSERT(log_has(&run, "qemu-x86_64-pc-acpi-off-pci-modern-modern",
			  "@vcts done status=0 exit=halt"));
	/* Powered off: no isa-debug-exit, a status that says nothing and is not checked. */
	CU_ASSERT_PTR_NULL(strstr(run.stderr_text, "exit status"));
	free_run(&run);
	run_vcts(&run, "exit-reset", "run", FILTER " --machine pc --exit reset");
	CU_ASSERT_EQUAL(run.status, 0);
	check_ended(&run, "qemu-x86_64-pc-pci-modern-modern", "done");
	free_run(&run);
}

/*
 * SeaBIOS: QEMU's tables on q35 (\_S5 in the DSDT); with acpi=off on q35
 * SeaBIOS builds tables of its own with \_S5 in an SSDT; pc with
 * acpi=off has none, so auto halts.
 */
static void test_seabios_acpi_on_and_off(void)
{
	struct run run;

	run_vcts(&run, "exit-seabios", "run",
		 FILTER " --firmware seabios --machine q35,q35,acpi=off,pc,acpi=off --exit acpi");
	CU_ASSERT_EQUAL(run.status, 0);
	check_ended(&run, "qemu-x86_64-q35-pci-modern-modern-seabios", "done");
	check_ended(&run, "qemu-x86_64-q35-acpi-off-pci-modern-modern-seabios", "done");
	check_ended(&run, "qemu-x86_64-pc-acpi-off-pci-modern-modern-seabios",
		    "stopped-after-done");
	CU_ASSERT(log_has(&run, "qemu-x86_64-q35-acpi-off-pci-modern-modern-seabios",
			  "from the SSDT's \\_S5"));
	free_run(&run);
}

/* debug-exit (QEMU's default) still carries the status, and it is checked. */
static void test_debug_exit_carries_the_status(void)
{
	struct run run;
	json_object *record;

	run_vcts(&run, "exit-debug", "run", FILTER);
	CU_ASSERT_EQUAL(run.status, 0);
	check_ended(&run, "qemu-x86_64-q35-pci-modern-modern", "done");
	record = run_named(&run, "qemu-x86_64-q35-pci-modern-modern");
	CU_ASSERT_PTR_NOT_NULL_FATAL(record);
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(record, "command"), "isa-debug-exit"));
	CU_ASSERT(json_object_get_int(json_object_object_get(record, "exit_status")) == 1);
	free_run(&run);
}

/* aarch64: PSCI powers off; a halt is ended by the harness. */
static void test_aarch64_psci_and_halt(void)
{
	struct run run;
	char *arguments = NULL;

	if (asprintf(&arguments, "--arch aarch64 --kernel %s " FILTER " --exit psci",
		     kernel_aarch64) < 0)
		return;
	run_vcts(&run, "exit-psci", "run", arguments);
	CU_ASSERT_EQUAL(run.status, 0);
	check_ended(&run, "qemu-aarch64-virt-pci-modern-modern", "done");
	CU_ASSERT_PTR_NULL(strstr(string_field(run_named(&run, "qemu-aarch64-virt-pci-modern-modern"),
					       "command"), "-semihosting"));
	free_run(&run);
	free(arguments);
	if (asprintf(&arguments, "--arch aarch64 --kernel %s " FILTER " --exit halt",
		     kernel_aarch64) < 0)
		return;
	run_vcts(&run, "exit-aarch64-halt", "run", arguments);
	CU_ASSERT_EQUAL(run.status, 0);
	check_ended(&run, "qemu-aarch64-virt-pci-modern-modern", "stopped-after-done");
	free_run(&run);
	free(arguments);
}

/*
 * A crash with no exit that ends the VM: the kernel says `done` after its
 * crash line and halts; the harness stops the VM at once after the grace,
 * resumes, and the test after the crash still runs. A listing ends the
 * same way.
 */
static void test_crash_and_list_with_halt(void)
{
	struct run run;

	run_vcts(&run, "exit-crash-halt", "run",
		 "--devices rng --exit halt --timeout 60 "
		 "--filter 'selftest.guest.crash_in_test,selftest.guest.ordinary_pass'");
	CU_ASSERT_EQUAL(run.status, 1);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "selftest.guest.crash_in_test"),
					    "verdict"), "crash");
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "selftest.guest.ordinary_pass"),
					    "verdict"), "pass");
	/* Two VMs, each stopped a second after `done`, not after the 60 s timeout. */
	CU_ASSERT(run.seconds < 15);
	free_run(&run);
	run_vcts(&run, "exit-list-halt", "list", "--exit halt");
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(run.stdout_text, "devices.rng.buffer_filled"));
	free_run(&run);
}

void add_exit_tests(CU_pSuite suite)
{
	CU_add_test(suite, "exits: qboot, ACPI on and off, reset", test_qboot_acpi_on_and_off);
	CU_add_test(suite, "exits: SeaBIOS, ACPI on and off", test_seabios_acpi_on_and_off);
	CU_add_test(suite, "exits: debug-exit carries the status", test_debug_exit_carries_the_status);
	CU_add_test(suite, "exits: aarch64 PSCI and halt", test_aarch64_psci_and_halt);
	CU_add_test(suite, "exits: a crash and a listing that halt", test_crash_and_list_with_halt);
}
