/*
 * Every conformance check can fail: the kernel's tests against the
 * reference device, first as the specification wants it (everything
 * passes), then with one fault at a time (the check for that rule fails,
 * naming the rule's clause, and the run still ends normally).
 *
 * FAULT_CASES is the table of docs/reference-device.md: fault, device it
 * is injected into, the test that must catch it, and the clause its
 * `fail` line must name.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/modern/packed_test.h"
#include "tests/modern/ring_test.h"
#include "tests/reference/ref_cunit.h"
#include "tests/reference/ref_machine.h"
#include "virtio/virtio_spec.h"

#define FAULT_CASES(X)									\
	X(used_id_out_of_range, REF_FAULT_USED_ID_OUT_OF_RANGE, "rng0",			\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_id_not_outstanding, REF_FAULT_USED_ID_NOT_OUTSTANDING, "rng0",		\
	  "devices.rng.chained_writable_buffers", CLAUSE_USED_RING)			\
	X(used_len_too_large, REF_FAULT_USED_LEN_TOO_LARGE, "rng0",			\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_idx_jumps, REF_FAULT_USED_IDX_JUMPS, "rng0",				\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_twice, REF_FAULT_USED_TWICE, "rng0",					\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(used_id_swapped, REF_FAULT_USED_ID_SWAPPED, "blk0",				\
	  "modern.ring.mixed_outstanding", CLAUSE_USED_RING)				\
	X(out_of_order, REF_FAULT_OUT_OF_ORDER, "rng0",					\
	  "modern.packed.in_order", CLAUSE_PACKED_IN_ORDER)				\
	X(writes_readable, REF_FAULT_WRITES_READABLE, "blk0",				\
	  "devices.blk.write_then_read_roundtrip", CLAUSE_USED_RING)			\
	X(writes_descriptor, REF_FAULT_WRITES_DESCRIPTOR, "rng0",			\
	  "modern.ring.single_descriptor", CLAUSE_USED_RING)				\
	X(writes_indirect_table, REF_FAULT_WRITES_DESCRIPTOR, "rng0",			\
	  "modern.packed.indirect_table", CLAUSE_PACKED_INDIRECT)			\
	X(ignores_notify, REF_FAULT_IGNORES_NOTIFY, "rng0",				\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(short_chains_only, REF_FAULT_SHORT_CHAINS_ONLY, "rng0",			\
	  "modern.ring.chained_descriptors", CLAUSE_MESSAGE_FRAMING)			\
	X(no_indirect_after_direct, REF_FAULT_NO_INDIRECT_AFTER_DIRECT, "rng0",		\
	  "modern.ring.indirect_after_direct", CLAUSE_INDIRECT_DESC)			\
	X(indirect_write_flag_honoured, REF_FAULT_INDIRECT_WRITE_FLAG_HONOURED, "rng0",	\
	  "modern.ring.indirect_write_flag_ignored", CLAUSE_INDIRECT_DESC)		\
	X(rng_short_write, REF_FAULT_RNG_SHORT_WRITE, "rng0",				\
	  "modern.ring.single_descriptor", CLAUSE_USED_RING)				\
	X(packed_wrong_wrap, REF_FAULT_PACKED_WRONG_WRAP, "rng0",			\
	  "modern.packed.wrap_counters", CLAUSE_PACKED_WRAP)				\
	X(packed_avail_used_differ, REF_FAULT_PACKED_AVAIL_USED_DIFFER, "rng0",		\
	  "modern.packed.wrap_counters", CLAUSE_PACKED_WRAP)				\
	X(packed_id_from_first, REF_FAULT_PACKED_ID_FROM_FIRST, "rng0",			\
	  "modern.packed.buffer_id_from_last_descriptor", CLAUSE_PACKED_CHAINING)	\
	X(packed_wrong_skip, REF_FAULT_PACKED_WRONG_SKIP, "rng0",			\
	  "modern.packed.wrap_counters", CLAUSE_PACKED_WRAP)				\
	X(packed_writes_free_slot, REF_FAULT_PACKED_WRITES_FREE_SLOT, "rng0",		\
	  "modern.packed.chains_outstanding_together", CLAUSE_PACKED_DESC_TABLE)	\
	X(packed_device_event_reserved, REF_FAULT_PACKED_DEVICE_EVENT_RESERVED, "blk0",	\
	  "modern.packed.device_event_suppression", CLAUSE_PACKED_EVENT_FORMAT)	\
	X(missing_interrupt, REF_FAULT_MISSING_INTERRUPT, "rng0",			\
	  "modern.notify.used_buffer_each_completion", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	X(event_idx_off_by_one, REF_FAULT_EVENT_IDX_OFF_BY_ONE, "rng0",			\
	  "modern.notify.event_idx_crossed", CLAUSE_USED_NOTIFY_SUPPRESSION)		\
	X(used_event_without_feature, REF_FAULT_USED_EVENT_WITHOUT_FEATURE, "rng0",	\
	  "modern.notify.used_buffer_each_completion", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	X(used_flags_reserved, REF_FAULT_USED_FLAGS_RESERVED, "rng0",			\
	  "modern.notify.used_buffer_each_completion", CLAUSE_AVAIL_NOTIFY_SUPPRESSION)	\
	X(spurious_notify_breaks, REF_FAULT_SPURIOUS_NOTIFY_BREAKS, "rng0",		\
	  "modern.notify.spurious_driver_notifications", CLAUSE_AVAIL_NOTIFY_SUPPRESSION)\
	X(notification_data_as_index, REF_FAULT_NOTIFICATION_DATA_AS_INDEX, "rng0",	\
	  "modern.notify.notification_data", CLAUSE_USED_RING)				\
	X(features_ok_accepts_unoffered, REF_FAULT_FEATURES_OK_ACCEPTS_UNOFFERED, "rng0",\
	  "modern.features.features_ok_rejects_unoffered", CLAUSE_FEATURES)		\
	X(features_ok_refuses_subset, REF_FAULT_FEATURES_OK_REFUSES_SUBSET, "rng0",	\
	  "modern.features.features_ok_accepts_minimal_subset", CLAUSE_FEATURES)	\
	X(features_ok_only_once, REF_FAULT_FEATURES_OK_ONLY_ONCE, "blk0",		\
	  "modern.features.renegotiation_after_reset", CLAUSE_FEATURES)		\
	X(status_not_zero_after_reset, REF_FAULT_STATUS_NOT_ZERO_AFTER_RESET, "rng0",	\
	  "modern.init.reset_clears_status", CLAUSE_RESET)				\
	X(driver_ok_not_retained, REF_FAULT_DRIVER_OK_NOT_RETAINED, "rng0",		\
	  "modern.init.reset_after_driver_ok", CLAUSE_STATUS)				\
	X(version_1_not_offered, REF_FAULT_VERSION_1_NOT_OFFERED, "blk1",		\
	  "modern.features.version_1_offered", CLAUSE_RESERVED_FEATURES)		\
	X(config_change_without_generation, REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,	\
	  "blk0", "devices.blk.read_host_pattern", CLAUSE_BLK_OPERATION)		\
	X(generation_never_stable, REF_FAULT_GENERATION_NEVER_STABLE, "blk0",		\
	  "devices.blk.capacity_matches_backing", CLAUSE_CONFIG_SPACE)			\
	X(queue_size_not_power_of_two, REF_FAULT_QUEUE_SIZE_NOT_POWER_OF_TWO, "rng0",	\
	  "devices.rng.buffer_filled", CLAUSE_FEATURES)					\
	X(queue_size_zero, REF_FAULT_QUEUE_SIZE_ZERO, "blk0",				\
	  "devices.blk.capacity_matches_backing", CLAUSE_FEATURES)			\
	X(rng_zero_bytes, REF_FAULT_RNG_ZERO_BYTES, "rng0",				\
	  "devices.rng.buffer_filled", CLAUSE_RNG_OPERATION)				\
	X(rng_constant_bytes, REF_FAULT_RNG_CONSTANT_BYTES, "rng0",			\
	  "devices.rng.output_not_constant", CLAUSE_RNG_OPERATION)			\
	X(blk_len_without_status, REF_FAULT_BLK_LEN_WITHOUT_STATUS, "blk0",		\
	  "devices.blk.used_length_covers_status", CLAUSE_USED_RING)			\
	X(blk_bad_status, REF_FAULT_BLK_BAD_STATUS, "blk0",				\
	  "devices.blk.read_host_pattern", CLAUSE_BLK_OPERATION)			\
	X(blk_reads_past_end, REF_FAULT_BLK_READS_PAST_END, "blk0",			\
	  "devices.blk.out_of_range_read_ioerr", CLAUSE_BLK_OPERATION)			\
	X(blk_unknown_type_as_read, REF_FAULT_BLK_UNKNOWN_TYPE_AS_READ, "blk0",	\
	  "devices.blk.unsupported_type_unsupp", CLAUSE_BLK_OPERATION)			\
	X(blk_padding_nonzero, REF_FAULT_BLK_PADDING_NONZERO, "blk0",			\
	  "devices.blk.config_padding_zero", CLAUSE_BLK_INIT)				\
	X(blk_wce_without_flush, REF_FAULT_BLK_WCE_WITHOUT_FLUSH, "blk0",		\
	  "devices.blk.config_padding_zero", CLAUSE_BLK_INIT)				\
	X(blk_writeback_without_flush, REF_FAULT_BLK_WRITEBACK_WITHOUT_FLUSH, "blk0",	\
	  "devices.blk.writeback_zero_without_flush", CLAUSE_BLK_INIT)			\
	X(blk_writes_despite_ro, REF_FAULT_BLK_WRITES_DESPITE_RO, "blk1",		\
	  "devices.blk.read_only_refuses_write", CLAUSE_BLK_OPERATION)			\
	X(blk_get_id_unpadded, REF_FAULT_BLK_GET_ID_UNPADDED, "blk0",			\
	  "devices.blk.get_id_nul_padded", CLAUSE_USED_RING)				\
	X(blk_capacity_zero, REF_FAULT_BLK_CAPACITY_ZERO, "blk0",			\
	  "devices.blk.capacity_matches_backing", CLAUSE_BLK_INIT)			\
	X(blk_bad_blk_size, REF_FAULT_BLK_BAD_BLK_SIZE, "blk0",				\
	  "devices.blk.capacity_matches_backing", CLAUSE_BLK_INIT)			\
	X(blk_flush_fails, REF_FAULT_BLK_FLUSH_FAILS, "blk0",				\
	  "devices.blk.flush_completes", CLAUSE_BLK_OPERATION)				\
	X(blk_wrong_data, REF_FAULT_BLK_WRONG_DATA, "blk1",				\
	  "devices.blk.read_host_pattern", CLAUSE_BLK_OPERATION)			\
	X(blk_writes_lost, REF_FAULT_BLK_WRITES_LOST, "blk0",				\
	  "devices.blk.write_then_read_roundtrip", CLAUSE_BLK_OPERATION)		\
	X(resize_without_notification, REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION,	\
	  "blk0", "devices.blk.resize_raises_config_change", CLAUSE_CONFIG_SPACE)	\
	X(resize_without_generation, REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,	\
	  "blk0", "devices.blk.resize_raises_config_change", CLAUSE_CONFIG_SPACE)	\
	X(blk_resize_ignored, REF_FAULT_BLK_RESIZE_IGNORED, "blk0",			\
	  "devices.blk.resize_raises_config_change", CLAUSE_CONFIG_SPACE)		\
	X(blk_get_id_wrong_serial, REF_FAULT_BLK_GET_ID_WRONG_SERIAL, "blk0",		\
	  "devices.blk.get_id_returns_serial", CLAUSE_BLK_OPERATION)			\
	X(blk_discard_seg_zero, REF_FAULT_BLK_DISCARD_SEG_ZERO, "blk0",		\
	  "devices.blk.discard_write_zeroes_limits", CLAUSE_BLK_FEATURES)		\
	X(blk_write_zeroes_ignored, REF_FAULT_BLK_WRITE_ZEROES_IGNORED, "blk0",	\
	  "devices.blk.write_zeroes_reads_zero", CLAUSE_BLK_OPERATION)		\
	X(blk_discard_fails, REF_FAULT_BLK_DISCARD_FAILS, "blk0",			\
	  "devices.blk.discard_completes", CLAUSE_BLK_OPERATION)			\
	X(blk_discard_accepts_unmap, REF_FAULT_BLK_DISCARD_ACCEPTS_UNMAP, "blk0",	\
	  "devices.blk.discard_write_zeroes_flags_unsupp", CLAUSE_BLK_OPERATION)	\
	X(blk_mq_queue1_wrong_data, REF_FAULT_BLK_MQ_QUEUE1_WRONG_DATA, "blk0",	\
	  "devices.blk.multiqueue_read_each_queue", CLAUSE_BLK_OPERATION)		\
	X(blk_topology_unstable, REF_FAULT_BLK_TOPOLOGY_UNSTABLE, "blk0",		\
	  "devices.blk.topology_readable", CLAUSE_CONFIG_SPACE)			\
	X(used_idx_wraps_at_size, REF_FAULT_USED_IDX_WRAPS_AT_SIZE, "rng0",		\
	  "devices.rng.ring_wraps", CLAUSE_USED_RING)					\
	X(rng_zero_bytes_any_size, REF_FAULT_RNG_ZERO_BYTES, "rng0",			\
	  "devices.rng.request_sizes", CLAUSE_RNG_OPERATION)				\
	X(rng_short_write_filled, REF_FAULT_RNG_SHORT_WRITE, "rng0",			\
	  "devices.rng.buffer_filled", CLAUSE_USED_RING)				\
	X(ignores_suppression, REF_FAULT_IGNORES_SUPPRESSION, "rng0",			\
	  "modern.notify.no_interrupt_flag", CLAUSE_USED_NOTIFY_SUPPRESSION)		\
	NET_FAULT_CASES(X)								\
	CONSOLE_FAULT_CASES(X)							\
	BALLOON_FAULT_CASES(X)							\
	SCSI_FAULT_CASES(X)

/*
 * Faults no compiled kernel test catches on the host yet: the run must
 * still end normally (no crash, no hang), and whatever fails is printed.
 */
