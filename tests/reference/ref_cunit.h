/*
 * What the CUnit suites of the reference tests share (test_faults.c,
 * test_platform.c): a failed assertion with a message of up to three
 * strings, and the check that a run ended the way a kernel run ends.
 */
#ifndef VCTS_REF_CUNIT_H
#define VCTS_REF_CUNIT_H

#include <stdbool.h>

#include "tests/reference/ref_machine.h"

/* A failed CUnit assertion whose message is @format with @a, @b and @c. */
void ref_report(const char *format, const char *a, const char *b, const char *c);
/*
 * A run ended by the kernel itself: summary printed, no crash line, not
 * killed. Reports (naming @what) and returns false otherwise.
 */
bool ref_check_run_completed(const struct ref_run *run, const char *what);

#endif
