/* What several unit-test files share: a report writer's output as a string. */
#ifndef VCTS_UNIT_REPORT_CAPTURE_H
#define VCTS_UNIT_REPORT_CAPTURE_H

#include <stdio.h>

#include "report.h"

/* Runs @writer on @report into memory; the caller frees the text. */
char *capture_report(void (*writer)(const struct report *, FILE *),
		     const struct report *report);

#endif
