/*
 * `vcts compare BASELINE RESULTS`: the regression report. BASELINE is a
 * baseline file (reports/baselines/, the known deviations) or an earlier
 * results.json (a reference run, every verdict of it); which one is told by
 * its content. Several baselines (`vcts compare B1 B2 RESULTS`) each judge
 * the results of their own arch. Exit status 1 when there is a regression,
 * so that `make check-qemu` fails on one.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "results/compare.h"
#include "results/results_read.h"

struct reference {
	bool is_baseline;
	struct baseline *baselines;	/* chained; judge results as a chain */
	size_t baseline_count;
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

/* Load @path as a baseline (1), as a reference run (0), or fail (-1). */
static int load_one(struct reference *ref, const char *path, bool baseline_only)
{
	char err[1024];
	size_t len;
	char *text = read_whole_file(path, &len);
	int ret;

	if (!text) {
		vcts_error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (looks_like_baseline(text, len)) {
		struct baseline *bl = &ref->baselines[ref->baseline_count];

		ret = baseline_parse(bl, path, text, len, err, sizeof(err));
		if (!ret) {
			if (ref->baseline_count)
				ref->baselines[ref->baseline_count - 1].next = bl;
			ref->baseline_count++;
			ref->is_baseline = true;
		}
	} else if (baseline_only) {
		snprintf(err, sizeof(err), "%s: not a baseline file (with several references each must be a baseline, for one arch each)",
			 path);
		ret = -1;
	} else {
		ret = results_parse(&ref->run, path, text, len, err, sizeof(err));
	}
	if (ret)
		vcts_error("%s", err);
	free(text);
	return ret;
}

static bool results_have_arch(const struct report *results, const char *arch)
{
	for (size_t i = 0; i < results->result_count; i++)
		if (!strcmp(results->results[i]->config->arch, arch))
			return true;
	return false;
}

static bool results_have_other_arch(const struct report *results, const char *arch)
{
	for (size_t i = 0; i < results->result_count; i++)
		if (strcmp(results->results[i]->config->arch, arch))
			return true;
	return false;
}

/*
 * Which results each baseline judges. Several: each its own arch (a
 * result of an arch none covers is judged by none: its failures are
 * regressions). One: all the results, unless they are of several arches
 * and some of its own, then those.
 */
static int scope_baselines(struct reference *ref, const struct report *results)
{
	for (size_t i = 0; i < ref->baseline_count; i++) {
		struct baseline *bl = &ref->baselines[i];

		for (size_t j = 0; j < i; j++)
			if (!strcmp(ref->baselines[j].arch, bl->arch)) {
				vcts_error("%s and %s are both for %s: give one baseline per arch",
					   ref->baselines[j].path, bl->path, bl->arch);
				return -1;
			}
		if (ref->baseline_count > 1 ||
		    (results_have_arch(results, bl->arch) &&
		     results_have_other_arch(results, bl->arch)))
			bl->scope_arch = bl->arch;
	}
	return 0;
}

static int load_references(struct reference *ref, const struct strlist *paths)
{
	memset(ref, 0, sizeof(*ref));
	ref->baselines = xcalloc(paths->count, sizeof(*ref->baselines));
	for (size_t i = 0; i < paths->count; i++)
		if (load_one(ref, paths->items[i], paths->count > 1))
			return -1;
	return 0;
}

static void release_reference(struct reference *ref)
{
	for (size_t i = 0; i < ref->baseline_count; i++)
		baseline_release(&ref->baselines[i]);
	free(ref->baselines);
	if (!ref->is_baseline)
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
	struct strlist references = { 0 };
	struct compare_names names;
	struct loaded_results results;
	struct reference ref;
	struct comparison c;
	char err[1024];
	int status;

	for (size_t i = 0; i + 1 < opts->args.count; i++)
		strlist_add(&references, opts->args.items[i]);
	names.reference_path = opts->args.items[0];
	names.results_path = opts->args.items[opts->args.count - 1];
	status = load_references(&ref, &references);
	strlist_clear(&references);
	if (status) {
		release_reference(&ref);
		return EXIT_SETUP_ERROR;
	}
	if (results_load(&results, names.results_path, err, sizeof(err))) {
		vcts_error("%s", err);
		release_reference(&ref);
		return EXIT_SETUP_ERROR;
	}
	if (ref.is_baseline && scope_baselines(&ref, &results.report)) {
		status = EXIT_SETUP_ERROR;
		goto out;
	}
	if (ref.is_baseline)
		compare_with_baseline(&c, ref.baselines, &results.report);
	else
		compare_with_reference(&c, &ref.run.report, &results.report);
	if (emit(&c, &names, opts))
		status = EXIT_SETUP_ERROR;
	else
		status = c.kinds[COMPARE_REGRESSION] ? EXIT_TEST_FAILED : EXIT_ALL_PASSED;
	comparison_free(&c);
out:
	results_release(&results);
	release_reference(&ref);
	return status;
}
