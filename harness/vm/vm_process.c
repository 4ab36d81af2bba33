/*
 * Process handling. The hypervisor runs in its own process group so that a
 * timeout kills it and anything it started; the harness reads its output
 * with poll() and never blocks on a guest that hangs.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "vm/child.h"
#include "vm/console.h"
#include "vm/vm_process.h"

/* Wake up this often to notice an interrupt even if a signal is missed. */
#define POLL_SLICE_MS 250
#define DIAGNOSTIC_LINE_MAX 1024

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

void vm_process_catch_interrupts(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() must return so the loop can act. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool vm_process_interrupted(void)
{
	return interrupted;
}

/* The running VM's stdin (its serial console input), or -1. */
static int input_fd = -1;
/*
 * The console vm_process_run_console() asked for, and the connection to
 * it while the VM runs; NULL: stdio.
 */
static const struct console_spec *console_to_route;
static struct console_conn *routed_console;

int vm_process_send(const char *data, size_t len)
{
	if (routed_console)
		return console_conn_send(routed_console, data, len);
	while (len) {
		ssize_t n;

		if (input_fd < 0)
			return -1;
		n = write(input_fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

struct child {
	pid_t pid;
	int stdin_fd;
	int stdout_fd;
	int stderr_fd;
	uint64_t started_ms;
};

static void close_pair(int fds[2])
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

/* In the child: leave the harness's group, wire the pipes, exec. */
static void exec_child(char *const argv[], const struct strlist *environment,
		       int in[2], int out[2], int errp[2], int report_fd, pid_t parent)
{
	child_detach(parent);
	dup2(in[0], STDIN_FILENO);
	dup2(out[1], STDOUT_FILENO);
	dup2(errp[1], STDERR_FILENO);
	/* The backend's own variables (an installation's module directory). */
	for (size_t i = 0; environment && i < environment->count; i++)
		putenv(environment->items[i]);
	child_exec(argv, false, report_fd);
}

static int spawn(char *const argv[], const struct strlist *environment,
		 struct child *child, char *err, size_t err_size)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, errp[2] = { -1, -1 };
	int report[2] = { -1, -1 };
	pid_t parent = getpid();
	int child_errno;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) ||
	    pipe2(errp, O_CLOEXEC) || pipe2(report, O_CLOEXEC)) {
		snprintf(err, err_size, "cannot create pipes: %s", strerror(errno));
		goto fail;
	}
	child->pid = fork();
	if (child->pid < 0) {
		snprintf(err, err_size, "cannot fork: %s", strerror(errno));
		goto fail;
	}
	if (child->pid == 0)
		exec_child(argv, environment, in, out, errp, report[1], parent);
	/* Both sides set the group, so a kill never races the child. */
	setpgid(child->pid, child->pid);
	child->started_ms = monotonic_ms();
	close(report[1]);
	report[1] = -1;
	child_errno = child_exec_error(report[0]);
	close(report[0]);
	report[0] = -1;
	if (child_errno) {
		snprintf(err, err_size, "cannot run %s: %s", argv[0],
			 strerror(child_errno));
		waitpid(child->pid, NULL, 0);
		goto fail;
	}
	close(in[0]);
	close(out[1]);
	close(errp[1]);
	child->stdin_fd = in[1];
	child->stdout_fd = out[0];
	child->stderr_fd = errp[0];
	return 0;
fail:
	close_pair(in);
	close_pair(out);
	close_pair(errp);
	close_pair(report);
	return -1;
}

/* Collects the hypervisor's stderr into lines. */
struct line_splitter {
	char buf[DIAGNOSTIC_LINE_MAX];
	size_t len;
};

/* Its stdout's lines, when the console is elsewhere. */
static struct line_splitter stdout_lines;

/* A pty console is named on the hypervisor's output. */
static void scan_for_console(const char *line)
{
	if (routed_console)
		console_conn_scan_output(routed_console, line);
}

static void split_diagnostics(struct line_splitter *ls, const char *data,
			      size_t len, const struct vm_callbacks *cb,
			      bool flush)
{
	for (size_t i = 0; i < len; i++) {
		bool full = ls->len == sizeof(ls->buf) - 1;

		if (data[i] != '\n' && !full) {
			ls->buf[ls->len++] = data[i];
			continue;
		}
		ls->buf[ls->len] = '\0';
		scan_for_console(ls->buf);
		cb->diagnostic(cb->ctx, ls->buf);
		ls->len = 0;
		if (full && data[i] != '\n')
			ls->buf[ls->len++] = data[i];
	}
	if (flush && ls->len) {
		ls->buf[ls->len] = '\0';
		scan_for_console(ls->buf);
		cb->diagnostic(cb->ctx, ls->buf);
		ls->len = 0;
	}
}

/* Read what @fd has; false at end of file (the fd is then closed). */
static bool pump(int *fd, bool is_console, struct line_splitter *ls,
		 const struct vm_callbacks *cb)
{
	char buf[4096];
	ssize_t n = read(*fd, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0) {
		close(*fd);
		*fd = -1;
		return false;
	}
	if (is_console && !routed_console)
		cb->console(cb->ctx, buf, (size_t)n);
	else
		split_diagnostics(is_console ? &stdout_lines : ls, buf, (size_t)n, cb, false);
	return true;
}

static void kill_group(const struct child *child)
{
	kill(-child->pid, SIGKILL);
}

/*
 * The routed console's part of the watch: its deadline, how long the
 * watcher may sleep, its descriptor, and a look at it after each wake.
 */
static bool console_unreachable(uint64_t now, struct vm_outcome *outcome)
{
	char *where;

	if (!routed_console || !console_conn_gave_up(routed_console, now))
		return false;
	where = console_spec_describe(&routed_console->spec);
	outcome->console_unreachable = true;
	snprintf(outcome->console_error, sizeof(outcome->console_error),
		 "the console %s was not there within %d s (%s)", where,
		 CONSOLE_CONNECT_TIMEOUT_S, routed_console->error);
	free(where);
	return true;
}

static int console_wait(int wait_ms, uint64_t now)
{
	int console_ms = routed_console ? console_conn_wait_ms(routed_console, now) : wait_ms;

	return console_ms < wait_ms ? console_ms : wait_ms;
}

static int add_console_fd(struct pollfd *fds, int nfds)
{
	int fd = routed_console ? console_conn_poll_fd(routed_console) : -1;

	if (fd >= 0)
		fds[nfds++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	return nfds;
}

static void service_console(const struct vm_callbacks *cb)
{
	if (routed_console)
		console_conn_service(routed_console, monotonic_ms(), cb->console, cb->ctx);
}

/*
 * How long poll() may wait: a slice, less when the deadline or the
 * moment keep_running() asked to be asked again comes sooner.
 */
static int wait_slice(uint64_t deadline_ms, uint64_t now, const struct vm_callbacks *cb)
{
	uint64_t until = deadline_ms < now + POLL_SLICE_MS ? deadline_ms : now + POLL_SLICE_MS;
	uint64_t check = cb->check_by ? cb->check_by(cb->ctx) : 0;

	if (check && check < until)
		until = check > now ? check : now + 1;
	return (int)(until - now);
}

/* Read until both pipes end, the deadline passes or an interrupt. */
static void watch(struct child *child, uint64_t deadline_ms,
		  const struct vm_callbacks *cb, struct line_splitter *ls,
		  struct vm_outcome *outcome)
{
	while (child->stdout_fd >= 0 || child->stderr_fd >= 0) {
		struct pollfd fds[3];
		uint64_t now = monotonic_ms();
		int wait_ms, nfds = 0, ready;

		if (interrupted) {
			outcome->interrupted = true;
			kill_group(child);
			return;
		}
		if (now >= deadline_ms) {
			outcome->timed_out = true;
			kill_group(child);
			return;
		}
		if (cb->keep_running && !cb->keep_running(cb->ctx)) {
			outcome->stopped = true;
			kill_group(child);
			return;
		}
		if (console_unreachable(now, outcome)) {
			kill_group(child);
			return;
		}
		wait_ms = console_wait(wait_slice(deadline_ms, now, cb), now);
		if (child->stdout_fd >= 0)
			fds[nfds++] = (struct pollfd){ .fd = child->stdout_fd, .events = POLLIN };
		if (child->stderr_fd >= 0)
			fds[nfds++] = (struct pollfd){ .fd = child->stderr_fd, .events = POLLIN };
		nfds = add_console_fd(fds, nfds);
		ready = poll(fds, (nfds_t)nfds, wait_ms);
		service_console(cb);
		if (ready <= 0)
			continue;
		for (int i = 0; i < nfds; i++) {
			if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (fds[i].fd == child->stdout_fd)
				pump(&child->stdout_fd, true, ls, cb);
			else if (fds[i].fd == child->stderr_fd)
				pump(&child->stderr_fd, false, ls, cb);
		}
	}
}

/* Reap the child; kill it if it outlives the deadline with its pipes shut. */
static void reap(struct child *child, uint64_t deadline_ms,
		 struct vm_outcome *outcome)
{
	int status;

	for (;;) {
		pid_t r = waitpid(child->pid, &status, WNOHANG);

		if (r == child->pid)
			break;
		if (r < 0 && errno != EINTR)
			return;
		if (!outcome->timed_out && !outcome->interrupted &&
		    (monotonic_ms() >= deadline_ms || interrupted)) {
			outcome->timed_out = !interrupted;
			outcome->interrupted = interrupted;
			kill_group(child);
		}
		poll(NULL, 0, 10);
	}
	outcome->duration_ms = monotonic_ms() - child->started_ms;
	if (WIFEXITED(status)) {
		outcome->exited = true;
		outcome->exit_status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		outcome->signal = WTERMSIG(status);
	}
}

/* After a kill the pipes still hold what the guest printed last. */
static void drain(struct child *child, const struct vm_callbacks *cb,
		  struct line_splitter *ls)
{
	while (child->stdout_fd >= 0 && pump(&child->stdout_fd, true, ls, cb))
		;
	while (child->stderr_fd >= 0 && pump(&child->stderr_fd, false, ls, cb))
		;
	split_diagnostics(ls, NULL, 0, cb, true);
	if (routed_console) {
		split_diagnostics(&stdout_lines, NULL, 0, cb, true);
		console_conn_drain(routed_console, cb->console, cb->ctx);
	}
}

/*
 * With a routed console its connection starts with the process: the
 * hypervisor creates the socket, file or pty as it starts.
 */
static struct console_conn *start_console(const struct child *child, uint64_t deadline)
{
	static struct console_conn conn;
	uint64_t connect_by = child->started_ms + CONSOLE_CONNECT_TIMEOUT_S * 1000;

	if (!console_to_route)
		return NULL;
	stdout_lines.len = 0;
	console_conn_init(&conn, console_to_route, child->started_ms,
			  connect_by < deadline ? connect_by : deadline);
	return &conn;
}

int vm_process_run(char *const argv[], const struct strlist *environment,
		   unsigned int timeout_s,
		   const struct vm_callbacks *cb, struct vm_outcome *outcome,
		   char *err, size_t err_size)
{
	struct line_splitter ls = { .len = 0 };
	struct child child;
	uint64_t deadline;

	memset(outcome, 0, sizeof(*outcome));
	if (spawn(argv, environment, &child, err, err_size))
		return -1;
	deadline = child.started_ms + (uint64_t)timeout_s * 1000;
	routed_console = start_console(&child, deadline);
	input_fd = child.stdin_fd;
	watch(&child, deadline, cb, &ls, outcome);
	input_fd = -1;
	reap(&child, deadline, outcome);
	drain(&child, cb, &ls);
	close(child.stdin_fd);
	return 0;
}

/* How the connection went, for the log; then it is closed. */
static void record_console(struct console_conn *conn, struct vm_outcome *outcome)
{
	char *where = console_spec_describe(&conn->spec);

	snprintf(outcome->console_where, sizeof(outcome->console_where), "%s", where);
	free(where);
	outcome->console_connected = conn->connected_ms != 0;
	if (conn->connected_ms)
		outcome->console_connect_ms = conn->connected_ms - conn->started_ms;
	console_conn_close(conn);
}

int vm_process_run_console(char *const argv[], const struct strlist *environment,
			   unsigned int timeout_s, const struct console_spec *console,
			   const struct vm_callbacks *cb, struct vm_outcome *outcome,
			   char *err, size_t err_size)
{
	int ret;

	if (!console || console->route == CONSOLE_STDIO)
		return vm_process_run(argv, environment, timeout_s, cb, outcome, err, err_size);
	console_spec_clear_path(console);
	console_to_route = console;
	ret = vm_process_run(argv, environment, timeout_s, cb, outcome, err, err_size);
	console_to_route = NULL;
	if (routed_console)
		record_console(routed_console, outcome);
	/* A socket the hypervisor left behind is of no use to anyone; a file is the record. */
	if (console->route == CONSOLE_UNIX_SOCKET)
		console_spec_clear_path(console);
	routed_console = NULL;
	return ret;
}

struct capture {
	struct strbuf out;
};

static void capture_bytes(void *ctx, const char *data, size_t len)
{
	strbuf_add(&((struct capture *)ctx)->out, data, len);
}

static void capture_line(void *ctx, const char *line)
{
	strbuf_addstr(&((struct capture *)ctx)->out, line);
	strbuf_addch(&((struct capture *)ctx)->out, '\n');
}

int process_capture(char *const argv[], const struct strlist *environment,
		    unsigned int timeout_s, char **output,
		    struct vm_outcome *outcome, char *err, size_t err_size)
{
	struct capture cap = { { 0 } };
	struct vm_callbacks cb = { .console = capture_bytes, .diagnostic = capture_line, .ctx = &cap };
	int ret = vm_process_run(argv, environment, timeout_s, &cb, outcome, err, err_size);

	*output = strbuf_detach(&cap.out);
	return ret;
}
