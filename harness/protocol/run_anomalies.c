/*
 * Anomalies of the protocol or of the kernel fail the run instead of going
 * to stderr only: each kind becomes an `error` result of the VM's
 * configuration (a defect of the test or the protocol, not a verdict on
 * the device), whose message says what happened and where the log is.
 */
#include <stdlib.h>

#include "protocol/run_state.h"
#include "util.h"

void run_state_anomaly(struct run_state *rs, const char *test, const char *message)
{
	struct result *r = report_find_result(rs->report, test, rs->config, "");
	char *joined;

	if (!r) {
		r = run_state_new_result(rs, test, "");
		r->verdict = VERDICT_ERROR;
		result_set_message(r, message);
	} else {
		joined = xasprintf("%s\n%s", r->message, message);
		result_set_message(r, joined);
		free(joined);
		/* The kernel may have printed a result of that name itself: still an error. */
		r->verdict = VERDICT_ERROR;
	}
	run_state_announce(rs, r);
}

/* Protocol anomalies fail the run: each kind is an `error` result of its own. */
void run_state_report_anomalies(struct run_state *rs)
{
	char *msg;

	if (rs->run->garbled_lines) {
		msg = xasprintf("%u garbled result line%s ignored (see %s)", rs->run->garbled_lines,
				rs->run->garbled_lines == 1 ? "" : "s", rs->log);
		run_state_anomaly(rs, "kernel.garbled_lines", msg);
		free(msg);
	}
	if (rs->run->protocol_errors) {
		msg = xasprintf("%u protocol error%s in the kernel's lines (see %s)",
				rs->run->protocol_errors, rs->run->protocol_errors == 1 ? "" : "s",
				rs->log);
		run_state_anomaly(rs, "kernel.protocol", msg);
		free(msg);
	}
}
