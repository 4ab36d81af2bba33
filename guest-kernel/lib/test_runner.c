/*
 * Runs the registered tests and prints their results in the protocol of
 * docs/result-protocol.md. The registry is the linker section vcts_tests.
 */
#include <stdarg.h>

#include "alloc.h"
#include "cmdline.h"
#include "fnv.h"
#include "kernel.h"
#include "printf.h"
#include "report_line.h"
#include "string.h"
#include "test.h"
#include "test_scope.h"
#include "virtio/virtio.h"

extern const struct test_case __start_vcts_tests[], __stop_vcts_tests[];

#define MAX_TESTS 512

/* In the order of the names print_end() gives them. */
enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_SKIP, VERDICT_WARN, VERDICT_NOTE,
	       VERDICT_KINDS };

/* The test that is running now, for checks, skips and crash reports. */
struct current_test {
	const struct test_case *test;
	const char *device;
	uint32_t seed;
	uint32_t checks;
	uint32_t failed;		/* MUST checks that failed */
	uint32_t warned;		/* SHOULD checks that failed */
	uint32_t noted;			/* deviations from descriptive text */
	bool skipped;
	char reason[256];
};

static struct current_test current;
static uint32_t totals[VERDICT_KINDS];

static void add_test_fields(struct report_line *line)
{
	line_add(line, "test", current.test ? current.test->id : "");
	line_add(line, "device", current.device ? current.device : "");
}

static const char *const severity_names[] = {
	[CHECK_MUST] = "must", [CHECK_SHOULD] = "should", [CHECK_NOTE] = "note",
};

static void count_failure(enum check_severity severity)
{
	if (severity == CHECK_SHOULD)
		current.warned++;
	else if (severity == CHECK_NOTE)
		current.noted++;
	else
		current.failed++;
}

/*
 * A `fail` line. Its `check` key is the FNV-1a hash of the check's format
 * string: it names the check whatever values the message carries and
 * wherever the line moves, so a baseline can expect one check and still
 * catch a new one failing in the same test (docs/baselines.md).
 */
static void record_failure(enum check_severity severity, const char *clause,
			   const char *file, int line_number, const char *expected,
			   const char *actual, const char *format, va_list args)
{
	struct report_line line;
	char message[512];

	vsnprintf(message, sizeof(message), format, args);
	count_failure(severity);
	if (!current.reason[0])
		strlcpy(current.reason, message, sizeof(current.reason));
	line_begin(&line, "fail");
	add_test_fields(&line);
	line_add(&line, "file", file);
	line_add_u64(&line, "line", (uint64_t)line_number);
	line_add(&line, "clause", clause);
	line_add(&line, "severity", severity_names[severity]);
	line_addf(&line, "check", "%08x", fnv1a32_update(FNV1A32_INIT, format, strlen(format)));
	line_add(&line, "expected", expected);
	line_add(&line, "actual", actual);
	line_add(&line, "msg", message);
	line_emit(&line);
}

bool test_check_severity(bool ok, enum check_severity severity, const char *clause,
			 const char *file, int line, const char *format, ...)
{
	va_list args;

	current.checks++;
	if (ok)
		return true;
	va_start(args, format);
	record_failure(severity, clause, file, line, "", "", format, args);
	va_end(args);
	return false;
}

bool test_check_eq(uint64_t actual, uint64_t expected, const char *clause,
		   const char *file, int line, const char *format, ...)
{
	char expected_text[24], actual_text[24];
	va_list args;

	current.checks++;
	if (actual == expected)
		return true;
	snprintf(expected_text, sizeof(expected_text), "%#llx", (unsigned long long)expected);
	snprintf(actual_text, sizeof(actual_text), "%#llx", (unsigned long long)actual);
	va_start(args, format);
	record_failure(CHECK_MUST, clause, file, line, expected_text, actual_text, format,
		       args);
	va_end(args);
	return false;
}

void test_skip(const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(current.reason, sizeof(current.reason), format, args);
	va_end(args);
	current.skipped = true;
}

void test_log(const char *format, ...)
{
	char text[512];
	va_list args;

	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	printf("# %s\n", text);
}

uint32_t test_seed(void)
{
	return current.seed;
}

