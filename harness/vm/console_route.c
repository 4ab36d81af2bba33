/*
 * One VM's console as vm_run.c sees it: where the backend routes it,
 * decided before the command line is spelt, what the kernel must be told
 * about the route, and what the log and the user hear about how the
 * connection went.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/config.h"
#include "util.h"
#include "vm/console.h"
#include "vm/vm_process.h"

/*
 * What the kernel must know about its console:
 * - a file can never carry an answer, so a test that needs a host action
 *   skips at once instead of waiting for one;
 * - a pty loses what the harness has not read yet when the hypervisor
 *   closes it (the terminal's other side is hung up and its buffer
 *   dropped), so the kernel must not end the VM itself: it halts after its
 *   `done` line, and the harness stops the VM once it has read that line
 *   (vm_run.c). The last word wins over the exit method's (kernel_cmdline.c).
 */
static const char *kernel_words(const struct console_spec *console)
{
	if (console_is_output_only(console))
		return CONSOLE_OUTPUT_ONLY_ARG;
	if (console->route == CONSOLE_PTY)
		return "vcts.exit=halt";
	return NULL;
}

int console_route_launch(struct vm_launch *launch, struct console_spec *console,
			 char **cmdline, char *err, size_t err_size)
{
	const char *words;

	if (!launch->backend->ops->console)
		return 0;
	launch->backend->ops->console(launch, console);
	if (console_spec_complete(console, launch->config, err, err_size))
		return -1;
	if (console->route != CONSOLE_STDIO)
		launch->console = console;
	words = kernel_words(console);
	if (words) {
		char *longer = xasprintf("%s %s", *cmdline, words);

		free(*cmdline);
		*cmdline = longer;
		launch->kernel_cmdline = longer;
	}
	return 0;
}

char *console_outcome_note(const struct vm_outcome *out)
{
	if (out->console_connected)
		return xasprintf("console %s reached %llu ms after the start", out->console_where,
				 (unsigned long long)out->console_connect_ms);
	return xasprintf("console %s never reached", out->console_where);
}

char *console_outcome_problem(const struct vm_outcome *out, bool hello_seen)
{
	if (out->console_unreachable)
		return xasprintf("%s; VM killed", out->console_error);
	/* A file keeps everything: nothing can have gone by before it was read. */
	if (!out->console_connected || hello_seen || !strncmp(out->console_where, "file:", 5))
		return NULL;
	return xasprintf("no hello line on the console %s, reached %llu ms after the start: what the guest printed before may be lost (a hypervisor that waits for its client loses nothing)",
			 out->console_where, (unsigned long long)out->console_connect_ms);
}
