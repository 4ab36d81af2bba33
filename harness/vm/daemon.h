/*
 * Helper daemons: processes a VM's devices need beside the hypervisor,
 * such as the vhost-user back ends qemu-storage-daemon (vhost-user-blk) and
 * virtiofsd (vhost-user-fs), which the hypervisor connects to over a UNIX
 * socket.
 *
 * The life of one: daemon_start() before the hypervisor starts,
 * daemon_wait_ready() until its socket listens (the hypervisor gives up
 * if the socket is not there when it starts), daemon_alive() while the VM
 * runs (a back end that dies takes its device with it: the running test
 * deserves a crash verdict, not a timeout), daemon_stop() once the VM is
 * gone and before host checks read what it wrote.
 */
#ifndef VCTS_VM_DAEMON_H
#define VCTS_VM_DAEMON_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct daemon {
	char name[64];		/* how messages call it, e.g. "qemu-storage-daemon (blk0)" */
	char log_path[PATH_MAX];	/* where its stdout and stderr go */
	pid_t pid;		/* its process and process group; 0 once reaped */
	bool exited;		/* once reaped: exit_status is valid */
	int exit_status;
	int signal;		/* once reaped: the signal that ended it, or 0 */
};

enum daemon_ready {
	/*
	 * The path is a socket that something listens on, and nothing
	 * connects to find out (Linux: /proc/net/unix; elsewhere the socket
	 * file existing is taken as ready). Use it for virtiofsd: it serves
	 * exactly one connection and exits when that closes, so a probe
	 * would use it up.
	 */
	DAEMON_READY_LISTENING,
	/* A connect() to the path succeeds; the probe connection is closed at once. */
	DAEMON_READY_CONNECTS,
};

/*
 * Starts @argv (argv[0] a path, or a name looked up in PATH) in a process
 * group of its own, stdin from /dev/null, stdout and stderr appended to
 * @log_path after a "vcts: command:" line. If the harness dies, so does
 * the daemon (Linux). 0, or -1 with @err set (it could not be run).
 */
int daemon_start(struct daemon *d, const char *name, char *const argv[],
		 const char *log_path, char *err, size_t err_size);

/*
 * Waits up to @timeout_ms until @socket_path (the path as the daemon was
 * given it) is ready as @how says, polling every few milliseconds.
 * Remove a stale socket file before daemon_start(): a daemon may refuse
 * to bind over it. -1 with @err set when the daemon ended first (with the
 * last line of its log), the time ran out, or the harness was
 * interrupted; the daemon is left as it is (daemon_stop() it).
 */
int daemon_wait_ready(struct daemon *d, const char *socket_path,
		      enum daemon_ready how, unsigned int timeout_ms,
		      char *err, size_t err_size);

/*
 * Whether the daemon still runs. When it has ended it is reaped and @err
 * says how ("... exited with status 1 (its log ends: ...)").
 */
bool daemon_alive(struct daemon *d, char *err, size_t err_size);

/*
 * Ends the daemon and whatever it started: SIGTERM to its process group,
 * up to @timeout_ms for it to exit, then SIGKILL. It is reaped either way
 * (see exited, exit_status and signal) and nothing of its group is left.
 * 0 when it exited on SIGTERM or had already ended; -1 with @err set when
 * it had to be killed or could not be reaped. A daemon that was never
 * started or is already reaped: 0.
 */
int daemon_stop(struct daemon *d, unsigned int timeout_ms, char *err, size_t err_size);

#endif
