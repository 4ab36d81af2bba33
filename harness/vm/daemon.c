/*
 * Helper daemons (see daemon.h). Each runs in its own process group, so
 * that stopping it also stops what it forked (virtiofsd forks its sandbox
 * once the hypervisor connects). Every wait is a short poll against a
 * deadline: nothing here blocks on a daemon that hangs.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text.h"
#include "util.h"
#include "vm/child.h"
#include "vm/daemon.h"
#include "vm/vm_process.h"

/* How often the waits look again. */
#define POLL_MS 10
/* How long a SIGKILLed daemon may take to be reaped. */
#define KILL_WAIT_MS 2000
/* sun_path of a sockaddr_un: a socket path is at most this minus one bytes. */
#define SUN_PATH_SIZE sizeof(((struct sockaddr_un *)0)->sun_path)
/* The kernel's __SO_ACCEPTCON: the Flags of a listening socket in /proc/net/unix. */
#define UNIX_LISTENING_FLAG 0x10000UL

/* In the child: own group, output to the log, default signals, exec. */
static void exec_daemon(char *const argv[], int log_fd, int null_fd, int report_fd,
			pid_t parent)
{
	sigset_t none;

	child_detach(parent);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	dup2(null_fd, STDIN_FILENO);
	dup2(log_fd, STDOUT_FILENO);
	dup2(log_fd, STDERR_FILENO);
	child_exec(argv, true, report_fd);
}

static void log_command(int log_fd, char *const argv[])
{
	char *command = shell_join(argv);

	/* For people reading the log: the daemon runs just as well without it. */
	(void)dprintf(log_fd, "vcts: command: %s\n", command);
	free(command);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

int daemon_start(struct daemon *d, const char *name, char *const argv[],
		 const char *log_path, char *err, size_t err_size)
{
	int log_fd, null_fd = -1, report[2] = { -1, -1 }, child_errno;
	pid_t parent = getpid();

	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	snprintf(d->log_path, sizeof(d->log_path), "%s", log_path);
	log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		snprintf(err, err_size, "%s: cannot open its log %s: %s", d->name, log_path,
			 strerror(errno));
		return -1;
	}
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null_fd < 0 || pipe2(report, O_CLOEXEC)) {
		snprintf(err, err_size, "%s: cannot set up its process: %s", d->name,
			 strerror(errno));
		goto fail;
	}
	log_command(log_fd, argv);
	d->pid = fork();
	if (d->pid < 0) {
		snprintf(err, err_size, "%s: cannot fork: %s", d->name, strerror(errno));
		d->pid = 0;
		goto fail;
	}
	if (d->pid == 0)
		exec_daemon(argv, log_fd, null_fd, report[1], parent);
	/* Both sides set the group, so a kill never races the child. */
	setpgid(d->pid, d->pid);
	close_fd(&report[1]);
	child_errno = child_exec_error(report[0]);
	if (child_errno) {
		snprintf(err, err_size, "%s: cannot run %s: %s", d->name, argv[0],
			 strerror(child_errno));
		waitpid(d->pid, NULL, 0);
		d->pid = 0;
		goto fail;
	}
	close_fd(&report[0]);
	close(null_fd);
	close(log_fd);
	return 0;
fail:
	close_fd(&report[0]);
	close_fd(&report[1]);
	close_fd(&null_fd);
	close(log_fd);
	return -1;
}

/* The last non-empty line of the daemon's log ("" if none): usually its complaint. */
static void log_last_line(const struct daemon *d, char *line, size_t size)
{
	char tail[512];
	int fd = open(d->log_path, O_RDONLY | O_CLOEXEC);
	off_t end = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
	off_t from = end > (off_t)sizeof(tail) - 1 ? end - (off_t)sizeof(tail) + 1 : 0;
	ssize_t n = end >= 0 ? pread(fd, tail, sizeof(tail) - 1, from) : -1;
	char *start;

	line[0] = '\0';
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	tail[n] = '\0';
	while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r'))
		tail[--n] = '\0';
	start = strrchr(tail, '\n');
	start = start ? start + 1 : tail;
	n = (ssize_t)strlen(start);
	if ((size_t)n >= size)
		n = (ssize_t)size - 1;
	memcpy(line, start, (size_t)n);
	line[n] = '\0';
}

/* Records how a reaped daemon ended. */
static void note_status(struct daemon *d, int status)
{
	d->pid = 0;
	if (WIFEXITED(status)) {
		d->exited = true;
		d->exit_status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		d->signal = WTERMSIG(status);
	}
}

/* "exited with status 3 (its log ends: ...)": how a reaped daemon ended. */
static void describe_end(const struct daemon *d, char *text, size_t size)
{
	char how[64], last[256];

	if (d->exited)
		snprintf(how, sizeof(how), "exited with status %d", d->exit_status);
	else if (!d->signal)
		snprintf(how, sizeof(how), "ended (how is unknown: it was reaped elsewhere)");
	else
		snprintf(how, sizeof(how), "was killed by signal %d (%s)", d->signal,
			 strsignal(d->signal));
	log_last_line(d, last, sizeof(last));
	if (last[0])
		snprintf(text, size, "%s (its log ends: %.200s)", how, last);
	else
		snprintf(text, size, "%s (its log %.200s is empty)", how, d->log_path);
}

