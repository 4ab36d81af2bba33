/*
 * The state of one VM run as the kernel's result lines describe it: which
 * test is open, which devices exist, what the host still has to check.
 * It turns lines (and the harness's own events: timeout, hypervisor exit)
 * into results in a struct report. No I/O happens here.
 */
#ifndef VCTS_RUN_STATE_H
#define VCTS_RUN_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "protocol/line_parser.h"
#include "results/results.h"

/* A device the kernel found (a `device` line). */
struct seen_device {
	char *name;
	char *type;
	char *location;
	char *id;
};

/*
 * A registered test (a `list` line, only with vcts.list). A field the
 * kernel did not send is "" (kernels before file=, interface= and
 * transport= existed), never guessed from the id.
 */
struct listed_test {
	char *test;
	char *type;		/* device type, or "any" */
	char *file;		/* source file, repository-relative */
	char *interface;	/* modern, legacy or any */
	char *transport;	/* transport family: pci, mmio or any */
	struct strlist clauses;
	struct strlist needs;	/* none declared by any test yet */
};

/* A (test, device) pair the kernel will run (a `plan` line), in its order. */
struct planned_pair {
	char *test;
	char *device;
	char *device_type;	/* vm/config_resume.c's copy only: as results name it */
};

/* A check the host does after the VM exits (a `host-check` line). */
struct host_check_request {
	char *test;
	char *device;
	char *what;
	struct strlist clauses;
	char *lba;
	char *count;
	char *seed;
};

/* A `fail` line waiting for the `end` of its test. */
struct pending_failure {
	char *test;
	char *device;
	struct failure failure;
};

typedef void (*result_ready_fn)(void *ctx, struct result *result);
typedef void (*run_note_fn)(void *ctx, const char *message);

struct run_state {
	struct report *report;
	struct run_record *run;
	const struct vcts_config *config;
	char *log;
	result_ready_fn on_result;
	run_note_fn on_note;
	void *ctx;

	bool hello_seen;
	bool summary_seen;
	bool crash_seen;
	/*
	 * The kernel's `done` (docs/result-protocol.md): it has nothing more
	 * to say and is ending the VM by the method it named (done_exit).
	 */
	bool done_seen;
	uint64_t done_ms;
	char *done_exit;
	bool any_test_begun;
	long summary_fail;
	long summary_tests;
	size_t tests_ended;

	/* The pairs of the `plan` lines, and the last pair that began. */
	struct planned_pair *planned;
	size_t planned_count, planned_cap;
	char *reached_test;
	char *reached_device;

	bool open;			/* a test has begun and not ended */
	char *open_test;
	char *open_device;
	uint64_t open_since_ms;

	struct pending_failure *pending;
	size_t pending_count, pending_cap;
	struct seen_device *devices;
	size_t device_count, device_cap;
	struct listed_test *listed;
	size_t listed_count, listed_cap;
	struct host_check_request *host_checks;
	size_t host_check_count, host_check_cap;
};

void run_state_init(struct run_state *rs, struct report *report,
		    struct run_record *run, const char *log);
void run_state_free(struct run_state *rs);

void run_state_line(struct run_state *rs, const struct vcts_line *line,
		    uint64_t now_ms);
void run_state_garbled(struct run_state *rs, const char *reason,
		       const char *text, size_t len);
/* The time limit expired and the VM was killed (after `done` only a note). */
void run_state_timeout(struct run_state *rs, unsigned int timeout_s,
		       uint64_t now_ms);
/* The hypervisor ended on its own; @how is e.g. "exited with status 3". */
void run_state_hypervisor_exit(struct run_state *rs, const char *how,
			       uint64_t now_ms);
/*
 * An anomaly of the protocol or the kernel (a garbled line, a summary that
 * disagrees, an exit status that disagrees): an `error` result @test
 * ("kernel.summary") of the VM's configuration, message appended when it
 * already exists.
 */
void run_state_anomaly(struct run_state *rs, const char *test, const char *message);
/*
 * The run is over: turn leftovers (fail lines without end) into results,
 * and every protocol anomaly into an error result.
 */
void run_state_finish(struct run_state *rs);

/* Inside protocol/: a result of the VM's configuration, and handing one on. */
struct result *run_state_new_result(struct run_state *rs, const char *test,
				    const char *device);
void run_state_announce(struct run_state *rs, struct result *r);
/* run_anomalies.c: garbled lines and protocol errors as error results. */
void run_state_report_anomalies(struct run_state *rs);

/* A protocol error: counted in the run record, noted in the log. */
void run_state_protocol_error(struct run_state *rs, const char *what);

/* run_inventory.c: `device` and `list` lines; and freeing what they left. */
void run_device_line(struct run_state *rs, const struct vcts_line *line);
void run_list_line(struct run_state *rs, const struct vcts_line *line);
void run_inventory_free(struct run_state *rs);

/* run_plan.c: a `plan` line; and freeing what they left. */
void run_plan_line(struct run_state *rs, const struct vcts_line *line);
void run_plan_free(struct run_state *rs);

bool run_state_has_host_check(const struct run_state *rs, const char *test,
			      const char *device);
/* The type of device @name: from its `device` line, else from the name. */
char *run_state_device_type(const struct run_state *rs, const char *name);
const struct seen_device *run_state_device(const struct run_state *rs,
					   const char *name);

#endif
