/*
 * The fault cases: which fault, injected into which device behind which
 * transport, must make which kernel test fail naming which clause. One
 * table (ref_cases.c) feeds the CUnit cases (test_faults.c,
 * test_transports.c) and the mutation score (ref_score.c).
 *
 * FAULT_CASES (test_faults.c's rows, on the "reference" ops) and the
 * per-type lists have five columns; the transport lists
 * (ref_faults_pci.h, ref_faults_pci_legacy.h, ref_faults_mmio.h) and
 * RING_ON_TRANSPORT_FAULT_CASES add the transport as the third.
 */
#ifndef VCTS_REF_CASES_H
#define VCTS_REF_CASES_H

#include <stdbool.h>

#include "tests/reference/ref_fault_cases.h"
#include "tests/reference/ref_machine.h"

struct ref_fault_case {
	const char *name;		/* the CUnit case: used_id_out_of_range, ... */
	enum ref_fault fault;
	enum ref_transport transport;
	const char *device;		/* rng0, blk0, ... */
	const char *test;		/* the test that must catch it */
	const char *clause;		/* what its fail line must name */
};

enum ref_case_outcome {
	REF_CASE_NOT_RUN,
	REF_CASE_CAUGHT,		/* the test failed naming the clause */
	REF_CASE_MISSED,		/* anything else */
};

/* Each case's index in ref_fault_cases: REF_CASE_used_id_out_of_range, ... */
#define REF_CASE(name, fault, transport, device, test, clause) REF_CASE_##name,
enum ref_case_index { ALL_FAULT_CASES REF_CASE_COUNT };
#undef REF_CASE

extern const struct ref_fault_case ref_fault_cases[];
extern const int ref_fault_case_count;
/* Faults no kernel check catches, by design (docs/reference-device.md). */
extern const enum ref_fault ref_uncaught_faults[];
extern const int ref_uncaught_fault_count;

/* What each case came to in this process (indexed like ref_fault_cases). */
extern enum ref_case_outcome ref_case_outcomes[];

/*
 * Runs case @index: the test passes on the fault-free machine of its
 * transport, fails with the fault naming the clause, and the run ends
 * normally. Failures are CUnit failures; the outcome is recorded.
 */
void ref_case_check(int index);
/* The fault-free run of the whole registry behind @transport (run once, kept). */
const struct ref_run *ref_case_baseline(enum ref_transport transport);
void ref_case_baselines_free(void);

/* A CUnit failure with a message (printf-like, up to three strings). */
void ref_case_report(const char *format, const char *a, const char *b, const char *c);
/* A run ended by the kernel itself: summary printed, no crash line, not killed. */
bool ref_case_run_completed(const struct ref_run *run, const char *what);

/* Writes one line per case ("name caught|missed|not-run") to @path; false on error. */
bool ref_case_record(const char *path);

#endif
