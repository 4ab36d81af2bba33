/*
 * What a `vcts run` produces: one record per VM run and one result per test
 * and device. Every report writer reads this and nothing else.
 */
#ifndef VCTS_REPORT_H
#define VCTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plan/config.h"
#include "util.h"

enum verdict {
	VERDICT_PASS,
	VERDICT_FAIL,
	VERDICT_SKIP,
	VERDICT_TIMEOUT,
	VERDICT_CRASH,
	VERDICT_XFAIL,		/* failed, as a baseline expects */
	VERDICT_XPASS,		/* passed, though a baseline expects a failure */
	/*
	 * Planned (a `plan` line) and never reported: the VM that was to run
	 * it died and no resumed VM reached it. The message says why.
	 */
	VERDICT_NOT_RUN,
	VERDICT_WARN,		/* a SHOULD of the spec does not hold */
	VERDICT_NOTE,		/* descriptive (non-normative) text does not hold */
	/*
	 * A defect of the test or of the protocol, not of the device: a pass
	 * with no checks, a garbled line, a summary that disagrees.
	 */
	VERDICT_ERROR,
	/* Failed on one attempt and passed on another (--retries): not a pass. */
	VERDICT_FLAKY,
};

const char *verdict_name(enum verdict verdict);
/* The verdict named @name ("pass", "xfail"...): 0, or -1 if there is none. */
int verdict_parse(const char *name, enum verdict *verdict);
#define VERDICT_COUNT 12
/*
 * fail, timeout, crash, not-run, error and flaky: the ones that make `vcts
 * run` exit 1. warn, note, xfail and xpass do not: the first two are
 * shown, a baseline forgives the third, the last is good news.
 */
bool verdict_is_failure(enum verdict verdict);

/* One `fail` line of the kernel. */
struct failure {
	char *file;
	long line;
	char *clause;
	char *expected;
	char *actual;
	char *msg;
	char *severity;		/* must, should, note */
	char *check;		/* the check's stable key (docs/baselines.md), or "" */
};

struct baseline;
struct baseline_entry;

struct result {
	char *test;
	const struct vcts_config *config;
	char *device;		/* instance, blk0; empty for pseudo-tests */
	char *device_type;	/* blk */
	enum verdict verdict;
	struct strlist clauses;
	long duration_ms;
	char *message;
	struct failure *failures;
	size_t failure_count;
	size_t failure_cap;
	char *log;		/* relative to the output directory */
	bool announced;		/* already printed on stdout... */
	enum verdict announced_verdict;	/* ...with this verdict */
	const struct baseline_entry *baseline;	/* made it xfail or xpass, or NULL */
	/*
	 * --retries: how many VM runs of its configuration produced this result
	 * (1 without re-runs), and whether it both failed and passed among them.
	 * A flaky result has verdict flaky and keeps the failure it had.
	 */
	unsigned int attempts;
	bool flaky;
};

struct run_record {
	const struct vcts_config *config;
	char *accel;
	char *accel_reason;
	char *hypervisor_version;
	char *command;
	char *log;
	char *kernel_version;	/* from the hello line, or NULL */
	char *ended;		/* summary, crash, timeout, exit, interrupted */
	uint32_t seed;
	char *filter;
	struct strlist kernel_args;
	bool exited;		/* exit_status is valid */
	int exit_status;
	int signal;		/* killed by this signal, or 0 */
	long duration_ms;
	unsigned int garbled_lines;
	unsigned int protocol_errors;
	/* 1; 2, 3... for the re-runs of a configuration (--retries) */
	unsigned int attempt;
	/* "TEST/DEVICE": a fresh VM after one that died there, or NULL. */
	char *resumed_after;
};

struct report {
	struct run_record **runs;
	size_t run_count;
	size_t run_cap;
	struct result **results;
	size_t result_count;
	size_t result_cap;
	const struct baseline *baseline;	/* applied to the results, or NULL */
};

struct run_record *report_add_run(struct report *report,
				  const struct vcts_config *config);
struct result *report_add_result(struct report *report, const char *test,
				 const struct vcts_config *config,
				 const char *device, const char *device_type);
/* The result for @test on @device in @config, or NULL. */
struct result *report_find_result(const struct report *report, const char *test,
				  const struct vcts_config *config,
				  const char *device);
void report_free(struct report *report);

void result_add_failure(struct result *result, const struct failure *failure);
void failure_release(struct failure *failure);
/* "file:line: clause: msg (expected X, actual Y)" */
char *failure_describe(const struct failure *failure);
/* Set message from the failures (joined with newlines), or to @fallback. */
void result_set_message_from_failures(struct result *result, const char *fallback);
void result_set_message(struct result *result, const char *message);

struct verdict_counts {
	size_t pass;		/* pass only; xpass apart */
	size_t fail;		/* fail only */
	size_t skip;
	size_t timeout;
	size_t crash;
	size_t xfail;
	size_t xpass;
	size_t not_run;
	size_t warn;
	size_t note;
	size_t error;
	size_t flaky;		/* failed on one attempt, passed on another */
	size_t total;
	long duration_ms;
};

/* What the last line on stdout calls failed: every verdict_is_failure(). */
size_t verdict_counts_failed(const struct verdict_counts *counts);

/* Counts over the results of @config, or over all when @config is NULL. */
void report_count(const struct report *report, const struct vcts_config *config,
		  struct verdict_counts *counts);

/* "qemu-x86_64-q35-pci-modern-modern/blk0", or the config name alone. */
char *result_label(const struct result *result);

/*
 * The first VM of each configuration: writers that list configurations
 * skip the re-runs of --retries (their results are merged into the first)
 * and the VMs that resumed it after one died (theirs belong to it too).
 */
bool run_is_first_attempt(const struct run_record *run);

/* results.json's text (results_write.c); reports/ writes the file. */
char *report_json_text(const struct report *report);

#endif
