/*
 * Merging re-runs. A result is the same result in two attempts when test,
 * device and configuration are the same. A pseudo-test (kernel.boot,
 * kernel.run: a hang or a death outside any test) that a re-run does not
 * have did not happen again, which counts as passing.
 */
#include <stdlib.h>
#include <string.h>

#include "results/run_retry.h"

/* A failure that another attempt may turn flaky; flaky is settled already. */
static bool fails(const struct result *r)
{
	return verdict_is_failure(r->verdict) && r->verdict != VERDICT_FLAKY;
}

bool retry_needed(const struct report *report, const struct vcts_config *config,
		  const struct baseline *bl)
{
	for (size_t i = 0; i < report->result_count; i++) {
		const struct result *r = report->results[i];

		if (r->config == config && fails(r) && !baseline_match(bl, r))
			return true;
	}
	return false;
}

static bool is_pseudo_test(const struct result *r)
{
	return !*r->device && (!strcmp(r->test, "kernel.boot") ||
			       !strcmp(r->test, "kernel.run"));
}

static struct result *find_in(const struct report *report, const struct result *r)
{
	for (size_t i = 0; i < report->result_count; i++) {
		struct result *x = report->results[i];

		if (x->config == r->config && !strcmp(x->test, r->test) &&
		    !strcmp(x->device, r->device))
			return x;
	}
	return NULL;
}

static void take_failures(struct result *dst, const struct result *src)
{
	for (size_t i = 0; i < src->failure_count; i++)
		result_add_failure(dst, &src->failures[i]);
}

static void set_log(struct result *r, const char *log)
{
	free(r->log);
	r->log = xstrdup(log);
}

/* The failure stays the message, after a first line that says what happened. */
static void note_flaky(struct result *r, const char *note, const struct result *failed)
{
	char *message = xasprintf("%s\n%s", note, failed->message);

	free(r->message);
	r->message = message;
	r->flaky = true;
	r->verdict = VERDICT_FLAKY;
}

/* @m failed before; @x is the same result now, NULL when it did not recur. */
static enum retry_outcome merge_failed(struct result *m, const struct result *x,
				       unsigned int attempt)
{
	char *note;

	m->attempts++;
	if (x && fails(x))
		return RETRY_FAILED_AGAIN;
	note = xasprintf("flaky: passed on attempt %u after failing on an earlier one:",
			 attempt);
	note_flaky(m, note, m);
	free(note);
	return RETRY_FLAKY;
}

/* @m passed before (or is already flaky); @x failed now. */
static enum retry_outcome merge_passed(struct result *m, const struct result *x,
				       unsigned int attempt)
{
	char *note = xasprintf("flaky: failed on attempt %u after passing on an earlier one:",
			       attempt);
	bool was_flaky = m->flaky;

	m->attempts++;
	if (!was_flaky) {
		take_failures(m, x);
		set_log(m, x->log);
		note_flaky(m, note, x);
	}
	free(note);
	return RETRY_FLAKY;
}

static void copy_result(struct report *main, const struct result *x)
{
	struct result *c = report_add_result(main, x->test, x->config, x->device,
					     x->device_type);

	c->verdict = x->verdict;
	strlist_copy(&c->clauses, &x->clauses);
	c->duration_ms = x->duration_ms;
	result_set_message(c, x->message);
	take_failures(c, x);
	set_log(c, x->log);
}

/*
 * One result of the first run against the re-run. Skips, and results the
 * re-run has no counterpart for (it ended earlier), tell nothing.
 */
static void merge_one(struct result *m, const struct result *x, unsigned int attempt,
		      retry_outcome_fn on_outcome, void *ctx)
{
	bool recurred = x || !is_pseudo_test(m);
	enum retry_outcome outcome;

	if (m->verdict == VERDICT_SKIP || (recurred && (!x || x->verdict == VERDICT_SKIP)))
		return;
	if (fails(m))
		outcome = merge_failed(m, x, attempt);
	else if (fails(x))
		outcome = merge_passed(m, x, attempt);
	else {
		m->attempts++;
		return;
	}
	if (on_outcome)
		on_outcome(ctx, m, outcome, attempt);
}

/* The runs of @retry belong to @main now, in the order they ran. */
static void move_runs(struct report *main, struct report *retry)
{
	for (size_t i = 0; i < retry->run_count; i++) {
		grow_array((void **)&main->runs, &main->run_cap, main->run_count + 1,
			   sizeof(*main->runs));
		main->runs[main->run_count++] = retry->runs[i];
	}
	retry->run_count = 0;
}

void retry_merge(struct report *main, struct report *retry,
		 const struct vcts_config *config, unsigned int attempt,
		 const struct baseline *bl, retry_outcome_fn on_outcome, void *ctx)
{
	size_t first_run_results = main->result_count;

	for (size_t i = 0; i < first_run_results; i++) {
		struct result *m = main->results[i];

		if (m->config == config && !baseline_match(bl, m))
			merge_one(m, find_in(retry, m), attempt, on_outcome, ctx);
	}
	for (size_t i = 0; i < retry->result_count; i++) {
		const struct result *x = retry->results[i];

		if (x->config != config || find_in(main, x))
			continue;
		copy_result(main, x);
		if (on_outcome)
			on_outcome(ctx, main->results[main->result_count - 1], RETRY_NEW, attempt);
	}
	move_runs(main, retry);
}
