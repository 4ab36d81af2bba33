/*
 * The generic backend (docs/hypervisors/command.md): any hypervisor the
 * harness has no profile for, started from a user's argument template,
 * `vcts run --hypervisor command --command TEMPLATE [--console ROUTE]`.
 *
 * template.c splits the template into words (its quoting rules);
 * placeholders.c checks and fills in its {placeholders}; command.c is the
 * ops table: what it offers, finding the program, one VM's argument
 * vector and where its console goes. Its backend's `binary` holds the
 * template; the exit status means nothing (verdicts come from the
 * console), and it performs no host actions (the tests that need one skip
 * saying so).
 */
#ifndef VCTS_COMMAND_BACKEND_H
#define VCTS_COMMAND_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "hypervisors/backend.h"
#include "util.h"

extern const struct hypervisor_ops command_hypervisor;

/*
 * template.c: @text split into words: blanks separate them; '...' keeps
 * everything inside as it is; "..." too, except that \" and \\ stand for
 * " and \; outside quotes \ takes the next character as it is. Braces are
 * left for the placeholders. 0, or -1 with one line in @err.
 */
int command_template_split(const char *text, struct strlist *words, char *err,
			   size_t err_size);

/*
 * placeholders.c: is every {placeholder} of @text known, its argument
 * one of @device_types' instances or a boot image the backend offers, and
 * does the console it names fit @console (--console's text, NULL: stdio)?
 * 0, or -1 with one line in @err (docs/hypervisors/command.md lists them).
 */
int command_template_check(const char *text, const struct strlist *device_types,
			   const char *console, char *err, size_t err_size);
/*
 * @word with its placeholders filled in for @launch; {{ and }} are a
 * literal brace. NULL with @err set if one cannot be (a template that
 * passed the check never fails).
 */
char *command_template_expand(const char *word, const struct vm_launch *launch,
			      char *err, size_t err_size);
/* "{kernel}, {image:NAME}, ..." for messages. */
char *command_placeholder_names(void);

#endif
