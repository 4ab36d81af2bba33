/*
 * The kernel on devices that need more of the driver than the standard
 * machine's: the machine variants of ref_machine_variant().
 *
 * access-platform: every device offers VIRTIO_F_ACCESS_PLATFORM and
 * VIRTIO_F_ORDER_PLATFORM, refuses FEATURES_OK without them (6.2 allows
 * it; QEMU with iommu_platform=on does it) and reaches memory through the
 * machine's IOMMU, so that an address the kernel gives untranslated is
 * caught. blk-4096: the block devices have 4096-byte blocks and refuse
 * requests of less, as QEMU with logical_block_size=4096 does.
 *
 * The ring and block tests must give the same verdicts there as on the
 * standard machine, and the checks that only such devices reach must be
 * able to fail.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/reference/ref_cases.h"
#include "tests/reference/ref_machine.h"
#include "virtio/virtio_spec.h"

/* The tests whose verdicts must not change: no host action, no timing in them. */
static const char *const compared_tests[] = { "devices.blk.", "devices.rng.", "modern." };

#define SUB_BLOCK_TEST "devices.blk.sub_block_request"
#define MINIMAL_SUBSET_TEST "modern.features.features_ok_accepts_minimal_subset"

static struct ref_run *standard_run, *platform_run, *blocks_run;

/* A run of @filter on the standard machine turned into @variant, @fault in @device. */
static struct ref_run *run_variant(const char *variant, const char *filter,
				   enum ref_fault fault, const char *device)
{
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));

	ref_machine_standard(&machine);
	if (!run || !ref_machine_variant(&machine, variant)) {
		free(run);
		return NULL;
	}
	if (device)
		ref_machine_options(&machine, device)->fault = fault;
	if (!ref_run(&machine, filter, run)) {
		free(run);
		return NULL;
	}
	return run;
}

static void run_done(struct ref_run *run)
{
	if (run)
		ref_run_free(run);
	free(run);
}

static int suite_init(void)
{
	standard_run = run_variant("standard", "", REF_FAULT_NONE, NULL);
	platform_run = run_variant("access-platform", "", REF_FAULT_NONE, NULL);
	blocks_run = run_variant("blk-4096", "", REF_FAULT_NONE, NULL);
	return standard_run && platform_run && blocks_run ? 0 : 1;
}

static int suite_cleanup(void)
{
	run_done(standard_run);
	run_done(platform_run);
	run_done(blocks_run);
	standard_run = platform_run = blocks_run = NULL;
	return 0;
}

static bool is_compared(const char *test)
{
	for (size_t i = 0; i < sizeof(compared_tests) / sizeof(compared_tests[0]); i++) {
		if (!strncmp(test, compared_tests[i], strlen(compared_tests[i])))
			return true;
	}
	return false;
}

/*
 * Every compared test of the standard run has the same verdict in @run
 * (@except aside), and no test of @run fails; @what names the variant.
 */
static void check_same_verdicts(const struct ref_run *run, const char *what,
				const char *except)
{
	char where[160];

	if (!ref_case_run_completed(standard_run, "standard run") ||
	    !ref_case_run_completed(run, what))
		return;
	CU_ASSERT(ref_run_count(run, "pass") > 0);
	for (int i = 0; i < run->result_count; i++) {
		const struct ref_result *r = &run->results[i];

		snprintf(where, sizeof(where), "%s on %s", r->test, r->device);
		if (!strcmp(r->verdict, "fail"))
			ref_case_report("%s: %s fails: %s", what, where, r->reason);
	}
	for (int i = 0; i < standard_run->result_count; i++) {
		const struct ref_result *before = &standard_run->results[i], *after;

		if (!is_compared(before->test) || (except && !strcmp(before->test, except)))
			continue;
		after = ref_run_result(run, before->test, before->device);
		snprintf(where, sizeof(where), "%s on %s (standard: %s)", before->test,
			 before->device, before->verdict);
		if (!after || strcmp(after->verdict, before->verdict))
			ref_case_report("%s: %s is %s", what, where, after ? after->verdict : "missing");
	}
}

