/*
 * Integration tests: run the `vcts` harness against QEMU and check what it
 * wrote. Covers the main job (real devices, real reports, host-side
 * checks) and the ways a run can go wrong: a device that stops answering,
 * a guest that hangs, a guest that crashes, a missing QEMU, a bad option.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

static void test_default_run_writes_reports(void)
{
	struct run run;

	run_vcts(&run, "default", "run", "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT(run.status == 0 || run.status == 1);
	/* The foundation's promise: at least 10 passing tests over these areas. */
	CU_ASSERT(count_results(&run, "modern.", "pass") >= 10);
	CU_ASSERT(count_results(&run, "devices.rng.", "pass") >= 5);
	CU_ASSERT(count_results(&run, "devices.blk.", "pass") >= 5);
	/* The default attaches all six types; each runs its own tests. */
	CU_ASSERT(count_results(&run, "devices.net.", "pass") >= 5);
	CU_ASSERT(count_results(&run, "devices.console.", "pass") >= 5);
	CU_ASSERT(count_results(&run, "devices.balloon.", "pass") >= 5);
	CU_ASSERT(count_results(&run, "devices.scsi.", "pass") >= 5);
	CU_ASSERT(count_results(&run, "", "crash") == 0);
	CU_ASSERT(count_results(&run, "", "timeout") == 0);
	/* The virtconsole's chardev file, named by the configuration. */
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-q35-pci-modern-modern-console0.txt"));
	/* The write the kernel made is read back from the image by the host. */
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "devices.blk.write_visible_on_host"),
					    "verdict"), "pass");
	CU_ASSERT(file_exists(&run, "results.tap"));
	CU_ASSERT(file_exists(&run, "junit.xml"));
	CU_ASSERT(file_exists(&run, "summary.md"));
	CU_ASSERT(file_exists(&run, "report.html"));
	free_run(&run);
}

/*
 * A deliberately broken device: QEMU's rng rate limit lets one byte through
 * per minute, so the device stops answering. Every wait must end in a
 * failing verdict with a reason, and the run must end long before the
 * device would have answered.
 */
static void test_stalled_device_fails_without_hanging(void)
{
	struct run run;
	json_object *result;

	run_vcts(&run, "stalled-rng", "run",
		 "--devices rng --filter 'devices.rng.*' "
		 "--device-property rng.max-bytes=1 --device-property rng.period=60000");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	/* Not a speed target: the device would answer after 60 s, so a run that
	 * waited for it (instead of failing each wait after 2 s) takes longer. */
	CU_ASSERT(run.seconds < 50);
	result = find_result(&run, "devices.rng.ring_wraps");
	CU_ASSERT_STRING_EQUAL(string_field(result, "verdict"), "fail");
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(result, "message"), "no used buffer"));
	CU_ASSERT(count_results(&run, "devices.rng.", "timeout") == 0);
	free_run(&run);
}

/* A guest that hangs inside a test: the harness kills it and says timeout. */

static void test_pvh_entry_boots(void)
{
	char arguments[600];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--kernel %s --devices rng --filter 'devices.rng.buffer_filled'", kernel_pvh);
	run_vcts(&run, "pvh", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "devices.rng.buffer_filled"),
					    "verdict"), "pass");
	free_run(&run);
}

/*
 * The committed QEMU 7.2 baseline turns the known deviations into xfail:
 * the default run is green and nothing is left failing. Deviations from
 * descriptive text are notes, which fail nothing and need no entry.
 */
static void test_baseline_auto_is_green(void)
{
	struct run run;

	run_vcts(&run, "baseline-auto", "run", "--baseline auto");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run,
		"modern.features.features_ok_rejects_unoffered"), "verdict"), "xfail");
	/* The deviations of the four newer device types are in the baseline too. */
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run,
		"devices.net.receive_host_frame"), "verdict"), "xfail");
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run,
		"devices.scsi.used_length_counts_written_bytes"), "verdict"), "xfail");
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run,
		"devices.console.port_name_unterminated"), "verdict"), "note");
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run,
		"devices.balloon.queue_numbering"), "verdict"), "note");
	CU_ASSERT_EQUAL(count_results(&run, "", "fail"), 0);
	CU_ASSERT(run.stdout_text &&
		  strstr(run.stdout_text, " expected failures (baseline), "));
	free_run(&run);
}

