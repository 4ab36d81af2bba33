/*
 * The console host actions (harness/hypervisors/qemu/actions_console.c)
 * against a stand-in for QEMU's side of port org.vcts.0: a listening UNIX
 * socket in this process, at the path the QEMU command line names.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "guest-kernel/lib/fnv.h"
#include "vm/host_action_module.h"
#include "hypervisors/qemu/qemu.h"
#include "protocol/line_encode.h"
#include "tests/unit/host_action_helpers.h"

static const struct device_instance console0 = { .name = "console0", .type = "console",
	.pci_slot = 6 };
static const struct device_instance *devices[] = { &console0 };
static struct run_settings settings = { .output = "/tmp" };
static struct vcts_config config = {
	.hypervisor = "qemu", .hypervisor_ops = &qemu_hypervisor, .settings = &settings,
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern",
	.mode = "modern", .bus = BUS_PCI, .devices = devices, .device_count = 1,
};
static struct report report;
static struct run_state rs;
static struct host_session session;
static struct vcts_line answer;
static char config_name[64];

/* The answer to a console request on console0 with @pairs (key, value, ..., NULL). */
#define PERFORM(...)								\
	host_action_answer(&session,						\
			   (const char *const[]){ "id", "1", "device", "console0", __VA_ARGS__, NULL }, \
			   &answer)

/* QEMU's end: listening where the chardev would, once the session has cleared the path. */
static int listen_as_qemu(void)
{
	char *path = qemu_console_socket(&config);
	int fd = listen_on(path);

	free(path);
	return fd;
}

static void send_pattern(int fd, uint32_t seed, size_t bytes, size_t wrong_at)
{
	uint8_t data[64];

	for (size_t i = 0; i < bytes; i++)
		data[i] = (uint8_t)(pattern_byte(seed, 0, (uint32_t)i) ^ (i == wrong_at ? 1 : 0));
	CU_ASSERT_EQUAL(write(fd, data, bytes), (ssize_t)bytes);
}

static void setup_session(void)
{
	snprintf(config_name, sizeof(config_name), "unit-console-%d", (int)getpid());
	config.name = config_name;
	memset(&report, 0, sizeof(report));
	run_state_init(&rs, &report, report_add_run(&report, &config), "logs/cfg.log");
	CU_ASSERT_EQUAL_FATAL(host_session_open(&session, &rs, &config), 0);
}

static void teardown_session(void)
{
	host_session_close(&session);
	run_state_free(&rs);
	report_free(&report);
}

static void test_console_both_directions(void)
{
	uint8_t got[64];
	int listener, qemu;

	setup_session();
	listener = listen_as_qemu();
	CU_ASSERT_FATAL(listener >= 0);
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-close", "port", "org.vcts.0"), "error");
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-open", "port", "org.vcts.0"), "ok");
	qemu = accept(listener, NULL, NULL);
	CU_ASSERT_FATAL(qemu >= 0);
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-to-guest", "port", "org.vcts.0",
				       "bytes", "40", "seed", "5"), "ok");
	CU_ASSERT_EQUAL(read(qemu, got, sizeof(got)), 40);
	for (uint32_t i = 0; i < 40; i++)
		CU_ASSERT_EQUAL(got[i], pattern_byte(5, 0, i));
	send_pattern(qemu, 7, 30, 99);
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-from-guest", "port", "org.vcts.0",
				       "bytes", "30", "seed", "7"), "ok");
	send_pattern(qemu, 7, 30, 3);
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-from-guest", "port", "org.vcts.0",
				       "bytes", "30", "seed", "7"), "differs");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "byte 3"));
	/* Stale output is dropped by a second console-open. */
	send_pattern(qemu, 9, 8, 99);
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-open", "port", "org.vcts.0"), "ok");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "8 stale"));
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-close", "port", "org.vcts.0"), "ok");
	CU_ASSERT_EQUAL(read(qemu, got, sizeof(got)), 0);	/* QEMU sees the close */
	close(qemu);
	close(listener);
	teardown_session();
}

static void test_console_refuses_bad_requests(void)
{
	setup_session();
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-open", "port", "org.other"), "error");
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-to-guest", "port", "org.vcts.0",
				       "bytes", "4", "seed", "1"), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "not open"));
	CU_ASSERT_STRING_EQUAL(PERFORM("action", "console-open", "port", "org.vcts.0"), "error");
	teardown_session();
}

/* A socket path longer than sun_path: the session (and so the run) does not start. */
static void test_console_path_too_long(void)
{
	static char name[160];

	memset(name, 'x', sizeof(name) - 1);
	config.name = name;
	CU_ASSERT_EQUAL(host_session_open(&session, &rs, &config), -1);
	CU_ASSERT_PTR_NULL(session.console);
}

CU_TestInfo host_action_console_tests[] = {
	{ "console actions both directions", test_console_both_directions },
	{ "console actions refuse bad requests", test_console_refuses_bad_requests },
	{ "console socket path too long", test_console_path_too_long },
	CU_TEST_INFO_NULL,
};
