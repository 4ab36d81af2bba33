/*
 * Integration tests of runs that go wrong: a guest that hangs or crashes,
 * QEMU killed mid-configuration, a vhost-user back end that dies. Each
 * costs the test it happened in and nothing else (DESIGN: "one bad test
 * costs one result").
 */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

static void test_hung_guest_is_a_timeout(void)
{
	struct run run;

	run_vcts(&run, "hang", "run",
		 "--devices rng --timeout 10 "
		 "--filter 'modern.features.version_1_offered,selftest.guest.hang_in_test'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	/* Not a speed target: the guest never ends by itself; the 10 s timeout must. */
	CU_ASSERT(run.seconds < 40);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "selftest.guest.hang_in_test"),
					    "verdict"), "timeout");
	/* What ran before the hang is kept. */
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "modern.features.version_1_offered"),
					    "verdict"), "pass");
	free_run(&run);
}

/* An exception in the guest: a crash verdict naming the exception. */
static void test_crashing_guest_is_a_crash(void)
{
	struct run run;
	json_object *result;

	run_vcts(&run, "crash", "run",
		 "--devices rng "
		 "--filter 'modern.features.version_1_offered,selftest.guest.crash_in_test'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	result = find_result(&run, "selftest.guest.crash_in_test");
	CU_ASSERT_STRING_EQUAL(string_field(result, "verdict"), "crash");
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(result, "message"), "#GP"));
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "modern.features.version_1_offered"),
					    "verdict"), "pass");
	free_run(&run);
}

/*
 * QEMU killed with SIGKILL in the middle of a configuration: the test it
 * was in is a crash, a fresh VM resumes after it, and every other planned
 * result is there (none lost, none not-run).
 */
static void test_killed_hypervisor_loses_one_result(void)
{
	/*
	 * Waits (60 s at most) until the hang has begun, then kills that VM's
	 * QEMU: the child of the vcts process writing to this output ("[-]" so
	 * that the pattern does not match this shell itself).
	 */
	static const char killer[] =
		"( i=0; while [ $i -lt 600 ] && ! grep -qs 'begin test=selftest.guest.hang_in_test' "
		"'%1$s'/logs/*.log; do sleep 0.1; i=$((i+1)); done; "
		"pkill -KILL -P \"$(pgrep -d, -f '[-]-output %1$s ')\" )";
	struct run run;
	json_object *hung;

	run_vcts_beside(&run, "sigkill", "run",
			"--devices rng --filter 'devices.rng.*,selftest.guest.hang_in_test,"
			"selftest.guest.ordinary_pass'", killer);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	hung = find_result(&run, "selftest.guest.hang_in_test");
	CU_ASSERT_STRING_EQUAL(string_field(hung, "verdict"), "crash");
	CU_ASSERT_PTR_NOT_NULL(strstr(string_field(hung, "message"), "signal 9"));
	/* Before the kill, and after it in the fresh VM. */
	CU_ASSERT(count_results(&run, "devices.rng.", "pass") >= 5);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "selftest.guest.ordinary_pass"),
					    "verdict"), "pass");
	CU_ASSERT_EQUAL(count_results(&run, "", "not-run"), 0);
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-q35-pci-modern-modern-resume1.log"));
	free_run(&run);
}

/*
 * vhost-user-blk served by qemu-storage-daemon (docs/vhost-user.md): a
 * configuration of its own, its blk and ring tests judged as device type
 * vhost-user-blk, the data it wrote read back from the image on the host.
 */
static void test_vhost_user_blk(void)
{
	struct run run;

	run_vcts(&run, "vhost-user-blk", "run",
		 "--devices vhost-user-blk --transport mmio-v2 --baseline auto "
		 "--filter 'devices.blk.*,modern.ring.*'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT(count_in_config(&run, "devices.blk.", "pass", "mmio-v2", "modern") +
		  count_in_config(&run, "modern.ring.", "pass", "mmio-v2", "modern") >= 20);
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.blk.write_then_read_roundtrip"),
					    "device_type"), "vhost-user-blk");
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.blk.write_then_read_roundtrip"),
					    "name"), "qemu-x86_64-microvm-mmio-v2-modern-vhost-user");
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "devices.blk.write_visible_on_host"),
					    "verdict"), "pass");
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-microvm-mmio-v2-modern-vhost-user-qemu-storage-daemon.log"));
	free_run(&run);
}

/*
 * A vhost-user back end that dies mid-configuration: the test running then
 * is a crash that names the daemon, a fresh VM with a fresh daemon
 * resumes after it, and nothing else is lost.
 */
static void test_dead_back_end_is_a_crash(void)
{
	/* Once the ring tests have begun, kill the daemon ("[q]": not this shell). */
	static const char killer[] =
		"( i=0; while [ $i -lt 600 ] && ! grep -qs 'begin test=modern.ring.' "
		"'%1$s'/logs/*vhost-user.log; do sleep 0.1; i=$((i+1)); done; "
		"pkill -KILL -f '[q]emu-storage-daemon.*%1$s/' )";
	struct run run;
	json_object *results;
	int crashes = 0;

	run_vcts_beside(&run, "dead-back-end", "run",
			"--devices vhost-user-blk --transport mmio-v2 --baseline auto "
			"--filter 'devices.blk.*,modern.ring.*'", killer);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	CU_ASSERT_FATAL(json_object_object_get_ex(run.results, "results", &results));
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *r = json_object_array_get_idx(results, i);

		if (strcmp(string_field(r, "verdict"), "crash"))
			continue;
		crashes++;
		CU_ASSERT_PTR_NOT_NULL(strstr(string_field(r, "message"), "qemu-storage-daemon"));
	}
	CU_ASSERT_EQUAL(crashes, 1);
	CU_ASSERT_EQUAL(count_results(&run, "", "not-run"), 0);
	CU_ASSERT(count_results(&run, "modern.ring.", "pass") >= 5);
	free_run(&run);
}

/* The PVH entry (Firecracker, cloud-hypervisor) boots and runs tests too. */

void add_lost_result_tests(CU_pSuite suite)
{
	CU_add_test(suite, "hung guest is a timeout", test_hung_guest_is_a_timeout);
	CU_add_test(suite, "crashing guest is a crash", test_crashing_guest_is_a_crash);
	CU_add_test(suite, "QEMU killed mid-configuration loses one result",
		    test_killed_hypervisor_loses_one_result);
	CU_add_test(suite, "vhost-user-blk from qemu-storage-daemon", test_vhost_user_blk);
	CU_add_test(suite, "a dead vhost-user back end is a crash", test_dead_back_end_is_a_crash);
}
