/*
 * Host actions in the harness (docs/host-actions.md): the answer line for
 * unknown actions and bad requests, and what blk-resize sends over QMP,
 * checked against a fake QEMU monitor on a UNIX socket.
 */
#include <CUnit/CUnit.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/host_action_helpers.h"
#include "hypervisors/qemu/qemu.h"
#include "protocol/line_encode.h"

static const struct device_instance blk0 = { .name = "blk0", .type = "blk", .pci_slot = 4,
	.image_name = "blk0.img", .image_size = 64 * 1024 };
static const struct device_instance blk1 = { .name = "blk1", .type = "blk", .pci_slot = 5,
	.image_name = "blk1.img", .image_size = 16 * 1024, .read_only = true };
static const struct device_instance *devices[] = { &blk0, &blk1 };
static struct run_settings settings = { .output = "/tmp" };
static char config_name[64];
static struct vcts_config config = {
	.hypervisor = "qemu", .hypervisor_ops = &qemu_hypervisor, .settings = &settings,
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern", .mode = "modern",
	.devices = devices, .device_count = 2,
};

static struct report report;
static struct run_state rs;
static struct vcts_line answer;
static char *socket_path;

const char *host_action_answer(struct host_session *session, const char *const *pairs,
			       struct vcts_line *out)
{
	struct vcts_line request;
	struct line_builder lb;
	char *text, *reply;

	line_builder_begin(&lb, "request");
	for (; *pairs; pairs += 2)
		line_builder_add(&lb, pairs[0], pairs[1]);
	text = line_builder_finish(&lb);
	CU_ASSERT_EQUAL_FATAL(line_parse(text, strlen(text), &request), LINE_OK);
	reply = host_action_perform(session, &request);
	CU_ASSERT_EQUAL_FATAL(line_parse(reply, strlen(reply), out), LINE_OK);
	CU_ASSERT_STRING_EQUAL(out->kind, "answer");
	free(reply);
	free(text);
	return line_get(out, "status");
}

/* The answer of the harness to a request with @pairs, on blk0 and blk1. */
static void perform(const char *const *pairs)
{
	struct host_session session = { .rs = &rs, .config = &config };

	host_action_answer(&session, pairs, &answer);
}

#define PERFORM(...) perform((const char *const[]){ __VA_ARGS__, NULL })

/* Registered in main.c with its tests. */
int host_action_setup(void);
int host_action_teardown(void);

int host_action_setup(void)
{
	memset(&report, 0, sizeof(report));
	run_state_init(&rs, &report, report_add_run(&report, &config), "logs/cfg.log");
	/* The QMP socket the backend computes: /tmp/qmp-NAME.sock. */
	snprintf(config_name, sizeof(config_name), "vcts-unit-%d", (int)getpid());
	config.name = config_name;
	socket_path = qemu_qmp_socket(&config);
	return 0;
}

int host_action_teardown(void)
{
	run_state_free(&rs);
	report_free(&report);
	unlink(socket_path);
	free(socket_path);
	return 0;
}

static void test_unknown_action_unsupported(void)
{
	PERFORM("id", "7", "device", "blk0", "action", "teleport");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "id"), "7");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "unsupported");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "teleport"));
}

static void test_resize_refuses_bad_requests(void)
{
	PERFORM("id", "1", "device", "blk1", "action", "blk-resize", "bytes", "4096");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "read-only"));
	PERFORM("id", "2", "device", "blk9", "action", "blk-resize", "bytes", "4096");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
	PERFORM("id", "3", "device", "blk0", "action", "blk-resize", "bytes", "-5");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "bad bytes"));
	PERFORM("id", "4", "device", "blk0", "action", "blk-resize");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
}

static void test_resize_without_monitor_is_error(void)
{
	unlink(socket_path);
	PERFORM("id", "5", "device", "blk0", "action", "blk-resize", "bytes", "4096");
	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
	CU_ASSERT_STRING_NOT_EQUAL(line_get(&answer, "msg"), "");
}

