/* Formatted output: %d %i %u %x %X %p %s %c %%, flags '0' '-' '#', width, precision, l/ll/z. */
#ifndef VCTS_PRINTF_H
#define VCTS_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *buffer, size_t size, const char *format, va_list args)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buffer, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Console output for humans; protocol lines go through report_line.h. */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *text, size_t length);

#endif
