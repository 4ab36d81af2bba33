/*
 * vcts: the host side of the virtio conformance test suite. See
 * docs/cli.md for the command line and docs/results-format.md for what it
 * writes.
 */
#include <signal.h>
#include <stdio.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct options opts;
	char err[512];
	int status;

	/* A closed pipe to QEMU is noticed on its stdout, not by dying here. */
	signal(SIGPIPE, SIG_IGN);
	options_init(&opts);
	if (options_parse(&opts, argc, argv, err, sizeof(err))) {
		vcts_error("%s", err);
		options_free(&opts);
		return EXIT_SETUP_ERROR;
	}
	vcts_quiet = opts.quiet;
	if (opts.command == COMMAND_HELP || opts.help) {
		options_print_usage(stdout);
		status = EXIT_ALL_PASSED;
	} else if (opts.command == COMMAND_VERSION) {
		printf("vcts %s\n", VCTS_VERSION);
		status = EXIT_ALL_PASSED;
	} else if (opts.command == COMMAND_LIST) {
		status = command_list(&opts);
	} else if (opts.command == COMMAND_REPORT) {
		status = command_report(&opts);
	} else if (opts.command == COMMAND_COMPARE) {
		status = command_compare(&opts);
	} else if (opts.command == COMMAND_COVERAGE) {
		status = command_coverage(&opts);
	} else if (opts.command == COMMAND_INGEST) {
		status = command_ingest(&opts);
	} else {
		status = command_run(&opts);
	}
	options_free(&opts);
	return status;
}
