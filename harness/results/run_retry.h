/*
 * --retries: a configuration whose results fail is run again, to tell a
 * device that breaks a rule every time from one that breaks it sometimes.
 * Each re-run goes into a report of its own; this merges it into the
 * results of the first run.
 */
#ifndef VCTS_RUN_RETRY_H
#define VCTS_RUN_RETRY_H

#include "results/baseline.h"
#include "results/results.h"

enum retry_outcome {
	RETRY_FLAKY,		/* failed on one attempt, passed on another */
	RETRY_FAILED_AGAIN,	/* failed on this attempt too */
	RETRY_NEW,		/* only this attempt has it (an earlier one ended early) */
};

typedef void (*retry_outcome_fn)(void *ctx, const struct result *r,
				 enum retry_outcome outcome, unsigned int attempt);

/*
 * Does @config have a result that fails (fail, timeout, crash) and that
 * the baseline @bl (may be NULL) does not account for? Then a re-run can
 * tell something.
 */
bool retry_needed(const struct report *report, const struct vcts_config *config,
		  const struct baseline *bl);

/*
 * Merge @retry, the results of attempt @attempt of @config, into @main:
 * a result that failed and now passes (or the reverse) becomes a flaky
 * pass, one that failed again counts one more attempt, a result only the
 * re-run has is added. Results a baseline entry matches are left alone:
 * a known deviation is judged by the baseline, not by re-runs. The runs of
 * @retry move to @main; its results are left for report_free(). @on_outcome
 * (may be NULL) hears of every result that changed.
 */
void retry_merge(struct report *main, struct report *retry,
		 const struct vcts_config *config, unsigned int attempt,
		 const struct baseline *bl, retry_outcome_fn on_outcome, void *ctx);

#endif
