/*
 * A VM's serial console when it is not the hypervisor's standard input and
 * output (struct console_spec, hypervisors/backend.h): a file the
 * hypervisor writes, a UNIX socket or TCP port it listens on, or a
 * pseudo-terminal it opens. The harness starts the process first and then
 * connects, retrying until the hypervisor has created what the spec names
 * or a deadline passes; the guest's bytes go to the same console callback
 * as stdio's, and host-action answers go back the same way they came.
 *
 * console_spec.c parses --console and fills in what the harness picks;
 * console_socket.c, console_pty.c and console_file.c reach each route;
 * console.c is the connection's life: connect, read, send, drain;
 * console_route.c is what one VM run needs of it.
 */
#ifndef VCTS_CONSOLE_H
#define VCTS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypervisors/backend.h"

struct vcts_config;

/*
 * The kernel command-line word that tells the kernel its console is
 * output only (docs/kernel-options.md): host actions cannot be answered.
 */
#define CONSOLE_OUTPUT_ONLY_ARG "vcts.console=output-only"

/* How long the hypervisor has to create its console after it started. */
#define CONSOLE_CONNECT_TIMEOUT_S 10

/*
 * --console's text: stdio, file[:PATH], unix[:PATH], pty[:PATH],
 * tcp[:[HOST:]PORT]. What is left out stays NULL / 0 for
 * console_spec_complete(). 0, or -1 with one line in @err.
 */
int console_spec_parse(const char *text, struct console_spec *spec, char *err,
		       size_t err_size);
/*
 * What the harness picks where the user named nothing: a file
 * OUTPUT/logs/CONFIG-serial.txt, a socket SOCKETS/serial-CONFIG.sock, TCP
 * on 127.0.0.1 with a free port. 0, or -1 with one line in @err (no free
 * port).
 */
int console_spec_complete(struct console_spec *spec, const struct vcts_config *config,
			  char *err, size_t err_size);
void console_spec_release(struct console_spec *spec);
/* "unix:/tmp/x.sock", "tcp:127.0.0.1:4555", "pty" for logs and messages (free() it). */
char *console_spec_describe(const struct console_spec *spec);
/* stdio, file, unix, pty, tcp */
const char *console_route_name(enum console_route route);
/* A file: the harness reads what the guest writes and can never answer it. */
bool console_is_output_only(const struct console_spec *spec);
/*
 * Before the hypervisor starts: remove what an earlier VM left at the
 * spec's path (a regular file or a socket; nothing else is touched), so
 * that the harness never reads or connects to the old one.
 */
void console_spec_clear_path(const struct console_spec *spec);

/* Delivers guest bytes to the VM's console callback. */
typedef void (*console_bytes_fn)(void *ctx, const char *data, size_t len);

struct console_conn {
	struct console_spec spec;	/* a copy; a pty's path once seen */
	int fd;				/* -1 until connected */
	bool ended;			/* the other end closed it */
	uint64_t started_ms;		/* the hypervisor's start */
	uint64_t deadline_ms;		/* give up connecting after this */
	uint64_t next_try_ms;
	uint64_t connected_ms;		/* 0 until connected */
	char error[256];		/* why the last attempt failed */
};

void console_conn_init(struct console_conn *c, const struct console_spec *spec,
		       uint64_t now_ms, uint64_t deadline_ms);
void console_conn_close(struct console_conn *c);
/* The descriptor to poll for input, or -1 (not connected; a file is read on every wake). */
int console_conn_poll_fd(const struct console_conn *c);
/* How long the watcher may sleep before the console wants another look. */
int console_conn_wait_ms(const struct console_conn *c, uint64_t now_ms);
/* Connect when due, then read whatever the console has into @deliver. */
void console_conn_service(struct console_conn *c, uint64_t now_ms,
			  console_bytes_fn deliver, void *ctx);
/* Not connected by its deadline: the VM has no console (why in ->error). */
bool console_conn_gave_up(const struct console_conn *c, uint64_t now_ms);
/*
 * A line the hypervisor printed (stdout or stderr): a pty whose path the
 * spec left open is named there ("char device redirected to /dev/pts/3").
 */
void console_conn_scan_output(struct console_conn *c, const char *line);
/* After the hypervisor is gone: what the console still holds. */
void console_conn_drain(struct console_conn *c, console_bytes_fn deliver, void *ctx);
/* The guest's console input: 0, or -1 (not connected, or output only). */
int console_conn_send(struct console_conn *c, const char *data, size_t len);

/*
 * console_route.c, for vm/vm_run.c. Where @launch's backend routes the
 * console (no ops->console: stdio), completed, into @console and
 * launch->console (NULL for stdio); the kernel words the route needs
 * (vcts.console=output-only for a file, vcts.exit=halt for a pty) appended
 * to *@cmdline. 0, or -1 with one line in @err.
 */
struct vm_launch;
struct vm_outcome;
int console_route_launch(struct vm_launch *launch, struct console_spec *console,
			 char **cmdline, char *err, size_t err_size);
/* "console unix:... reached 75 ms after the start", for the log (free() it). */
char *console_outcome_note(const struct vm_outcome *out);
/*
 * What the user must hear about a routed console instead of "printed
 * nothing": never reached, or reached after the kernel's first line went
 * by; NULL if nothing (free() it).
 */
char *console_outcome_problem(const struct vm_outcome *out, bool hello_seen);

/* Per route (console_socket.c, console_pty.c, console_file.c): an fd, or -1 with @why. */
int console_connect_unix(const char *path, char *why, size_t why_size);
int console_connect_tcp(const char *host, unsigned int port, char *why, size_t why_size);
int console_open_pty(const char *path, char *why, size_t why_size);
int console_open_file(const char *path, char *why, size_t why_size);
/* A TCP port on @host nobody listens on now: 0 and @port, or -1 with @why. */
int console_free_tcp_port(const char *host, unsigned int *port, char *why, size_t why_size);
/* The /dev/pts/N (or other /dev/ path) a line names, or NULL (free() it). */
char *console_pty_path_in(const char *line);

#endif
