/*
 * Running a hypervisor process: its console and diagnostics through pipes,
 * a time limit, and a kill that takes every process it started with it.
 */
#ifndef VCTS_VM_PROCESS_H
#define VCTS_VM_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct console_spec;

struct vm_callbacks {
	/*
	 * Bytes the guest wrote to its console: the hypervisor's stdout, or
	 * the console vm_process_run_console() connected to.
	 */
	void (*console)(void *ctx, const char *data, size_t len);
	/*
	 * One line the hypervisor wrote to stderr (and to stdout when the
	 * console is elsewhere), without its newline.
	 */
	void (*diagnostic)(void *ctx, const char *line);
	/*
	 * Asked a few times a second (may be NULL): false stops the VM now
	 * (a helper it depends on died; vm_outcome.stopped).
	 */
	bool (*keep_running)(void *ctx);
	/*
	 * When keep_running() wants to be asked next, as a monotonic_ms() time
	 * (may be NULL; 0: no wish): a deadline of its own, such as the grace
	 * after the kernel's `done`, is then kept to the millisecond.
	 */
	uint64_t (*check_by)(void *ctx);
	void *ctx;
};

struct vm_outcome {
	bool timed_out;
	bool interrupted;	/* SIGINT or SIGTERM reached the harness */
	bool stopped;		/* keep_running() said no: the harness killed it */
	bool exited;		/* exit_status is valid */
	int exit_status;
	int signal;		/* the signal that ended it, or 0 */
	uint64_t duration_ms;	/* from spawn to reaped */
	/* The console could not be reached in time: the harness killed the VM. */
	bool console_unreachable;
	char console_error[320];	/* why, when console_unreachable */
	bool console_connected;		/* a routed console was reached... */
	uint64_t console_connect_ms;	/* ...this long after the start... */
	char console_where[300];	/* ...there: "pty:/dev/pts/3" */
};

/*
 * Run @argv (argv[0] a path), with the NAME=VALUE pairs of @environment
 * (or NULL) added to the harness's, until it exits or @timeout_s pass. Returns 0,
 * or -1 when it could not start at all (@err says why).
 */
int vm_process_run(char *const argv[], const struct strlist *environment,
		   unsigned int timeout_s,
		   const struct vm_callbacks *cb, struct vm_outcome *outcome,
		   char *err, size_t err_size);

/*
 * The same with the guest's console where @console says (vm/console.h):
 * the harness connects to it once the process started, retrying until
 * CONSOLE_CONNECT_TIMEOUT_S have passed, and the process's stdout becomes
 * a diagnostic stream like its stderr. A NULL @console, or a stdio one, is
 * vm_process_run().
 */
int vm_process_run_console(char *const argv[], const struct strlist *environment,
			   unsigned int timeout_s, const struct console_spec *console,
			   const struct vm_callbacks *cb, struct vm_outcome *outcome,
			   char *err, size_t err_size);

/*
 * Writes to the console input of the VM that vm_process_run() is running
 * (from its callbacks): its stdin, or the console it connected to. 0, or
 * -1 (also when the console is output only).
 */
int vm_process_send(const char *data, size_t len);

/* Run @argv and collect its stdout and stderr (NUL-terminated, free()). */
int process_capture(char *const argv[], const struct strlist *environment,
		    unsigned int timeout_s, char **output,
		    struct vm_outcome *outcome, char *err, size_t err_size);

/* Make SIGINT and SIGTERM stop the running VM instead of the harness. */
void vm_process_catch_interrupts(void);
bool vm_process_interrupted(void);

#endif
