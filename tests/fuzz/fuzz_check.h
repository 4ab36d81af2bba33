/*
 * What the harness fuzzers share: an oracle that fails loudly. abort()
 * rather than assert(), so that NDEBUG cannot turn the oracles off, and a
 * message first, so that the crash report says which promise broke.
 */
#ifndef VCTS_FUZZ_CHECK_H
#define VCTS_FUZZ_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond, what)                                                \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: oracle failed: %s (%s)\n",    \
				__FILE__, __LINE__, what, #cond);             \
			abort();                                              \
		}                                                             \
	} while (0)

/* One line of text for a terminal: no control character (LF, ESC...) in it. */
static inline bool fuzz_one_line(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

#endif
