/*
 * Accelerator choice: KVM only when it is usable AND backed by hardware
 * virtualization, unless the user insists.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <string.h>

#include "hypervisors/accel.h"

static const struct kvm_probe hardware = { true, 0, 12, "vmx", "x86_64" };
static const struct kvm_probe nested = { true, 0, 12, NULL, "x86_64" };
static const struct kvm_probe absent = { false, ENOENT, -1, "svm", "x86_64" };
static const struct kvm_probe no_access = { true, EACCES, -1, "vmx", "x86_64" };
static const struct kvm_probe old_api = { true, 0, 11, "vmx", "x86_64" };
static const struct kvm_probe arm_host = { true, 0, 12, NULL, "aarch64" };

static void test_auto(void)
{
	struct accel_choice c;

	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "x86_64", &hardware, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "kvm");
	CU_ASSERT_STRING_EQUAL(c.reason, "/dev/kvm usable and the CPU has vmx");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "x86_64", &nested, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_STRING_EQUAL(c.reason,
		"/dev/kvm usable but the CPU has no vmx/svm: software-nested KVM is slower than TCG; --accel kvm forces it");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "x86_64", &absent, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_STRING_EQUAL(c.reason, "/dev/kvm does not exist");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "x86_64", &no_access, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_PTR_NOT_NULL(strstr(c.reason, "Permission denied"));
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "x86_64", &old_api, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
}

static void test_forced(void)
{
	struct accel_choice c;

	CU_ASSERT_EQUAL(accel_choose(ACCEL_TCG, "x86_64", &hardware, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, "x86_64", &nested, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "kvm");
	CU_ASSERT_PTR_NOT_NULL(strstr(c.reason, "slower"));
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, "x86_64", &absent, &c), -1);
	CU_ASSERT_STRING_EQUAL(c.reason, "--accel kvm, but KVM is not usable: /dev/kvm does not exist");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, "x86_64", &old_api, &c), -1);
}

/* KVM runs the host's own arch only; on an aarch64 host it is taken as hardware. */
static void test_guest_arch(void)
{
	struct accel_choice c;

	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "aarch64", &hardware, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_STRING_EQUAL(c.reason,
		"the guest is aarch64, the host x86_64: KVM runs the host's arch only");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, "aarch64", &hardware, &c), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.reason, "--accel kvm, but KVM is not usable: the guest is aarch64"));
	CU_ASSERT_EQUAL(accel_choose(ACCEL_TCG, "aarch64", &hardware, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "aarch64", &arm_host, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "kvm");
	CU_ASSERT_STRING_EQUAL(c.reason, "/dev/kvm usable on an aarch64 host");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_KVM, "aarch64", &arm_host, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.reason, "--accel kvm");
	CU_ASSERT_EQUAL(accel_choose(ACCEL_AUTO, "x86_64", &arm_host, &c), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "tcg");
}

CU_TestInfo accel_tests[] = {
	{ "auto", test_auto },
	{ "forced", test_forced },
	{ "guest arch", test_guest_arch },
	CU_TEST_INFO_NULL,
};
