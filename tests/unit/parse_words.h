/* What several unit-test files share: option parsing from a word list. */
#ifndef VCTS_UNIT_PARSE_WORDS_H
#define VCTS_UNIT_PARSE_WORDS_H

#include <stddef.h>

#include "cli/options.h"

/* options_parse() of "vcts" and the NULL-terminated @words (31 at most). */
int parse_words_into(struct options *opts, const char *const *words,
		     char *err, size_t err_size);

/* The same into @opts freed and initialised afresh. */
int reparse_words_into(struct options *opts, const char *const *words,
		       char *err, size_t err_size);

#endif
