/*
 * The results model: one record per VM run and one result per test and
 * device; results_write.c and results_read.c are its JSON form, reports/
 * writes the rest.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "results/results.h"

const char *verdict_name(enum verdict verdict)
{
	switch (verdict) {
	case VERDICT_PASS:
		return "pass";
	case VERDICT_FAIL:
		return "fail";
	case VERDICT_SKIP:
		return "skip";
	case VERDICT_TIMEOUT:
		return "timeout";
	case VERDICT_CRASH:
		return "crash";
	case VERDICT_XFAIL:
		return "xfail";
	case VERDICT_XPASS:
		return "xpass";
	case VERDICT_NOT_RUN:
		return "not-run";
	case VERDICT_WARN:
		return "warn";
	case VERDICT_NOTE:
		return "note";
	case VERDICT_ERROR:
		return "error";
	case VERDICT_FLAKY:
		return "flaky";
	}
	return "fail";
}

int verdict_parse(const char *name, enum verdict *verdict)
{
	for (int v = 0; v < VERDICT_COUNT; v++) {
		if (!strcmp(name, verdict_name((enum verdict)v))) {
			*verdict = (enum verdict)v;
			return 0;
		}
	}
	return -1;
}

bool verdict_is_failure(enum verdict verdict)
{
	return verdict == VERDICT_FAIL || verdict == VERDICT_TIMEOUT ||
	       verdict == VERDICT_CRASH || verdict == VERDICT_NOT_RUN ||
	       verdict == VERDICT_ERROR || verdict == VERDICT_FLAKY;
}

struct run_record *report_add_run(struct report *report,
				  const struct vcts_config *config)
{
	struct run_record *run = xcalloc(1, sizeof(*run));

	run->config = config;
	run->attempt = 1;
	grow_array((void **)&report->runs, &report->run_cap, report->run_count + 1,
		   sizeof(*report->runs));
	report->runs[report->run_count++] = run;
	return run;
}

struct result *report_add_result(struct report *report, const char *test,
				 const struct vcts_config *config,
				 const char *device, const char *device_type)
{
	struct result *result = xcalloc(1, sizeof(*result));

	result->test = xstrdup(test);
	result->config = config;
	result->device = xstrdup(device);
	result->device_type = xstrdup(device_type);
	result->message = xstrdup("");
	result->log = xstrdup("");
	result->attempts = 1;
	grow_array((void **)&report->results, &report->result_cap,
		   report->result_count + 1, sizeof(*report->results));
	report->results[report->result_count++] = result;
	return result;
}

struct result *report_find_result(const struct report *report, const char *test,
				  const struct vcts_config *config,
				  const char *device)
{
	for (size_t i = 0; i < report->result_count; i++) {
		struct result *r = report->results[i];

		if (r->config == config && !strcmp(r->test, test) &&
		    !strcmp(r->device, device))
			return r;
	}
	return NULL;
}

void failure_release(struct failure *f)
{
	free(f->file);
	free(f->clause);
	free(f->expected);
	free(f->actual);
	free(f->msg);
	free(f->severity);
	free(f->check);
}

static void free_result(struct result *r)
{
	free(r->test);
	free(r->device);
	free(r->device_type);
	strlist_clear(&r->clauses);
	free(r->message);
	for (size_t i = 0; i < r->failure_count; i++)
		failure_release(&r->failures[i]);
	free(r->failures);
	free(r->log);
	free(r);
}

static void free_run(struct run_record *run)
{
	free(run->accel);
	free(run->accel_reason);
	free(run->hypervisor_version);
	free(run->resumed_after);
	free(run->command);
	free(run->log);
	free(run->kernel_version);
	free(run->ended);
	free(run->filter);
	strlist_clear(&run->kernel_args);
	free(run);
}

void report_free(struct report *report)
{
	for (size_t i = 0; i < report->run_count; i++)
		free_run(report->runs[i]);
	for (size_t i = 0; i < report->result_count; i++)
		free_result(report->results[i]);
	free(report->runs);
	free(report->results);
	memset(report, 0, sizeof(*report));
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

void result_add_failure(struct result *result, const struct failure *failure)
{
	struct failure *f;

	grow_array((void **)&result->failures, &result->failure_cap,
		   result->failure_count + 1, sizeof(*result->failures));
	f = &result->failures[result->failure_count++];
	f->file = dup_or_empty(failure->file);
	f->line = failure->line;
	f->clause = dup_or_empty(failure->clause);
	f->expected = dup_or_empty(failure->expected);
	f->actual = dup_or_empty(failure->actual);
	f->msg = dup_or_empty(failure->msg);
	f->severity = dup_or_empty(failure->severity);
	f->check = dup_or_empty(failure->check);
}

char *failure_describe(const struct failure *f)
{
	struct strbuf sb = { 0 };

	if (*f->file)
		strbuf_addf(&sb, "%s:%ld: ", f->file, f->line);
	if (*f->clause)
		strbuf_addf(&sb, "%s: ", f->clause);
	strbuf_addstr(&sb, *f->msg ? f->msg : "check failed");
	if (*f->expected || *f->actual)
		strbuf_addf(&sb, " (expected %s, actual %s)", f->expected, f->actual);
	return strbuf_detach(&sb);
}

void result_set_message(struct result *result, const char *message)
{
	free(result->message);
	result->message = xstrdup(message ? message : "");
}

void result_set_message_from_failures(struct result *result, const char *fallback)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < result->failure_count; i++) {
		char *line = failure_describe(&result->failures[i]);

		if (i)
			strbuf_addch(&sb, '\n');
		strbuf_addstr(&sb, line);
		free(line);
	}
	if (!result->failure_count && fallback)
		strbuf_addstr(&sb, fallback);
	free(result->message);
	result->message = strbuf_detach(&sb);
}

/*
 * Durations come from the guest (ms=) and from results.json: any long.
 * Their sum sticks at the end of the range instead of overflowing.
 */