uint32_t test_timeout_ms(void)
{
	return options.timeout_ms;
}

const char *test_current_id(void)
{
	return current.test ? current.test->id : "";
}

const char *test_current_device(void)
{
	return current.device ? current.device : "";
}

void test_unexpected_interrupt(int vector)
{
	if (current.test) {
		test_check(false, "", "guest-kernel/lib/test_runner.c", __LINE__,
			   "unexpected interrupt on CPU vector %d", vector);
		return;
	}
	test_log("unexpected interrupt on CPU vector %d outside any test", vector);
}

_Noreturn void test_crash(int vector, const char *name, uint64_t ip,
			  uint64_t error_code, uint64_t address)
{
	struct report_line line;

	line_begin(&line, "crash");
	add_test_fields(&line);
	line_add_u64(&line, "vector", (uint64_t)(vector < 0 ? 0 : vector));
	line_add(&line, "name", name);
	line_add_hex(&line, "ip", ip);
	line_add_hex(&line, "error", error_code);
	line_add_hex(&line, "address", address);
	line_addf(&line, "msg", "%s at ip %#llx (error code %#llx, address %#llx)",
		  name, (unsigned long long)ip, (unsigned long long)error_code,
		  (unsigned long long)address);
	line_emit(&line);
	test_end_run(2);
}

_Noreturn void test_fatal(const char *format, ...)
{
	char message[256];
	struct report_line line;
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	line_begin(&line, "crash");
	add_test_fields(&line);
	line_add(&line, "name", "internal error");
	line_add(&line, "msg", message);
	line_emit(&line);
	test_end_run(2);
}

/*
 * The registry in id order: compilers and linkers are free to order the
 * section as they like, and runs must be reproducible. Sorted once: the
 * shell (lib/shell.c) walks it for every command.
 */
static int sorted_tests(const struct test_case ***sorted)
{
	static const struct test_case *tests[MAX_TESTS];
	static int count = -1;

	*sorted = tests;
	if (count >= 0)
		return count;
	if (__stop_vcts_tests - __start_vcts_tests > MAX_TESTS)
		test_fatal("%d tests are registered, the runner has room for %d (MAX_TESTS)",
			   (int)(__stop_vcts_tests - __start_vcts_tests), MAX_TESTS);
	count = 0;
	for (const struct test_case *test = __start_vcts_tests; test < __stop_vcts_tests;
	     test++) {
		int at = count++;

		while (at > 0 && strcmp(tests[at - 1]->id, test->id) > 0) {
			tests[at] = tests[at - 1];
			at--;
		}
		tests[at] = test;
	}
	return count;
}

static bool test_applies_to(const struct test_case *test, const struct virtio_device *dev)
{
	return test->device_type == VIRTIO_ID_ANY || test->device_type == dev->device_type;
}

static void print_begin(void)
{
	struct report_line line;

	line_begin(&line, "begin");
	add_test_fields(&line);
	line_emit(&line);
}

static void print_end(enum verdict verdict, uint64_t elapsed_us)
{
	static const char *const names[] = { "pass", "fail", "skip", "warn", "note" };
	struct report_line line;

	totals[verdict]++;
	line_begin(&line, "end");
	add_test_fields(&line);
	line_add(&line, "verdict", names[verdict]);
	line_add(&line, "clauses", current.test->clauses);
	line_add_u64(&line, "checks", current.checks);
	line_add_u64(&line, "failed", current.failed);
	line_add_u64(&line, "ms", elapsed_us / 1000);
	if (verdict != VERDICT_PASS)
		line_add(&line, "reason", current.reason);
	line_emit(&line);
}

static void start_test(const struct test_case *test, const char *device)
{
	current = (struct current_test){ .test = test, .device = device };
	current.seed = fnv1a32_u64(fnv1a32_update(fnv1a32_u64(FNV1A32_INIT, options.seed),
						  test->id, strlen(test->id)),
				   fnv1a32_update(FNV1A32_INIT, device, strlen(device)));
}

