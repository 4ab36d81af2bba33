/*
 * Classifying a run's results against a baseline or a reference run. The
 * results may already carry a baseline's xfail and xpass (a run with
 * --baseline): they are judged by the verdict the run saw, so that the
 * comparison depends only on the reference given here.
 */
#include <stdlib.h>
#include <string.h>

#include "results/compare.h"

enum verdict verdict_without_baseline(const struct result *r)
{
	if (r->verdict == VERDICT_XFAIL)
		return r->baseline ? r->baseline->expected : VERDICT_FAIL;
	if (r->verdict == VERDICT_XPASS)
		return VERDICT_PASS;
	return r->verdict;
}

static void start(struct comparison *c, const struct report *results)
{
	memset(c, 0, sizeof(*c));
	c->results = results;
	c->items = xcalloc(results->result_count + 1, sizeof(*c->items));
	c->count = results->result_count;
	for (size_t i = 0; i < c->count; i++) {
		c->items[i].r = results->results[i];
		c->items[i].verdict = verdict_without_baseline(results->results[i]);
		c->flaky += results->results[i]->flaky;
	}
}

static void tally(struct comparison *c)
{
	for (size_t i = 0; i < c->count; i++)
		c->kinds[c->items[i].kind]++;
}

/*
 * A baseline forgives a failed check, never a hang or a crash
 * (docs/baselines.md): those stay regressions whatever the entry says.
 */
static enum compare_kind against_entry(const struct result *r, enum verdict verdict,
				       const struct baseline_entry *e)
{
	enum verdict judged = baseline_verdict(e, r, verdict);

	if (judged == VERDICT_XFAIL)
		return COMPARE_KNOWN;
	if (judged == VERDICT_XPASS)
		return COMPARE_FIXED;
	if (verdict_is_failure(judged))
		return COMPARE_REGRESSION;
	return COMPARE_UNCHANGED;
}

/* Did an item use @e to turn a result into xfail or xpass? */
static bool entry_used(const struct comparison *c, const struct baseline_entry *e)
{
	for (size_t i = 0; i < c->count; i++)
		if (c->items[i].entry == e && (c->items[i].kind == COMPARE_KNOWN ||
					       c->items[i].kind == COMPARE_FIXED))
			return true;
	return false;
}

void compare_with_baseline(struct comparison *c, const struct baseline *bl,
			   const struct report *results)
{
	size_t entries = 0;

	start(c, results);
	c->baseline = bl;
	for (size_t i = 0; i < c->count; i++) {
		struct compare_item *item = &c->items[i];

		item->entry = baseline_match(bl, item->r);
		item->kind = against_entry(item->r, item->verdict, item->entry);
	}
	/* As baseline_apply() counts "matched": entries that changed a verdict. */
	for (const struct baseline *b = bl; b; b = b->next)
		entries += b->count;
	c->stale = xcalloc(entries + 1, sizeof(*c->stale));
	for (const struct baseline *b = bl; b; b = b->next)
		for (size_t i = 0; i < b->count; i++)
			if (!entry_used(c, &b->entries[i]))
				c->stale[c->stale_count++] = &b->entries[i];
	tally(c);
}

static bool same_key(const struct result *a, const struct result *b)
{
	return !strcmp(a->test, b->test) && !strcmp(a->device, b->device) &&
	       !strcmp(a->config->name, b->config->name);
}

static const struct result *find_same(const struct report *report,
				      const struct result *r)
{
	for (size_t i = 0; i < report->result_count; i++)
		if (same_key(report->results[i], r))
			return report->results[i];
	return NULL;
}

/* A new test that fails is a failure nobody accepted yet: a regression. */
static enum compare_kind against_reference(enum verdict verdict,
					   const struct result *ref)
{
	enum verdict before;

	if (!ref)
		return verdict_is_failure(verdict) ? COMPARE_REGRESSION : COMPARE_NEW;
	before = verdict_without_baseline(ref);
	if (verdict_is_failure(verdict))
		return verdict_is_failure(before) ? COMPARE_KNOWN : COMPARE_REGRESSION;
	if (verdict == VERDICT_PASS && verdict_is_failure(before))
		return COMPARE_FIXED;
	if (verdict == VERDICT_SKIP && before == VERDICT_PASS)
		return COMPARE_NOW_SKIPPED;
	/* A newer device offers what the test needs: worth a line in a release note. */
	if (verdict == VERDICT_PASS && before == VERDICT_SKIP)
		return COMPARE_NOW_TESTED;
	return COMPARE_UNCHANGED;
}

void compare_with_reference(struct comparison *c, const struct report *reference,
			    const struct report *results)
{
	start(c, results);
	c->reference = reference;
	for (size_t i = 0; i < c->count; i++) {
		struct compare_item *item = &c->items[i];

		item->ref = find_same(reference, item->r);
		item->kind = against_reference(item->verdict, item->ref);
	}
	c->missing = xcalloc(reference->result_count + 1, sizeof(*c->missing));
	for (size_t i = 0; i < reference->result_count; i++)
		if (!find_same(results, reference->results[i]))
			c->missing[c->missing_count++] = reference->results[i];
	tally(c);
}

void comparison_free(struct comparison *c)
{
	free(c->items);
	free(c->stale);
	free(c->missing);
	memset(c, 0, sizeof(*c));
}

static void add_count(struct strbuf *sb, size_t n, const char *one, const char *many)
{
	strbuf_addf(sb, "%s%zu %s", sb->len ? ", " : "", n, n == 1 ? one : many);
}

char *compare_summary_line(const struct comparison *c)
{
	struct strbuf sb = { 0 };

	add_count(&sb, c->kinds[COMPARE_REGRESSION], "regression", "regressions");
	add_count(&sb, c->kinds[COMPARE_FIXED], "fixed", "fixed");
	add_count(&sb, c->kinds[COMPARE_KNOWN], c->baseline ? "known deviation" :
		  "failure as before", c->baseline ? "known deviations" : "failures as before");
	add_count(&sb, c->flaky, "flaky", "flaky");
	if (c->baseline) {
		add_count(&sb, c->stale_count, "stale baseline entry", "stale baseline entries");
	} else {
		add_count(&sb, c->kinds[COMPARE_NEW], "new result", "new results");
		add_count(&sb, c->missing_count, "missing result", "missing results");
		add_count(&sb, c->kinds[COMPARE_NOW_SKIPPED], "now skipped", "now skipped");
		add_count(&sb, c->kinds[COMPARE_NOW_TESTED], "newly tested", "newly tested");
	}
	return strbuf_detach(&sb);
}
