/* What several unit-test files share: a report writer's output as a string. */
#ifndef VCTS_UNIT_REPORT_CAPTURE_H
#define VCTS_UNIT_REPORT_CAPTURE_H

#include <stdio.h>

#include "results/results.h"

/* Runs @writer on @report into memory; the caller frees the text. */
char *capture_report(void (*writer)(const struct report *, FILE *),
		     const struct report *report);

/*
 * For writers of another shape: capture_begin() gives the stream to write
 * to, capture_end() closes it and returns the text (the caller frees it).
 */
struct text_capture;
struct text_capture *capture_begin(FILE **out);
char *capture_end(struct text_capture *capture);

#endif
