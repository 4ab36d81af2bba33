/*
 * `plan` lines: before its first test the kernel names every (test,
 * device) pair it will run, in order. With them the harness can resume a
 * configuration after the pair a dead VM was in, and give every planned
 * pair that never reported a `not-run` result instead of losing it.
 */
#include <stdlib.h>

#include "protocol/line_fields.h"
#include "protocol/run_state.h"

void run_plan_line(struct run_state *rs, const struct vcts_line *line)
{
	struct planned_pair *pair;

	if (!line_get(line, "test") || !line_get(line, "device")) {
		run_state_protocol_error(rs, "plan line without test or device");
		return;
	}
	grow_array((void **)&rs->planned, &rs->planned_cap, rs->planned_count + 1,
		   sizeof(*rs->planned));
	pair = &rs->planned[rs->planned_count++];
	pair->test = line_field_text(line, "test");
	pair->device_type = NULL;
	pair->device = line_field_text(line, "device");
}

void run_plan_free(struct run_state *rs)
{
	for (size_t i = 0; i < rs->planned_count; i++) {
		free(rs->planned[i].test);
		free(rs->planned[i].device);
	}
	free(rs->planned);
	free(rs->reached_test);
	free(rs->reached_device);
	rs->planned = NULL;
	rs->planned_count = rs->planned_cap = 0;
	rs->reached_test = rs->reached_device = NULL;
}