/* Every transport and driver mode, with the prefix of the tests of its own. */
static const struct {
	const char *transport, *mode, *own_tests;
} every_transport[] = {
	{ "pci-modern", "modern", "modern.pci." },
	{ "pci-transitional", "modern", "modern.pci." },
	{ "pci-transitional", "legacy", "legacy.pci." },
	{ "pci-legacy", "legacy", "legacy.pci." },
	{ "mmio-v1", "legacy", "legacy.mmio." },
	{ "mmio-v2", "modern", "modern.mmio." },
};

/*
 * What each configuration of a --transport all run of rng and blk shows:
 * its own tests and the shared device tests passing, and at least one
 * check failing against QEMU 7.2 (the baseline's known deviations);
 * with @host_checked, the host reading back what the guest wrote.
 */
static void check_every_transport(struct run *run, bool host_checked)
{
	for (size_t i = 0; i < sizeof(every_transport) / sizeof(every_transport[0]); i++) {
		const char *t = every_transport[i].transport, *m = every_transport[i].mode;

		CU_ASSERT(count_in_config(run, every_transport[i].own_tests, "pass", t, m) >= 3);
		CU_ASSERT(count_in_config(run, "devices.rng.", "pass", t, m) >= 5);
		CU_ASSERT(count_in_config(run, "devices.blk.", "pass", t, m) >= 5);
		if (host_checked)
			CU_ASSERT(count_in_config(run, "devices.blk.write_visible_on_host", "pass",
						  t, m) == 1);
		CU_ASSERT(count_in_config(run, "", "xfail", t, m) >= 1);
	}
}

/* Every transport QEMU offers on x86_64, in one run. */
static void test_every_transport(void)
{
	struct run run;

	/* rng and blk only: every device type on every transport is make check-qemu's. */
	run_vcts(&run, "all-transports", "run", "--transport all --devices rng,blk --baseline auto");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT(count_results(&run, "", "fail") == 0);
	check_every_transport(&run, false);
	free_run(&run);
}

/*
 * The same on aarch64 virt: every transport (mmio through the device
 * tree, PCI through the ECAM host bridge), the same tests passing, the
 * same QEMU deviations forgiven by the aarch64 baseline, the host reading
 * back what the guest wrote through every transport's location.
 */
static void test_aarch64_every_transport(void)
{
	char arguments[600];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--arch aarch64 --transport all --devices rng,blk --baseline auto --kernel %s",
		 kernel_aarch64);
	run_vcts(&run, "aarch64-all-transports", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT(count_results(&run, "", "fail") == 0);
	CU_ASSERT(count_results(&run, "", "crash") == 0);
	check_every_transport(&run, true);
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.rng.buffer_filled"),
					    "arch"), "aarch64");
	CU_ASSERT(file_exists(&run, "logs/qemu-aarch64-virt-mmio-v2-modern.log"));
	CU_ASSERT(run.stderr_text && strstr(run.stderr_text, "qemu-7.2-aarch64.json"));
	/* Semihosting's exit status agrees with the kernel's lines. */
	CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
	free_run(&run);
}

/* An exception on aarch64: a crash verdict, and QEMU's status says so too. */
static void test_aarch64_crash_is_a_crash(void)
{
	char arguments[600];
	struct run run;
	json_object *result;

	snprintf(arguments, sizeof(arguments),
		 "--arch aarch64 --kernel %s --devices rng "
		 "--filter 'modern.features.version_1_offered,selftest.guest.crash_in_test'",
		 kernel_aarch64);
	run_vcts(&run, "aarch64-crash", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	result = find_result(&run, "selftest.guest.crash_in_test");
	CU_ASSERT_STRING_EQUAL(string_field(result, "verdict"), "crash");
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(result, "message"), "data abort"));
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "modern.features.version_1_offered"),
					    "verdict"), "pass");
	CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
	free_run(&run);
}

/*
 * A QEMU property that breaks a transport rule: any_layout=off makes a
 * transitional device stop offering VIRTIO_F_ANY_LAYOUT, which 1.2 says
 * it MUST offer.
 */
