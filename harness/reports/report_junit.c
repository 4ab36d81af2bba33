/*
 * junit.xml in the shape Jenkins and GitLab read: one <testsuite> per
 * configuration, one <testcase> per result, classname "config.device".
 * fail is a <failure>, timeout and crash are <error>s (the test could not
 * finish), skip is <skipped>; xfail and xpass as write_testcase() says.
 */
#include <string.h>

#include "reports/reports.h"
#include "results/results.h"

static void write_seconds(FILE *out, long ms)
{
	fprintf(out, "%ld.%03ld", ms / 1000, ms % 1000);
}

/*
 * A baseline's xfail is <skipped>, so that Jenkins and GitLab stay green on
 * a known deviation; an xpass is a passed testcase with a note asking for
 * the baseline to be updated.
 */
static void write_testcase(FILE *out, const struct result *r)
{
	static const char *const element[] = {
		[VERDICT_FAIL] = "failure",
		[VERDICT_TIMEOUT] = "error",
		[VERDICT_CRASH] = "error",
		[VERDICT_NOT_RUN] = "error",
		[VERDICT_ERROR] = "error",
		[VERDICT_FLAKY] = "failure",
		[VERDICT_SKIP] = "skipped",
		[VERDICT_XFAIL] = "skipped",
	};

	fputs("    <testcase classname=\"", out);
	xml_escape(out, r->config->name);
	if (*r->device) {
		fputc('.', out);
		xml_escape(out, r->device);
	}
	fputs("\" name=\"", out);
	xml_escape(out, r->test);
	fputs("\" time=\"", out);
	write_seconds(out, r->duration_ms);
	fputc('"', out);
	if (r->verdict == VERDICT_PASS) {
		fputs("/>\n", out);
		return;
	}
	/* Passed testcases that still have something to say. */
	if (r->verdict == VERDICT_XPASS || r->verdict == VERDICT_WARN ||
	    r->verdict == VERDICT_NOTE) {
		fputs(">\n      <system-out>", out);
		xml_escape(out, r->message);
		fputs("</system-out>\n    </testcase>\n", out);
		return;
	}
	fprintf(out, ">\n      <%s message=\"", element[r->verdict]);
	xml_escape(out, r->message);
	if (r->verdict == VERDICT_SKIP || r->verdict == VERDICT_XFAIL) {
		fputs("\"/>\n", out);
	} else {
		fprintf(out, "\" type=\"%s\">", verdict_name(r->verdict));
		xml_escape(out, r->message);
		fprintf(out, "</%s>\n", element[r->verdict]);
	}
	fputs("    </testcase>\n", out);
}

/* xfail is counted where it is written: with the skipped. */
static void write_counts(FILE *out, const struct verdict_counts *c)
{
	fprintf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"",
		c->total, c->fail + c->flaky, c->timeout + c->crash + c->not_run + c->error,
		c->skip + c->xfail);
	write_seconds(out, c->duration_ms);
	fputc('"', out);
}

static void write_property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"%s\" value=\"", name);
	xml_escape(out, value ? value : "");
	fputs("\"/>\n", out);
}

/* The suite's name holds arch, machine, transport and mode; tools filter on these. */
static void write_properties(FILE *out, const struct run_record *run)
{
	fputs("    <properties>\n", out);
	write_property(out, "arch", run->config->arch);
	write_property(out, "machine", run->config->machine);
	write_property(out, "transport", run->config->transport);
	write_property(out, "mode", run->config->mode);
	write_property(out, "accel", run->accel);
	write_property(out, "hypervisor_version", run->hypervisor_version);
	write_property(out, "log", run->log);
	fputs("    </properties>\n", out);
}

static void write_testsuite(FILE *out, const struct report *report,
			    const struct run_record *run)
{
	struct verdict_counts counts;

	report_count(report, run->config, &counts);
	fputs("  <testsuite name=\"", out);
	xml_escape(out, run->config->name);
	fputc('"', out);
	write_counts(out, &counts);
	fputs(">\n", out);
	write_properties(out, run);
	for (size_t i = 0; i < report->result_count; i++)
		if (report->results[i]->config == run->config)
			write_testcase(out, report->results[i]);
	fputs("  </testsuite>\n", out);
}

void report_write_junit(const struct report *report, FILE *out)
{
	struct verdict_counts all;

	report_count(report, NULL, &all);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fputs("<testsuites name=\"vcts\"", out);
	write_counts(out, &all);
	fputs(">\n", out);
	/* One suite per configuration; its re-runs (--retries) are merged in. */
	for (size_t i = 0; i < report->run_count; i++)
		if (run_is_first_attempt(report->runs[i]))
			write_testsuite(out, report, report->runs[i]);
	fputs("</testsuites>\n", out);
}
