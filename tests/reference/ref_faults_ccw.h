/*
 * The rules the virtio-ccw model (ref_ccw.c, ref_ccw_commands.c) can be
 * told to break, and the kernel test that catches each
 * (docs/reference-device.md, docs/transport-ccw.md). "as QEMU 7.2" marks
 * the faults that copy what QEMU does (docs/findings.md).
 *
 * REF_FAULTS_CCW(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * CCW_FAULT_CASES(X): X(case, REF_FAULT_ID, REF_TRANSPORT_..., "device",
 * "test id", CLAUSE_...), as TRANSPORT_FAULT_CASES in test_transports.c.
 */
#ifndef VCTS_REF_FAULTS_CCW_H
#define VCTS_REF_FAULTS_CCW_H

#define REF_FAULTS_CCW(X)								\
	X(CCW_UNKNOWN_ACCEPTED, "ccw-unknown-command-accepted")			\
	X(CCW_LENGTH_PROGRAM_CHECK, "ccw-length-program-check")	/* as QEMU 7.2 */	\
	X(CCW_SHORT_DATA_ACCEPTED, "ccw-short-data-accepted")				\
	X(CCW_LONG_BUFFER_REJECTED, "ccw-long-buffer-rejected")			\
	X(CCW_REVISION_ANY_ACCEPTED, "ccw-revision-any-accepted")			\
	X(CCW_REVISION_PERSISTS, "ccw-revision-persists")				\
	X(CCW_REVISION_CHANGE_ACCEPTED, "ccw-revision-change-accepted")		\
	X(CCW_REVISION_DATA_ACCEPTED, "ccw-revision-data-accepted")	/* as QEMU 7.2 */ \
	X(CCW_READ_STATUS_ANY_REVISION, "ccw-read-status-any-revision") /* as QEMU 7.2 */ \
	X(CCW_REVISION_AFTER_LEGACY_COMMAND, "ccw-revision-after-legacy-command")	\
	X(CCW_RES0_CHECKED, "ccw-res0-checked")					\
	X(CCW_READ_STATUS_STALE, "ccw-read-status-stale")				\
	X(CCW_REFUSED_STATUS_ACCEPTED, "ccw-refused-status-accepted")			\
	X(CCW_ADAPTER_AFTER_CLASSIC_ACCEPTED, "ccw-adapter-after-classic-accepted")	\
	X(CCW_ADAPTER_ALWAYS_INTERRUPTS, "ccw-adapter-always-interrupts")		\
	X(CCW_NOTIFY_GPR2_HIGH, "ccw-notify-gpr2-high")				\
	X(CCW_RESET_STATUS_LATE, "ccw-reset-status-late")				\
	X(CCW_ACTIVE_AFTER_RESET, "ccw-active-after-reset")				\
	X(CCW_INDICATORS_LITTLE_ENDIAN, "ccw-indicators-little-endian")		\
	X(CCW_FEATURES_BIG_ENDIAN, "ccw-features-big-endian")				\
	X(CCW_SENSE_ID_DEVICE_TYPE, "ccw-sense-id-device-type")			\
	X(CCW_NOOP_REJECTED, "ccw-noop-rejected")

