/*
 * The command line of the report commands: report, compare (its two
 * files), coverage (--spec, --results, --extract), run --retries, and the
 * options that do not apply to a command.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "cli/options.h"
#include "parse_words.h"

static struct options opts;
static char err[512];

static int parse_words(const char *const *words)
{
	return reparse_words_into(&opts, words, err, sizeof(err));
}

#define PARSE(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })

static void test_report(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("report"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_REPORT);
	CU_ASSERT_PTR_NULL(opts.results);
	CU_ASSERT_FALSE(opts.output_given);
	CU_ASSERT_EQUAL_FATAL(PARSE("report", "--results", "r.json", "--output", "out"), 0);
	CU_ASSERT_STRING_EQUAL(opts.results, "r.json");
	CU_ASSERT_STRING_EQUAL(opts.output, "out");
	CU_ASSERT_TRUE(opts.output_given);
}

static void test_compare(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("compare", "b.json", "r.json"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_COMPARE);
	CU_ASSERT_EQUAL_FATAL(opts.args.count, 2);
	CU_ASSERT_STRING_EQUAL(opts.args.items[0], "b.json");
	CU_ASSERT_STRING_EQUAL(opts.args.items[1], "r.json");
	/* Options may come anywhere. */
	CU_ASSERT_EQUAL_FATAL(PARSE("compare", "--output", "reg.md", "b.json", "r.json"), 0);
	CU_ASSERT_STRING_EQUAL(opts.output, "reg.md");
	CU_ASSERT_EQUAL(opts.args.count, 2);
	CU_ASSERT_EQUAL(PARSE("compare", "b.json"), -1);
	CU_ASSERT_STRING_EQUAL(err, "compare needs two files: BASELINE RESULTS, or several baselines and RESULTS (see 'vcts --help')");
	/* Several baselines, one per arch, then the results. */
	CU_ASSERT_EQUAL_FATAL(PARSE("compare", "a", "b", "c"), 0);
	CU_ASSERT_EQUAL(opts.args.count, 3);
	CU_ASSERT_EQUAL(PARSE("report", "extra"), -1);
	CU_ASSERT_STRING_EQUAL(err, "unexpected argument 'extra' for 'report' (see 'vcts --help')");
}

static void test_coverage(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("coverage"), 0);
	CU_ASSERT_EQUAL(opts.command, COMMAND_COVERAGE);
	CU_ASSERT_STRING_EQUAL(opts.spec, DEFAULT_SECTIONS);
	CU_ASSERT_PTR_NULL(opts.extract);
	CU_ASSERT_EQUAL(opts.devices.count, 0);
	CU_ASSERT_EQUAL_FATAL(PARSE("coverage", "--spec", "/src/virtio-spec", "--results",
				    "r.json", "--output", "docs/coverage.md", "--kernel", "k.elf"), 0);
	CU_ASSERT_STRING_EQUAL(opts.spec, "/src/virtio-spec");
	CU_ASSERT_STRING_EQUAL(opts.results, "r.json");
	CU_ASSERT_STRING_EQUAL(options_arch_value(&opts.kernels, "x86_64"), "k.elf");
	CU_ASSERT_EQUAL_FATAL(PARSE("coverage", "--extract", "/src/virtio-spec"), 0);
	CU_ASSERT_STRING_EQUAL(opts.extract, "/src/virtio-spec");
}

static void test_retries(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("run"), 0);
	CU_ASSERT_EQUAL(opts.retries, 0);
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--retries", "3"), 0);
	CU_ASSERT_EQUAL(opts.retries, 3);
	CU_ASSERT_EQUAL_FATAL(PARSE("run", "--retries=0"), 0);
	CU_ASSERT_EQUAL(PARSE("run", "--retries", "101"), -1);
	CU_ASSERT_STRING_EQUAL(err, "--retries '101': expected a number from 0 to 100");
	CU_ASSERT_EQUAL(PARSE("run", "--retries", "-1"), -1);
}

/* An option another command owns is a mistake worth one line, not silence. */
static void test_options_that_do_not_apply(void)
{
	CU_ASSERT_EQUAL(PARSE("list", "--retries", "2"), -1);
	CU_ASSERT_STRING_EQUAL(err, "option '--retries' does not apply to 'list' (see 'vcts --help')");
	CU_ASSERT_EQUAL(PARSE("compare", "--seed", "3", "a", "b"), -1);
	CU_ASSERT_STRING_EQUAL(err, "option '--seed' does not apply to 'compare' (see 'vcts --help')");
	CU_ASSERT_EQUAL(PARSE("report", "--baseline", "auto"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--results", "r.json"), -1);
	CU_ASSERT_EQUAL(PARSE("run", "--spec", "x"), -1);
	CU_ASSERT_EQUAL(PARSE("coverage", "--baseline", "auto"), -1);
	CU_ASSERT_EQUAL_FATAL(PARSE("compare", "--help"), 0);
	CU_ASSERT_TRUE(opts.help);
	options_free(&opts);
}

CU_TestInfo report_option_tests[] = {
	{ "report", test_report },
	{ "compare", test_compare },
	{ "coverage", test_coverage },
	{ "run --retries", test_retries },
	{ "options that do not apply", test_options_that_do_not_apply },
	CU_TEST_INFO_NULL,
};
