/*
 * The kernel's real transports against the register models: for each
 * transport, the whole registry on fault-free devices (nothing fails,
 * and every test of that transport passes on some device), then the
 * transport fault cases (ref_faults_pci.h, ref_faults_pci_legacy.h,
 * ref_faults_mmio.h, ref_faults_ccw.h, RING_ON_TRANSPORT_FAULT_CASES): each makes its test fail
 * naming its clause, and the run ends normally.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "lib/test.h"
#include "tests/reference/ref_cases.h"

extern const struct test_case __start_vcts_tests[], __stop_vcts_tests[];

/* The tests that exist for @transport's rules alone (test ids, test_scope.c). */
static const char *const transport_groups[REF_TRANSPORT_COUNT][4] = {
	[REF_TRANSPORT_PCI_MODERN] = { "modern.pci." },
	[REF_TRANSPORT_PCI_LEGACY] = { "legacy.pci.", "legacy.ring.", "legacy.notify." },
	[REF_TRANSPORT_MMIO_V2] = { "modern.mmio." },
	[REF_TRANSPORT_MMIO_V1] = { "legacy.mmio." },
	[REF_TRANSPORT_CCW_MODERN] = { "modern.ccw." },
	[REF_TRANSPORT_CCW_LEGACY] = { "legacy.ccw." },
};

static bool in_groups(enum ref_transport transport, const char *id)
{
	for (int g = 0; g < 4 && transport_groups[transport][g]; g++) {
		const char *prefix = transport_groups[transport][g];

		if (!strncmp(id, prefix, strlen(prefix)))
			return true;
	}
	return false;
}

static bool passes_somewhere(const struct ref_run *run, const char *test)
{
	for (int i = 0; i < run->result_count; i++) {
		if (!strcmp(run->results[i].test, test) && !strcmp(run->results[i].verdict, "pass"))
			return true;
	}
	return false;
}

static void check_fault_free(enum ref_transport transport)
{
	const struct ref_run *run = ref_case_baseline(transport);
	const char *name = ref_transport_name(transport);

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	if (!ref_case_run_completed(run, name))
		return;
	CU_ASSERT_EQUAL(run->exit_status, 0);
	for (int i = 0; i < run->result_count; i++) {
		const struct ref_result *r = &run->results[i];

		if (strcmp(r->verdict, "pass") && strcmp(r->verdict, "skip"))
			ref_case_report("fault-free run on %s: %s fails on %s", name, r->test,
					r->device);
	}
	for (const struct test_case *t = __start_vcts_tests; t < __stop_vcts_tests; t++) {
		if (in_groups(transport, t->id) && !passes_somewhere(run, t->id))
			ref_case_report("fault-free run on %s: %s passes on no device%s", name,
					t->id, "");
	}
}

#define FAULT_FREE_TEST(transport, function)				\
	static void function(void) { check_fault_free(transport); }
FAULT_FREE_TEST(REF_TRANSPORT_PCI_MODERN, test_pci_modern_fault_free)
FAULT_FREE_TEST(REF_TRANSPORT_PCI_LEGACY, test_pci_legacy_fault_free)
FAULT_FREE_TEST(REF_TRANSPORT_MMIO_V2, test_mmio_v2_fault_free)
FAULT_FREE_TEST(REF_TRANSPORT_MMIO_V1, test_mmio_v1_fault_free)
FAULT_FREE_TEST(REF_TRANSPORT_CCW_MODERN, test_ccw_modern_fault_free)
FAULT_FREE_TEST(REF_TRANSPORT_CCW_LEGACY, test_ccw_legacy_fault_free)

#define DEFINE_CASE_TEST(name, fault, transport, device, test, clause)	\
	static void test_##name(void) { ref_case_check(REF_CASE_##name); }
#define TRANSPORT_FAULT_CASES(X)					\
	PCI_FAULT_CASES(X)						\
	PCI_LEGACY_FAULT_CASES(X)					\
	MMIO_FAULT_CASES(X)						\
	CCW_FAULT_CASES(X)						\
	RING_ON_TRANSPORT_FAULT_CASES(X)
TRANSPORT_FAULT_CASES(DEFINE_CASE_TEST)

#define CASE_ENTRY(name, fault, transport, device, test, clause) { #name, test_##name },

static CU_TestInfo transport_tests[] = {
	{ "pci-modern: fault-free devices pass", test_pci_modern_fault_free },
	{ "pci-legacy: fault-free devices pass", test_pci_legacy_fault_free },
	{ "mmio-v2: fault-free devices pass", test_mmio_v2_fault_free },
	{ "mmio-v1: fault-free devices pass", test_mmio_v1_fault_free },
	{ "ccw-modern: fault-free devices pass", test_ccw_modern_fault_free },
	{ "ccw-legacy: fault-free devices pass", test_ccw_legacy_fault_free },
	TRANSPORT_FAULT_CASES(CASE_ENTRY)
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo transport_suites[] = {
	{ "transports", NULL, NULL, NULL, NULL, transport_tests },
	CU_SUITE_INFO_NULL,
};
