/*
 * The report writers (docs/reports.md): each reads the results model and
 * nothing else.
 */
#ifndef VCTS_REPORTS_H
#define VCTS_REPORTS_H

#include <stdio.h>

#include "results/results.h"

/* Write results.json, results.tap, junit.xml, summary.md and report.html into @dir. */
int report_write_all(const struct report *report, const char *dir);

/* The writers, one file each; they return the text or write to @out. */
void report_write_tap(const struct report *report, FILE *out);
void report_write_junit(const struct report *report, FILE *out);
void report_write_summary(const struct report *report, FILE *out);
void report_write_html(const struct report *report, FILE *out);

/* XML character data / attribute value, escaped (used by junit, tested). */
void xml_escape(FILE *out, const char *text);
/* HTML text or attribute value, escaped: &<>"' (report_html.c, tested). */
void html_escape(FILE *out, const char *text);

#endif
