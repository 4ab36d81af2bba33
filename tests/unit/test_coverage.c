/*
 * Spec coverage: \devicenormative extraction from LaTeX (declarations
 * over several lines, comments, the macro's own definition, \input order),
 * the section list file, and the coverage model and its Markdown: covered
 * and uncovered sections, other cited sections, transport columns and the
 * worst verdict per cell.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results/coverage.h"
#include "cli/options.h"
#include "report_capture.h"

static const char sample_tex[] =
	"\\newcommand{\\devicenormative}[3]{#1{Device Requirements: #2}\\label{devicenormative:#3}}\n"
	"\\section{Basic Facilities}\n"
	"\\devicenormative{\\subsection}{Device Status Field}{Basic Facilities of a Virtio Device / Device Status Field}\n"
	"% \\devicenormative{\\subsection}{Old}{Commented / Out}\n"
	"100\\% sure \\devicenormative{\\paragraph}{Vendor data}{Virtio\n"
	"   Transport Options / Virtio Over PCI Bus / Vendor data capability}\n"
	"\\input{virtio-blk}\n"
	"\\devicenormative{\\subsection}{Device Status Field}{Basic Facilities of a Virtio Device / Device Status Field}\n"
	"\\devicenormative{\\subsubsection}{Nested {braces}}{Device Types / Block Device / Device Operation}\n";

static void test_tex_scan(void)
{
	struct strlist paths = { 0 }, inputs = { 0 };

	tex_scan(sample_tex, &paths, &inputs);
	CU_ASSERT_EQUAL_FATAL(paths.count, 3);
	CU_ASSERT_STRING_EQUAL(paths.items[0], "Basic Facilities of a Virtio Device / Device Status Field");
	CU_ASSERT_STRING_EQUAL(paths.items[1], "Virtio Transport Options / Virtio Over PCI Bus / Vendor data capability");
	CU_ASSERT_STRING_EQUAL(paths.items[2], "Device Types / Block Device / Device Operation");
	CU_ASSERT_EQUAL_FATAL(inputs.count, 1);
	CU_ASSERT_STRING_EQUAL(inputs.items[0], "virtio-blk");
	strlist_clear(&paths);
	strlist_clear(&inputs);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static void remove_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	unlink(path);
	free(path);
}

/* Document order follows \input, not file names. */
static void test_extract_follows_input(void)
{
	char dir[] = "/tmp/vcts-spec-XXXXXX";
	struct strlist paths = { 0 };
	char err[256];

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	write_file(dir, "main.tex", "\\input{content.tex}\n\\input{zz}\n");
	write_file(dir, "content.tex", "\\devicenormative{\\section}{A}{A / One}\n\\input{aa}\n"
		   "\\devicenormative{\\section}{B}{A / Two}\n");
	write_file(dir, "aa.tex", "\\devicenormative{\\section}{C}{Device Types / X / Three}\n");
	write_file(dir, "zz.tex", "\\devicenormative{\\section}{D}{Device Types / Y / Four}\n");
	write_file(dir, "unused.tex", "\\devicenormative{\\section}{E}{Never / Included}\n");
	CU_ASSERT_EQUAL(spec_extract(dir, &paths, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(paths.count, 4);
	CU_ASSERT_STRING_EQUAL(paths.items[0], "A / One");
	CU_ASSERT_STRING_EQUAL(paths.items[1], "Device Types / X / Three");
	CU_ASSERT_STRING_EQUAL(paths.items[2], "A / Two");
	CU_ASSERT_STRING_EQUAL(paths.items[3], "Device Types / Y / Four");
	strlist_clear(&paths);
	/* Without main.tex: every file, by name. */
	remove_file(dir, "main.tex");
	CU_ASSERT_EQUAL(spec_extract(dir, &paths, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(paths.count, 5);
	strlist_clear(&paths);
	remove_file(dir, "content.tex");
	remove_file(dir, "aa.tex");
	remove_file(dir, "zz.tex");
	remove_file(dir, "unused.tex");
	CU_ASSERT_EQUAL(spec_extract(dir, &paths, err, sizeof(err)), -1);
	rmdir(dir);
	CU_ASSERT_EQUAL(spec_extract(dir, &paths, err, sizeof(err)), -1);
}

static void test_section_list(void)
{
	struct strlist paths = { 0 };

	spec_sections_parse("# header\n\nA / One  \r\nA / Two\n# x\nA / One\n", &paths);
	CU_ASSERT_EQUAL_FATAL(paths.count, 2);
	CU_ASSERT_STRING_EQUAL(paths.items[0], "A / One");
	CU_ASSERT_STRING_EQUAL(paths.items[1], "A / Two");
	strlist_clear(&paths);
}

/* The committed list is what --extract gives for 1.2 (its shape, here). */
static void test_committed_list(void)
{
	struct strlist paths = { 0 };
	char err[256];

	if (access(DEFAULT_SECTIONS, R_OK))
		return;
	CU_ASSERT_EQUAL_FATAL(spec_sections_load(DEFAULT_SECTIONS, &paths, err,
						 sizeof(err)), 0);
	CU_ASSERT_EQUAL(paths.count, 122);
	CU_ASSERT(strlist_contains(&paths, "Device Types / Block Device / Device Operation"));
	CU_ASSERT(strlist_contains(&paths, "Basic Facilities of a Virtio Device / Feature Bits"));
	strlist_clear(&paths);
}

static struct vcts_config pci = {
	.name = "qemu-x86_64-q35-pci-transitional-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-transitional", .mode = "modern",
};

static struct vcts_config pci_legacy = {
	.name = "qemu-x86_64-q35-pci-transitional-legacy", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-transitional", .mode = "legacy",
};

static struct vcts_config mmio = {
	.name = "qemu-x86_64-microvm-mmio-v2-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "microvm", .transport = "mmio-v2", .mode = "modern",
};

struct fixture {
	struct strlist normative;
	struct listed_test tests[3];
	struct report results;
};

static void add_result(struct report *report, const char *test, struct vcts_config *c,
		       const char *device, enum verdict verdict)
{
	report_add_result(report, test, c, device, "blk")->verdict = verdict;
}

static void fixture_build(struct fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	strlist_add(&fx->normative, "A / Feature Bits");
	strlist_add(&fx->normative, "Device Types / Block Device / Device Operation");
	strlist_add(&fx->normative, "Device Types / Net Device / Device Operation");
	fx->tests[0].test = "t.features";
	fx->tests[0].type = "any";
	strlist_add(&fx->tests[0].clauses, "A / Feature Bits");
	fx->tests[1].test = "t.blk";
	fx->tests[1].type = "blk";
	strlist_add(&fx->tests[1].clauses, "Device Types / Block Device / Device Operation");
	strlist_add(&fx->tests[1].clauses, "A / Feature Bits");
	fx->tests[2].test = "t.legacy";
	fx->tests[2].type = "any";
	strlist_add(&fx->tests[2].clauses, "A / Legacy Interface: A Note");
	add_result(&fx->results, "t.features", &pci, "blk0", VERDICT_PASS);
	add_result(&fx->results, "t.features", &pci_legacy, "blk0", VERDICT_SKIP);
	add_result(&fx->results, "t.features", &mmio, "blk0", VERDICT_XFAIL);
	add_result(&fx->results, "t.blk", &pci, "blk0", VERDICT_PASS);
	add_result(&fx->results, "t.blk", &pci, "blk1", VERDICT_FAIL);
	add_result(&fx->results, "t.legacy", &pci_legacy, "blk0", VERDICT_PASS);
	add_result(&fx->results, "kernel.boot", &mmio, "", VERDICT_CRASH);
	report_add_run(&fx->results, &pci);
}

static void fixture_free(struct fixture *fx)
{
	strlist_clear(&fx->normative);
	for (size_t i = 0; i < 3; i++)
		strlist_clear(&fx->tests[i].clauses);
	report_free(&fx->results);
}

static void test_model(void)
{
	struct fixture fx;
	struct coverage cov;
	char *line;

	fixture_build(&fx);
	coverage_build(&cov, &fx.normative, fx.tests, 3, &fx.results);
	CU_ASSERT_EQUAL(cov.normative_count, 3);
	CU_ASSERT_EQUAL(cov.covered_count, 2);
	CU_ASSERT_EQUAL_FATAL(cov.section_count, 4);
	CU_ASSERT_FALSE(cov.sections[3].normative);
	CU_ASSERT_STRING_EQUAL(cov.sections[3].path, "A / Legacy Interface: A Note");
	CU_ASSERT_EQUAL(cov.sections[0].test_count, 2);
	CU_ASSERT_EQUAL(cov.sections[2].test_count, 0);
	/* A transport run in two modes is two columns; one mode, its name. */
	CU_ASSERT_EQUAL_FATAL(cov.columns.count, 3);
	CU_ASSERT_STRING_EQUAL(cov.columns.items[0], "pci-transitional/modern");
	CU_ASSERT_STRING_EQUAL(cov.columns.items[1], "pci-transitional/legacy");
	CU_ASSERT_STRING_EQUAL(cov.columns.items[2], "mmio-v2");
	/* Worst verdict over the devices; a skip is not having run. */
	CU_ASSERT_EQUAL(coverage_cell(&cov, 1, 0), CELL_FAIL);
	CU_ASSERT_EQUAL(coverage_cell(&cov, 0, 1), CELL_SKIP);
	CU_ASSERT_EQUAL(coverage_cell(&cov, 0, 2), CELL_XFAIL);
	CU_ASSERT_EQUAL(coverage_cell(&cov, 1, 2), CELL_NONE);
	CU_ASSERT_TRUE(cov.sections[0].ran_on[0]);
	CU_ASSERT_FALSE(cov.sections[0].ran_on[1]);
	CU_ASSERT_EQUAL(coverage_sections_on(&cov, 0), 2);
	CU_ASSERT_EQUAL(coverage_sections_on(&cov, 1), 0);
	line = coverage_totals_line(&cov);
	CU_ASSERT_STRING_EQUAL(line, "2 of 3 device-normative sections covered (67%), 1 uncovered; 1 other cited section");
	free(line);
	coverage_free(&cov);
	fixture_free(&fx);
}

static char *markdown(const struct coverage *cov)
{
	struct coverage_names names = { "docs/spec/list.txt" };
	FILE *f;
	struct text_capture *capture = capture_begin(&f);

	coverage_write_markdown(cov, &names, f);
	return capture_end(capture);
}

static void test_markdown(void)
{
	struct fixture fx;
	struct coverage cov;
	char *md;

	fixture_build(&fx);
	coverage_build(&cov, &fx.normative, fx.tests, 3, &fx.results);
	cov.results_path = "r/results.json";
	md = markdown(&cov);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "**2 of 3 device-normative sections covered (67%), 1 uncovered; 1 other cited section.**"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "- Results: `r/results.json` (1 configurations)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| Device Types / Block Device | 1 | 1 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| Device Types / Net Device | 1 | 0 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| pci-transitional/modern | 2 of 2 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| test | device | pci-transitional/modern | pci-transitional/legacy | mmio-v2 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| `t.blk` | blk | **fail** | \u2013 | \u2013 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| `t.features` | any | pass | skip | xfail |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Uncovered sections (1)\n\n### Device Types / Net Device\n\n- Device Types / Net Device / Device Operation\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Other cited sections (1)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "### A / Legacy Interface: A Note\n"));
	free(md);
	coverage_free(&cov);
	/* Without results: tests only, no transport columns. */
	coverage_build(&cov, &fx.normative, fx.tests, 3, NULL);
	md = markdown(&cov);
	CU_ASSERT_PTR_NULL(strstr(md, "## By transport"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| test | device |\n|---|---|\n| `t.features` | any |\n"));
	free(md);
	coverage_free(&cov);
	fixture_free(&fx);
}

CU_TestInfo coverage_tests[] = {
	{ "LaTeX scan", test_tex_scan },
	{ "extraction follows \\input", test_extract_follows_input },
	{ "section list file", test_section_list },
	{ "committed 1.2 list", test_committed_list },
	{ "coverage model", test_model },
	{ "coverage.md", test_markdown },
	CU_TEST_INFO_NULL,
};
