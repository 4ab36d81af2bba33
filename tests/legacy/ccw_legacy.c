/*
 * The virtio-ccw transport (virtio 1.2 4.3) with revision 0, the legacy
 * interface: the basic channel-device rules and the operation rules both
 * interfaces share (tests/common/ccw_checks.h), and revision 0's own:
 * no other revision once 0 is selected, none at all after a driver that
 * started without SET_VIRTIO_REV ("Legacy Interfaces: A Note on Setting
 * the Virtio Revision"), and no READ_STATUS, which arrived in revision 2.
 */
#include "tests/common/ccw_checks.h"

VCTS_TEST(test_ccw_legacy_sense_id, "legacy.ccw.sense_id_identifies_virtio", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_sense_id(dev);
}

VCTS_TEST(test_ccw_legacy_basic_commands, "legacy.ccw.basic_commands_complete",
	  VIRTIO_ID_ANY, CLAUSE_CCW_BASIC)
{
	ccw_check_basic_commands(dev);
}

VCTS_TEST(test_ccw_legacy_unknown, "legacy.ccw.unknown_command_rejected", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_unknown_command_rejected(dev);
}

VCTS_TEST(test_ccw_legacy_no_sli, "legacy.ccw.wrong_length_incorrect_length", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_wrong_length_without_sli(dev);
}

VCTS_TEST(test_ccw_legacy_sli_short, "legacy.ccw.short_data_check_condition", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_short_data_with_sli(dev);
}

VCTS_TEST(test_ccw_legacy_sli_long, "legacy.ccw.long_buffer_accepted", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_long_buffer_with_sli(dev);
}

VCTS_TEST(test_ccw_legacy_adapter_after_classic, "legacy.ccw.adapter_after_classic_rejected",
	  VIRTIO_ID_ANY, CLAUSE_CCW_TWO_STAGE)
{
	ccw_check_adapter_after_classic_rejected(dev);
}

VCTS_TEST(test_ccw_legacy_gpr2, "legacy.ccw.notify_ignores_gpr2_high", VIRTIO_ID_RNG,
	  CLAUSE_CCW_GUEST_NOTIFY)
{
	ccw_check_notify_ignores_gpr2_high(dev);
}

VCTS_TEST(test_ccw_legacy_quiet, "legacy.ccw.quiet_after_reset", VIRTIO_ID_RNG,
	  CLAUSE_CCW_RESET)
{
	ccw_check_quiet_after_reset(dev);
}

VCTS_TEST(test_ccw_legacy_indicator_bits, "legacy.ccw.classic_indicator_bit_per_queue",
	  VIRTIO_ID_RNG, CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_CCW_CLASSIC_NOTIFY)
{
	ccw_check_classic_indicator_bits(dev);
}

/* 4.3.2.1.1: "... any attempt to select a different revision": 1 and 2 after 0. */
VCTS_TEST(test_ccw_legacy_revision_change, "legacy.ccw.revision_change_rejected",
	  VIRTIO_ID_ANY, CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);

	if (!cd)
		return;
	for (uint16_t revision = 1; revision <= VIRTIO_CCW_MAX_REVISION; revision++)
		check(ccw_set_revision(cd, revision, 0, sizeof(struct virtio_rev_info)) ==
		      CCW_REJECTED, CLAUSE_CCW_REVISION,
		      "SET_VIRTIO_REV %u after revision 0 gets a unit check with command reject "
		      "(%s)", revision, ccw_result_describe(&cd->last));
}

/*
 * "A transitional device MUST assume in this case [a virtio-ccw command
 * before any SET_VIRTIO_REV] that the driver is a legacy driver and
 * continue as if the driver selected revision 0. This implies that the
 * device MUST reject any command not valid for revision 0, including a
 * subsequent CCW_CMD_SET_VIRTIO_REV." (4.3.2.1.2)
 */
VCTS_TEST(test_ccw_legacy_implicit, "legacy.ccw.no_revision_means_revision_0", VIRTIO_ID_ANY,
	  CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint32_t features;

	if (!cd || !ccw_revision_unset(cd))
		return;
	if (check(ccw_read_features(cd, 0, &features) == CCW_OK, CLAUSE_CCW_REVISION,
		  "READ_FEAT before any SET_VIRTIO_REV is answered, as revision 0 (%s)",
		  ccw_result_describe(&cd->last))) {
		for (uint16_t revision = 0; revision <= VIRTIO_CCW_MAX_REVISION; revision++)
			check(ccw_set_revision(cd, revision, 0, sizeof(struct virtio_rev_info)) ==
			      CCW_REJECTED, CLAUSE_CCW_REVISION,
			      "SET_VIRTIO_REV %u after a legacy driver's first command gets a "
			      "unit check with command reject (%s)", revision,
			      ccw_result_describe(&cd->last));
	}
	ccw_revision_restore(cd);
}

/*
 * 4.3.2.1.1: "A device SHOULD answer with command reject to any
 * virtio-ccw specific channel command that is not contained in the
 * revision selected by the driver": READ_STATUS is revision 2's.
 */
VCTS_TEST(test_ccw_legacy_read_status, "legacy.ccw.read_status_rejected", VIRTIO_ID_ANY,
	  CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t status;

	if (!cd)
		return;
	check_should(ccw_read_status(cd, &status) == CCW_REJECTED, CLAUSE_CCW_REVISION,
		     "READ_STATUS with revision 0 selected gets a command reject (%s)",
		     ccw_result_describe(&cd->last));
}
