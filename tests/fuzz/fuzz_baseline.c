/*
 * libFuzzer entry point: the baseline reader (results/baseline.c,
 * baseline_parse) on any bytes, and what a run then does with a baseline
 * it accepted: match its globs against results and turn them into xfail
 * and xpass with their notes (baseline_apply).
 *
 * Oracles besides the sanitizers: a refused file gets a one-line reason
 * that starts with its path and leaves nothing allocated; an accepted
 * one has every field of every entry, a test glob and a reason that are
 * not empty, and applying it only ever makes what an entry expects (fail,
 * crash, timeout, flaky) xfail and pass xpass.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "tests/fuzz/fuzz_check.h"

#define FUZZ_PATH "reports/baselines/fuzz.json"

static struct vcts_config fuzz_config = {
	.name = "qemu-x86_64-q35-pci-modern-modern",
	.hypervisor = "qemu",
	.arch = "x86_64",
	.machine = "q35",
	.transport = "pci-modern",
	.mode = "modern",
};

/* A few results like a run's, for the globs to match or not. */
static const struct {
	const char *test, *device, *type;
	enum verdict verdict;
} fuzz_results[] = {
	{ "modern.features.features_ok_rejects_unoffered", "rng0", "rng", VERDICT_FAIL },
	{ "modern.ring.queue_sizes", "rng0", "rng", VERDICT_PASS },
	{ "devices.blk.discard", "blk0", "blk", VERDICT_SKIP },
	{ "kernel.boot", "", "", VERDICT_CRASH },
	{ "devices.blk.flush", "blk0", "blk", VERDICT_TIMEOUT },
	{ "devices.rng.request_sizes", "rng0", "rng", VERDICT_FLAKY },
};

/* The failed checks of the fail result: an entry excuses it only when it covers both. */
static const struct failure fuzz_failures[] = {
	{ .file = "tests/modern/features.c", .line = 103, .clause = "Basic Facilities of a Virtio Device / Feature Bits",
	  .expected = "", .actual = "", .msg = "refused", .severity = "must", .check = "8bba78be" },
	{ .file = "tests/modern/features.c", .line = 120, .clause = "Feature Bits",
	  .expected = "1", .actual = "0", .msg = "kept", .severity = "must", .check = "0123abcd" },
};

static void check_entry(const struct baseline_entry *e)
{
	FUZZ_CHECK(e->test && e->transport && e->mode && e->device_type && e->device &&
		   e->clause && e->reason && e->source, "an entry has all its fields");
	FUZZ_CHECK(*e->test && *e->reason, "test and reason are not empty");
}

static void apply(struct baseline *bl)
{
	struct report report = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(fuzz_results); i++) {
		struct result *r = report_add_result(&report, fuzz_results[i].test, &fuzz_config,
						     fuzz_results[i].device, fuzz_results[i].type);

		r->verdict = fuzz_results[i].verdict;
		for (size_t f = 0; r->verdict == VERDICT_FAIL && f < ARRAY_SIZE(fuzz_failures); f++)
			result_add_failure(r, &fuzz_failures[f]);
	}
	baseline_apply(bl, &report);
	for (size_t i = 0; i < report.result_count; i++) {
		const struct result *r = report.results[i];
		enum verdict before = fuzz_results[i].verdict;

		FUZZ_CHECK(r->verdict == before ||
			   (r->verdict == VERDICT_XFAIL && before == r->baseline->expected) ||
			   (before == VERDICT_PASS && r->verdict == VERDICT_XPASS),
			   "a baseline only turns what an entry expects into xfail, pass into xpass");
		FUZZ_CHECK(!r->baseline == (r->verdict == before),
			   "a changed result points at its entry");
	}
	report_free(&report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline bl;
	char err[1024];

	if (baseline_parse(&bl, FUZZ_PATH, (const char *)data, size, err, sizeof(err))) {
		FUZZ_CHECK(!strncmp(err, FUZZ_PATH, strlen(FUZZ_PATH)), "the reason names the file");
		FUZZ_CHECK(fuzz_one_line(err), "the reason is one line of text");
		FUZZ_CHECK(!bl.entries && !bl.path && !bl.count, "a refused file leaves nothing");
		return 0;
	}
	FUZZ_CHECK(bl.path && bl.hypervisor && bl.version && bl.arch, "the file's fields are there");
	for (size_t i = 0; i < bl.count; i++)
		check_entry(&bl.entries[i]);
	apply(&bl);
	baseline_release(&bl);
	return 0;
}
