/*
 * The subcommands of `vcts`. Each returns the program's exit status.
 */
#ifndef VCTS_COMMANDS_H
#define VCTS_COMMANDS_H

#include <stdbool.h>

#include "cli/options.h"
#include "results/results.h"

#define EXIT_ALL_PASSED 0
#define EXIT_TEST_FAILED 1
#define EXIT_SETUP_ERROR 2
#define EXIT_INTERRUPTED 130

int command_run(const struct options *opts);
int command_list(const struct options *opts);
int command_report(const struct options *opts);
int command_compare(const struct options *opts);
int command_coverage(const struct options *opts);
int command_ingest(const struct options *opts);

/*
 * The exit status of `vcts run` for @report: fail, timeout and crash give
 * 1 (xfail and xpass do not), a setup error 2, an interrupt 130.
 */
int run_exit_status(const struct report *report, bool setup_error);

#endif