/*
 * One run of @test on @variant with @fault in @device: it must end with
 * @verdict there, and a failure must name @clause.
 */
static void expect_verdict(const char *variant, enum ref_fault fault, const char *device,
			   const char *test, const char *verdict, const char *clause)
{
	struct ref_run *run = run_variant(variant, test, fault, device);
	const struct ref_result *r;
	char what[160];

	snprintf(what, sizeof(what), "%s with %s in %s", variant, ref_fault_name(fault), device);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	if (ref_case_run_completed(run, what)) {
		r = ref_run_result(run, test, device);
		if (!r || strcmp(r->verdict, verdict))
			ref_case_report("%s: %s is not %s", what, test, verdict);
		else if (clause && !ref_result_has_clause(r, clause))
			ref_case_report("%s: no fail line of %s names \"%s\"", what, test, clause);
	}
	run_done(run);
}

/* 6.1, 6.2: the kernel accepts the platform features and translates every address. */
static void test_platform_same_verdicts(void)
{
	check_same_verdicts(platform_run, "access-platform", NULL);
	/* The variant is real: the devices refuse VERSION_1 alone. */
	if (!strstr(platform_run->console, "refused, as 6.2 allows"))
		ref_case_report("%s: no device refused VERSION_1 alone%s%s", "access-platform", "", "");
}

/*
 * A kernel that gave a device an untranslated address would be caught:
 * with the IOMMU hidden from the kernel, the device finds nothing at the
 * addresses it gets and the queue cannot be set up.
 */
static void test_untranslated_address_caught(void)
{
	expect_verdict("access-platform", REF_FAULT_NONE, "blk0", "devices.blk.read_host_pattern",
		       "pass", NULL);
	expect_verdict("access-platform", REF_FAULT_IOMMU_UNDESCRIBED, "blk0",
		       "devices.blk.read_host_pattern", "fail", CLAUSE_FEATURES);
}

/* The minimal subset with the platform features is still refused by a faulty device. */
static void test_minimal_subset_can_fail(void)
{
	expect_verdict("access-platform", REF_FAULT_FEATURES_OK_REFUSES_SUBSET, "rng0",
		       MINIMAL_SUBSET_TEST, "fail", CLAUSE_FEATURES);
}

/* 5.2.5: the kernel sends whole blocks; a refused sub-block request is a note saying so. */
static void test_blocks_same_verdicts(void)
{
	const char *devices[] = { "blk0", "blk1" };

	check_same_verdicts(blocks_run, "blk-4096", SUB_BLOCK_TEST);
	for (int i = 0; i < 2; i++) {
		const struct ref_result *r = ref_run_result(blocks_run, SUB_BLOCK_TEST, devices[i]);

		if (!r || strcmp(r->verdict, "note") || !strstr(r->reason, "status IOERR"))
			ref_case_report("blk-4096: %s on %s is not a note for IOERR: %s", SUB_BLOCK_TEST,
				   devices[i], r ? r->reason : "missing");
	}
}

/* A device that serves requests inside a block passes, unless it serves the wrong data. */
static void test_sub_block_served(void)
{
	expect_verdict("blk-4096-sub-block", REF_FAULT_NONE, "blk0", SUB_BLOCK_TEST, "pass", NULL);
	expect_verdict("blk-4096-sub-block", REF_FAULT_BLK_SUB_BLOCK_MISPLACED, "blk0",
		       SUB_BLOCK_TEST, "fail", CLAUSE_BLK_OPERATION);
}

static CU_TestInfo platform_tests[] = {
	{ "access-platform: ring and blk verdicts as on the standard machine",
	  test_platform_same_verdicts },
	{ "access-platform: an untranslated address is caught", test_untranslated_address_caught },
	{ "access-platform: minimal subset refused", test_minimal_subset_can_fail },
	{ "blk-4096: ring and blk verdicts as on the standard machine",
	  test_blocks_same_verdicts },
	{ "blk-4096: sub-block request served, and served wrong", test_sub_block_served },
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo platform_suites[] = {
	{ "platform features and block sizes", suite_init, suite_cleanup, NULL, NULL,
	  platform_tests },
	CU_SUITE_INFO_NULL,
};
