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

int vm_process_send(const char *data, size_t len)
{
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
		cb->diagnostic(cb->ctx, ls->buf);
		ls->len = 0;
		if (full && data[i] != '\n')
			ls->buf[ls->len++] = data[i];
	}
	if (flush && ls->len) {
		ls->buf[ls->len] = '\0';
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
	if (is_console)
		cb->console(cb->ctx, buf, (size_t)n);
	else
		split_diagnostics(ls, buf, (size_t)n, cb, false);
	return true;
}

static void kill_group(const struct child *child)
{
	kill(-child->pid, SIGKILL);
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
		struct pollfd fds[2];
		uint64_t now = monotonic_ms();
		int wait_ms, nfds = 0;

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
		wait_ms = wait_slice(deadline_ms, now, cb);
		if (child->stdout_fd >= 0)
			fds[nfds++] = (struct pollfd){ .fd = child->stdout_fd, .events = POLLIN };
		if (child->stderr_fd >= 0)
			fds[nfds++] = (struct pollfd){ .fd = child->stderr_fd, .events = POLLIN };
		if (poll(fds, (nfds_t)nfds, wait_ms) <= 0)
			continue;
		for (int i = 0; i < nfds; i++) {
			if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (fds[i].fd == child->stdout_fd)
				pump(&child->stdout_fd, true, ls, cb);
			else
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
	input_fd = child.stdin_fd;
	watch(&child, deadline, cb, &ls, outcome);
	input_fd = -1;
	reap(&child, deadline, outcome);
	drain(&child, cb, &ls);
	close(child.stdin_fd);
	return 0;
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
