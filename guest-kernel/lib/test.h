/*
 * The in-kernel test framework.
 *
 * A test is a function registered with VCTS_TEST: it gets a stable id
 * (<area>.<group>.<case>), the spec clauses it checks (normative section
 * paths of the virtio 1.2 specification, '|'-separated) and the device type
 * it applies to; the runner calls it once for every such device found
 * that is driven the way the test's scope says (test_scope.h: the id's
 * area and group name an interface and a transport family).
 * Inside, each check() is one sentence about the device:
 *
 *	check(status == 0, CLAUSE_DEVICE_RESET, "status reads 0 after reset");
 *	check_eq(actual, expected, clause, "what is compared");
 *
 * A failed check prints a `fail` line (file:line, clause, expected, actual)
 * and the test goes on; require() stops the test when going on makes no
 * sense; skip() ends it with a reason.
 */
#ifndef VCTS_TEST_H
#define VCTS_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct virtio_device;

/*
 * The transport family whose rules a test checks. Almost every test
 * leaves it to its id (modern.pci.*, legacy.mmio.*: test_scope.c);
 * VCTS_TEST_ON names it for a test whose id cannot say it.
 */
enum test_transport {
	TEST_TRANSPORT_FROM_ID,
	TEST_TRANSPORT_ANY,
	TEST_TRANSPORT_PCI,
	TEST_TRANSPORT_MMIO,
	TEST_TRANSPORT_CCW,
};

struct test_case {
	const char *id;
	const char *clauses;
	/*
	 * The source file, repository-relative: kernel.mk and reference.mk
	 * compile every file by its path from the repository root.
	 */
	const char *file;
	uint32_t device_type;		/* VIRTIO_ID_*, or VIRTIO_ID_ANY */
	enum test_transport transport;
	void (*run)(struct virtio_device *dev);
};

#define VCTS_TEST_ON(transport_family, function, test_id, type, clause_list)	\
	static void function(struct virtio_device *dev);			\
	static const struct test_case test_case_##function			\
		__attribute__((used, section("vcts_tests"), aligned(8))) = {	\
		.id = test_id, .clauses = clause_list, .file = __FILE__,	\
		.device_type = type, .transport = transport_family,		\
		.run = function,						\
	};									\
	static void function(struct virtio_device *dev)

#define VCTS_TEST(function, test_id, type, clause_list) \
	VCTS_TEST_ON(TEST_TRANSPORT_FROM_ID, function, test_id, type, clause_list)

/*
 * How much a failed check weighs (docs/writing-a-test.md, "Severity"): a
 * broken MUST fails the test, a broken SHOULD makes it a warning, a
 * deviation from descriptive (non-normative) text a note. Neither of the
 * last two fails the run.
 */
enum check_severity {
	CHECK_MUST,
	CHECK_SHOULD,
	CHECK_NOTE,
};

bool test_check_severity(bool ok, enum check_severity severity, const char *clause,
			 const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 6, 7)));
/* A MUST: a check that fails the test when it does not hold. */
#define test_check(ok, clause, file, line, ...) \
	test_check_severity(ok, CHECK_MUST, clause, file, line, __VA_ARGS__)
bool test_check_eq(uint64_t actual, uint64_t expected, const char *clause,
		   const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 6, 7)));
void test_skip(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* A line for humans in the console log (not part of the protocol). */
void test_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

#define check(cond, clause, ...) \
	test_check(!!(cond), clause, __FILE__, __LINE__, __VA_ARGS__)
/* A SHOULD of the spec: a warning when it does not hold. */
#define check_should(cond, clause, ...) \
	test_check_severity(!!(cond), CHECK_SHOULD, clause, __FILE__, __LINE__, __VA_ARGS__)
/* What descriptive (non-normative) text says: a note when it does not hold. */
#define check_note(cond, clause, ...) \
	test_check_severity(!!(cond), CHECK_NOTE, clause, __FILE__, __LINE__, __VA_ARGS__)
#define check_eq(actual, expected, clause, ...) \
	test_check_eq((uint64_t)(actual), (uint64_t)(expected), clause, \
		      __FILE__, __LINE__, __VA_ARGS__)
#define require(cond, clause, ...) \
	do { if (!check(cond, clause, __VA_ARGS__)) return; } while (0)
#define require_eq(actual, expected, clause, ...) \
	do { if (!check_eq(actual, expected, clause, __VA_ARGS__)) return; } while (0)
#define skip(...) do { test_skip(__VA_ARGS__); return; } while (0)

/*
 * Zeroed memory for the running test, released after it; never NULL (an
 * exhausted heap ends the run as an internal error, not a device failure).
 */
void *test_alloc(size_t size, size_t align);

/* A seed for this test on this device: the run's seed mixed with both. */
uint32_t test_seed(void);
/* The per-wait device timeout from the command line. */
uint32_t test_timeout_ms(void);
/* The id of the running test and the name of its device ("" outside a test). */
const char *test_current_id(void);
const char *test_current_device(void);

/* Ends the run with a crash verdict (exceptions, internal errors). */
_Noreturn void test_crash(int vector, const char *name, uint64_t ip,
			  uint64_t error_code, uint64_t address);
_Noreturn void test_fatal(const char *format, ...) __attribute__((format(printf, 1, 2)));
void test_unexpected_interrupt(int vector);

/* Runs every selected test on every device, then test_finish_run(). */
int test_run_all(struct virtio_device **devices, int count);
void test_list_all(void);
/*
 * The run is over: print the `done` line (docs/result-protocol.md) with
 * @status and the exit method, then end the VM (arch_exit).
 */
_Noreturn void test_end_run(int status);

/* Verdict counts of the tests one call ran. */
struct test_totals {
	uint32_t pass, fail, skip, warn, note;
};
uint32_t test_totals_count(const struct test_totals *totals);

/*
 * What the interactive shell (lib/shell.c) asks of the runner: the tests
 * @filter (filter_select()'s globs) selects, on every device of @devices
 * each applies to, with the lines a run prints (plan, begin, fail, end);
 * a test none of them applies to runs once on "-" as a skip when
 * @absent_as_skip. Counts toward the run's summary; returns what it ran.
 */
struct test_totals test_run_selected(const char *filter, struct virtio_device **devices,
				     int count, bool absent_as_skip);
/* The `summary` line of every test run since boot; returns the exit status. */
int test_finish_run(void);
/* The `list` lines of the tests @filter selects; returns how many. */
int test_list(const char *filter);

#endif
