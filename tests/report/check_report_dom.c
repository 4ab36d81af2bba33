/*
 * check_report_dom RESULTS.json DOM.html PROBLEMS_DOM.html
 *
 * Checks what a real browser made of report.html (chromium --dump-dom: the
 * DOM after the page's script ran) against results.json, read here with
 * json-c alone so that the harness's own model is not what checks itself:
 *
 * - the script ran to its end (body data-ready="1");
 * - the matrix is there with one row per test and device and one column
 *   per configuration, and one mark per result;
 * - every count on the page (data-count, from the writer) and every count
 *   the script made of the marks (data-dom-count) equals results.json's;
 * - nothing from the results became markup (no injected element);
 * - with ?verdict=fail,timeout,crash,xfail,xpass the filter shows exactly
 *   the rows that have one of those verdicts (PROBLEMS_DOM).
 *
 * Exit status 0 when all holds, 1 with one line per problem otherwise.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 100000

static const char *const verdicts[] = {
	"pass", "fail", "skip", "timeout", "crash", "xfail", "xpass", "not-run",
};
#define VERDICTS (sizeof(verdicts) / sizeof(verdicts[0]))

static const char *problem_verdicts[] = { "fail", "timeout", "crash", "not-run", "xfail",
					    "xpass" };

struct expected {
	size_t total, flaky, by_verdict[VERDICTS];
	size_t rows, columns, problem_rows;
};

static int failures;

static void problem(const char *what, const char *detail)
{
	fprintf(stderr, "check_report_dom: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	failures++;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long size;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)size + 1);
	if (text && fread(text, 1, (size_t)size, f) != (size_t)size)
		text[0] = '\0';
	fclose(f);
	return text;
}

static const char *str(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return "";
	return json_object_get_string(v);
}

static json_object *member(json_object *obj, const char *key)
{
	json_object *v = NULL;

	json_object_object_get_ex(obj, key, &v);
	return v;
}

/* @key in @list, added when missing; returns whether it was there. */
static bool seen(char **list, size_t *count, const char *key)
{
	for (size_t i = 0; i < *count; i++)
		if (!strcmp(list[i], key))
			return true;
	if (*count < MAX_ROWS)
		list[(*count)++] = strdup(key);
	return false;
}

static bool is_problem(const char *verdict)
{
	for (size_t i = 0; i < sizeof(problem_verdicts) / sizeof(problem_verdicts[0]); i++)
		if (!strcmp(verdict, problem_verdicts[i]))
			return true;
	return false;
}

static void count_results(json_object *results, struct expected *e, char **rows,
			  char **problem_rows, char **columns)
{
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *r = json_object_array_get_idx(results, i);
		json_object *config = member(r, "config"), *flaky = member(r, "flaky");
		const char *verdict = str(r, "verdict");
		size_t len = strlen(str(r, "test")) + strlen(str(config, "device")) + 2;
		char *row = malloc(len);

		snprintf(row, len, "%s\n%s", str(r, "test"), str(config, "device"));
		seen(rows, &e->rows, row);
		if (is_problem(verdict))
			seen(problem_rows, &e->problem_rows, row);
		seen(columns, &e->columns, str(config, "name"));
		e->total++;
		e->flaky += flaky && json_object_get_boolean(flaky);
		for (size_t v = 0; v < VERDICTS; v++)
			e->by_verdict[v] += !strcmp(verdict, verdicts[v]);
		free(row);
	}
}

/* Configurations are columns whether or not a result names them. */
static void count_runs(json_object *runs, struct expected *e, char **columns)
{
	for (size_t i = 0; runs && i < json_object_array_length(runs); i++) {
		json_object *run = json_object_array_get_idx(runs, i);
		json_object *attempt = member(run, "attempt");

		if (!attempt || json_object_get_int(attempt) <= 1)
			seen(columns, &e->columns, str(member(run, "config"), "name"));
	}
}

static int expect_results(const char *path, struct expected *e)
{
	json_object *root = json_object_from_file(path), *results;
	char **rows = calloc(MAX_ROWS, sizeof(*rows));
	char **problem_rows = calloc(MAX_ROWS, sizeof(*problem_rows));
	char **columns = calloc(MAX_ROWS, sizeof(*columns));

	memset(e, 0, sizeof(*e));
	results = root ? member(root, "results") : NULL;
	if (!results || !json_object_is_type(results, json_type_array)) {
		problem("cannot read results", path);
		return -1;
	}
	count_runs(member(root, "runs"), e, columns);
	count_results(results, e, rows, problem_rows, columns);
	for (size_t i = 0; i < e->rows; i++)
		free(rows[i]);
	for (size_t i = 0; i < e->problem_rows; i++)
		free(problem_rows[i]);
	for (size_t i = 0; i < e->columns; i++)
		free(columns[i]);
	free(rows);
	free(problem_rows);
	free(columns);
	json_object_put(root);
	return 0;
}

