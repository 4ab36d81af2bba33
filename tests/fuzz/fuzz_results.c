/*
 * libFuzzer entry point: reading a results.json (results/results_read.c)
 * from any bytes, and the round trip `vcts report` relies on: whatever
 * the reader accepts, the writer (report_json_text) turns into a file
 * that the reader accepts again.
 *
 * Oracles besides the sanitizers: a refused file gets a one-line reason
 * that starts with its path; an accepted one, written and read again,
 * parses; and writing that again gives the same text, since
 * read-then-write is what `vcts report` does to a file it wrote itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"
#include "results/results_read.h"
#include "tests/fuzz/fuzz_check.h"

#define FUZZ_PATH "fuzz/results.json"

static void check_refusal(const char *err, const char *path)
{
	FUZZ_CHECK(!strncmp(err, path, strlen(path)), "the reason names the file");
	FUZZ_CHECK(fuzz_one_line(err), "the reason is one line of text");
}

/* Read @text back; it came from the writer, so it must parse. Returns its text. */
static char *read_and_write(const char *text)
{
	struct loaded_results lr;
	char err[1024];
	char *again;

	if (results_parse(&lr, "written.json", text, strlen(text), err, sizeof(err))) {
		fprintf(stderr, "the writer's output was refused: %s\n%s", err, text);
		FUZZ_CHECK(0, "what the writer wrote, the reader reads");
	}
	again = report_json_text(&lr.report);
	results_release(&lr);
	return again;
}

/*
 * What `vcts report` does with a loaded file besides writing it again:
 * count, and write every other format (to /dev/null: the sanitizers
 * watch the writing, nobody needs the text).
 */
static void report_all(const struct report *report)
{
	static FILE *sink;
	struct verdict_counts counts;

	for (size_t i = 0; i < report->run_count; i++)
		report_count(report, report->runs[i]->config, &counts);
	report_count(report, NULL, &counts);
	FUZZ_CHECK(counts.total == report->result_count, "every result is counted");
	if (!sink)
		sink = fopen("/dev/null", "w");
	FUZZ_CHECK(sink, "/dev/null opens");
	report_write_tap(report, sink);
	report_write_junit(report, sink);
	report_write_summary(report, sink);
	report_write_html(report, sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct loaded_results lr;
	char err[1024];
	char *first, *second;

	if (results_parse(&lr, FUZZ_PATH, (const char *)data, size, err, sizeof(err))) {
		check_refusal(err, FUZZ_PATH);
		return 0;
	}
	report_all(&lr.report);
	first = report_json_text(&lr.report);
	results_release(&lr);
	second = read_and_write(first);
	if (strcmp(first, second)) {
		fprintf(stderr, "--- written again:\n%s--- differs from:\n%s", second, first);
		FUZZ_CHECK(0, "read-then-write is a fixed point on the writer's output");
	}
	free(first);
	free(second);
	return 0;
}
