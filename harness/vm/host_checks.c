/*
 * Host checks. A check's outcome is merged into the kernel's own result of
 * the same test on the same device, so that every (test, device,
 * configuration) has exactly one result: what the guest saw and what the
 * host found must both be right for a pass.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/disk_image.h"
#include "vm/host_checks.h"

struct check_outcome {
	enum verdict verdict;
	char message[512];
};

static int parse_u64(const char *text, uint64_t *out)
{
	char *end;

	if (!*text || *text == '-')
		return -1;
	errno = 0;
	*out = strtoull(text, &end, 0);
	return (errno || *end) ? -1 : 0;
}

/*
 * The configuration's instance behind the kernel's device name: by the
 * location of its `device` line. On PCI the name itself is a fallback
 * (the fixed slots make the kernel's names stable); on mmio it is not:
 * the kernel names devices in its own discovery order, which may put blk1
 * before blk0, so only the address tells them apart.
 */
const struct device_instance *host_backing_device(const struct run_state *rs,
						 const char *name)
{
	const struct seen_device *seen = run_state_device(rs, name);
	const struct device_instance *dev = NULL;

	if (seen && *seen->location)
		dev = config_device_at(rs->config, seen->location);
	if (!dev && rs->config->bus == BUS_PCI)
		dev = config_device_named(rs->config, name);
	return dev;
}

static void describe_missing_image(const struct run_state *rs, const char *name,
				   struct check_outcome *out)
{
	const struct seen_device *seen = run_state_device(rs, name);

	if (seen && *seen->location)
		snprintf(out->message, sizeof(out->message),
			 "host check blk-pattern: no disk image behind device '%s' at %s",
			 name, seen->location);
	else
		snprintf(out->message, sizeof(out->message),
			 "host check blk-pattern: no disk image behind device '%s'", name);
}

static void check_blk_pattern(const struct run_state *rs,
			      const struct host_check_request *hc,
			      const char *image_dir, struct check_outcome *out)
{
	const struct device_instance *dev = host_backing_device(rs, hc->device);
	uint64_t lba, count, seed;
	char why[400];
	char *path;

	out->verdict = VERDICT_FAIL;
	if (parse_u64(hc->lba, &lba) || parse_u64(hc->count, &count) ||
	    parse_u64(hc->seed, &seed) || seed > UINT32_MAX) {
		snprintf(out->message, sizeof(out->message),
			 "host check blk-pattern: bad lba '%s', count '%s' or seed '%s'",
			 hc->lba, hc->count, hc->seed);
		return;
	}
	if (!dev || !dev->image_name) {
		describe_missing_image(rs, hc->device, out);
		return;
	}
	path = xasprintf("%s/%s", image_dir, dev->image_name);
	switch (disk_image_check_pattern(path, lba, count, (uint32_t)seed, why,
					 sizeof(why))) {
	case PATTERN_MATCHES:
		out->verdict = VERDICT_PASS;
		break;
	case PATTERN_DIFFERS:
		snprintf(out->message, sizeof(out->message),
			 "host check of %s: %s", dev->image_name, why);
		break;
	case PATTERN_UNREADABLE:
		snprintf(out->message, sizeof(out->message), "host check: %s", why);
		break;
	}
	free(path);
}

static void run_one(const struct run_state *rs, const struct host_check_request *hc,
		    const char *image_dir, struct check_outcome *out)
{
	if (!strcmp(hc->what, "blk-pattern")) {
		check_blk_pattern(rs, hc, image_dir, out);
		return;
	}
	out->verdict = VERDICT_SKIP;
	snprintf(out->message, sizeof(out->message),
		 "this harness does not know host check '%s'", hc->what);
}

static void append_message(struct result *r, const char *text)
{
	char *joined;

	if (!*r->message) {
		result_set_message(r, text);
		return;
	}
	joined = xasprintf("%s\n%s", r->message, text);
	free(r->message);
	r->message = joined;
}

/* Fold @out into @r: a failing check turns a pass (or skip) into a fail. */
static void merge_outcome(struct result *r, const struct host_check_request *hc,
			  const struct check_outcome *out)
{
	for (size_t i = 0; i < hc->clauses.count; i++)
		if (!strlist_contains(&r->clauses, hc->clauses.items[i]))
			strlist_add(&r->clauses, hc->clauses.items[i]);
	if (out->verdict == VERDICT_PASS)
		return;
	if (out->verdict == VERDICT_SKIP) {
		if (r->verdict == VERDICT_PASS)
			r->verdict = VERDICT_SKIP;
	} else if (!verdict_is_failure(r->verdict)) {
		r->verdict = VERDICT_FAIL;
	}
	append_message(r, out->message);
}

void host_checks_run(struct run_state *rs, const char *image_dir,
		     result_ready_fn on_result, void *ctx)
{
	for (size_t i = 0; i < rs->host_check_count; i++) {
		const struct host_check_request *hc = &rs->host_checks[i];
		struct check_outcome out = { VERDICT_PASS, "" };
		struct result *r = report_find_result(rs->report, hc->test,
						      rs->config, hc->device);
		uint64_t start = monotonic_ms();

		run_one(rs, hc, image_dir, &out);
		if (!r) {
			char *type = run_state_device_type(rs, hc->device);

			r = report_add_result(rs->report, hc->test, rs->config,
					      hc->device, type);
			free(type);
			result_set_message(r, "");
			free(r->log);
			r->log = xstrdup(rs->log);
			r->verdict = VERDICT_PASS;
			r->duration_ms = (long)(monotonic_ms() - start);
		}
		merge_outcome(r, hc, &out);
		if (on_result)
			on_result(ctx, r);
	}
}
