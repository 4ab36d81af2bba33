/*
 * The reference-device tests: the kernel's virtio core and tests, built
 * for the host, against the reference device with and without faults.
 *
 *	reference-tests [--record FILE]      the CUnit suites; FILE: what each fault
 *	                                     case came to (caught, missed)
 *	reference-tests --mutation-score FILE
 *	                                     the score from such a record (ref_score.c)
 *	reference-tests [--machine VARIANT] --run FILTER [FAULT DEVICE]
 *	                                     one run on the standard machine
 *	                                     (rng0, blk0, blk1 read-only, ...) or a
 *	                                     variant of it (ref_machine_variant:
 *	                                     access-platform, blk-4096, ...), FAULT
 *	                                     injected into DEVICE (or all); prints the
 *	                                     kernel's console and the verdicts
 *	reference-tests --faults             the fault names
 *	reference-tests --transport NAME --run ...
 *	                                     the same run behind a register model:
 *	                                     pci-modern, pci-legacy, mmio-v2, mmio-v1
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/reference/ref_cases.h"
#include "tests/reference/ref_machine.h"
#include "tests/reference/ref_score.h"

extern CU_SuiteInfo reference_suites[];
extern CU_SuiteInfo transport_suites[];
extern CU_SuiteInfo containment_suites[];
extern CU_SuiteInfo platform_suites[];

static int list_faults(void)
{
	for (int f = 0; f < REF_FAULT_COUNT; f++)
		printf("%s\n", ref_fault_name((enum ref_fault)f));
	return 0;
}

static int one_run(int argc, char **argv, enum ref_transport transport, const char *variant)
{
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));
	int f = 0;

	ref_machine_on(&machine, transport);
	if (!ref_machine_variant(&machine, variant)) {
		fprintf(stderr, "reference-tests: no machine variant %s\n", variant);
		free(run);
		return 2;
	}
	if (argc == 5) {
		bool all = !strcmp(argv[4], "all");
		struct ref_options *options = ref_machine_options(&machine, argv[4]);

		while (f < REF_FAULT_COUNT && strcmp(ref_fault_name((enum ref_fault)f), argv[3]))
			f++;
		if (f == REF_FAULT_COUNT || (!options && !all)) {
			fprintf(stderr, "reference-tests: no fault %s or device %s\n", argv[3], argv[4]);
			return 2;
		}
		for (int i = 0; i < machine.count; i++) {
			if (all || &machine.devices[i].options == options)
				machine.devices[i].options.fault = (enum ref_fault)f;
		}
	} else if (argc != 3) {
		fprintf(stderr, "usage: reference-tests [--transport NAME] [--machine VARIANT] --run FILTER "
			"[FAULT DEVICE]\n");
		return 2;
	}
	if (!run || !ref_run(&machine, argv[2], run))
		return 2;
	fputs(run->console, stdout);
	for (int i = 0; i < run->result_count; i++) {
		const struct ref_result *r = &run->results[i];

		printf("%-6s %-58s %s\n", r->verdict, r->test, r->device);
		for (int c = 0; c < r->fails && c < REF_RESULT_MAX_FAILS; c++)
			printf("         clause: %s\n", r->fail_clauses[c]);
	}
	printf("exit status %d%s%s\n", run->exit_status, run->died[0] ? ", " : "", run->died);
	ref_run_free(run);
	free(run);
	return 0;
}

/* --transport NAME: the machine's transport (reference, pci-modern, ...). */
static bool take_transport(int *argc, char ***argv, enum ref_transport *transport)
{
	if (*argc < 3 || strcmp((*argv)[1], "--transport"))
		return true;
	for (int t = 0; t < REF_TRANSPORT_COUNT; t++) {
		if (!strcmp((*argv)[2], ref_transport_name((enum ref_transport)t))) {
			*transport = (enum ref_transport)t;
			(*argv)[2] = (*argv)[0];
			*argv += 2;
			*argc -= 2;
			return true;
		}
	}
	fprintf(stderr, "reference-tests: no transport %s\n", (*argv)[2]);
	return false;
}

/* The CUnit suites; with @record, what each fault case came to, for the score. */
static int run_suites(const char *record)
{
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "reference-tests: %s\n", CU_get_error_msg());
		return 2;
	}
	if (CU_register_suites(reference_suites) != CUE_SUCCESS ||
	    CU_register_suites(transport_suites) != CUE_SUCCESS ||
	    CU_register_suites(containment_suites) != CUE_SUCCESS ||
	    CU_register_suites(platform_suites) != CUE_SUCCESS) {
		fprintf(stderr, "reference-tests: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
		 CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	ref_case_baselines_free();
	if (record && !ref_case_record(record)) {
		fprintf(stderr, "reference-tests: cannot write %s\n", record);
		return 2;
	}
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	enum ref_transport transport = REF_TRANSPORT_REFERENCE;

	if (!take_transport(&argc, &argv, &transport))
		return 2;
	if (argc > 1 && !strcmp(argv[1], "--faults"))
		return list_faults();
	if (argc > 3 && !strcmp(argv[1], "--machine") && !strcmp(argv[3], "--run"))
		return one_run(argc - 2, argv + 2, transport, argv[2]);
	if (argc > 1 && !strcmp(argv[1], "--run"))
		return one_run(argc, argv, transport, "standard");
	if (argc == 3 && !strcmp(argv[1], "--mutation-score"))
		return ref_score_print(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--record"))
		return run_suites(argv[2]);
	if (argc > 1) {
		fprintf(stderr, "usage: reference-tests [--record FILE | --mutation-score FILE | "
			"--faults | [--transport NAME] [--machine VARIANT] --run FILTER [FAULT DEVICE]]\n");
		return 2;
	}
	return run_suites(NULL);
}
