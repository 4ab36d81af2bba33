/*
 * The coverage model: sections x tests from the clause declarations, and
 * tests x transports from a results.json. A section is covered when a
 * test declares it; the transport view says where such a test actually
 * ran (a skip does not count: the device did not offer what it needs).
 */
#include <stdlib.h>
#include <string.h>

#include "results/coverage.h"

static struct cov_section *add_section(struct coverage *cov, const char *path,
				       bool normative, size_t *cap)
{
	struct cov_section *s;

	grow_array((void **)&cov->sections, cap, cov->section_count + 1,
		   sizeof(*cov->sections));
	s = &cov->sections[cov->section_count++];
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->normative = normative;
	return s;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths the tests cite that are not in the normative list, sorted. */
static void collect_other(const struct coverage *cov, const struct strlist *normative,
			  struct strlist *other)
{
	for (size_t t = 0; t < cov->test_count; t++) {
		const struct strlist *clauses = &cov->tests[t].clauses;

		for (size_t i = 0; i < clauses->count; i++)
			if (!strlist_contains(normative, clauses->items[i]) &&
			    !strlist_contains(other, clauses->items[i]))
				strlist_add(other, clauses->items[i]);
	}
	if (other->count)
		qsort(other->items, other->count, sizeof(*other->items), by_string);
}

static void add_citing_tests(struct coverage *cov, struct cov_section *s)
{
	s->tests = xcalloc(cov->test_count + 1, sizeof(*s->tests));
	for (size_t t = 0; t < cov->test_count; t++)
		if (strlist_contains(&cov->tests[t].clauses, s->path))
			s->tests[s->test_count++] = t;
}

static void build_sections(struct coverage *cov, const struct strlist *normative,
			   struct strlist *other)
{
	size_t cap = 0;

	for (size_t i = 0; i < normative->count; i++)
		add_section(cov, normative->items[i], true, &cap);
	cov->normative_count = cov->section_count;
	collect_other(cov, normative, other);
	for (size_t i = 0; i < other->count; i++)
		add_section(cov, other->items[i], false, &cap);
	for (size_t i = 0; i < cov->section_count; i++) {
		add_citing_tests(cov, &cov->sections[i]);
		if (cov->sections[i].normative && cov->sections[i].test_count)
			cov->covered_count++;
	}
}

/* "pci-modern", or "pci-transitional/legacy" for a transport run in two modes. */
static char *column_name(const struct report *results, const struct vcts_config *c)
{
	for (size_t i = 0; i < results->result_count; i++) {
		const struct vcts_config *o = results->results[i]->config;

		if (!strcmp(o->transport, c->transport) && strcmp(o->mode, c->mode))
			return xasprintf("%s/%s", c->transport, c->mode);
	}
	return xstrdup(c->transport);
}

static size_t column_of(struct coverage *cov, const struct report *results,
			const struct vcts_config *config)
{
	char *name = column_name(results, config);
	size_t i;

	for (i = 0; i < cov->columns.count; i++)
		if (!strcmp(cov->columns.items[i], name))
			break;
	if (i == cov->columns.count)
		strlist_add(&cov->columns, name);
	free(name);
	return i;
}

static enum cov_cell cell_of(enum verdict verdict)
{
	static const enum cov_cell cells[VERDICT_COUNT] = {
		[VERDICT_PASS] = CELL_PASS, [VERDICT_FAIL] = CELL_FAIL,
		[VERDICT_SKIP] = CELL_SKIP, [VERDICT_TIMEOUT] = CELL_TIMEOUT,
		[VERDICT_CRASH] = CELL_CRASH, [VERDICT_XFAIL] = CELL_XFAIL,
		[VERDICT_XPASS] = CELL_XPASS, [VERDICT_NOT_RUN] = CELL_NOT_RUN,
		[VERDICT_WARN] = CELL_WARN, [VERDICT_NOTE] = CELL_NOTE,
		[VERDICT_ERROR] = CELL_ERROR, [VERDICT_FLAKY] = CELL_FLAKY,
	};

	return cells[verdict];
}

static size_t test_index(const struct coverage *cov, const char *test)
{
	for (size_t t = 0; t < cov->test_count; t++)
		if (!strcmp(cov->tests[t].test, test))
			return t;
	return cov->test_count;
}

/* A cell shows the worst verdict over the devices and machines it covers. */
static void fill_cells(struct coverage *cov, const struct report *results)
{
	size_t *col = xcalloc(results->result_count + 1, sizeof(*col));

	for (size_t i = 0; i < results->result_count; i++)
		col[i] = column_of(cov, results, results->results[i]->config);
	cov->cells = xcalloc(cov->test_count * cov->columns.count + 1, sizeof(*cov->cells));
	for (size_t i = 0; i < results->result_count; i++) {
		const struct result *r = results->results[i];
		size_t t = test_index(cov, r->test);
		enum cov_cell *cell = &cov->cells[t * cov->columns.count + col[i]];

		if (t < cov->test_count && cell_of(r->verdict) > *cell)
			*cell = cell_of(r->verdict);
	}
	free(col);
}

static size_t count_configs(const struct report *results)
{
	size_t n = 0;

	for (size_t i = 0; i < results->run_count; i++)
		n += run_is_first_attempt(results->runs[i]);
	return n;
}

static void mark_transports(struct coverage *cov)
{
	for (size_t i = 0; i < cov->section_count; i++) {
		struct cov_section *s = &cov->sections[i];

		s->ran_on = xcalloc(cov->columns.count + 1, sizeof(*s->ran_on));
		for (size_t c = 0; c < cov->columns.count; c++)
			for (size_t k = 0; k < s->test_count; k++)
				s->ran_on[c] |= coverage_cell(cov, s->tests[k], c) > CELL_SKIP;
	}
}

void coverage_build(struct coverage *cov, const struct strlist *normative,
		    const struct listed_test *tests, size_t test_count,
		    const struct report *results)
{
	memset(cov, 0, sizeof(*cov));
	cov->tests = tests;
	cov->test_count = test_count;
	build_sections(cov, normative, &cov->other_paths);
	if (results) {
		fill_cells(cov, results);
		cov->config_count = count_configs(results);
	}
	mark_transports(cov);
}

enum cov_cell coverage_cell(const struct coverage *cov, size_t test, size_t column)
{
	if (!cov->cells || test >= cov->test_count || column >= cov->columns.count)
		return CELL_NONE;
	return cov->cells[test * cov->columns.count + column];
}

size_t coverage_sections_on(const struct coverage *cov, size_t column)
{
	size_t n = 0;

	for (size_t i = 0; i < cov->normative_count; i++)
		n += cov->sections[i].ran_on[column];
	return n;
}

void coverage_free(struct coverage *cov)
{
	for (size_t i = 0; i < cov->section_count; i++) {
		free(cov->sections[i].tests);
		free(cov->sections[i].ran_on);
	}
	free(cov->sections);
	free(cov->cells);
	strlist_clear(&cov->columns);
	strlist_clear(&cov->other_paths);
	memset(cov, 0, sizeof(*cov));
}

char *coverage_totals_line(const struct coverage *cov)
{
	size_t n = cov->normative_count, covered = cov->covered_count;
	size_t other = cov->section_count - cov->normative_count;

	return xasprintf("%zu of %zu device-normative sections covered (%zu%%), %zu uncovered; %zu other cited section%s",
			 covered, n, n ? (covered * 100 + n / 2) / n : 0, n - covered,
			 other, other == 1 ? "" : "s");
}
