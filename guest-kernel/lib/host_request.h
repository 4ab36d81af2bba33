/*
 * Host actions (docs/host-actions.md): the kernel asks the harness to do
 * something to a device from outside the VM (resize a disk, ...) with a
 * `request` line and reads the harness's `answer` line from its console
 * input.
 */
#ifndef VCTS_HOST_REQUEST_H
#define VCTS_HOST_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum host_answer {
	HOST_ANSWER_OK,
	HOST_ANSWER_ERROR,		/* the harness tried and the action failed */
	HOST_ANSWER_UNSUPPORTED,	/* the harness does not know the action */
	HOST_ANSWER_DIFFERS,		/* done, and what the host saw differs (msg says how) */
	HOST_ANSWER_NONE,		/* no valid answer within vcts.host_timeout_ms */
};

/*
 * Emits `@vcts request id=N test=... device=@device action=@action` plus
 * @pairs (key, value, key, value, ..., NULL; may be NULL) and waits for the
 * answer with the same id. The answer's msg (or why there was none) goes
 * to @msg.
 */
enum host_answer host_request(const char *action, const char *device,
			      const char *const *pairs, char *msg, size_t msg_size);
/* The same with its own time limit instead of vcts.host_timeout_ms. */
enum host_answer host_request_within(const char *action, const char *device,
				     const char *const *pairs, uint32_t timeout_ms, char *msg,
				     size_t msg_size);

/*
 * host_request for a test that cannot go on without the action. True when
 * the harness carried it out: ok, or differs (*@differs, if not NULL, says
 * which; @msg says what the host saw, for the test to turn into a failed
 * check). Otherwise records a skip that says why (no answer, unsupported,
 * error) and returns false: the test returns at once.
 */
bool host_request_done(const char *action, const char *device, const char *const *pairs,
		       bool *differs, char *msg, size_t msg_size);

#endif