#define UNCAUGHT_FAULTS(X)								\
	X(spurious_interrupt, REF_FAULT_SPURIOUS_INTERRUPT)

/*
 * The verdict the test gives with the fault: fail for a broken MUST;
 * warn for a broken SHOULD; note where the rule is descriptive text
 * (docs/findings.md says which sentence each rests on).
 */
static const char *verdict_with(enum ref_fault fault)
{
	switch (fault) {
	case REF_FAULT_IGNORES_SUPPRESSION:
		return "warn";
	case REF_FAULT_PACKED_ID_FROM_FIRST:
	case REF_FAULT_CONSOLE_NAME_NUL_TERMINATED:
	case REF_FAULT_BALLOON_SKIPS_ABSENT_QUEUES:
		return "note";
	default:
		return "fail";
	}
}

/* The whole registry on a device that breaks no rule, run once. */
static struct ref_run *baseline;

static int baseline_init(void)
{
	struct ref_machine machine;

	baseline = malloc(sizeof(*baseline));
	if (!baseline)
		return 1;
	ref_machine_standard(&machine);
	return ref_run(&machine, "", baseline) ? 0 : 1;
}

static int baseline_cleanup(void)
{
	if (baseline)
		ref_run_free(baseline);
	free(baseline);
	baseline = NULL;
	return 0;
}