/* Also the stand-in for QEMU's end of a console port (test_host_action_console.c). */
int listen_on(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	unlink(path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 1)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* One JSON value as the client sent it (QMP needs no newline after it). */
static bool read_json(int fd, char *buf, size_t size)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *value = NULL;
	size_t len = 0;

	while (!value && len + 1 < size && read(fd, buf + len, 1) == 1) {
		value = json_tokener_parse_ex(tok, buf + len, 1);
		len++;
	}
	buf[len] = '\0';
	json_tokener_free(tok);
	json_object_put(value);
	return value != NULL;
}

/*
 * A QEMU monitor that serves one connection: greeting, capabilities,
 * then one command, which it writes to @record and answers with @reply.
 */
static void fake_monitor(int listener, int record, const char *reply)
{
	char line[4096];
	int fd = accept(listener, NULL, NULL);
	static const char greeting[] = "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\n";
	static const char ok[] = "{\"return\": {}}\n";

	if (fd < 0 || write(fd, greeting, strlen(greeting)) < 0 || !read_json(fd, line, sizeof(line)) ||
	    write(fd, ok, strlen(ok)) < 0 || !read_json(fd, line, sizeof(line)))
		_exit(1);
	if (write(record, line, strlen(line)) < 0 || write(fd, reply, strlen(reply)) < 0)
		_exit(1);
	close(fd);
	_exit(0);
}

/* Runs a blk-resize of blk0 to @bytes against a monitor replying @reply; the command it saw. */
static struct json_object *resize_against_monitor(const char *bytes, const char *reply)
{
	char seen[4096] = "";
	int listener = listen_on(socket_path), channel[2], status = 0;
	pid_t child;
	ssize_t n;

	CU_ASSERT_FATAL(listener >= 0);
	CU_ASSERT_EQUAL_FATAL(pipe(channel), 0);
	child = fork();
	CU_ASSERT_FATAL(child >= 0);
	if (child == 0)
		fake_monitor(listener, channel[1], reply);
	close(channel[1]);
	close(listener);
	PERFORM("id", "9", "device", "blk0", "action", "blk-resize", "bytes", bytes);
	n = read(channel[0], seen, sizeof(seen) - 1);
	close(channel[0]);
	waitpid(child, &status, 0);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return json_tokener_parse(n > 0 ? seen : "null");
}

static void test_resize_sends_block_resize(void)
{
	struct json_object *cmd = resize_against_monitor("1048576", "{\"return\": {}}\n");
	struct json_object *args = NULL, *field = NULL;

	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "ok");
	CU_ASSERT_FATAL(cmd && json_object_object_get_ex(cmd, "execute", &field));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(field), "block_resize");
	CU_ASSERT_FATAL(json_object_object_get_ex(cmd, "arguments", &args));
	CU_ASSERT(json_object_object_get_ex(args, "device", &field) &&
		  !strcmp(json_object_get_string(field), "blk0"));
	CU_ASSERT(json_object_object_get_ex(args, "size", &field) &&
		  json_object_get_int64(field) == 1048576);
	json_object_put(cmd);
}

static void test_resize_reports_qemu_error(void)
{
	struct json_object *cmd = resize_against_monitor(
		"4096", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"shrinking refused\"}}\n");

	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "shrinking refused"));
	json_object_put(cmd);
}

/* A "desc" that is no string: the error object itself, never a NULL string. */
static void test_resize_reports_error_without_desc(void)
{
	struct json_object *cmd = resize_against_monitor(
		"4096", "{\"error\": {\"class\": \"GenericError\", \"desc\": null}}\n");

	CU_ASSERT_STRING_EQUAL(line_get(&answer, "status"), "error");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_get(&answer, "msg"), "GenericError"));
	json_object_put(cmd);
}

CU_TestInfo host_action_tests[] = {
	{ "unknown action is unsupported", test_unknown_action_unsupported },
	{ "blk-resize refuses bad requests", test_resize_refuses_bad_requests },
	{ "blk-resize without a monitor is an error", test_resize_without_monitor_is_error },
	{ "blk-resize sends block_resize", test_resize_sends_block_resize },
	{ "blk-resize reports QEMU's error", test_resize_reports_qemu_error },
	{ "blk-resize reports an error without desc", test_resize_reports_error_without_desc },
	CU_TEST_INFO_NULL,
};