/* One case on each ccw transport, for the tests both interfaces have. */
#define CCW_BOTH(X, name, fault, device, test, clause)					\
	X(name, fault, REF_TRANSPORT_CCW_MODERN, device, "modern.ccw." test, clause)	\
	X(legacy_##name, fault, REF_TRANSPORT_CCW_LEGACY, device, "legacy.ccw." test, clause)
#define CCW_MODERN(X, name, fault, device, test, clause)				\
	X(name, fault, REF_TRANSPORT_CCW_MODERN, device, "modern.ccw." test, clause)

#define CCW_FAULT_CASES(X)								\
	CCW_BOTH(X, ccw_unknown_accepted, REF_FAULT_CCW_UNKNOWN_ACCEPTED, "rng0",	\
		 "unknown_command_rejected", CLAUSE_CCW_BASIC)				\
	CCW_BOTH(X, ccw_length_program_check, REF_FAULT_CCW_LENGTH_PROGRAM_CHECK, "rng0",	\
		 "wrong_length_incorrect_length", CLAUSE_CCW_BASIC)			\
	CCW_BOTH(X, ccw_short_data_accepted, REF_FAULT_CCW_SHORT_DATA_ACCEPTED, "rng0",	\
		 "short_data_check_condition", CLAUSE_CCW_BASIC)			\
	CCW_BOTH(X, ccw_long_buffer_rejected, REF_FAULT_CCW_LONG_BUFFER_REJECTED, "rng0",	\
		 "long_buffer_accepted", CLAUSE_CCW_BASIC)				\
	CCW_MODERN(X, ccw_revision_any_accepted, REF_FAULT_CCW_REVISION_ANY_ACCEPTED,	\
		   "rng0", "revision_unsupported_rejected", CLAUSE_CCW_REVISION)	\
	CCW_MODERN(X, ccw_revision_persists, REF_FAULT_CCW_REVISION_PERSISTS, "rng0",	\
		   "revision_unset_after_enable", CLAUSE_CCW_REVISION)		\
	CCW_BOTH(X, ccw_revision_change_accepted, REF_FAULT_CCW_REVISION_CHANGE_ACCEPTED,	\
		 "rng0", "revision_change_rejected", CLAUSE_CCW_REVISION)		\
	CCW_MODERN(X, ccw_revision_data_accepted, REF_FAULT_CCW_REVISION_DATA_ACCEPTED,	\
		   "rng0", "revision_with_data_rejected", CLAUSE_CCW_REVISION)		\
	CCW_MODERN(X, ccw_read_status_any_revision, REF_FAULT_CCW_READ_STATUS_ANY_REVISION,	\
		   "rng0", "read_status_needs_revision_2", CLAUSE_CCW_REVISION)		\
	X(ccw_legacy_read_status_any_revision, REF_FAULT_CCW_READ_STATUS_ANY_REVISION,	\
	  REF_TRANSPORT_CCW_LEGACY, "rng0", "legacy.ccw.read_status_rejected",		\
	  CLAUSE_CCW_REVISION)								\
	X(ccw_revision_after_legacy_command, REF_FAULT_CCW_REVISION_AFTER_LEGACY_COMMAND,	\
	  REF_TRANSPORT_CCW_LEGACY, "rng0", "legacy.ccw.no_revision_means_revision_0",	\
	  CLAUSE_CCW_REVISION)								\
	CCW_MODERN(X, ccw_res0_checked, REF_FAULT_CCW_RES0_CHECKED, "rng0",		\
		   "set_vq_ignores_res0", CLAUSE_CCW_VQ)				\
	CCW_MODERN(X, ccw_read_status_stale, REF_FAULT_CCW_READ_STATUS_STALE, "rng0",	\
		   "read_status_returns_status", CLAUSE_CCW_STATUS)			\
	CCW_MODERN(X, ccw_refused_status_accepted, REF_FAULT_CCW_REFUSED_STATUS_ACCEPTED,	\
		   "rng0", "refused_status_left_unchanged", CLAUSE_CCW_STATUS)		\
	CCW_BOTH(X, ccw_adapter_after_classic, REF_FAULT_CCW_ADAPTER_AFTER_CLASSIC_ACCEPTED,	\
		 "rng0", "adapter_after_classic_rejected", CLAUSE_CCW_TWO_STAGE)	\
	CCW_MODERN(X, ccw_adapter_always_interrupts, REF_FAULT_CCW_ADAPTER_ALWAYS_INTERRUPTS,	\
		   "rng0", "adapter_interrupt_once_per_summary", CLAUSE_CCW_ADAPTER_NOTIFY)	\
	CCW_BOTH(X, ccw_notify_gpr2_high, REF_FAULT_CCW_NOTIFY_GPR2_HIGH, "rng0",	\
		 "notify_ignores_gpr2_high", CLAUSE_CCW_GUEST_NOTIFY)			\
	CCW_MODERN(X, ccw_reset_status_late, REF_FAULT_CCW_RESET_STATUS_LATE, "rng0",	\
		   "reset_concludes_with_status_zero", CLAUSE_CCW_RESET)		\
	CCW_BOTH(X, ccw_active_after_reset, REF_FAULT_CCW_ACTIVE_AFTER_RESET, "rng0",	\
		 "quiet_after_reset", CLAUSE_CCW_RESET)					\
	CCW_BOTH(X, ccw_indicators_le, REF_FAULT_CCW_INDICATORS_LITTLE_ENDIAN, "rng0",	\
		 "classic_indicator_bit_per_queue", CLAUSE_USED_NOTIFY_SUPPRESSION)	\
	CCW_MODERN(X, ccw_features_big_endian, REF_FAULT_CCW_FEATURES_BIG_ENDIAN, "rng0",	\
		   "features_little_endian", CLAUSE_RESERVED_FEATURES)			\
	CCW_BOTH(X, ccw_sense_id_device_type, REF_FAULT_CCW_SENSE_ID_DEVICE_TYPE, "rng0",	\
		 "sense_id_identifies_virtio", CLAUSE_CCW_BASIC)			\
	CCW_BOTH(X, ccw_noop_rejected, REF_FAULT_CCW_NOOP_REJECTED, "rng0",		\
		 "basic_commands_complete", CLAUSE_CCW_BASIC)

#endif