static void test_broken_transitional_device_fails(void)
{
	struct run run;
	json_object *result;

	run_vcts(&run, "any-layout-off", "run",
		 "--transport pci-transitional --devices rng --device-property rng.any_layout=off "
		 "--filter 'legacy.pci.any_layout_offered'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	result = find_result(&run, "legacy.pci.any_layout_offered");
	CU_ASSERT_EQUAL(count_in_config(&run, "legacy.pci.any_layout_offered", "fail",
					"pci-transitional", "legacy"), 1);
	CU_ASSERT_PTR_NOT_NULL(result);
	free_run(&run);
}

/*
 * --retries: a failure that is real fails on every attempt, keeps its
 * verdict and says how often it ran; each attempt has its own log.
 */
static void test_retries_confirm_a_real_failure(void)
{
	struct run run;

	run_vcts(&run, "retries", "run",
		 "--transport pci-transitional --devices rng --device-property rng.any_layout=off "
		 "--filter 'legacy.pci.any_layout_offered' --retries 2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	CU_ASSERT_EQUAL(count_in_config(&run, "legacy.pci.any_layout_offered", "fail",
					"pci-transitional", "legacy"), 1);
	CU_ASSERT(run.stdout_text && strstr(run.stdout_text, "failed again on attempt 3"));
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-q35-pci-transitional-legacy-attempt2.log"));
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-q35-pci-transitional-legacy-attempt3.log"));
	CU_ASSERT(!file_exists(&run, "logs/qemu-x86_64-q35-pci-transitional-modern-attempt2.log"));
	CU_ASSERT(run.results && strstr(json_object_to_json_string_ext(run.results, JSON_C_TO_STRING_PLAIN),
					  "\"attempts\":3,\"flaky\":false"));
	free_run(&run);
}

