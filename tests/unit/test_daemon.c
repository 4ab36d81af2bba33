/*
 * Helper daemons (harness/vm/daemon.c) against small sh scripts; the one
 * that listens is this binary itself (listen_helper.c). Each test gets a
 * fresh directory for its socket and log.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "util.h"
#include "vm/daemon.h"

/* sh -c SCRIPT: $0 is this binary, $1 the socket, $2 a spare file. */
#define LISTEN "VCTS_UNIT_LISTEN=\"$1\" exec \"$0\""

static char dir[] = "/tmp/vcts-daemon-XXXXXX";
static char self[PATH_MAX];
static char sock[PATH_MAX];
static char spare[PATH_MAX];
static char log_path[PATH_MAX];
static char err[1024];

static void fresh_dir(void)
{
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	CU_ASSERT_FATAL(n > 0);
	self[n] = '\0';
	strcpy(dir, "/tmp/vcts-daemon-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(sock, sizeof(sock), "%s/d.sock", dir);
	snprintf(spare, sizeof(spare), "%s/spare", dir);
	snprintf(log_path, sizeof(log_path), "%s/d.log", dir);
	err[0] = '\0';
}

static void remove_dir(void)
{
	unlink(sock);
	unlink(spare);
	unlink(log_path);
	rmdir(dir);
}

static int start_script(struct daemon *d, const char *script)
{
	char *argv[] = { "sh", "-c", (char *)script, self, sock, spare, NULL };

	return daemon_start(d, "fake-daemon", argv, log_path, err, sizeof(err));
}

static char *read_log(void)
{
	char buf[4096];
	int fd = open(log_path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return xstrdup(buf);
}

static bool contains(const char *text, const char *part)
{
	if (strstr(text, part))
		return true;
	fprintf(stderr, "\n  \"%s\" not in \"%s\"\n", part, text);
	return false;
}

static void test_ready_then_stop(void)
{
	struct daemon d;
	char *log;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "echo fake daemon up; " LISTEN), 0);
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 5000, err,
					  sizeof(err)), 0);
	CU_ASSERT_TRUE(daemon_alive(&d, err, sizeof(err)));
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(d.pid, 0);
	CU_ASSERT_FALSE(d.exited);
	CU_ASSERT_EQUAL(d.signal, SIGTERM);
	log = read_log();
	CU_ASSERT_TRUE(contains(log, "vcts: command: sh -c 'echo fake daemon up;"));
	CU_ASSERT_TRUE(contains(log, "\nfake daemon up\n"));
	free(log);
	/* Stopping twice is harmless. */
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	remove_dir();
}

static void test_ready_by_connecting(void)
{
	struct daemon d;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "sleep 0.1; " LISTEN), 0);
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, sock, DAEMON_READY_CONNECTS, 5000, err,
					  sizeof(err)), 0);
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	remove_dir();
}

static void test_never_ready(void)
{
	struct daemon d;
	uint64_t start;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "exec sleep 30"), 0);
	start = monotonic_ms();
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 200, err,
					  sizeof(err)), -1);
	CU_ASSERT_TRUE(monotonic_ms() - start >= 200);
	CU_ASSERT_TRUE(monotonic_ms() - start < 2000);
	CU_ASSERT_TRUE(contains(err, "fake-daemon: its socket "));
	CU_ASSERT_TRUE(contains(err, "did not appear within 200 ms"));
	CU_ASSERT_TRUE(daemon_alive(&d, err, sizeof(err)));
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(d.signal, SIGTERM);
	remove_dir();
}

#ifdef __linux__
/* A socket file left behind by an earlier daemon: nobody listens on it. */
static void make_stale_socket(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	CU_ASSERT_FATAL(fd >= 0);
	memcpy(addr.sun_path, sock, strlen(sock) + 1);
	CU_ASSERT_EQUAL_FATAL(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	close(fd);
}

static void test_stale_socket_is_not_ready(void)
{
	struct daemon d;

	fresh_dir();
	make_stale_socket();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "exec sleep 30"), 0);
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 200, err,
					  sizeof(err)), -1);
	CU_ASSERT_TRUE(contains(err, "exists, but nothing listens on it within 200 ms"));
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, sock, DAEMON_READY_CONNECTS, 100, err,
					  sizeof(err)), -1);
	CU_ASSERT_TRUE(contains(err, "exists, but refuses connections within 100 ms"));
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	remove_dir();
}
#endif

static void test_dies_before_ready(void)
{
	struct daemon d;
	uint64_t start;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "echo 'cannot open disk.img: No such file' >&2; "
					       "exit 3"), 0);
	start = monotonic_ms();
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 5000, err,
					  sizeof(err)), -1);
	CU_ASSERT_TRUE(monotonic_ms() - start < 2000);
	CU_ASSERT_TRUE(contains(err, "fake-daemon exited with status 3 (its log ends: "
				"cannot open disk.img: No such file) before its socket "));
	CU_ASSERT_TRUE(d.exited);
	CU_ASSERT_EQUAL(d.exit_status, 3);
	CU_ASSERT_FALSE(daemon_alive(&d, err, sizeof(err)));
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	remove_dir();
}