static void test_baseline_passes(void)
{
	if (!ref_check_run_completed(baseline, "fault-free run"))
		return;
	CU_ASSERT_EQUAL(baseline->exit_status, 0);
	CU_ASSERT(ref_run_count(baseline, "pass") > 0);
	for (int i = 0; i < baseline->result_count; i++) {
		const struct ref_result *r = &baseline->results[i];

		if (strcmp(r->verdict, "pass") && strcmp(r->verdict, "skip"))
			ref_report("fault-free run: %s on %s: %s", r->test, r->device, r->reason);
		else if (!strcmp(r->verdict, "skip"))
			printf("\n    skip %s on %s: %s", r->test, r->device, r->reason);
	}
}

/* 2.5.1: a configuration that changes mid-read with a new generation reads consistently. */
static void test_config_change_retried(void)
{
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	ref_machine_standard(&machine);
	ref_machine_options(&machine, "blk0")->behaviour = REF_BEHAVIOUR_CONFIG_CHANGES_MID_READ;
	CU_ASSERT_FATAL(ref_run(&machine, "devices.blk.*", run));
	if (ref_check_run_completed(run, "capacity changing mid-read")) {
		CU_ASSERT_EQUAL(ref_run_count(run, "fail"), 0);
		CU_ASSERT(ref_run_count(run, "pass") > 0);
	}
	ref_run_free(run);
	free(run);
}

