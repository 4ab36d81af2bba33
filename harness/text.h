/*
 * Turning bytes from the guest into text that every report format can
 * carry, and argument vectors into a command line a human can paste.
 */
#ifndef VCTS_TEXT_H
#define VCTS_TEXT_H

#include <stddef.h>

#include "util.h"

/*
 * A copy of @len bytes as valid UTF-8 without control characters: those and
 * bytes that are not part of a well-formed UTF-8 sequence become the four
 * characters "\xNN". Values decoded from result lines can hold any byte;
 * after this they are safe in JSON, XML, TAP and on a terminal.
 */
char *text_from_bytes(const char *data, size_t len);

/* @s quoted for a POSIX shell if it needs it. */
char *shell_quote(const char *s);

/* The NULL-terminated @argv as one shell command line. */
char *shell_join(char *const argv[]);
/* The same, after the NAME=VALUE assignments of @environment (may be NULL). */
char *shell_join_with_environment(const struct strlist *environment, char *const argv[]);

#endif
