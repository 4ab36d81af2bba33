/*
 * s390x under QEMU's s390-ccw-virtio (docs/arch-s390x.md): both ccw
 * transports with rng and blk, judged by the s390x baseline; the kernel's
 * crash path and QEMU's exit status through the disabled-wait PSW.
 */
#include <stdio.h>
#include <string.h>

#include "vcts_run.h"

/*
 * ccw-modern (revision 2) and ccw-legacy (revision 0, max_revision=0):
 * the transport's own tests and the device tests pass, the known QEMU
 * deviations are the baseline's, the host reads back what the guest
 * wrote (the locations 0.0.00SS name the disks), and QEMU's exit status
 * agrees with the kernel's lines.
 */
static void test_s390x_both_ccw_transports(void)
{
	static const struct {
		const char *transport, *mode, *own_tests;
	} transports[] = {
		{ "ccw-modern", "modern", "modern.ccw." },
		{ "ccw-legacy", "legacy", "legacy.ccw." },
	};
	char arguments[600], known[64];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "--arch s390x --transport all --devices rng,blk --baseline auto --kernel %s",
		 kernel_s390x);
	run_vcts(&run, "s390x-ccw", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	CU_ASSERT(count_results(&run, "", "fail") == 0);
	CU_ASSERT(count_results(&run, "", "crash") == 0);
	for (size_t i = 0; i < sizeof(transports) / sizeof(transports[0]); i++) {
		const char *t = transports[i].transport, *m = transports[i].mode;

		CU_ASSERT(count_in_config(&run, transports[i].own_tests, "pass", t, m) >= 10);
		CU_ASSERT(count_in_config(&run, "devices.rng.", "pass", t, m) >= 5);
		CU_ASSERT(count_in_config(&run, "devices.blk.", "pass", t, m) >= 5);
		CU_ASSERT(count_in_config(&run, "devices.blk.write_visible_on_host", "pass",
					  t, m) == 1);
		snprintf(known, sizeof(known), "%swrong_length_incorrect_length",
			 transports[i].own_tests);
		CU_ASSERT(count_in_config(&run, known, "xfail", t, m) >= 1);
	}
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.rng.buffer_filled"),
					    "arch"), "s390x");
	CU_ASSERT(run.stderr_text && strstr(run.stderr_text, "qemu-7.2-s390x.json"));
	CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
	free_run(&run);
}

/* A program interruption: a crash verdict naming it, and exit status 1 from QEMU. */
static void test_s390x_crash_is_a_crash(void)
{
	char arguments[600];
	struct run run;
	json_object *result;

	snprintf(arguments, sizeof(arguments),
		 "--arch s390x --kernel %s --devices rng "
		 "--filter 'modern.features.version_1_offered,selftest.guest.crash_in_test'",
		 kernel_s390x);
	run_vcts(&run, "s390x-crash", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	result = find_result(&run, "selftest.guest.crash_in_test");
	CU_ASSERT_STRING_EQUAL(string_field(result, "verdict"), "crash");
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(result, "message"), "addressing exception"));
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "modern.features.version_1_offered"),
					    "verdict"), "pass");
	CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
	free_run(&run);
}

void add_s390x_tests(CU_pSuite suite)
{
	CU_add_test(suite, "s390x: both ccw transports", test_s390x_both_ccw_transports);
	CU_add_test(suite, "s390x: crash is a crash", test_s390x_crash_is_a_crash);
}
