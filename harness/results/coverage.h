/*
 * Specification coverage (`vcts coverage`, docs/coverage.md): which
 * device-normative sections of the virtio specification the tests check,
 * from the clauses each test declares, and on which transports they ran.
 *
 * The sections are the paths of the spec's \devicenormative{LEVEL}{TITLE}
 * {PATH} declarations ("Device Requirements: ..."), the same strings the
 * tests cite. spec_tex.c reads them from the spec's LaTeX sources; the
 * list for 1.2 is committed (docs/spec/) so that nothing needs the sources.
 */
#ifndef VCTS_COVERAGE_H
#define VCTS_COVERAGE_H

#include <stdio.h>

#include "results/results.h"
#include "protocol/run_state.h"
#include "util.h"

/*
 * Scan the text of one .tex file: the PATH of every \devicenormative (its
 * white space collapsed) goes to @paths unless already there, the name of
 * every \input to @inputs, both in the order they appear. Comments are
 * skipped.
 */
void tex_scan(const char *text, struct strlist *paths, struct strlist *inputs);
/*
 * The device-normative paths of the spec whose sources are in @dir, in
 * document order: from main.tex through its \input files, or every .tex
 * file by name when there is no main.tex. -1 with @err on error.
 */
int spec_extract(const char *dir, struct strlist *paths, char *err, size_t err_size);
/* A section list file: one path a line; blank lines and "#" lines skipped. */
int spec_sections_parse(const char *text, struct strlist *paths);
int spec_sections_load(const char *path, struct strlist *paths, char *err,
		       size_t err_size);

/* The best verdict a test had on one transport column, for a table cell. */
enum cov_cell {
	CELL_NONE,		/* did not run there */
	CELL_SKIP,
	CELL_PASS,
	CELL_NOTE,
	CELL_WARN,
	CELL_XPASS,
	CELL_XFAIL,
	CELL_FAIL,
	CELL_TIMEOUT,
	CELL_CRASH,
	CELL_NOT_RUN,
	CELL_FLAKY,
	CELL_ERROR,
};

struct cov_section {
	const char *path;
	bool normative;		/* in the spec's list; else only cited by a test */
	size_t *tests;		/* indexes into coverage.tests */
	size_t test_count;
	bool *ran_on;		/* per column: a citing test ran there (not skipped) */
};

struct coverage {
	const struct listed_test *tests;
	size_t test_count;
	/* Normative sections in list order, then other cited ones sorted. */
	struct cov_section *sections;
	size_t section_count;
	size_t normative_count;
	size_t covered_count;	/* normative sections some test cites */
	struct strlist other_paths;	/* owns the paths of the other sections */
	/* Transport columns of the results, "pci-transitional/legacy". */
	struct strlist columns;
	enum cov_cell *cells;	/* test_count x columns.count */
	const char *results_path;	/* NULL without results */
	size_t config_count;
};

/* @results may be NULL: then there are no transport columns. */
void coverage_build(struct coverage *cov, const struct strlist *normative,
		    const struct listed_test *tests, size_t test_count,
		    const struct report *results);
void coverage_free(struct coverage *cov);
enum cov_cell coverage_cell(const struct coverage *cov, size_t test, size_t column);
/* How many normative sections a test ran on @column for (not skipped). */
size_t coverage_sections_on(const struct coverage *cov, size_t column);

/* "20 of 122 device-normative sections covered (16%); ..." */
char *coverage_totals_line(const struct coverage *cov);

struct coverage_names {
	const char *sections_path;	/* the list file or the .tex directory */
};

void coverage_write_markdown(const struct coverage *cov,
			     const struct coverage_names *names, FILE *out);

#endif
