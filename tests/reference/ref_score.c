/*
 * The mutation score (ref_score.h). Nothing here is counted by hand: the
 * cases come from ref_fault_cases (the same table the CUnit cases run),
 * the tests from the kernel's registry linked into this program (the
 * vcts_tests section, as test_runner.c reads it), the outcomes from the
 * record the CUnit run wrote. Self-tests (selftest.*) check the harness,
 * not a device, and are left out of the share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/test.h"
#include "tests/reference/ref_cases.h"
#include "tests/reference/ref_score.h"

extern const struct test_case __start_vcts_tests[], __stop_vcts_tests[];

#define MAX_AREAS	64
#define AREA_LENGTH	48

struct area {
	char name[AREA_LENGTH];
	int cases, caught;		/* fault cases whose test is in the area */
	int tests, tests_with_fault;	/* registered conformance tests */
};

struct score {
	struct area areas[MAX_AREAS];
	int area_count;
	enum ref_case_outcome outcomes[REF_CASE_COUNT];
};

static bool is_conformance_test(const char *id)
{
	return strncmp(id, "selftest.", 9) != 0;
}

/* The area of a test id: its first two components (modern.pci, devices.blk). */
static void area_of(const char *id, char *area)
{
	const char *second = strchr(id, '.');
	const char *end = second ? strchr(second + 1, '.') : NULL;
	size_t length = end ? (size_t)(end - id) : strlen(id);

	if (length >= AREA_LENGTH)
		length = AREA_LENGTH - 1;
	memcpy(area, id, length);
	area[length] = '\0';
}

static struct area *find_area(struct score *s, const char *id)
{
	char name[AREA_LENGTH];

	area_of(id, name);
	for (int i = 0; i < s->area_count; i++) {
		if (!strcmp(s->areas[i].name, name))
			return &s->areas[i];
	}
	if (s->area_count == MAX_AREAS)
		return NULL;
	snprintf(s->areas[s->area_count].name, AREA_LENGTH, "%s", name);
	return &s->areas[s->area_count++];
}

static bool read_record(const char *path, struct score *s)
{
	char name[128], word[16];
	FILE *in = fopen(path, "r");

	if (!in)
		return false;
	while (fscanf(in, "%127s %15s", name, word) == 2) {
		for (int i = 0; i < REF_CASE_COUNT; i++) {
			if (strcmp(ref_fault_cases[i].name, name))
				continue;
			s->outcomes[i] = !strcmp(word, "caught") ? REF_CASE_CAUGHT :
					 !strcmp(word, "missed") ? REF_CASE_MISSED : REF_CASE_NOT_RUN;
		}
	}
	fclose(in);
	return true;
}

static bool test_has_caught_fault(const struct score *s, const char *id)
{
	for (int i = 0; i < REF_CASE_COUNT; i++) {
		if (s->outcomes[i] == REF_CASE_CAUGHT && !strcmp(ref_fault_cases[i].test, id))
			return true;
	}
	return false;
}

static bool registered(const char *id)
{
	for (const struct test_case *t = __start_vcts_tests; t < __stop_vcts_tests; t++) {
		if (!strcmp(t->id, id))
			return true;
	}
	return false;
}

static void count_cases(struct score *s)
{
	for (int i = 0; i < REF_CASE_COUNT; i++) {
		struct area *a = find_area(s, ref_fault_cases[i].test);

		if (!a)
			continue;
		a->cases++;
		a->caught += s->outcomes[i] == REF_CASE_CAUGHT;
	}
}

static void count_tests(struct score *s)
{
	for (const struct test_case *t = __start_vcts_tests; t < __stop_vcts_tests; t++) {
		struct area *a;

		if (!is_conformance_test(t->id) || !(a = find_area(s, t->id)))
			continue;
		a->tests++;
		a->tests_with_fault += test_has_caught_fault(s, t->id);
	}
}

/* Transports first, then the other 1.x and legacy groups, then device types. */
static int area_rank(const char *name)
{
	static const char *const first[] = { "modern.pci", "modern.mmio", "legacy.pci",
					     "legacy.mmio" };

	for (int i = 0; i < 4; i++) {
		if (!strcmp(name, first[i]))
			return i;
	}
	return !strncmp(name, "devices.", 8) ? 6 : 5;
}

static int compare_areas(const void *a, const void *b)
{
	const struct area *x = a, *y = b;
	int rank = area_rank(x->name) - area_rank(y->name);

	return rank ? rank : strcmp(x->name, y->name);
}

static void print_areas(const struct score *s)
{
	for (int i = 0; i < s->area_count; i++) {
		const struct area *a = &s->areas[i];

		printf("mutation: %s %d/%d faults caught; tests with a fault: %d/%d\n", a->name,
		       a->caught, a->cases, a->tests_with_fault, a->tests);
	}
}

/* The lines after the areas: cases not caught, tests without a fault, faults by design. */
static void print_gaps(const struct score *s)
{
	for (int i = 0; i < REF_CASE_COUNT; i++) {
		const struct ref_fault_case *c = &ref_fault_cases[i];

		if (s->outcomes[i] != REF_CASE_CAUGHT)
			printf("mutation: %s (%s on %s, %s) %s\n", c->name, ref_fault_name(c->fault),
			       c->device, ref_transport_name(c->transport),
			       s->outcomes[i] == REF_CASE_MISSED ? "not caught by its test" :
								   "not run");
		if (!registered(c->test))
			printf("mutation: %s names %s, which is not a registered test\n", c->name,
			       c->test);
	}
	for (const struct test_case *t = __start_vcts_tests; t < __stop_vcts_tests; t++) {
		if (is_conformance_test(t->id) && !test_has_caught_fault(s, t->id))
			printf("mutation: no fault yet: %s\n", t->id);
	}
	for (int i = 0; i < ref_uncaught_fault_count; i++)
		printf("mutation: caught by no test, by design: %s\n",
		       ref_fault_name(ref_uncaught_faults[i]));
}

int ref_score_print(const char *record_path)
{
	struct score *s = calloc(1, sizeof(*s));
	int cases = 0, caught = 0, tests = 0, with_fault = 0, status;

	if (!s || !read_record(record_path, s)) {
		fprintf(stderr, "mutation: cannot read %s (run reference-tests --record)\n",
			record_path);
		free(s);
		return 2;
	}
	count_cases(s);
	count_tests(s);
	qsort(s->areas, (size_t)s->area_count, sizeof(s->areas[0]), compare_areas);
	print_areas(s);
	for (int i = 0; i < s->area_count; i++) {
		cases += s->areas[i].cases;
		caught += s->areas[i].caught;
		tests += s->areas[i].tests;
		with_fault += s->areas[i].tests_with_fault;
	}
	print_gaps(s);
	printf("mutation: total %d/%d faults caught (and %d caught by no test, by design); "
	       "tests with a fault: %d/%d (%d.%d%%, target %d%%)\n", caught, cases,
	       ref_uncaught_fault_count, with_fault, tests,
	       tests ? with_fault * 100 / tests : 0, tests ? with_fault * 1000 / tests % 10 : 0,
	       REF_SCORE_TARGET_PERCENT);
	status = caught == cases && with_fault * 100 >= tests * REF_SCORE_TARGET_PERCENT ? 0 : 1;
	free(s);
	return status;
}
