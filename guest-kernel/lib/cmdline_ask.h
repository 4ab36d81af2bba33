/*
 * vcts.cmdline=ask (docs/kernel-options.md): the command line from the
 * harness instead of the boot loader's.
 */
#ifndef VCTS_CMDLINE_ASK_H
#define VCTS_CMDLINE_ASK_H

/*
 * How long the kernel waits for the answer before it runs with @builtin:
 * a harness answers within milliseconds, even on a loaded host; a console
 * nobody answers on costs a VM this much.
 */
#define CMDLINE_ASK_TIMEOUT_MS 5000

/*
 * Asks the harness for the command line it would have given the kernel
 * (the `kernel-cmdline` host action) and returns it; returns @builtin, the
 * boot loader's, when no answer comes within CMDLINE_ASK_TIMEOUT_MS or the
 * harness does not know the action. A harness that answers with an error
 * ends the run (test_fatal): running every test instead of the ones it
 * asked for would be a wrong run, not a fallback.
 */
const char *cmdline_ask(const char *builtin);

#endif
