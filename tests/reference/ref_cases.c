/*
 * The fault cases (ref_cases.h): the table, the fault-free run of each
 * transport they are measured against, and the check of one case.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/reference/ref_cases.h"

#define REF_CASE(name_, fault_, transport_, device_, test_, clause_)	\
	{ .name = #name_, .fault = fault_, .transport = transport_,		\
	  .device = device_, .test = test_, .clause = clause_ },
const struct ref_fault_case ref_fault_cases[] = { ALL_FAULT_CASES };
#undef REF_CASE
const int ref_fault_case_count = REF_CASE_COUNT;
enum ref_case_outcome ref_case_outcomes[REF_CASE_COUNT];

#define UNCAUGHT_FAULT(name, fault) fault,
const enum ref_fault ref_uncaught_faults[] = { UNCAUGHT_FAULTS(UNCAUGHT_FAULT) };
#undef UNCAUGHT_FAULT
const int ref_uncaught_fault_count =
	(int)(sizeof(ref_uncaught_faults) / sizeof(ref_uncaught_faults[0]));

void ref_case_report(const char *format, const char *a, const char *b, const char *c)
{
	char message[512];

	snprintf(message, sizeof(message), format, a, b, c);
	CU_assertImplementation(CU_FALSE, __LINE__, message, __FILE__, "", CU_FALSE);
}

bool ref_case_run_completed(const struct ref_run *run, const char *what)
{
	if (run->died[0])
		ref_case_report("%s: %s", what, run->died, "");
	else if (run->crashed)
		ref_case_report("%s: crash line: %s", what, run->crash_message, "");
	else if (!run->summary)
		ref_case_report("%s: no summary line%s%s", what, "", "");
	else if (run->garbled)
		ref_case_report("%s: garbled lines%s%s", what, "", "");
	else
		return true;
	return false;
}

/* The whole registry on devices that break no rule, once per transport. */
static struct ref_run *baselines[REF_TRANSPORT_COUNT];

const struct ref_run *ref_case_baseline(enum ref_transport transport)
{
	struct ref_machine machine;

	if (baselines[transport])
		return baselines[transport];
	baselines[transport] = malloc(sizeof(struct ref_run));
	if (!baselines[transport])
		return NULL;
	ref_machine_on(&machine, transport);
	if (!ref_run(&machine, "", baselines[transport])) {
		free(baselines[transport]);
		baselines[transport] = NULL;
	}
	return baselines[transport];
}

void ref_case_baselines_free(void)
{
	for (int t = 0; t < REF_TRANSPORT_COUNT; t++) {
		if (baselines[t])
			ref_run_free(baselines[t]);
		free(baselines[t]);
		baselines[t] = NULL;
	}
}

/*
 * The verdict the test gives with the fault: fail for a broken MUST;
 * warn for a broken SHOULD; note where the rule is descriptive text
 * (docs/findings.md says which sentence each rests on).
 */
static const char *verdict_with(enum ref_fault fault)
{
	switch (fault) {
	case REF_FAULT_IGNORES_SUPPRESSION:
	case REF_FAULT_CCW_LONG_BUFFER_REJECTED:
	case REF_FAULT_CCW_READ_STATUS_ANY_REVISION:
	case REF_FAULT_CCW_ADAPTER_ALWAYS_INTERRUPTS:
		return "warn";
	case REF_FAULT_CCW_SENSE_ID_DEVICE_TYPE:
	case REF_FAULT_CCW_NOOP_REJECTED:
	case REF_FAULT_PACKED_ID_FROM_FIRST:
	case REF_FAULT_CONSOLE_NAME_NUL_TERMINATED:
	case REF_FAULT_BALLOON_SKIPS_ABSENT_QUEUES:
	case REF_FAULT_MMIO_FEATURE_SELECT_WRAPS:
	case REF_FAULT_MMIO_QUEUE_SEL_HIGH_DROPPED:
	case REF_FAULT_MMIO_PFN_ZERO_RESETS_DEVICE:
	case REF_FAULT_MMIO_PFN_ZERO_IGNORED:
		return "note";
	default:
		return "fail";
	}
}

/* "verdict: reason": a report must say what the test did instead (a skip is not a pass). */
static const char *outcome_text(const struct ref_result *result, char *text, size_t size)
{
	if (!result)
		return "no result";
	snprintf(text, size, "%s%s%s", result->verdict[0] ? result->verdict : "no end line",
		 result->reason[0] ? ": " : "", result->reason);
	return text;
}

/* The case's test on its machine with the fault: caught, or why not. */
static enum ref_case_outcome run_with_fault(const struct ref_fault_case *c)
{
	const char *name = ref_fault_name(c->fault);
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));
	enum ref_case_outcome outcome = REF_CASE_MISSED;
	const struct ref_result *after;
	struct ref_options *options;

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	ref_machine_on(&machine, c->transport);
	options = ref_machine_options(&machine, c->device);
	if (!options) {
		ref_case_report("%s: no device %s behind %s", c->name, c->device,
				ref_transport_name(c->transport));
		free(run);
		return REF_CASE_MISSED;
	}
	options->fault = c->fault;
	CU_ASSERT_FATAL(ref_run(&machine, c->test, run));
	if (ref_case_run_completed(run, name)) {
		const char *verdict = verdict_with(c->fault);
		char got[300], wanted[400];

		after = ref_run_result(run, c->test, c->device);
		snprintf(wanted, sizeof(wanted), "%s on %s is not %s (%s)", c->test, c->device,
			 verdict, outcome_text(after, got, sizeof(got)));
		if (!after || strcmp(after->verdict, verdict))
			ref_case_report("%s: %s%s", name, wanted, "");
		else if (!ref_result_has_clause(after, c->clause))
			ref_case_report("%s: no fail line of %s names \"%s\"", name, c->test,
					c->clause);
		else
			outcome = REF_CASE_CAUGHT;
	}
	ref_run_free(run);
	free(run);
	return outcome;
}

void ref_case_check(int index)
{
	const struct ref_fault_case *c = &ref_fault_cases[index];
	const struct ref_run *baseline = ref_case_baseline(c->transport);
	const struct ref_result *before =
		baseline ? ref_run_result(baseline, c->test, c->device) : NULL;
	enum ref_case_outcome outcome;

	outcome = run_with_fault(c);
	if (!before || strcmp(before->verdict, "pass")) {
		char got[300];

		ref_case_report("%s: %s does not pass without the fault (%s)",
				ref_fault_name(c->fault), c->test,
				outcome_text(before, got, sizeof(got)));
		outcome = REF_CASE_MISSED;
	}
	ref_case_outcomes[index] = outcome;
}

bool ref_case_record(const char *path)
{
	static const char *const words[] = { "not-run", "caught", "missed" };
	char partial[4096];
	FILE *out;

	snprintf(partial, sizeof(partial), "%s.partial", path);
	out = fopen(partial, "w");
	if (!out)
		return false;
	for (int i = 0; i < REF_CASE_COUNT; i++)
		fprintf(out, "%s %s\n", ref_fault_cases[i].name, words[ref_case_outcomes[i]]);
	/* Whole or not at all: the score never reads half a record. */
	if (fclose(out) != 0 || rename(partial, path) != 0)
		return false;
	return true;
}
