/*
 * Splitting a --command template into an argument vector, without a shell:
 * nothing in it is ever interpreted by one, so a path with spaces or a
 * quote stays one argument and nothing the template holds runs as shell
 * code. The rules are a subset of the POSIX shell's quoting (blanks,
 * '...', "...", backslash) so that a command line written for a shell
 * reads the same here; there are no variables, globs, pipes or
 * redirections.
 */
#include <stdio.h>
#include <string.h>

#include "hypervisors/command/command.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* '...': up to the next single quote, as it is. Returns the position after it. */
static const char *single_quoted(const char *p, struct strbuf *word)
{
	for (; *p && *p != '\''; p++)
		strbuf_addch(word, *p);
	return *p ? p + 1 : NULL;
}

/* "...": \" and \\ are escapes, any other backslash is itself. */
static const char *double_quoted(const char *p, struct strbuf *word)
{
	for (; *p && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		strbuf_addch(word, *p);
	}
	return *p ? p + 1 : NULL;
}

int command_template_split(const char *text, struct strlist *words, char *err,
			   size_t err_size)
{
	const char *p = text;

	while (*p) {
		struct strbuf word = { 0 };
		bool quoted = false;

		while (is_blank(*p))
			p++;
		while (*p && !is_blank(*p)) {
			const char *start = p;

			if (*p == '\'' || *p == '"') {
				quoted = true;
				p = *p == '\'' ? single_quoted(p + 1, &word) :
						 double_quoted(p + 1, &word);
				if (!p) {
					snprintf(err, err_size, "--command: the %s quote at offset %zu is never closed",
						 *start == '\'' ? "single" : "double",
						 (size_t)(start - text));
					strbuf_release(&word);
					return -1;
				}
				continue;
			}
			if (*p == '\\' && p[1])
				p++;
			strbuf_addch(&word, *p++);
		}
		/* '' is an empty argument; blanks at the end are none. */
		if (word.len || quoted)
			strlist_add(words, word.buf ? word.buf : "");
		strbuf_release(&word);
	}
	if (!words->count) {
		snprintf(err, err_size, "--command: the template is empty (it starts with the program to run)");
		return -1;
	}
	return 0;
}
