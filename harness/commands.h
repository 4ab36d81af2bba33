/*
 * The subcommands of `vcts`. Each returns the program's exit status.
 */
#ifndef VCTS_COMMANDS_H
#define VCTS_COMMANDS_H

#include "options.h"

#define EXIT_ALL_PASSED 0
#define EXIT_TEST_FAILED 1
#define EXIT_SETUP_ERROR 2
#define EXIT_INTERRUPTED 130

int command_run(const struct options *opts);
int command_list(const struct options *opts);

#endif
