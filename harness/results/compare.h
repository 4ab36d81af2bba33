/*
 * `vcts compare`: a run's results against what was expected of them, a
 * baseline file (the known deviations) or an earlier results.json (every
 * verdict of a reference run). Classification here, Markdown in
 * compare_md.c, loading in command_compare.c.
 */
#ifndef VCTS_COMPARE_H
#define VCTS_COMPARE_H

#include <stdio.h>

#include "results/baseline.h"
#include "results/results.h"

enum compare_kind {
	COMPARE_UNCHANGED,	/* as expected: a pass, a skip, an old failure */
	COMPARE_REGRESSION,	/* fails (fail, timeout, crash) and nothing expects it */
	COMPARE_FIXED,		/* passes where a failure was expected (xpass) */
	COMPARE_KNOWN,		/* fails as expected (xfail) */
	COMPARE_NEW,		/* reference run: a result it did not have */
	COMPARE_NOW_SKIPPED,	/* reference run: it passed there, skips now */
	COMPARE_NOW_TESTED,	/* reference run: it skipped there, passes now */
	COMPARE_KIND_COUNT,
};

struct compare_item {
	const struct result *r;
	enum verdict verdict;	/* as the run saw it, before any baseline */
	enum compare_kind kind;
	const struct baseline_entry *entry;	/* baseline: the entry that matches */
	const struct result *ref;	/* reference run: the same result there */
};

struct comparison {
	const struct baseline *baseline;	/* one of these two (a chain) */
	const struct report *reference;
	const struct report *results;
	struct compare_item *items;	/* one per result, in results order */
	size_t count;
	size_t kinds[COMPARE_KIND_COUNT];
	size_t flaky;
	/* Baseline entries that turned no result into xfail or xpass. */
	const struct baseline_entry **stale;
	size_t stale_count;
	/* Reference results that have no counterpart now. */
	const struct result **missing;
	size_t missing_count;
};

/* A verdict without what a baseline made of it: xfail is fail, xpass pass. */
/*
 * @r's verdict without what a baseline made of it: xfail is what the entry
 * expected (fail, crash, timeout, flaky), xpass pass.
 */
enum verdict verdict_without_baseline(const struct result *r);

/* @bl may be a chain: each baseline judges the results it applies to. */
void compare_with_baseline(struct comparison *c, const struct baseline *bl,
			   const struct report *results);
void compare_with_reference(struct comparison *c, const struct report *reference,
			    const struct report *results);
void comparison_free(struct comparison *c);

/* The names of what was compared, for the report's first lines. */
struct compare_names {
	const char *reference_path;
	const char *results_path;
};

/* The regression report: Markdown a vendor can paste into a bug tracker. */
void compare_write_markdown(const struct comparison *c,
			    const struct compare_names *names, FILE *out);
/* "1 regression, 0 fixed, 48 known deviations, ..." */
char *compare_summary_line(const struct comparison *c);

#endif
