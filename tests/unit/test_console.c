/*
 * Consoles that are not stdio (harness/vm/console*.c): --console's
 * grammar, and a connection to each route with this process standing in
 * for the hypervisor: a UNIX socket and a TCP port it listens on, a file
 * it writes, a pseudo-terminal whose path it prints.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "plan/config.h"
#include "tests/unit/host_action_helpers.h"
#include "util.h"
#include "vm/console.h"

static void parse_ok(const char *text, enum console_route route, const char *path,
		     const char *host, unsigned int port)
{
	struct console_spec spec;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(console_spec_parse(text, &spec, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(spec.route, route);
	CU_ASSERT_STRING_EQUAL(spec.path ? spec.path : "(null)", path ? path : "(null)");
	CU_ASSERT_STRING_EQUAL(spec.host ? spec.host : "(null)", host ? host : "(null)");
	CU_ASSERT_EQUAL(spec.port, port);
	console_spec_release(&spec);
}

static void parse_fails(const char *text, const char *says)
{
	struct console_spec spec;
	char err[256] = "";

	CU_ASSERT_EQUAL(console_spec_parse(text, &spec, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, says));
}

static void test_console_grammar(void)
{
	parse_ok("stdio", CONSOLE_STDIO, NULL, NULL, 0);
	parse_ok("file", CONSOLE_FILE, NULL, NULL, 0);
	parse_ok("file:/tmp/a b.txt", CONSOLE_FILE, "/tmp/a b.txt", NULL, 0);
	parse_ok("unix:/run/x.sock", CONSOLE_UNIX_SOCKET, "/run/x.sock", NULL, 0);
	parse_ok("pty", CONSOLE_PTY, NULL, NULL, 0);
	parse_ok("pty:/dev/nmdm0B", CONSOLE_PTY, "/dev/nmdm0B", NULL, 0);
	parse_ok("tcp", CONSOLE_TCP, NULL, NULL, 0);
	parse_ok("tcp:4555", CONSOLE_TCP, NULL, NULL, 4555);
	parse_ok("tcp:localhost:4555", CONSOLE_TCP, NULL, "localhost", 4555);
	parse_ok("tcp:[::1]:23", CONSOLE_TCP, NULL, "::1", 23);
	parse_fails("serial", "expected stdio, file[:PATH], unix[:PATH], pty[:PATH] or tcp");
	parse_fails("stdio:x", "stdio takes no address");
	parse_fails("unix:", "empty address");
	parse_fails("tcp:0", "port from 1 to 65535");
	parse_fails("tcp:70000", "port from 1 to 65535");
	parse_fails("tcp:host:", "port from 1 to 65535");
	parse_fails("tcp::1:23", "port from 1 to 65535");
}

static void test_console_describe_and_complete(void)
{
	static struct run_settings settings = { .output = "out", .socket_dir = "/tmp/s" };
	struct vcts_config config = { .name = "command-x", .settings = &settings };
	struct console_spec spec;
	char err[256];
	char *text;

	CU_ASSERT_EQUAL_FATAL(console_spec_parse("unix", &spec, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(console_spec_complete(&spec, &config, err, sizeof(err)), 0);
	text = console_spec_describe(&spec);
	CU_ASSERT_STRING_EQUAL(text, "unix:/tmp/s/serial-command-x.sock");
	free(text);
	console_spec_release(&spec);

	CU_ASSERT_EQUAL_FATAL(console_spec_parse("file", &spec, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(console_spec_complete(&spec, &config, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(spec.path, "out/logs/command-x-serial.txt");
	CU_ASSERT(console_is_output_only(&spec));
	console_spec_release(&spec);

	/* tcp: 127.0.0.1 and a port nobody listens on. */
	CU_ASSERT_EQUAL_FATAL(console_spec_parse("tcp", &spec, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(console_spec_complete(&spec, &config, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(spec.host, "127.0.0.1");
	CU_ASSERT(spec.port > 0 && spec.port < 65536);
	CU_ASSERT(!console_is_output_only(&spec));
	console_spec_release(&spec);

	CU_ASSERT_EQUAL_FATAL(console_spec_parse("tcp:[::1]:23", &spec, err, sizeof(err)), 0);
	text = console_spec_describe(&spec);
	CU_ASSERT_STRING_EQUAL(text, "tcp:[::1]:23");
	free(text);
	console_spec_release(&spec);
}

static void test_pty_path_on_output(void)
{
	char *path = console_pty_path_in("char device redirected to /dev/pts/12 (label serial0)");

	CU_ASSERT_STRING_EQUAL(path ? path : "(null)", "/dev/pts/12");
	free(path);
	CU_ASSERT_PTR_NULL(console_pty_path_in("qemu-system-x86_64: -serial pty: no pts"));
	CU_ASSERT_PTR_NULL(console_pty_path_in("see /dev/pts/ later"));
	path = console_pty_path_in("/dev/pts/x then /dev/pts/3");
	CU_ASSERT_STRING_EQUAL(path ? path : "(null)", "/dev/pts/3");
	free(path);
}

/* What the connection delivered, as the VM's console callback gets it. */
static struct strbuf received;

static void collect(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	strbuf_add(&received, data, len);
}

/* Service @c until @want arrived or 2 s passed. */
static bool service_until(struct console_conn *c, const char *want)
{
	uint64_t give_up = monotonic_ms() + 2000;

	while (monotonic_ms() < give_up) {
		console_conn_service(c, monotonic_ms(), collect, NULL);
		if (received.buf && strstr(received.buf, want))
			return true;
		poll(NULL, 0, 2);
	}
	return false;
}

static void reset_received(void)
{
	strbuf_release(&received);
}

/* @peer reads what the harness sent; true if it is @want. */
static bool peer_got(int peer, const char *want)
{
	char buf[128] = "";
	struct pollfd pfd = { .fd = peer, .events = POLLIN };
	ssize_t n;

	if (poll(&pfd, 1, 2000) != 1)
		return false;
	n = read(peer, buf, sizeof(buf) - 1);
	return n > 0 && !strncmp(buf, want, strlen(want));
}

/*
 * The harness is there first: until the hypervisor listens, attempts fail
 * and are retried; then bytes flow both ways, and the end is noticed.
 */
static void test_unix_socket_console(void)
{
	char path[64];
	struct console_spec spec = { .route = CONSOLE_UNIX_SOCKET, .path = path };
	struct console_conn c;
	int server, peer;

	snprintf(path, sizeof(path), "/tmp/vcts-unit-console-%d.sock", (int)getpid());
	unlink(path);
	console_conn_init(&c, &spec, monotonic_ms(), monotonic_ms() + 5000);
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_EQUAL(c.fd, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.error, "No such file"));
	CU_ASSERT(!console_conn_gave_up(&c, monotonic_ms()));
	CU_ASSERT_EQUAL(console_conn_send(&c, "x", 1), -1);
	server = listen_on(path);
	CU_ASSERT_FATAL(server >= 0);
	poll(NULL, 0, 5);
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_FATAL(c.fd >= 0);
	peer = accept(server, NULL, NULL);
	CU_ASSERT_FATAL(peer >= 0);
	CU_ASSERT_EQUAL(write(peer, "@vcts hello\n", 12), 12);
	CU_ASSERT(service_until(&c, "@vcts hello\n"));
	CU_ASSERT_EQUAL(console_conn_send(&c, "@vcts answer\n", 13), 0);
	CU_ASSERT(peer_got(peer, "@vcts answer\n"));
	CU_ASSERT_EQUAL(write(peer, "last", 4), 4);
	close(peer);
	console_conn_drain(&c, collect, NULL);
	CU_ASSERT(received.buf && strstr(received.buf, "last"));
	CU_ASSERT(c.ended);
	console_conn_close(&c);
	close(server);
	unlink(path);
	reset_received();
}

static void test_tcp_console(void)
{
	struct console_spec spec = { .route = CONSOLE_TCP, .host = "127.0.0.1" };
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct console_conn c;
	char err[256];
	int server, peer, one = 1;

	CU_ASSERT_EQUAL_FATAL(console_free_tcp_port("127.0.0.1", &spec.port, err, sizeof(err)), 0);
	console_conn_init(&c, &spec, monotonic_ms(), monotonic_ms() + 5000);
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_EQUAL(c.fd, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.error, "refused"));
	server = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	addr.sin_port = htons((uint16_t)spec.port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CU_ASSERT_FATAL(bind(server, (struct sockaddr *)&addr, sizeof(addr)) == 0);
	CU_ASSERT_FATAL(listen(server, 1) == 0);
	c.next_try_ms = 0;
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_FATAL(c.fd >= 0);
	peer = accept(server, NULL, NULL);
	CU_ASSERT_EQUAL(write(peer, "guest bytes", 11), 11);
	CU_ASSERT(service_until(&c, "guest bytes"));
	CU_ASSERT_EQUAL(console_conn_send(&c, "answer\n", 7), 0);
	CU_ASSERT(peer_got(peer, "answer\n"));
	close(peer);
	close(server);
	console_conn_close(&c);
	reset_received();
}

/* A file is tailed as it grows, read to its end after the VM, and never written. */
static void test_file_console(void)
{
	char path[64];
	struct console_spec spec = { .route = CONSOLE_FILE, .path = path };
	struct console_conn c;
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/vcts-unit-console-%d.txt", (int)getpid());
	f = fopen(path, "w");
	CU_ASSERT_FATAL(f != NULL);
	fputs("stale", f);
	fclose(f);
	/* What an earlier VM left is gone before the hypervisor starts. */
	console_spec_clear_path(&spec);
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	console_conn_init(&c, &spec, monotonic_ms(), monotonic_ms() + 5000);
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_EQUAL(c.fd, -1);
	CU_ASSERT_EQUAL(console_conn_poll_fd(&c), -1);
	f = fopen(path, "w");
	fputs("first ", f);
	fflush(f);
	CU_ASSERT(service_until(&c, "first "));
	CU_ASSERT_EQUAL(console_conn_poll_fd(&c), -1);
	CU_ASSERT(console_conn_wait_ms(&c, monotonic_ms()) <= 20);
	fputs("second\n", f);
	fclose(f);
	console_conn_drain(&c, collect, NULL);
	CU_ASSERT_STRING_EQUAL(received.buf, "first second\n");
	CU_ASSERT(!c.ended);
	CU_ASSERT_EQUAL(console_conn_send(&c, "x", 1), -1);
	console_conn_close(&c);
	unlink(path);
	reset_received();
}

/*
 * A pty named on the hypervisor's output: this process holds the master
 * as QEMU does. Raw mode: the guest's bytes are not echoed back to it.
 */
static void test_pty_console(void)
{
	struct console_spec spec = { .route = CONSOLE_PTY };
	struct console_conn c;
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	char line[128], echo[16];

	CU_ASSERT_FATAL(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
	console_conn_init(&c, &spec, monotonic_ms(), monotonic_ms() + 5000);
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_EQUAL(c.fd, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.error, "named no /dev/pts/N"));
	snprintf(line, sizeof(line), "char device redirected to %s (label serial0)",
		 ptsname(master));
	console_conn_scan_output(&c, line);
	console_conn_service(&c, monotonic_ms(), collect, NULL);
	CU_ASSERT_FATAL(c.fd >= 0);
	CU_ASSERT_EQUAL(write(master, "@vcts hello\n", 12), 12);
	CU_ASSERT(service_until(&c, "@vcts hello\n"));
	fcntl(master, F_SETFL, O_NONBLOCK);
	CU_ASSERT(read(master, echo, sizeof(echo)) < 0);
	CU_ASSERT_EQUAL(console_conn_send(&c, "answer\n", 7), 0);
	CU_ASSERT(peer_got(master, "answer\n"));
	close(master);
	console_conn_drain(&c, collect, NULL);
	CU_ASSERT(c.ended);
	console_conn_close(&c);
	reset_received();
}

static void test_console_gives_up(void)
{
	struct console_spec spec = { .route = CONSOLE_UNIX_SOCKET,
				     .path = "/nonexistent/vcts.sock" };
	struct console_conn c;
	uint64_t now = monotonic_ms();

	console_conn_init(&c, &spec, now, now + 50);
	CU_ASSERT(!console_conn_gave_up(&c, now));
	CU_ASSERT_EQUAL(console_conn_wait_ms(&c, now), 0);
	console_conn_service(&c, now, collect, NULL);
	CU_ASSERT(console_conn_wait_ms(&c, now) >= 1);
	CU_ASSERT(console_conn_gave_up(&c, now + 50));
	console_conn_close(&c);
}

CU_TestInfo console_tests[] = {
	{ "--console grammar", test_console_grammar },
	{ "described and completed", test_console_describe_and_complete },
	{ "a pty path on the hypervisor's output", test_pty_path_on_output },
	{ "UNIX socket: retried, both ways, the end", test_unix_socket_console },
	{ "TCP: a free port, both ways", test_tcp_console },
	{ "file: tailed, output only", test_file_console },
	{ "pty: named on the output, raw", test_pty_console },
	{ "gives up at its deadline", test_console_gives_up },
	CU_TEST_INFO_NULL,
};