static void run_on_device(const struct test_case *test, struct virtio_device *dev)
{
	alloc_mark_t mark = alloc_mark();
	uint64_t start = arch_time_us();
	enum verdict verdict;
	char outside_scope[128];

	start_test(test, dev->name);
	print_begin();
	if (test_outside_scope(test, dev, outside_scope, sizeof(outside_scope)))
		test_skip("%s", outside_scope);
	else
		test->run(dev);
	/* Leave the device reset, so no test sees another's leftovers. */
	if (!virtio_reset(dev, options.timeout_ms))
		test_check(false, CLAUSE_RESET, __FILE__, __LINE__,
			   "device status did not read 0 within %u ms of a reset after the test",
			   options.timeout_ms);
	if (dev->ops->irq_teardown)
		dev->ops->irq_teardown(dev);
	alloc_release(mark);
	/* A broken MUST outweighs a SHOULD, which outweighs a note or a skip. */
	if (current.failed)
		verdict = VERDICT_FAIL;
	else if (current.warned)
		verdict = VERDICT_WARN;
	else if (current.noted)
		verdict = VERDICT_NOTE;
	else if (current.skipped)
		verdict = VERDICT_SKIP;
	else
		verdict = VERDICT_PASS;
	print_end(verdict, arch_time_us() - start);
	current.test = NULL;
}

static void skip_absent_device(const struct test_case *test)
{
	start_test(test, "-");
	print_begin();
	test_skip("no %s device was found", virtio_type_name(test->device_type));
	print_end(VERDICT_SKIP, 0);
	current.test = NULL;
}

/*
 * The run as (test, device) pairs in the order the runner takes them: the
 * registry in id order, each test the filter selects on every device it
 * applies to in discovery order, or once on device "-" when none is there.
 */
struct pair_walk {
	const char *filter;		/* filter_select()'s globs */
	struct virtio_device **devices;
	int device_count;
	/* A test none of the devices applies to runs once on "-", as a skip. */
	bool absent_as_skip;
	/*
	 * vcts.resume: pairs up to and including the resume point (test and
	 * device) are passed over; "" for a walk from the first pair.
	 */
	const char *resume_test;
	const char *resume_device;
	bool resume_point_passed;
	int pairs;			/* visited by the last walk */
};

typedef void (*pair_fn)(const struct test_case *test, struct virtio_device *dev);

static bool is_resume_point(const struct pair_walk *walk, const struct test_case *test,
			    const char *device)
{
	return !strcmp(test->id, walk->resume_test) && !strcmp(device, walk->resume_device);
}

/* Call @fn for the pair unless it comes before the resume point. */
static void visit_pair(struct pair_walk *walk, const struct test_case *test,
		       struct virtio_device *dev, pair_fn fn)
{
	if (!walk->resume_point_passed) {
		walk->resume_point_passed = is_resume_point(walk, test, dev ? dev->name : "-");
		return;
	}
	walk->pairs++;
	fn(test, dev);
}

static void walk_pairs(struct pair_walk *walk, pair_fn fn)
{
	const struct test_case **tests;
	int test_count = sorted_tests(&tests);

	walk->resume_point_passed = !walk->resume_test[0];
	walk->pairs = 0;
	for (int t = 0; t < test_count; t++) {
		const struct test_case *test = tests[t];
		bool applies = false;

		if (!filter_select(walk->filter, test->id))
			continue;
		for (int i = 0; i < walk->device_count; i++) {
			if (test_applies_to(test, walk->devices[i])) {
				visit_pair(walk, test, walk->devices[i], fn);
				applies = true;
			}
		}
		if (!applies && walk->absent_as_skip)
			visit_pair(walk, test, NULL, fn);
	}
}

/* A `plan` line: the harness reports a pair that never ends as not-run. */
static void print_plan(const struct test_case *test, struct virtio_device *dev)
{
	struct report_line line;

	line_begin(&line, "plan");
	line_add(&line, "test", test->id);
	line_add(&line, "device", dev ? dev->name : "-");
	line_emit(&line);
}

static void run_pair(const struct test_case *test, struct virtio_device *dev)
{
	if (dev)
		run_on_device(test, dev);
	else
		skip_absent_device(test);
}