/* Reaps the daemon if it has ended: true when it is gone (or was never there). */
static bool reap(struct daemon *d)
{
	int status;
	pid_t r;

	if (d->pid <= 0)
		return true;
	do
		r = waitpid(d->pid, &status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return false;
	if (r == d->pid)
		note_status(d, status);
	else
		d->pid = 0;	/* not our child any more (ECHILD): nothing to wait for */
	return true;
}

bool daemon_alive(struct daemon *d, char *err, size_t err_size)
{
	char end[512];

	if (d->pid <= 0 && !d->exited && !d->signal) {
		snprintf(err, err_size, "%s is not running", d->name);
		return false;
	}
	if (!reap(d))
		return true;
	describe_end(d, end, sizeof(end));
	snprintf(err, err_size, "%s %s", d->name, end);
	return false;
}

#ifdef __linux__
/*
 * Whether /proc/net/unix lists a listening socket bound to @path: 1 or 0,
 * -1 when the table cannot be read. Lines: "Num: RefCount Protocol Flags
 * Type St Inode Path", Flags in hex.
 */
static int unix_table_lists_listener(const char *path)
{
	FILE *table = fopen("/proc/net/unix", "re");
	char line[512];
	int found = 0;

	if (!table)
		return -1;
	while (!found && fgets(line, sizeof(line), table)) {
		unsigned long flags;
		int path_at = 0;

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%*s %*s %*s %lx %*s %*s %*s %n", &flags, &path_at) != 1 ||
		    !path_at)
			continue;
		found = (flags & UNIX_LISTENING_FLAG) && !strcmp(line + path_at, path);
	}
	fclose(table);
	return found;
}
#else
static int unix_table_lists_listener(const char *path)
{
	(void)path;
	return -1;
}
#endif

static bool is_socket_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

static bool accepts_connection(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	if (fd < 0)
		return false;
	memcpy(addr.sun_path, path, strlen(path) + 1);
	ok = connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0;
	close(fd);
	return ok;
}

static bool socket_ready(const char *path, enum daemon_ready how)
{
	if (!is_socket_file(path))
		return false;
	if (how == DAEMON_READY_CONNECTS)
		return accepts_connection(path);
	/* Without the table, the file existing is the best sign there is. */
	return unix_table_lists_listener(path) != 0;
}

int daemon_wait_ready(struct daemon *d, const char *socket_path,
		      enum daemon_ready how, unsigned int timeout_ms,
		      char *err, size_t err_size)
{
	uint64_t deadline = monotonic_ms() + timeout_ms;
	char end[512];

	if (strlen(socket_path) >= SUN_PATH_SIZE) {
		snprintf(err, err_size, "%s: socket path %s is too long (%zu bytes, at most %zu)",
			 d->name, socket_path, strlen(socket_path),
			 SUN_PATH_SIZE - 1);
		return -1;
	}
	for (;;) {
		if (socket_ready(socket_path, how))
			return 0;
		if (reap(d)) {
			describe_end(d, end, sizeof(end));
			snprintf(err, err_size, "%s %s before its socket %s was ready", d->name,
				 end, socket_path);
			return -1;
		}
		if (vm_process_interrupted()) {
			snprintf(err, err_size, "interrupted while waiting for the socket %s of %s",
				 socket_path, d->name);
			return -1;
		}
		if (monotonic_ms() >= deadline)
			break;
		poll(NULL, 0, POLL_MS);
	}
	if (is_socket_file(socket_path))
		snprintf(err, err_size, "%s: its socket %s exists, but %s within %u ms", d->name,
			 socket_path, how == DAEMON_READY_CONNECTS ? "refuses connections" :
			 "nothing listens on it", timeout_ms);
	else
		snprintf(err, err_size, "%s: its socket %s did not appear within %u ms", d->name,
			 socket_path, timeout_ms);
	return -1;
}

/* Polls until the daemon is reaped or @timeout_ms pass: whether it is gone. */
static bool reaped_within(struct daemon *d, unsigned int timeout_ms)
{
	uint64_t deadline = monotonic_ms() + timeout_ms;

	while (!reap(d)) {
		if (monotonic_ms() >= deadline)
			return false;
		poll(NULL, 0, POLL_MS);
	}
	return true;
}

int daemon_stop(struct daemon *d, unsigned int timeout_ms, char *err, size_t err_size)
{
	pid_t group = d->pid;

	if (group <= 0)
		return 0;
	kill(-group, SIGTERM);
	if (reaped_within(d, timeout_ms)) {
		/* Whatever it forked and left behind goes with it. */
		kill(-group, SIGKILL);
		return 0;
	}
	kill(-group, SIGKILL);
	if (reaped_within(d, KILL_WAIT_MS)) {
		snprintf(err, err_size, "%s did not exit within %u ms of SIGTERM: killed",
			 d->name, timeout_ms);
		return -1;
	}
	snprintf(err, err_size, "%s (pid %d) was still there %u ms after SIGKILL", d->name,
		 (int)group, KILL_WAIT_MS);
	return -1;
}
