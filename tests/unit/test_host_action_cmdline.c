/*
 * The kernel-cmdline host action (harness/vm/host_action_cmdline.c): the
 * answer carries the command line the VM would have had with -append, on
 * every backend, and a command line the kernel cannot take is an error,
 * never a truncated answer.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/qemu/qemu.h"
#include "tests/unit/host_action_helpers.h"

static struct run_settings settings = { .output = "/tmp" };
static struct vcts_config qemu_config = {
	.name = "unit-cmdline", .hypervisor = "qemu", .hypervisor_ops = &qemu_hypervisor,
	.settings = &settings, .arch = "x86_64", .machine = "q35", .transport = "pci-modern",
	.mode = "modern",
};
/* A backend with no host actions of its own (a profile without QMP, say). */
static struct vcts_config bare_config = {
	.name = "unit-cmdline-bare", .hypervisor = "virtualbox", .settings = &settings,
	.arch = "x86_64", .machine = "pc", .transport = "pci-modern", .mode = "modern",
};
static struct vcts_line answer;

/* The answer of a session of @config whose VM has @cmdline; its status. */
static const char *ask(const struct vcts_config *config, const char *cmdline)
{
	struct host_session session = { .config = config, .kernel_cmdline = cmdline };

	return host_action_answer(&session,
				  (const char *const[]){ "id", "1", "test", "", "device", "-",
							 "action", "kernel-cmdline", NULL },
				  &answer);
}

static void test_answer_carries_the_cmdline(void)
{
	const char *cmdline = "vcts.seed=7 vcts.mode=modern vcts.transport=pci-modern "
			      "vcts.filter=devices.rng.*,devices.blk.*";

	CU_ASSERT_STRING_EQUAL(ask(&qemu_config, cmdline), "ok");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "id"), "1");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "msg"), cmdline);
}

static void test_every_backend_answers(void)
{
	CU_ASSERT_STRING_EQUAL(ask(&bare_config, "vcts.seed=3"), "ok");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "msg"), "vcts.seed=3");
}

static void test_no_cmdline_is_an_error(void)
{
	CU_ASSERT_STRING_EQUAL(ask(&qemu_config, NULL), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "no kernel command line"));
}

/* The kernel keeps 2047 bytes: one more is refused, not cut short. */
static void test_overlong_cmdline_is_an_error(void)
{
	char *cmdline = malloc(2049);

	memset(cmdline, 'a', 2048);
	cmdline[2047] = '\0';
	CU_ASSERT_STRING_EQUAL(ask(&qemu_config, cmdline), "ok");
	CU_ASSERT_EQUAL(strlen(line_get(&answer, "msg")), 2047);
	cmdline[2047] = 'a';
	cmdline[2048] = '\0';
	CU_ASSERT_STRING_EQUAL(ask(&qemu_config, cmdline), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "2047 at most"));
	free(cmdline);
}

/* Escaping triples a space: 1400 of them do not fit in a 4096-byte line. */
static void test_cmdline_that_escapes_too_long_is_an_error(void)
{
	char *cmdline = malloc(1401);

	memset(cmdline, ' ', 1400);
	cmdline[1400] = '\0';
	CU_ASSERT_STRING_EQUAL(ask(&qemu_config, cmdline), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "the protocol allows 4096"));
	free(cmdline);
}

CU_TestInfo host_action_cmdline_tests[] = {
	{ "the answer carries the command line", test_answer_carries_the_cmdline },
	{ "every backend answers", test_every_backend_answers },
	{ "no command line is an error", test_no_cmdline_is_an_error },
	{ "an overlong command line is an error", test_overlong_cmdline_is_an_error },
	{ "a command line too long escaped is an error", test_cmdline_that_escapes_too_long_is_an_error },
	CU_TEST_INFO_NULL,
};
