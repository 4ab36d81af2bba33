/*
 * The rules the reference scsi device (ref_scsi.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_SCSI(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * SCSI_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_SCSI_H
#define VCTS_REF_FAULTS_SCSI_H

#define REF_FAULTS_SCSI(X)								\
	X(SCSI_SENSE_SIZE_DEFAULT_WRONG, "scsi-sense-size-default-wrong") /* 48 */	\
	X(SCSI_SIZES_KEPT_OVER_RESET, "scsi-sizes-kept-over-reset")			\
	X(SCSI_NUM_QUEUES_ZERO, "scsi-num-queues-zero")					\
	X(SCSI_INQUIRY_NOT_DISK, "scsi-inquiry-not-disk")	/* type 5 */		\
	X(SCSI_NOT_READY, "scsi-not-ready")		/* TUR: NOT READY, no medium */	\
	X(SCSI_CAPACITY_SHORT, "scsi-capacity-short")	/* one block fewer */		\
	X(SCSI_WRONG_DATA, "scsi-wrong-data")		/* unwritten blocks read 0 */	\
	X(SCSI_WRITES_LOST, "scsi-writes-lost")						\
	X(SCSI_REPORT_LUNS_WITHOUT_LUN0, "scsi-report-luns-without-lun0")		\
	X(SCSI_ABSENT_TARGET_PROCESSED, "scsi-absent-target-processed")			\
	X(SCSI_ABSENT_LUN_GOOD, "scsi-absent-lun-good")					\
	X(SCSI_NO_OVERRUN, "scsi-no-overrun")		/* what fits, and OK */		\
	X(SCSI_INOUT_PROCESSED, "scsi-inout-processed")	/* both ways without INOUT */	\
	X(SCSI_USED_LEN_WHOLE_DATAIN, "scsi-used-len-whole-datain")			\
	X(SCSI_SENSE_LEN_BEYOND_SIZE, "scsi-sense-len-beyond-size")			\
	X(SCSI_BAD_RESPONSE, "scsi-bad-response")	/* response 0x0d */		\
	X(SCSI_TMF_REJECTED, "scsi-tmf-rejected")					\
	X(SCSI_TMF_ABSENT_TARGET_COMPLETE, "scsi-tmf-absent-target-complete")		\
	X(SCSI_HOTPLUG_UNASKED, "scsi-hotplug-unasked")	/* events without HOTPLUG */	\
	X(SCSI_HOTPLUG_NO_EVENT, "scsi-hotplug-no-event")				\
	X(SCSI_HOTPLUG_WRONG_REASON, "scsi-hotplug-wrong-reason") /* RESCAN as HARD */	\
	X(SCSI_HOTPLUG_WRONG_LUN, "scsi-hotplug-wrong-lun") /* target and LUN swapped */ \
	X(SCSI_UNPLUG_LUN_STAYS, "scsi-unplug-lun-stays")				\
	X(SCSI_EVENTS_MISSED_UNSET, "scsi-events-missed-unset")

