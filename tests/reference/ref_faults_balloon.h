/*
 * The rules the reference balloon device (ref_balloon.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_BALLOON(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * BALLOON_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_BALLOON_H
#define VCTS_REF_FAULTS_BALLOON_H

#define REF_FAULTS_BALLOON(X)								\
	X(BALLOON_HINT_ID_NEVER_SETTLES, "balloon-hint-id-never-settles")		\
	X(BALLOON_SKIPS_ABSENT_QUEUES, "balloon-skips-absent-queues")			\
	X(BALLOON_KEEPS_INFLATE, "balloon-keeps-inflate")				\
	X(BALLOON_DISCARDS_NEXT_PAGE, "balloon-discards-next-page")			\
	X(BALLOON_PFNS_PER_DESCRIPTOR, "balloon-pfns-per-descriptor")			\
	X(BALLOON_STALLS_WITHOUT_TELL_HOST, "balloon-stalls-without-tell-host")	\
	X(BALLOON_STATS_ASKS_ONCE, "balloon-stats-asks-once")				\
	X(BALLOON_STATS_STOPS_ON_UNKNOWN_TAG, "balloon-stats-stops-on-unknown-tag")	\
	X(BALLOON_REPORTING_DISCARDS_LATE, "balloon-reporting-discards-late")		\
	X(BALLOON_REPORTING_IGNORES_POISON, "balloon-reporting-ignores-poison")	\
	X(BALLOON_HINT_KEEPS_PAGES, "balloon-hint-keeps-pages")			\
	X(BALLOON_TARGET_SILENT, "balloon-target-silent")				\
	X(BALLOON_TARGET_WITHOUT_GENERATION, "balloon-target-without-generation")	\
	X(BALLOON_FORGETS_ACTUAL, "balloon-forgets-actual")

#define BALLOON_FAULT_CASES(X)								\
	X(balloon_hint_id_never_settles, REF_FAULT_BALLOON_HINT_ID_NEVER_SETTLES,	\
	  "balloon0", "devices.balloon.config_before_features_ok", CLAUSE_CONFIG_SPACE)	\
	X(balloon_skips_absent_queues, REF_FAULT_BALLOON_SKIPS_ABSENT_QUEUES,		\
	  "balloon0", "devices.balloon.queue_numbering", CLAUSE_BALLOON_VIRTQUEUES)	\
	X(balloon_keeps_inflate, REF_FAULT_BALLOON_KEEPS_INFLATE, "balloon0",		\
	  "devices.balloon.inflate_deflate_used", CLAUSE_BALLOON_OPERATION)		\
	X(balloon_discards_next_page, REF_FAULT_BALLOON_DISCARDS_NEXT_PAGE,		\
	  "balloon0", "devices.balloon.inflate_spares_other_pages",			\
	  CLAUSE_BALLOON_OPERATION)							\
	X(balloon_pfns_per_descriptor, REF_FAULT_BALLOON_PFNS_PER_DESCRIPTOR,		\
	  "balloon0", "devices.balloon.pfn_array_any_framing", CLAUSE_MESSAGE_FRAMING)	\
	X(balloon_stalls_without_tell_host, REF_FAULT_BALLOON_STALLS_WITHOUT_TELL_HOST,	\
	  "balloon0", "devices.balloon.works_without_must_tell_host",			\
	  CLAUSE_BALLOON_OPERATION)							\
	X(balloon_stats_asks_once, REF_FAULT_BALLOON_STATS_ASKS_ONCE, "balloon0",	\
	  "devices.balloon.stats_request_cycle", CLAUSE_BALLOON_STATS)			\
	X(balloon_stats_stops_on_unknown_tag,						\
	  REF_FAULT_BALLOON_STATS_STOPS_ON_UNKNOWN_TAG, "balloon0",			\
	  "devices.balloon.stats_unknown_tags_ignored", CLAUSE_BALLOON_STATS)		\
	X(balloon_reporting_discards_late, REF_FAULT_BALLOON_REPORTING_DISCARDS_LATE,	\
	  "balloon0", "devices.balloon.reporting_used", CLAUSE_BALLOON_REPORTING)	\
	X(balloon_reporting_ignores_poison, REF_FAULT_BALLOON_REPORTING_IGNORES_POISON,	\
	  "balloon0", "devices.balloon.reporting_keeps_poison", CLAUSE_BALLOON_REPORTING)	\
	X(balloon_hint_keeps_pages, REF_FAULT_BALLOON_HINT_KEEPS_PAGES, "balloon0",	\
	  "devices.balloon.free_page_hint_round", CLAUSE_BALLOON_HINTING)		\
	X(balloon_target_silent, REF_FAULT_BALLOON_TARGET_SILENT, "balloon0",		\
	  "devices.balloon.target_from_host", CLAUSE_CONFIG_SPACE)			\
	X(balloon_target_without_generation,						\
	  REF_FAULT_BALLOON_TARGET_WITHOUT_GENERATION, "balloon0",			\
	  "devices.balloon.target_from_host", CLAUSE_CONFIG_SPACE)			\
	X(balloon_forgets_actual, REF_FAULT_BALLOON_FORGETS_ACTUAL, "balloon0",		\
	  "devices.balloon.target_from_host", CLAUSE_BALLOON_OPERATION)

#endif
