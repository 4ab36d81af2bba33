/*
 * Accelerator choice: KVM only when it is usable AND backed by hardware
 * virtualization, unless the user insists.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <string.h>

#include "accel.h"

static const struct kvm_probe hardware = { true, 0, 12, "vmx" };
static const struct kvm_probe nested = { true, 0, 12, NULL };
static const struct kvm_probe absent = { false, ENOENT, -1, "svm" };
static const struct kvm_probe no_access = { true, EACCES, -1, "vmx" };
static const struct kvm_probe old_api = { true, 0, 11, "vmx" };

static void test_auto(void)
{
	struct accel_choice c;

	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, &hardware, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "kvm");
	CU_ASSERT_STRING_EQUAL(c.reason, "/dev/kvm usable and the CPU has vmx");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, &nested, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_STRING_EQUAL(c.reason,
		"/dev/kvm usable but the CPU has no vmx/svm: software-nested KVM is slower than TCG; --accel kvm forces it");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, &absent, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_STRING_EQUAL(c.reason, "/dev/kvm does not exist");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, &no_access, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_PTR_NOT_NULL(strstr(c.reason, "Permission denied"));
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, &old_api, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
}

static void test_forced(void)
{
	struct accel_choice c;

	CU_ASSERT_EQUAL(accel_choose(ACCEL_TCG, &hardware, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, &nested, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "kvm");
	CU_ASSERT_PTR_NOT_NULL(strstr(c.reason, "slower"));
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, &absent, &c), -1);
	CU_ASSERT_STRING_EQUAL(c.reason, "--accel kvm, but KVM is not usable: /dev/kvm does not exist");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, &old_api, &c), -1);
}

CU_TestInfo accel_tests[] = {
	{ "auto", test_auto },
	{ "forced", test_forced },
	CU_TEST_INFO_NULL,
};