static long add_saturated(long a, long b)
{
	if (b > 0 && a > LONG_MAX - b)
		return LONG_MAX;
	if (b < 0 && a < LONG_MIN - b)
		return LONG_MIN;
	return a + b;
}

void report_count(const struct report *report, const struct vcts_config *config,
		  struct verdict_counts *counts)
{
	memset(counts, 0, sizeof(*counts));
	for (size_t i = 0; i < report->result_count; i++) {
		const struct result *r = report->results[i];

		if (config && r->config != config)
			continue;
		counts->total++;
		counts->duration_ms = add_saturated(counts->duration_ms, r->duration_ms);
		switch (r->verdict) {
		case VERDICT_PASS:
			counts->pass++;
			break;
		case VERDICT_FAIL:
			counts->fail++;
			break;
		case VERDICT_SKIP:
			counts->skip++;
			break;
		case VERDICT_TIMEOUT:
			counts->timeout++;
			break;
		case VERDICT_CRASH:
			counts->crash++;
			break;
		case VERDICT_XFAIL:
			counts->xfail++;
			break;
		case VERDICT_XPASS:
			counts->xpass++;
			break;
		case VERDICT_NOT_RUN:
			counts->not_run++;
			break;
		case VERDICT_WARN:
			counts->warn++;
			break;
		case VERDICT_NOTE:
			counts->note++;
			break;
		case VERDICT_ERROR:
			counts->error++;
			break;
		case VERDICT_FLAKY:
			counts->flaky++;
			break;
		}
	}
}

size_t verdict_counts_failed(const struct verdict_counts *counts)
{
	return counts->fail + counts->timeout + counts->crash + counts->not_run +
	       counts->error + counts->flaky;
}

char *result_label(const struct result *result)
{
	if (!*result->device)
		return xstrdup(result->config->name);
	return xasprintf("%s/%s", result->config->name, result->device);
}

bool run_is_first_attempt(const struct run_record *run)
{
	return run->attempt <= 1 && !run->resumed_after;
}