/* "verdict: reason": a report must say what the test did instead (a skip is not a pass). */
static const char *outcome(const struct ref_result *result, char *text, size_t size)
{
	if (!result)
		return "no result";
	snprintf(text, size, "%s%s%s", result->verdict[0] ? result->verdict : "no end line",
		 result->reason[0] ? ": " : "", result->reason);
	return text;
}

static void check_fault(enum ref_fault fault, const char *device, const char *test,
			const char *clause)
{
	const char *name = ref_fault_name(fault), *verdict = verdict_with(fault);
	const struct ref_result *before = ref_run_result(baseline, test, device), *after;
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));
	char what[128], got[300];

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	snprintf(what, sizeof(what), "%s on %s", test, device);
	if (!before || strcmp(before->verdict, "pass"))
		ref_report("%s: %s does not pass without the fault (%s)", name, what,
			   outcome(before, got, sizeof(got)));
	ref_machine_standard(&machine);
	ref_machine_options(&machine, device)->fault = fault;
	CU_ASSERT_FATAL(ref_run(&machine, test, run));
	if (ref_check_run_completed(run, name)) {
		char wanted[400];

		after = ref_run_result(run, test, device);
		snprintf(wanted, sizeof(wanted), "%s (%s)", verdict,
			 outcome(after, got, sizeof(got)));
		if (!after || strcmp(after->verdict, verdict))
			ref_report("%s: %s is not %s", name, what, wanted);
		else if (!ref_result_has_clause(after, clause))
			ref_report("%s: no fail line of %s names \"%s\"", name, test, clause);
	}
	ref_run_free(run);
	free(run);
}

