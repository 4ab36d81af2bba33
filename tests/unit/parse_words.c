/* What several unit-test files share: option parsing from a word list. */
#include "parse_words.h"

int parse_words_into(struct options *opts, const char *const *words,
		     char *err, size_t err_size)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = "vcts";
	while (*words)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	return options_parse(opts, argc, argv, err, err_size);
}

int reparse_words_into(struct options *opts, const char *const *words,
		       char *err, size_t err_size)
{
	options_free(opts);
	options_init(opts);
	return parse_words_into(opts, words, err, err_size);
}
