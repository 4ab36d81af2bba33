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

struct vm_callbacks {
	/* Bytes the guest wrote to its console (the hypervisor's stdout). */
	void (*console)(void *ctx, const char *data, size_t len);
	/* One line the hypervisor wrote to stderr, without its newline. */
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
 * Writes to the stdin of the VM that vm_process_run() is running (from
 * its callbacks): the guest's serial console input. 0, or -1.
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
