/*
 * The interactive shell's session: a prompt, one command line, its words
 * looked up in the command table (lib/shell_commands.c), until `exit`,
 * Ctrl-D or the idle time of vcts.interactive ends it. Results of the
 * tests it runs are the usual protocol lines, so a recorded session reads
 * like a run (docs/interactive.md); everything else it prints is for the
 * person and never starts with "@vcts ".
 */
#include <stdarg.h>

#include "cmdline.h"
#include "printf.h"
#include "shell.h"
#include "shell_commands.h"
#include "shell_line.h"
#include "string.h"
#include "test.h"

void shell_error(const char *format, ...)
{
	char message[256];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	printf("error: %s\n", message);
}

/* Splits @text at spaces, in place; returns the number of words, -1 if too many. */
static int split_words(char *text, char **argv, int max)
{
	int argc = 0;

	for (char *p = text; *p;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	return argc;
}

static const struct shell_command *find_command(const char *name)
{
	for (const struct shell_command *cmd = shell_commands; cmd->name; cmd++)
		if (!strcmp(cmd->name, name))
			return cmd;
	return NULL;
}

static enum shell_outcome execute(const struct shell_devices *found, struct shell_line *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	const struct shell_command *cmd;
	int argc;

	if (line->too_long) {
		shell_error("line longer than %d characters, ignored", SHELL_LINE_MAX);
		return SHELL_GO_ON;
	}
	/* Too many words is -1, with argv[0] the first: a usage error. */
	argc = split_words(line->text, argv, SHELL_MAX_ARGS + 1);
	if (argc == 0)
		return SHELL_GO_ON;
	cmd = find_command(argv[0]);
	if (!cmd) {
		shell_error("unknown command '%s' (help lists the commands)", argv[0]);
		return SHELL_GO_ON;
	}
	if (argc < 0 || argc - 1 < cmd->min_args || argc - 1 > cmd->max_args) {
		shell_error("usage: %s%s%s", cmd->name, cmd->arguments[0] ? " " : "",
			    cmd->arguments);
		return SHELL_GO_ON;
	}
	return cmd->run(found, argc, argv);
}

int shell_session(struct virtio_device **devices, int count)
{
	const struct shell_devices found = { devices, count };
	struct shell_line line = { .escape = SHELL_ESC_NONE };
	uint32_t idle_s = options.interactive_idle_s;

	printf("# vcts.interactive: %d device%s; type help for the commands; "
	       "%u s without input end the session\n", count, count == 1 ? "" : "s", idle_s);
	for (;;) {
		printf("%s", SHELL_PROMPT);
		switch (shell_read_line(&line, idle_s * 1000u)) {
		case SHELL_INPUT_IDLE:
			printf("\n# no input for %u s (vcts.interactive=%u): the session ends\n",
			       idle_s, idle_s);
			return test_finish_run();
		case SHELL_INPUT_END:
			return test_finish_run();
		case SHELL_INPUT_LINE:
			if (execute(&found, &line) == SHELL_EXIT)
				return test_finish_run();
			break;
		}
	}
}
