/* Helpers of the reference tests' CUnit suites (ref_cunit.h). */
#include <CUnit/CUnit.h>
#include <stdio.h>

#include "tests/reference/ref_cunit.h"

void ref_report(const char *format, const char *a, const char *b, const char *c)
{
	char message[512];

	snprintf(message, sizeof(message), format, a, b, c);
	CU_assertImplementation(CU_FALSE, __LINE__, message, __FILE__, "", CU_FALSE);
}

bool ref_check_run_completed(const struct ref_run *run, const char *what)
{
	if (run->died[0])
		ref_report("%s: %s", what, run->died, "");
	else if (run->crashed)
		ref_report("%s: crash line: %s", what, run->crash_message, "");
	else if (!run->summary)
		ref_report("%s: no summary line%s%s", what, "", "");
	else if (run->garbled)
		ref_report("%s: garbled lines%s%s", what, "", "");
	else
		return true;
	return false;
}
