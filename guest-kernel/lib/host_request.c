/*
 * The kernel's side of host actions (docs/host-actions.md). The answer
 * line has the grammar of docs/result-protocol.md; this is the smallest
 * decoder that checks it as strictly as the harness's parser: the
 * checksum must match, values are percent-decoded, anything else is
 * ignored and the wait goes on.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/arch.h"
#include "cmdline.h"
#include "fnv.h"
#include "host_request.h"
#include "printf.h"
#include "report_line.h"
#include "string.h"
#include "test.h"

/* The longest line the protocol allows (docs/result-protocol.md). */
#define ANSWER_MAX 4096

static uint32_t next_id = 1;

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Finds field @key in the body (after the kind, up to the checksum) and
 * decodes its value into @out; false if absent or badly escaped.
 */
static bool field_value(const char *body, size_t len, const char *key, char *out,
			size_t out_size)
{
	size_t key_len = strlen(key);

	for (size_t i = 0; i < len; i++) {
		size_t o = 0, j;

		if (body[i] != ' ' || i + 1 + key_len >= len ||
		    memcmp(body + i + 1, key, key_len) || body[i + 1 + key_len] != '=')
			continue;
		for (j = i + 2 + key_len; j < len && body[j] != ' '; j++) {
			char c = body[j];

			if (c == '%') {
				int hi = j + 2 < len ? hex_value(body[j + 1]) : -1;
				int lo = j + 2 < len ? hex_value(body[j + 2]) : -1;

				if (hi < 0 || lo < 0)
					return false;
				c = (char)(hi << 4 | lo);
				j += 2;
			} else if (c < 0x21 || c > 0x7e || c == '=' || c == '~') {
				return false;
			}
			if (o + 1 < out_size)
				out[o++] = c;
		}
		out[o] = '\0';
		return true;
	}
	return false;
}

/* An answer line with a valid checksum, decoded; false for anything else. */
static bool parse_answer(const char *line, size_t len, uint32_t *id, char *status,
			 size_t status_size, char *msg, size_t msg_size)
{
	static const char prefix[] = "@vcts answer";
	const size_t prefix_len = sizeof(prefix) - 1;
	const char *start = NULL;
	uint32_t expected = 0;
	char id_text[16];

	while (len && (line[len - 1] == '\r' || line[len - 1] == '\n'))
		len--;
	for (size_t i = 0; i + 6 <= len; i++)	/* the line starts at its last "@vcts " */
		if (!memcmp(line + i, "@vcts ", 6))
			start = line + i;
	if (!start)
		return false;
	len -= (size_t)(start - line);
	if (len < prefix_len + 10 || memcmp(start, prefix, prefix_len) ||
	    start[prefix_len] != ' ' ||
	    start[len - 10] != ' ' || start[len - 9] != '~')
		return false;
	for (size_t i = len - 8; i < len; i++) {
		int v = hex_value(start[i]);

		if (v < 0)
			return false;
		expected = expected << 4 | (uint32_t)v;
	}
	if (fnv1a32_update(FNV1A32_INIT, start, len - 10) != expected)
		return false;
	len -= 10;
	if (!field_value(start + prefix_len, len - prefix_len, "id", id_text, sizeof(id_text)) ||
	    !field_value(start + prefix_len, len - prefix_len, "status", status, status_size))
		return false;
	if (!field_value(start + prefix_len, len - prefix_len, "msg", msg, msg_size))
		msg[0] = '\0';
	*id = (uint32_t)strtoul(id_text, NULL, 10);
	return true;
}

enum host_answer host_request_within(const char *action, const char *device,
				     const char *const *pairs, uint32_t timeout_ms, char *msg,
				     size_t msg_size)
{
	uint32_t id;
	uint64_t deadline;
	struct report_line *out;
	char *line;
	size_t len = 0;
	bool overlong = false;

	/* Nothing can come back on an output-only console: no request, no wait. */
	if (options.console_output_only) {
		snprintf(msg, msg_size, "the console is output-only (vcts.console=output-only), so no host action can be answered");
		return HOST_ANSWER_UNSUPPORTED;
	}
	id = next_id++;
	deadline = arch_time_us() + (uint64_t)timeout_ms * 1000;
	out = test_alloc(sizeof(*out), 8);
	line = test_alloc(ANSWER_MAX, 1);

	/*
	 * Whatever waited on the input before the request cannot be its answer.
	 * Bounded: an input that never stops must not keep us here.
	 */
	for (int drained = 0; drained < ANSWER_MAX && arch_console_getc(0) >= 0; drained++)
		;
	line_begin(out, "request");
	line_add_u64(out, "id", id);
	line_add(out, "test", test_current_id());
	line_add(out, "device", device);
	line_add(out, "action", action);
	for (; pairs && pairs[0] && pairs[1]; pairs += 2)
		line_add(out, pairs[0], pairs[1]);
	line_emit(out);

	for (;;) {
		uint64_t now = arch_time_us();
		int c;

		if (now >= deadline)
			break;
		c = arch_console_getc((uint32_t)((deadline - now + 999) / 1000));
		if (c < 0)
			continue;
		if (c != '\n') {
			if (len < ANSWER_MAX)
				line[len++] = (char)c;
			else
				overlong = true;
			continue;
		}
		if (!overlong) {
			char status[16];
			uint32_t answer_id;

			if (parse_answer(line, len, &answer_id, status, sizeof(status), msg,
					 msg_size) && answer_id == id) {
				if (!strcmp(status, "ok"))
					return HOST_ANSWER_OK;
				if (!strcmp(status, "unsupported"))
					return HOST_ANSWER_UNSUPPORTED;
				if (!strcmp(status, "differs"))
					return HOST_ANSWER_DIFFERS;
				return HOST_ANSWER_ERROR;
			}
		}
		len = 0;
		overlong = false;
	}
	snprintf(msg, msg_size, "the harness did not answer within %u ms", timeout_ms);
	return HOST_ANSWER_NONE;
}

enum host_answer host_request(const char *action, const char *device,
			      const char *const *pairs, char *msg, size_t msg_size)
{
	return host_request_within(action, device, pairs, options.host_timeout_ms, msg, msg_size);
}

bool host_request_done(const char *action, const char *device, const char *const *pairs,
		       bool *differs, char *msg, size_t msg_size)
{
	enum host_answer answer = host_request(action, device, pairs, msg, msg_size);

	if (differs)
		*differs = answer == HOST_ANSWER_DIFFERS;
	switch (answer) {
	case HOST_ANSWER_OK:
	case HOST_ANSWER_DIFFERS:
		return true;
	case HOST_ANSWER_NONE:
		test_skip("the harness did not answer the %s request (%s)", action, msg);
		break;
	case HOST_ANSWER_UNSUPPORTED:
		test_skip("the harness cannot do %s: %s", action, msg);
		break;
	case HOST_ANSWER_ERROR:
		test_skip("the harness failed to do %s on %s: %s", action, device, msg);
		break;
	}
	return false;
}
