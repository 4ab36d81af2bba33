/*
 * Every conformance check can fail: the kernel's tests against the
 * reference device on the "reference" ops, first as the specification
 * wants it (everything passes), then with one fault at a time (the check
 * for that rule fails, naming the rule's clause, and the run still ends
 * normally).
 *
 * The cases are FAULT_CASES in ref_fault_cases.h, the table of
 * docs/reference-device.md: fault, device it is injected into, the test
 * that must catch it, and the clause its `fail` line must name. The
 * transports' cases are test_transports.c's.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/reference/ref_cases.h"

static int baseline_init(void)
{
	return ref_case_baseline(REF_TRANSPORT_REFERENCE) ? 0 : 1;
}

static void test_baseline_passes(void)
{
	const struct ref_run *baseline = ref_case_baseline(REF_TRANSPORT_REFERENCE);

	CU_ASSERT_PTR_NOT_NULL_FATAL(baseline);
	if (!ref_case_run_completed(baseline, "fault-free run"))
		return;
	CU_ASSERT_EQUAL(baseline->exit_status, 0);
	CU_ASSERT(ref_run_count(baseline, "pass") > 0);
	for (int i = 0; i < baseline->result_count; i++) {
		const struct ref_result *r = &baseline->results[i];

		if (strcmp(r->verdict, "pass") && strcmp(r->verdict, "skip"))
			ref_case_report("fault-free run: %s on %s: %s", r->test, r->device,
					r->reason);
		else if (!strcmp(r->verdict, "skip"))
			printf("\n    skip %s on %s: %s", r->test, r->device, r->reason);
	}
}

/* 2.5.1: a configuration that changes mid-read with a new generation reads consistently. */
static void test_config_change_retried(void)
{
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	ref_machine_standard(&machine);
	ref_machine_options(&machine, "blk0")->behaviour = REF_BEHAVIOUR_CONFIG_CHANGES_MID_READ;
	CU_ASSERT_FATAL(ref_run(&machine, "devices.blk.*", run));
	if (ref_case_run_completed(run, "capacity changing mid-read")) {
		CU_ASSERT_EQUAL(ref_run_count(run, "fail"), 0);
		CU_ASSERT(ref_run_count(run, "pass") > 0);
	}
	ref_run_free(run);
	free(run);
}

static void check_uncaught(enum ref_fault fault)
{
	const char *name = ref_fault_name(fault);
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	ref_machine_standard(&machine);
	for (int i = 0; i < machine.count; i++)
		machine.devices[i].options.fault = fault;
	CU_ASSERT_FATAL(ref_run(&machine, "", run));
	if (ref_case_run_completed(run, name)) {
		for (int i = 0; i < run->result_count; i++) {
			if (!strcmp(run->results[i].verdict, "fail"))
				printf("\n    %s: caught by %s on %s", name, run->results[i].test,
				       run->results[i].device);
		}
	}
	ref_run_free(run);
	free(run);
}

#define DEFINE_FAULT_TEST(name, fault, device, test, clause)	\
	static void test_##name(void) { ref_case_check(REF_CASE_##name); }
#define DEFINE_UNCAUGHT_TEST(name, fault)			\
	static void test_uncaught_##name(void) { check_uncaught(fault); }
FAULT_CASES(DEFINE_FAULT_TEST)
UNCAUGHT_FAULTS(DEFINE_UNCAUGHT_TEST)

#define FAULT_ENTRY(name, fault, device, test, clause) { #name, test_##name },
#define UNCAUGHT_ENTRY(name, fault) { "completes with " #name, test_uncaught_##name },

static CU_TestInfo reference_tests[] = {
	{ "fault-free device passes every test", test_baseline_passes },
	{ "config change mid-read is retried", test_config_change_retried },
	FAULT_CASES(FAULT_ENTRY)
	UNCAUGHT_FAULTS(UNCAUGHT_ENTRY)
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo reference_suites[] = {
	{ "reference device", baseline_init, NULL, NULL, NULL, reference_tests },
	CU_SUITE_INFO_NULL,
};