static void check_uncaught(enum ref_fault fault)
{
	const char *name = ref_fault_name(fault);
	struct ref_machine machine;
	struct ref_run *run = malloc(sizeof(*run));

	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	ref_machine_standard(&machine);
	for (int i = 0; i < machine.count; i++)
		machine.devices[i].options.fault = fault;
	CU_ASSERT_FATAL(ref_run(&machine, "", run));
	if (ref_check_run_completed(run, name)) {
		for (int i = 0; i < run->result_count; i++) {
			if (!strcmp(run->results[i].verdict, "fail"))
				printf("\n    %s: caught by %s on %s", name, run->results[i].test,
				       run->results[i].device);
		}
	}
	ref_run_free(run);
	free(run);
}

#define DEFINE_FAULT_TEST(name, fault, device, test, clause)	\
	static void test_##name(void) { check_fault(fault, device, test, clause); }
#define DEFINE_UNCAUGHT_TEST(name, fault)			\
	static void test_uncaught_##name(void) { check_uncaught(fault); }
FAULT_CASES(DEFINE_FAULT_TEST)
UNCAUGHT_FAULTS(DEFINE_UNCAUGHT_TEST)

#define FAULT_ENTRY(name, fault, device, test, clause) { #name, test_##name },
#define UNCAUGHT_ENTRY(name, fault) { "completes with " #name, test_uncaught_##name },

static CU_TestInfo reference_tests[] = {
	{ "fault-free device passes every test", test_baseline_passes },
	{ "config change mid-read is retried", test_config_change_retried },
	FAULT_CASES(FAULT_ENTRY)
	UNCAUGHT_FAULTS(UNCAUGHT_ENTRY)
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo reference_suites[] = {
	{ "reference device", baseline_init, baseline_cleanup, NULL, NULL, reference_tests },
	CU_SUITE_INFO_NULL,
};
