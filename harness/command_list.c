/*
 * `vcts list`: boot the kernel with vcts.list and print the tests it has
 * registered. The same VM machinery as `run`, one configuration, no
 * reports (the console log still goes to OUTPUT/logs/).
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "setup.h"
#include "vm_process.h"
#include "vm_run.h"

static bool matches_filters(const struct options *opts, const char *test)
{
	if (!opts->filters.count)
		return true;
	for (size_t i = 0; i < opts->filters.count; i++)
		if (!fnmatch(opts->filters.items[i], test, 0))
			return true;
	return false;
}

static int by_test_id(const void *a, const void *b)
{
	const struct listed_test *const *x = a, *const *y = b;

	return strcmp((*x)->test, (*y)->test);
}

static void print_listing(const struct options *opts, const struct run_state *rs)
{
	const struct listed_test **shown = xcalloc(rs->listed_count, sizeof(*shown));
	size_t count = 0, id_width = 0, type_width = 0;

	for (size_t i = 0; i < rs->listed_count; i++)
		if (matches_filters(opts, rs->listed[i].test))
			shown[count++] = &rs->listed[i];
	qsort(shown, count, sizeof(*shown), by_test_id);
	for (size_t i = 0; i < count; i++) {
		size_t id = strlen(shown[i]->test), type = strlen(shown[i]->type);

		id_width = id > id_width ? id : id_width;
		type_width = type > type_width ? type : type_width;
	}
	for (size_t i = 0; i < count; i++) {
		char *clauses = strlist_join(&shown[i]->clauses, " | ");

		printf("%-*s  %-*s  %s\n", (int)id_width, shown[i]->test,
		       (int)type_width, shown[i]->type, clauses);
		free(clauses);
	}
	free(shown);
}

/* Did the kernel finish its listing? It exits with value 0 after it. */
static bool listing_complete(const struct vm_run *vr)
{
	const struct run_state *rs = &vr->state;

	if (!rs->hello_seen || rs->crash_seen)
		return false;
	return rs->summary_seen || (vr->record->exited && vr->record->exit_status == 1);
}

int command_list(const struct options *opts)
{
	struct report report = { 0 };
	struct config_matrix matrix;
	struct host_setup setup;
	struct vm_run vr;
	int status = EXIT_ALL_PASSED;

	/* Every configuration runs the same tests: the first one lists them. */
	config_matrix_build(&matrix, opts);
	if (host_setup_prepare(&setup, opts, matrix.configs, 1)) {
		host_setup_release(&setup);
		config_matrix_free(&matrix);
		return EXIT_SETUP_ERROR;
	}
	vm_process_catch_interrupts();
	memset(&vr, 0, sizeof(vr));
	vr.config = &matrix.configs[0];
	vr.opts = opts;
	vr.host = &setup.qemu;
	vr.accel_reason = setup.accel.reason;
	vr.list_mode = true;
	if (vm_run_execute(&vr, &report)) {
		status = EXIT_SETUP_ERROR;
	} else if (vm_process_interrupted()) {
		status = EXIT_INTERRUPTED;
	} else {
		print_listing(opts, &vr.state);
		if (!listing_complete(&vr)) {
			vcts_error("the kernel did not finish its listing; see %s",
				   vr.log_path);
			status = EXIT_TEST_FAILED;
		}
	}
	vm_run_release(&vr);
	report_free(&report);
	config_matrix_free(&matrix);
	host_setup_release(&setup);
	return status;
}