static void test_dies_after_ready(void)
{
	struct daemon d;
	uint64_t deadline;
	bool alive = true;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "VCTS_UNIT_EXIT_AFTER_MS=100 " LISTEN), 0);
	CU_ASSERT_EQUAL_FATAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 5000, err,
						sizeof(err)), 0);
	deadline = monotonic_ms() + 3000;
	while (alive && monotonic_ms() < deadline) {
		alive = daemon_alive(&d, err, sizeof(err));
		poll(NULL, 0, 10);
	}
	CU_ASSERT_FALSE(alive);
	CU_ASSERT_TRUE(contains(err, "fake-daemon exited with status 4"));
	CU_ASSERT_EQUAL(d.pid, 0);
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	remove_dir();
}

static void test_stop_kills_what_ignores_sigterm(void)
{
	struct daemon d;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "trap '' TERM; " LISTEN), 0);
	CU_ASSERT_EQUAL_FATAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 5000, err,
						sizeof(err)), 0);
	CU_ASSERT_EQUAL(daemon_stop(&d, 200, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(contains(err, "fake-daemon did not exit within 200 ms of SIGTERM: killed"));
	CU_ASSERT_EQUAL(d.pid, 0);
	CU_ASSERT_EQUAL(d.signal, SIGKILL);
	remove_dir();
}

#ifdef __linux__
/* Gone, or a zombie nobody has reaped yet: not running either way. */
static bool process_gone(pid_t pid)
{
	char path[64], stat[256] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return true;
	if (!fgets(stat, sizeof(stat), f))
		stat[0] = '\0';
	fclose(f);
	return strstr(stat, ") Z ") != NULL;
}

static void test_stop_takes_what_it_started(void)
{
	struct daemon d;
	uint64_t deadline;
	FILE *f;
	int child = 0;

	fresh_dir();
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "sleep 30 & echo $! > \"$2\"; " LISTEN), 0);
	CU_ASSERT_EQUAL_FATAL(daemon_wait_ready(&d, sock, DAEMON_READY_LISTENING, 5000, err,
						sizeof(err)), 0);
	f = fopen(spare, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fscanf(f, "%d", &child), 1);
	fclose(f);
	CU_ASSERT_FATAL(child > 0);
	CU_ASSERT_FALSE(process_gone(child));
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	deadline = monotonic_ms() + 2000;
	while (!process_gone(child) && monotonic_ms() < deadline)
		poll(NULL, 0, 10);
	CU_ASSERT_TRUE(process_gone(child));
	remove_dir();
}
#endif

static void test_cannot_run(void)
{
	char *argv[] = { "/nonexistent/vcts-daemon", "--socket-path=x", NULL };
	struct daemon d;

	fresh_dir();
	CU_ASSERT_EQUAL(daemon_start(&d, "fake-daemon", argv, log_path, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(contains(err, "fake-daemon: cannot run /nonexistent/vcts-daemon: "
				"No such file or directory"));
	CU_ASSERT_EQUAL(d.pid, 0);
	CU_ASSERT_FALSE(daemon_alive(&d, err, sizeof(err)));
	CU_ASSERT_TRUE(contains(err, "fake-daemon is not running"));
	snprintf(log_path, sizeof(log_path), "%s/no/such/dir/d.log", dir);
	CU_ASSERT_EQUAL(daemon_start(&d, "fake-daemon", argv, log_path, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(contains(err, "fake-daemon: cannot open its log "));
	snprintf(log_path, sizeof(log_path), "%s/d.log", dir);
	remove_dir();
}

static void test_log_is_appended(void)
{
	struct daemon d;
	uint64_t deadline;
	char *log;
	FILE *f;

	fresh_dir();
	f = fopen(log_path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("an earlier run\n", f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "echo to stdout; echo to stderr >&2"), 0);
	deadline = monotonic_ms() + 3000;
	while (daemon_alive(&d, err, sizeof(err)) && monotonic_ms() < deadline)
		poll(NULL, 0, 10);
	CU_ASSERT_TRUE(d.exited);
	CU_ASSERT_EQUAL(d.exit_status, 0);
	log = read_log();
	CU_ASSERT_TRUE(contains(log, "an earlier run\nvcts: command: sh -c "));
	CU_ASSERT_TRUE(contains(log, "\nto stdout\nto stderr\n"));
	free(log);
	remove_dir();
}

static void test_socket_path_too_long(void)
{
	char long_path[200];
	struct daemon d;

	fresh_dir();
	memset(long_path, 'x', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	CU_ASSERT_EQUAL_FATAL(start_script(&d, "exec sleep 30"), 0);
	CU_ASSERT_EQUAL(daemon_wait_ready(&d, long_path, DAEMON_READY_LISTENING, 5000, err,
					  sizeof(err)), -1);
	CU_ASSERT_TRUE(contains(err, "is too long (199 bytes, at most 107)"));
	CU_ASSERT_EQUAL(daemon_stop(&d, 2000, err, sizeof(err)), 0);
	remove_dir();
}

CU_TestInfo daemon_tests[] = {
	{ "ready, then stopped by SIGTERM", test_ready_then_stop },
	{ "ready when a connection succeeds", test_ready_by_connecting },
	{ "never ready: a timeout", test_never_ready },
#ifdef __linux__
	{ "a stale socket file is not ready", test_stale_socket_is_not_ready },
#endif
	{ "dies before it is ready", test_dies_before_ready },
	{ "dies after it was ready", test_dies_after_ready },
	{ "SIGKILL when SIGTERM is ignored", test_stop_kills_what_ignores_sigterm },
#ifdef __linux__
	{ "stop takes what it started", test_stop_takes_what_it_started },
#endif
	{ "cannot run", test_cannot_run },
	{ "log appended", test_log_is_appended },
	{ "socket path too long", test_socket_path_too_long },
	CU_TEST_INFO_NULL,
};