/* `vcts compare BASELINE RESULTS --output FILE`: its exit status and file. */
static int compare(const char *baseline, const char *results_dir, char **report)
{
	char shell[4096], path[1024];
	int raw;

	snprintf(path, sizeof(path), "%s/%s/regressions.md", work, results_dir);
	snprintf(shell, sizeof(shell), "%s compare '%s' '%s/%s/results.json' --output '%s' >/dev/null",
		 vcts, baseline, work, results_dir, path);
	raw = system(shell);
	*report = read_file(path);
	return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

/*
 * The committed baseline against the runs above: the run of every
 * transport has no regression; the broken transitional device is one.
 */
static void test_compare_with_the_baseline(void)
{
	const char *baseline = "reports/baselines/qemu-7.2-x86_64.json";
	char *report;

	CU_ASSERT_EQUAL(compare(baseline, "all-transports", &report), 0);
	CU_ASSERT(report && strstr(report, "**No regressions.**"));
	free(report);
	CU_ASSERT_EQUAL(compare(baseline, "any-layout-off", &report), 1);
	CU_ASSERT(report && strstr(report, "| 1 | `legacy.pci.any_layout_offered` | 1 |"));
	free(report);
	/* One baseline per arch: the aarch64 one judges the aarch64 run. */
	CU_ASSERT_EQUAL(compare(baseline, "aarch64-all-transports", &report), 0);
	CU_ASSERT(report && strstr(report, "**No regressions.**"));
	free(report);
	/* Two baselines: compare() puts quotes around its first argument. */
	CU_ASSERT_EQUAL(compare("reports/baselines/qemu-7.2-x86_64.json' "
				"'reports/baselines/qemu-7.2-aarch64.json",
				"aarch64-all-transports", &report), 0);
	CU_ASSERT(report && strstr(report, "judges the aarch64 results"));
	CU_ASSERT(report && strstr(report, "**No regressions.**"));
	free(report);
}

static bool one_line_error(const struct run *run)
{
	const char *text = run->stderr_text ? run->stderr_text : "";

	return !strncmp(text, "vcts: ", 6) && strchr(text, '\n') == text + strlen(text) - 1;
}

static void test_missing_qemu_is_a_setup_error(void)
{
	struct run run;

	run_vcts(&run, "missing-qemu", "run", "--qemu /nonexistent/qemu-system-x86_64");
	CU_ASSERT_EQUAL(run.status, 2);
	CU_ASSERT(one_line_error(&run));
	free_run(&run);
}

static void test_unknown_device_is_a_usage_error(void)
{
	struct run run;

	run_vcts(&run, "unknown-device", "run", "--devices rng,floppy");
	CU_ASSERT_EQUAL(run.status, 2);
	CU_ASSERT(one_line_error(&run));
	CU_ASSERT(run.stderr_text && strstr(run.stderr_text, "floppy"));
	free_run(&run);
}

static void test_list_names_the_tests(void)
{
	struct run run;

	run_vcts(&run, "list", "list", "");
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT(run.stdout_text && strstr(run.stdout_text, "devices.rng.buffer_filled"));
	CU_ASSERT(run.stdout_text && strstr(run.stdout_text, "modern.features.version_1_offered"));
	CU_ASSERT_PTR_NULL(run.stdout_text ? strstr(run.stdout_text, "selftest.") : NULL);
	free_run(&run);
}

/* The kernel's declared scope reaches the JSON: a PCI test named ring. */
static void test_list_json_carries_the_scope(void)
{
	json_object *document, *tests = NULL, *test = NULL, *transports = NULL;
	struct run run;

	run_vcts(&run, "list-json", "list", "--json --filter 'modern.ring.*'");
	CU_ASSERT_EQUAL(run.status, 0);
	document = run.stdout_text ? json_tokener_parse(run.stdout_text) : NULL;
	CU_ASSERT_FATAL(document && json_object_object_get_ex(document, "tests", &tests));
	for (size_t i = 0; i < json_object_array_length(tests); i++)
		if (!strcmp(string_field(json_object_array_get_idx(tests, i), "id"),
			    "modern.ring.queue_reset"))
			test = json_object_array_get_idx(tests, i);
	CU_ASSERT_FATAL(test && json_object_object_get_ex(test, "transports", &transports));
	CU_ASSERT_STRING_EQUAL(string_field(test, "file"), "tests/modern/ring_features.c");
	CU_ASSERT_STRING_EQUAL(string_field(test, "interface"), "modern");
	CU_ASSERT_STRING_EQUAL(json_object_to_json_string_ext(transports, JSON_C_TO_STRING_PLAIN),
			       "[\"pci-modern\",\"pci-transitional\"]");
	json_object_put(document);
	free_run(&run);
}

int main(void)
{
	CU_pSuite suite;
	unsigned int failures;

	vcts = getenv("VCTS");
	kernel = getenv("VCTS_KERNEL");
	kernel_pvh = getenv("VCTS_KERNEL_PVH");
	kernel_aarch64 = getenv("VCTS_KERNEL_AARCH64");
	kernel_riscv64 = getenv("VCTS_KERNEL_RISCV64");
	kernel_s390x = getenv("VCTS_KERNEL_S390X");
	work = getenv("VCTS_WORK");
	if (!vcts || !kernel || !kernel_pvh || !kernel_aarch64 || !kernel_riscv64 || !kernel_s390x ||
	    !work) {
		fprintf(stderr, "integration-tests: set VCTS, VCTS_KERNEL, VCTS_KERNEL_PVH, VCTS_KERNEL_AARCH64, VCTS_KERNEL_RISCV64, VCTS_KERNEL_S390X and VCTS_WORK (make integration-tests does)\n");
		return 2;
	}
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	suite = CU_add_suite("integration (vcts under QEMU)", NULL, NULL);
	CU_add_test(suite, "default run writes reports", test_default_run_writes_reports);
	CU_add_test(suite, "stalled device fails without hanging", test_stalled_device_fails_without_hanging);
	add_lost_result_tests(suite);
	CU_add_test(suite, "PVH entry boots", test_pvh_entry_boots);
	add_iso_tests(suite);
	CU_add_test(suite, "baseline auto is green", test_baseline_auto_is_green);
	CU_add_test(suite, "missing QEMU is a setup error", test_missing_qemu_is_a_setup_error);
	CU_add_test(suite, "unknown device is a usage error", test_unknown_device_is_a_usage_error);
	CU_add_test(suite, "list names the tests", test_list_names_the_tests);
	CU_add_test(suite, "list --json carries the scope", test_list_json_carries_the_scope);
	CU_add_test(suite, "every transport", test_every_transport);
	CU_add_test(suite, "aarch64: every transport", test_aarch64_every_transport);
	/* After the every-transport runs: their rng and blk verdicts are the reference. */
	add_image_header_tests(suite);
	add_linux_image_tests(suite);
	CU_add_test(suite, "aarch64: crash is a crash", test_aarch64_crash_is_a_crash);
	add_riscv64_tests(suite);
	add_s390x_tests(suite);
	CU_add_test(suite, "broken transitional device fails", test_broken_transitional_device_fails);
	CU_add_test(suite, "retries confirm a real failure", test_retries_confirm_a_real_failure);
	CU_add_test(suite, "compare with the baseline", test_compare_with_the_baseline);
	add_exit_tests(suite);
	add_intx_routing_tests(suite);
	add_command_ingest_suite();
	add_stand_in_tests(suite);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
