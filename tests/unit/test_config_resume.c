/*
 * One configuration to the end (vm/config_resume.c): plan lines in, the
 * resume point and the not-run results out. The lines go through the real
 * encoder, parser and run state.
 */
#include <CUnit/CUnit.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_encode.h"
#include "protocol/run_state.h"
#include "vm/config_resume.h"
#include "feed_line.h"

static struct vcts_config config = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern", .mode = "modern",
};

static struct report report;
static struct run_state rs;
static struct config_resume cr;
static struct strlist announced;

static void on_result(void *ctx, struct result *r)
{
	(void)ctx;
	strlist_add(&announced, r->test);
}

#define feed(...) feed_run_line(&rs, NULL, 10, __VA_ARGS__)

/* A VM that plans t.a, t.b, t.c on rng0, passes t.a and begins t.b. */
static void vm_dies_in_t_b(const char *log)
{
	struct run_record *run = report_add_run(&report, &config);

	run_state_init(&rs, &report, run, log);
	feed("hello", "proto", "1", NULL);
	feed("plan", "test", "t.a", "device", "rng0", NULL);
	feed("plan", "test", "t.b", "device", "rng0", NULL);
	feed("plan", "test", "t.c", "device", "rng0", NULL);
	feed("begin", "test", "t.a", "device", "rng0", NULL);
	feed("end", "test", "t.a", "device", "rng0", "verdict", "pass", "checks", "1", NULL);
	feed("begin", "test", "t.b", "device", "rng0", NULL);
	run->ended = xstrdup("crash");
	run_state_hypervisor_exit(&rs, "was killed by signal 9", 20);
	run_state_finish(&rs);
}

static void teardown(void)
{
	run_state_free(&rs);
	config_resume_release(&cr);
	report_free(&report);
	strlist_clear(&announced);
	memset(&report, 0, sizeof(report));
}

static void test_resumes_after_the_dead_pair(void)
{
	vm_dies_in_t_b("logs/cfg.log");
	CU_ASSERT_TRUE(config_resume_needed(&cr, &rs, false));
	CU_ASSERT_STRING_EQUAL(cr.test, "t.b");
	CU_ASSERT_STRING_EQUAL(cr.device, "rng0");
	CU_ASSERT_EQUAL(cr.plan_count, 3);
	CU_ASSERT_EQUAL(cr.resumes, 1);
	teardown();
}

/* Interrupted: no fresh VM, and what never ran says so. */
static void test_interrupted_leaves_not_run(void)
{
	const struct result *r;

	vm_dies_in_t_b("logs/cfg.log");
	CU_ASSERT_FALSE(config_resume_needed(&cr, &rs, true));
	config_resume_fill_not_run(&cr, &report, &config, on_result, NULL);
	/* t.a pass, t.b crash, t.c not-run */
	CU_ASSERT_EQUAL_FATAL(report.result_count, 3);
	r = report_find_result(&report, "t.c", &config, "rng0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->verdict, VERDICT_NOT_RUN);
	CU_ASSERT_STRING_EQUAL(r->device_type, "rng");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->message, "crash"));
	CU_ASSERT_STRING_EQUAL(r->log, "logs/cfg.log");
	CU_ASSERT_EQUAL(announced.count, 1);
	CU_ASSERT_EQUAL(report_find_result(&report, "t.b", &config, "rng0")->verdict,
			VERDICT_CRASH);
	teardown();
}

/* A VM that ends with its summary owes nothing, and nothing is not-run. */
static void test_finished_vm_needs_no_resume(void)
{
	struct run_record *run = report_add_run(&report, &config);

	run_state_init(&rs, &report, run, "logs/cfg.log");
	feed("plan", "test", "t.a", "device", "-", NULL);
	feed("begin", "test", "t.a", "device", "-", NULL);
	feed("end", "test", "t.a", "device", "-", "verdict", "skip", "reason", "none", NULL);
	feed("summary", "pass", "0", "fail", "0", "skip", "1", "tests", "1", NULL);
	CU_ASSERT_FALSE(config_resume_needed(&cr, &rs, false));
	config_resume_fill_not_run(&cr, &report, &config, on_result, NULL);
	CU_ASSERT_EQUAL(report.result_count, 1);
	CU_ASSERT_EQUAL(announced.count, 0);
	teardown();
}

/* The last planned pair died: nothing to resume with, nothing not-run. */
static void test_death_in_the_last_pair(void)
{
	struct run_record *run = report_add_run(&report, &config);

	run_state_init(&rs, &report, run, "logs/cfg.log");
	feed("plan", "test", "t.a", "device", "rng0", NULL);
	feed("begin", "test", "t.a", "device", "rng0", NULL);
	run_state_timeout(&rs, 5, 20);
	CU_ASSERT_FALSE(config_resume_needed(&cr, &rs, false));
	config_resume_fill_not_run(&cr, &report, &config, on_result, NULL);
	CU_ASSERT_EQUAL(report.result_count, 1);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_TIMEOUT);
	teardown();
}

/* Every VM dies: after MAX_RESUMES fresh ones the rest is not-run, saying why. */
static void test_gives_up_after_max_resumes(void)
{
	vm_dies_in_t_b("logs/cfg.log");
	cr.resumes = MAX_RESUMES;
	cr.plan = NULL;
	CU_ASSERT_FALSE(config_resume_needed(&cr, &rs, false));
	CU_ASSERT_PTR_NOT_NULL(strstr(cr.last_end, "stopped resuming"));
	teardown();
}

CU_TestInfo config_resume_tests[] = {
	{ "resumes after the pair the VM died in", test_resumes_after_the_dead_pair },
	{ "interrupted: the rest is not-run", test_interrupted_leaves_not_run },
	{ "a finished VM needs no resume", test_finished_vm_needs_no_resume },
	{ "death in the last pair", test_death_in_the_last_pair },
	{ "gives up after MAX_RESUMES", test_gives_up_after_max_resumes },
	CU_TEST_INFO_NULL,
};
