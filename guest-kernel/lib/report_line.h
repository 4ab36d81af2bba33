/*
 * Encoder of the result-line protocol (docs/result-protocol.md): builds
 * "@vcts <kind> key=value ... ~checksum" with values percent-escaped.
 */
#ifndef VCTS_REPORT_LINE_H
#define VCTS_REPORT_LINE_H

#include <stddef.h>
#include <stdint.h>

#define REPORT_LINE_MAX 4000

struct report_line {
	char text[REPORT_LINE_MAX + 16];
	size_t length;
	int truncated;
};

void line_begin(struct report_line *line, const char *kind);
void line_add(struct report_line *line, const char *key, const char *value);
void line_add_u64(struct report_line *line, const char *key, uint64_t value);
void line_add_hex(struct report_line *line, const char *key, uint64_t value);
void line_addf(struct report_line *line, const char *key, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends the checksum and writes the line to the console. */
void line_emit(struct report_line *line);

#endif
