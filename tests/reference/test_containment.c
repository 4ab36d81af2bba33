/*
 * The host runs survive whatever kernel code does: an internal error
 * (test_fatal, here an exhausted heap) ends one run through arch_exit
 * with a crash line; a wild access kills only the child of that run; a
 * hang is killed by the run's time limit. The self-tests that crash and
 * hang on purpose (tests/selftest/) provide the last two.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "tests/reference/ref_machine.h"

static struct ref_run *run_one(struct ref_machine *machine, const char *filter)
{
	struct ref_run *run = malloc(sizeof(*run));

	if (run && !ref_run(machine, filter, run)) {
		free(run);
		return NULL;
	}
	return run;
}

static void done(struct ref_run *run)
{
	ref_run_free(run);
	free(run);
}

static void test_fatal_ends_the_run(void)
{
	struct ref_machine machine;
	struct ref_run *run;

	ref_machine_standard(&machine);
	/* The test's first allocation is a page: a second one finds nothing left. */
	machine.heap_bytes = 4096;
	run = run_one(&machine, "devices.rng.request_sizes");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	if (!run)
		return;	/* not reached: for the compiler, which cannot know */
	CU_ASSERT_STRING_EQUAL(run->died, "");
	CU_ASSERT(run->crashed);
	CU_ASSERT(strstr(run->crash_message, "out of memory") != NULL);
	CU_ASSERT_EQUAL(run->exit_status, 2);
	CU_ASSERT(!run->summary);
	done(run);
}

static void test_wild_access_kills_one_child(void)
{
	struct ref_machine machine;
	struct ref_run *run;

	ref_machine_standard(&machine);
	run = run_one(&machine, "selftest.guest.crash_in_test");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	if (!run)
		return;	/* not reached: for the compiler, which cannot know */
	CU_ASSERT(strstr(run->died, "signal") != NULL);
	CU_ASSERT(!run->summary);
	CU_ASSERT_PTR_NOT_NULL(ref_run_result(run, "selftest.guest.crash_in_test", "rng0"));
	done(run);
}

static void test_hang_meets_the_time_limit(void)
{
	struct ref_machine machine;
	struct ref_run *run;

	ref_machine_standard(&machine);
	machine.time_limit_s = 1;
	run = run_one(&machine, "selftest.guest.hang_in_test");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	if (!run)
		return;	/* not reached: for the compiler, which cannot know */
	CU_ASSERT(strstr(run->died, "time limit") != NULL);
	done(run);
}

static CU_TestInfo containment_tests[] = {
	{ "test_fatal ends the run with a crash line", test_fatal_ends_the_run },
	{ "a wild access kills only its run", test_wild_access_kills_one_child },
	{ "a hang meets the run's time limit", test_hang_meets_the_time_limit },
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo containment_suites[] = {
	{ "containment", NULL, NULL, NULL, NULL, containment_tests },
	CU_SUITE_INFO_NULL,
};
