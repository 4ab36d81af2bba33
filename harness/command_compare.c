/*
 * `vcts compare BASELINE RESULTS`: the regression report. BASELINE is a
 * baseline file (reports/baselines/, the known deviations) or an earlier
 * results.json (a reference run, every verdict of it); which one is told by
 * its content. Exit status 1 when there is a regression, so that
 * `make check-qemu` fails on one.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "compare.h"
#include "results_read.h"

struct reference {
	bool is_baseline;
	struct baseline baseline;
	struct loaded_results run;
};

/* A baseline file has "expected", a results.json "results". */
static bool looks_like_baseline(const char *text, size_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);
	bool baseline = root && json_object_object_get_ex(root, "expected", NULL);

	json_object_put(root);
	json_tokener_free(tok);
	return baseline;
}

static int load_reference(struct reference *ref, const char *path)
{
	char err[1024];
	size_t len;
	char *text = read_whole_file(path, &len);
	int ret;

	memset(ref, 0, sizeof(*ref));
	if (!text) {
		vcts_error("%s: %s", path, strerror(errno));
		return -1;
	}
	ref->is_baseline = looks_like_baseline(text, len);
	if (ref->is_baseline)
		ret = baseline_parse(&ref->baseline, path, text, len, err, sizeof(err));
	else
		ret = results_parse(&ref->run, path, text, len, err, sizeof(err));
	if (ret)
		vcts_error("%s", err);
	free(text);
	return ret;
}

static void release_reference(struct reference *ref)
{
	if (ref->is_baseline)
		baseline_release(&ref->baseline);
	else
		results_release(&ref->run);
}

/* The report to @opts->output (and its summary line on stdout), or to stdout. */
static int emit(const struct comparison *c, const struct compare_names *names,
		const struct options *opts)
{
	char *text = NULL, *line;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int ret = 0;

	if (!mem)
		return -1;
	compare_write_markdown(c, names, mem);
	fclose(mem);
	if (!opts->output_given) {
		fwrite(text, 1, len, stdout);
	} else if (write_file_atomically(opts->output, text, len)) {
		vcts_error("cannot write %s: %s", opts->output, strerror(errno));
		ret = -1;
	} else {
		line = compare_summary_line(c);
		printf("%s (%s)\n", line, opts->output);
		free(line);
	}
	free(text);
	return ret;
}

int command_compare(const struct options *opts)
{
	struct compare_names names = { opts->args.items[0], opts->args.items[1] };
	struct loaded_results results;
	struct reference ref;
	struct comparison c;
	char err[1024];
	int status;

	if (load_reference(&ref, names.reference_path))
		return EXIT_SETUP_ERROR;
	if (results_load(&results, names.results_path, err, sizeof(err))) {
		vcts_error("%s", err);
		release_reference(&ref);
		return EXIT_SETUP_ERROR;
	}
	if (ref.is_baseline)
		compare_with_baseline(&c, &ref.baseline, &results.report);
	else
		compare_with_reference(&c, &ref.run.report, &results.report);
	if (emit(&c, &names, opts))
		status = EXIT_SETUP_ERROR;
	else
		status = c.kinds[COMPARE_REGRESSION] ? EXIT_TEST_FAILED : EXIT_ALL_PASSED;
	comparison_free(&c);
	results_release(&results);
	release_reference(&ref);
	return status;
}
