/*
 * `vcts report`: every report format again from a results.json alone: a
 * results.json from another machine (a CI artifact) gets its report.html,
 * and a new writer can be tried on an old run without booting anything.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "reports/reports.h"
#include "results/results_read.h"

int command_report(const struct options *opts)
{
	char *path = opts->results ? xstrdup(opts->results) :
		     xasprintf("%s/results.json", opts->output);
	struct loaded_results lr;
	char err[1024];
	int status = EXIT_ALL_PASSED;

	if (results_load(&lr, path, err, sizeof(err))) {
		vcts_error("%s", err);
		free(path);
		return EXIT_SETUP_ERROR;
	}
	if (mkdir_p(opts->output)) {
		vcts_error("cannot create output directory %s: %s", opts->output,
			   strerror(errno));
		status = EXIT_SETUP_ERROR;
	} else if (report_write_all(&lr.report, opts->output)) {
		status = EXIT_SETUP_ERROR;
	} else {
		vcts_note("reports in %s/ (from %s, %zu results)", opts->output, path,
			  lr.report.result_count);
	}
	results_release(&lr);
	free(path);
	return status;
}