static struct test_totals totals_since(const uint32_t before[VERDICT_KINDS])
{
	return (struct test_totals){
		.pass = totals[VERDICT_PASS] - before[VERDICT_PASS],
		.fail = totals[VERDICT_FAIL] - before[VERDICT_FAIL],
		.skip = totals[VERDICT_SKIP] - before[VERDICT_SKIP],
		.warn = totals[VERDICT_WARN] - before[VERDICT_WARN],
		.note = totals[VERDICT_NOTE] - before[VERDICT_NOTE],
	};
}

/* Plans the walk's pairs, then runs them; what they came to. */
static struct test_totals run_walk(struct pair_walk *walk)
{
	uint32_t before[VERDICT_KINDS];

	memcpy(before, totals, sizeof(before));
	walk_pairs(walk, print_plan);
	if (!walk->resume_point_passed)
		test_fatal("vcts.resume=%s/%s names no test and device of this run",
			   walk->resume_test, walk->resume_device);
	walk_pairs(walk, run_pair);
	return totals_since(before);
}

struct test_totals test_run_selected(const char *filter, struct virtio_device **devices,
				     int count, bool absent_as_skip)
{
	struct pair_walk walk = { .filter = filter, .devices = devices, .device_count = count,
				  .absent_as_skip = absent_as_skip, .resume_test = "",
				  .resume_device = "" };

	return run_walk(&walk);
}

uint32_t test_totals_count(const struct test_totals *t)
{
	return t->pass + t->fail + t->skip + t->warn + t->note;
}

int test_finish_run(void)
{
	uint32_t before[VERDICT_KINDS] = { 0 };
	struct test_totals all = totals_since(before);
	struct report_line line;

	line_begin(&line, "summary");
	line_add_u64(&line, "pass", all.pass);
	line_add_u64(&line, "fail", all.fail);
	line_add_u64(&line, "skip", all.skip);
	line_add_u64(&line, "warn", all.warn);
	line_add_u64(&line, "note", all.note);
	line_add_u64(&line, "tests", test_totals_count(&all));
	line_emit(&line);
	return all.fail ? 1 : 0;
}

int test_run_all(struct virtio_device **devices, int count)
{
	struct pair_walk walk = { .filter = options.filter, .devices = devices,
				  .device_count = count, .absent_as_skip = true,
				  .resume_test = options.resume_test,
				  .resume_device = options.resume_device };

	run_walk(&walk);
	return test_finish_run();
}

int test_list(const char *filter)
{
	const struct test_case **tests;
	int test_count = sorted_tests(&tests);
	int listed = 0;

	for (int t = 0; t < test_count; t++) {
		const struct test_case *test = tests[t];
		struct test_scope scope = test_scope_of(test);
		struct report_line line;

		if (!filter_select(filter, test->id))
			continue;
		line_begin(&line, "list");
		line_add(&line, "test", test->id);
		line_add(&line, "type", test->device_type == VIRTIO_ID_ANY ? "any" :
				virtio_type_name(test->device_type));
		line_add(&line, "interface", test_interface_name(scope.interface));
		line_add(&line, "transport", test_transport_name(scope.transport));
		line_add(&line, "file", test->file);
		line_add(&line, "clauses", test->clauses);
		line_emit(&line);
		listed++;
	}
	return listed;
}

void test_list_all(void)
{
	test_list(options.filter);
}

/*
 * `done` comes after the summary (or the list, or a crash): nothing the
 * harness needs follows it, so a VM still running a moment later may be
 * stopped. It names the method the kernel tries first; the ones it falls
 * through to say so on plain console lines ("# exit: ..."). Printed once,
 * even if ending the VM faults and comes back through test_crash().
 */
_Noreturn void test_end_run(int status)
{
	static bool said;
	const char *method = arch_exit_prepare(options.exit);
	struct report_line line;

	if (!said) {
		said = true;
		line_begin(&line, "done");
		line_add_u64(&line, "status", (uint64_t)status);
		line_add(&line, "exit", method);
		line_emit(&line);
	}
	arch_exit(status);
}

void *test_alloc(size_t size, size_t align)
{
	void *memory = alloc_zeroed(size, align);

	if (!memory)
		test_fatal("out of memory: %zu bytes wanted, %zu free", size, alloc_free_bytes());
	return memory;
}