#define SCSI_FAULT_CASES(X)								\
	X(scsi_sense_size_default_wrong, REF_FAULT_SCSI_SENSE_SIZE_DEFAULT_WRONG, "scsi0",	\
	  "devices.scsi.config_defaults", CLAUSE_SCSI_CONFIG)				\
	X(scsi_sizes_kept_over_reset, REF_FAULT_SCSI_SIZES_KEPT_OVER_RESET, "scsi0",	\
	  "devices.scsi.config_sizes_restored_on_reset", CLAUSE_SCSI_CONFIG)		\
	X(scsi_num_queues_zero, REF_FAULT_SCSI_NUM_QUEUES_ZERO, "scsi0",			\
	  "devices.scsi.config_defaults", CLAUSE_SCSI_CONFIG)				\
	X(scsi_inquiry_not_disk, REF_FAULT_SCSI_INQUIRY_NOT_DISK, "scsi0",		\
	  "devices.scsi.inquiry_disk", CLAUSE_SCSI_REQUESTQ)				\
	X(scsi_not_ready, REF_FAULT_SCSI_NOT_READY, "scsi0",				\
	  "devices.scsi.test_unit_ready_good", CLAUSE_SCSI_REQUESTQ)			\
	X(scsi_capacity_short, REF_FAULT_SCSI_CAPACITY_SHORT, "scsi0",			\
	  "devices.scsi.read_capacity_matches_image", CLAUSE_SCSI_REQUESTQ)		\
	X(scsi_wrong_data, REF_FAULT_SCSI_WRONG_DATA, "scsi0",				\
	  "devices.scsi.read_host_pattern", CLAUSE_SCSI_REQUESTQ)			\
	X(scsi_writes_lost, REF_FAULT_SCSI_WRITES_LOST, "scsi0",				\
	  "devices.scsi.write_then_read_roundtrip", CLAUSE_SCSI_REQUESTQ)		\
	X(scsi_report_luns_without_lun0, REF_FAULT_SCSI_REPORT_LUNS_WITHOUT_LUN0, "scsi0",	\
	  "devices.scsi.report_luns_lists_lun0", CLAUSE_SCSI_REQUESTQ)			\
	X(scsi_absent_target_processed, REF_FAULT_SCSI_ABSENT_TARGET_PROCESSED, "scsi0",	\
	  "devices.scsi.absent_target_bad_target", CLAUSE_SCSI_REQUESTQ)		\
	X(scsi_absent_lun_good, REF_FAULT_SCSI_ABSENT_LUN_GOOD, "scsi0",			\
	  "devices.scsi.absent_lun_check_condition", CLAUSE_SCSI_REQUESTQ)		\
	X(scsi_no_overrun, REF_FAULT_SCSI_NO_OVERRUN, "scsi0",				\
	  "devices.scsi.short_buffer_overrun", CLAUSE_SCSI_REQUESTQ)			\
	X(scsi_inout_processed, REF_FAULT_SCSI_INOUT_PROCESSED, "scsi0",			\
	  "devices.scsi.inout_without_feature_failure", CLAUSE_SCSI_REQUESTQ)		\
	X(scsi_used_len_whole_datain, REF_FAULT_SCSI_USED_LEN_WHOLE_DATAIN, "scsi0",	\
	  "devices.scsi.used_length_counts_written_bytes", CLAUSE_USED_RING)		\
	X(scsi_sense_len_beyond_size, REF_FAULT_SCSI_SENSE_LEN_BEYOND_SIZE, "scsi0",	\
	  "devices.scsi.absent_lun_check_condition", CLAUSE_SCSI_CONFIG)		\
	X(scsi_bad_response, REF_FAULT_SCSI_BAD_RESPONSE, "scsi0",			\
	  "devices.scsi.inquiry_disk", CLAUSE_SCSI_REQUESTQ)				\
	X(scsi_tmf_rejected, REF_FAULT_SCSI_TMF_REJECTED, "scsi0",			\
	  "devices.scsi.tmf_reset_completes", CLAUSE_SCSI_CONTROLQ)			\
	X(scsi_tmf_absent_target_complete, REF_FAULT_SCSI_TMF_ABSENT_TARGET_COMPLETE,	\
	  "scsi0", "devices.scsi.tmf_absent_target_bad_target", CLAUSE_SCSI_CONTROLQ)	\
	X(scsi_hotplug_unasked, REF_FAULT_SCSI_HOTPLUG_UNASKED, "scsi0",			\
	  "devices.scsi.eventq_no_hotplug_events_unasked", CLAUSE_SCSI_EVENTQ)		\
	X(scsi_hotplug_no_event, REF_FAULT_SCSI_HOTPLUG_NO_EVENT, "scsi0",		\
	  "devices.scsi.hotplug_events", CLAUSE_SCSI_EVENTQ)				\
	X(scsi_hotplug_wrong_reason, REF_FAULT_SCSI_HOTPLUG_WRONG_REASON, "scsi0",	\
	  "devices.scsi.hotplug_events", CLAUSE_SCSI_EVENTQ)				\
	X(scsi_hotplug_wrong_lun, REF_FAULT_SCSI_HOTPLUG_WRONG_LUN, "scsi0",		\
	  "devices.scsi.hotplug_events", CLAUSE_SCSI_EVENTQ)				\
	X(scsi_unplug_lun_stays, REF_FAULT_SCSI_UNPLUG_LUN_STAYS, "scsi0",		\
	  "devices.scsi.hotplug_events", CLAUSE_SCSI_EVENTQ)				\
	X(scsi_events_missed_unset, REF_FAULT_SCSI_EVENTS_MISSED_UNSET, "scsi0",		\
	  "devices.scsi.hotplug_events_missed", CLAUSE_SCSI_EVENTQ)

#endif