static size_t occurrences(const char *text, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The number right after @prefix in @dom, or -1 when @prefix is absent. */
static long number_after(const char *dom, const char *prefix)
{
	const char *p = strstr(dom, prefix);

	return p ? strtol(p + strlen(prefix), NULL, 10) : -1;
}

static void expect_number(const char *dom, const char *prefix, size_t expected)
{
	long actual = number_after(dom, prefix);
	char detail[512];

	if (actual == (long)expected)
		return;
	snprintf(detail, sizeof(detail), "%s expected %zu, found %ld", prefix, expected, actual);
	problem("count differs", detail);
}

static void expect_count(const char *dom, const char *name, size_t expected)
{
	char prefix[128];

	snprintf(prefix, sizeof(prefix), "id=\"count-%s\" data-count=\"", name);
	expect_number(dom, prefix, expected);
	snprintf(prefix, sizeof(prefix), "id=\"dom-count-%s\" data-dom-count=\"%s\">", name, name);
	expect_number(dom, prefix, expected);
}

static void check_dom(const char *dom, const struct expected *e)
{
	char prefix[128];

	if (!strstr(dom, "<body data-ready=\"1\""))
		problem("the page's script did not run to its end (no data-ready=\"1\")", NULL);
	snprintf(prefix, sizeof(prefix), "<table id=\"matrix\" data-rows=\"%zu\" data-columns=\"%zu\"",
		 e->rows, e->columns);
	if (!strstr(dom, prefix))
		problem("no matrix of this shape", prefix);
	if (occurrences(dom, "<tr data-test=") != e->rows)
		problem("matrix rows differ from the tests and devices of results.json", NULL);
	if (occurrences(dom, "<th class=\"col\"") != e->columns)
		problem("matrix columns differ from the configurations of results.json", NULL);
	if (occurrences(dom, "<a class=\"r ") != e->total)
		problem("marks in the matrix differ from the results", NULL);
	expect_count(dom, "total", e->total);
	expect_count(dom, "flaky", e->flaky);
	for (size_t v = 0; v < VERDICTS; v++)
		expect_count(dom, verdicts[v], e->by_verdict[v]);
	if (strstr(dom, "<b id=\"injected") || strstr(dom, "<img") ||
	    occurrences(dom, "<script") != 1 || strstr(dom, "<title>pwned"))
		problem("text from the results became markup", NULL);
}

static void check_problems_view(const char *dom, const struct expected *e)
{
	char shown[128];

	if (!strstr(dom, "<body data-ready=\"1\""))
		problem("filtered page: the script did not run to its end", NULL);
	snprintf(shown, sizeof(shown), "id=\"shown\">%zu of %zu rows shown<", e->problem_rows, e->rows);
	if (!strstr(dom, shown))
		problem("filter by verdict shows other rows than expected", shown);
	if (occurrences(dom, "<tr data-test=") - occurrences(dom, "\" hidden=\"\"><th>") !=
	    e->problem_rows)
		problem("filter by verdict: hidden rows do not match", NULL);
}

int main(int argc, char **argv)
{
	struct expected e;
	char *dom, *problems;

	if (argc != 4) {
		fprintf(stderr, "usage: check_report_dom RESULTS.json DOM.html PROBLEMS_DOM.html\n");
		return 2;
	}
	if (expect_results(argv[1], &e))
		return 1;
	dom = read_file(argv[2]);
	problems = read_file(argv[3]);
	if (!dom || !*dom || !problems || !*problems) {
		problem("empty or missing DOM dump (did chromium run?)", argv[2]);
		return 1;
	}
	check_dom(dom, &e);
	check_problems_view(problems, &e);
	if (!failures)
		printf("report.html of %s: %zu results, %zu rows x %zu configurations, %zu rows with problems: ok\n",
		       argv[1], e.total, e.rows, e.columns, e.problem_rows);
	free(dom);
	free(problems);
	return failures ? 1 : 0;
}
