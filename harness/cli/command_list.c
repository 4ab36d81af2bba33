/*
 * `vcts list`: boot the kernel with vcts.list and print the tests it has
 * registered. The same VM machinery as `run`, one configuration, no
 * reports (the console log still goes to OUTPUT/logs/). With
 * --hypervisors: the backends and what they offer (list_hypervisors.c).
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/list_hypervisors.h"
#include "cli/list_json.h"
#include "cli/list_session.h"
#include "vm/vm_process.h"

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

/* A column the kernel may not have sent (file= is newer than list lines). */
static const char *shown_text(const char *text)
{
	return *text ? text : "-";
}

static size_t wider(size_t width, const char *text)
{
	size_t length = strlen(text);

	return length > width ? length : width;
}

/* Columns: id, device type, source file, clauses. */
static void print_columns(const struct listed_test *const *shown, size_t count)
{
	size_t id_width = 0, type_width = 0, file_width = 0;

	for (size_t i = 0; i < count; i++) {
		id_width = wider(id_width, shown[i]->test);
		type_width = wider(type_width, shown[i]->type);
		file_width = wider(file_width, shown_text(shown[i]->file));
	}
	for (size_t i = 0; i < count; i++) {
		char *clauses = strlist_join(&shown[i]->clauses, " | ");

		printf("%-*s  %-*s  %-*s  %s\n", (int)id_width, shown[i]->test,
		       (int)type_width, shown[i]->type,
		       (int)file_width, shown_text(shown[i]->file), clauses);
		free(clauses);
	}
}

static void print_json(const struct listed_test *const *shown, size_t count)
{
	char *text = list_json_text(shown, count);

	fputs(text, stdout);
	free(text);
}

static void print_listing(const struct options *opts, const struct run_state *rs)
{
	const struct listed_test **shown = xcalloc(rs->listed_count, sizeof(*shown));
	size_t count = 0;

	for (size_t i = 0; i < rs->listed_count; i++)
		if (matches_filters(opts, rs->listed[i].test))
			shown[count++] = &rs->listed[i];
	qsort(shown, count, sizeof(*shown), by_test_id);
	if (opts->json)
		print_json(shown, count);
	else
		print_columns(shown, count);
	free(shown);
}

/*
 * Did the kernel finish its listing? It says `done` after it (an older
 * kernel only exits with value 0).
 */
static bool listing_complete(const struct vm_run *vr)
{
	const struct run_state *rs = &vr->state;

	if (!rs->hello_seen || rs->crash_seen)
		return false;
	/* A backend whose exit status means nothing: the list itself must be there. */
	if (!vr->backend->ops->exit_status)
		return rs->summary_seen || rs->done_seen;
	return rs->summary_seen || rs->done_seen ||
	       (vr->record->exited &&
		vr->record->exit_status == vr->backend->ops->exit_status(vr->backend, 0));
}

int list_session_run(struct list_session *ls, const struct options *opts)
{
	struct vm_run *vr = &ls->vr;

	/* Every configuration runs the same tests: the first one lists them. */
	memset(ls, 0, sizeof(*ls));
	config_matrix_build(&ls->matrix, opts);
	if (config_matrix_open_socket_dir(&ls->matrix) ||
	    host_setup_prepare(&ls->setup, opts, ls->matrix.configs, 1))
		return EXIT_SETUP_ERROR;
	vm_process_catch_interrupts();
	vr->config = &ls->matrix.configs[0];
	vr->backend = &ls->setup.backends[0];
	vr->list_mode = true;
	if (vm_run_execute(vr, &ls->report))
		return EXIT_SETUP_ERROR;
	if (vm_process_interrupted())
		return EXIT_INTERRUPTED;
	if (!listing_complete(vr)) {
		vcts_error("the kernel did not finish its listing; see %s", vr->log_path);
		return EXIT_TEST_FAILED;
	}
	return EXIT_ALL_PASSED;
}

void list_session_release(struct list_session *ls)
{
	vm_run_release(&ls->vr);
	report_free(&ls->report);
	config_matrix_free(&ls->matrix);
	host_setup_release(&ls->setup);
}

/* --hypervisors: what the backends offer, from their tables; nothing boots. */
static int list_hypervisors(const struct options *opts)
{
	char *text;

	if (!opts->json)
		return list_hypervisors_print();
	text = list_hypervisors_json_text();
	fputs(text, stdout);
	free(text);
	return EXIT_ALL_PASSED;
}

int command_list(const struct options *opts)
{
	struct list_session ls;
	int status;

	if (opts->hypervisors)
		return list_hypervisors(opts);
	status = list_session_run(&ls, opts);

	/* What did arrive is worth showing, even from an unfinished listing. */
	if (status == EXIT_ALL_PASSED || status == EXIT_TEST_FAILED)
		print_listing(opts, &ls.vr.state);
	list_session_release(&ls);
	return status;
}
