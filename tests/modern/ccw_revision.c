/*
 * Setting the virtio revision (virtio 1.2 4.3.2.1.1), for devices driven
 * with revision 1 or 2. The revision is unset again only by disabling and
 * enabling the subchannel ("revisions are not persistent across disabling
 * and enabling of the associated subchannel"), which the tests do before
 * each SET_VIRTIO_REV that would otherwise be a second selection, and
 * after which they set the kernel's revision again.
 */
#include "tests/common/ccw_checks.h"

/* 4.3.2.1.1: revisions 3 and above are reserved. */
#define FIRST_RESERVED_REVISION	3

/* SET_VIRTIO_REV @revision with @length bytes of data (zeroes) after the header. */
static enum ccw_outcome set_revision(struct virtio_ccw *cd, uint16_t revision, uint16_t length)
{
	return ccw_set_revision(cd, revision, length,
				(uint16_t)(sizeof(struct virtio_rev_info) + length));
}

/*
 * "A device MUST post a unit check with command reject for any revision
 * it does not support": the reserved ones, with the revision unset.
 */
VCTS_TEST(test_ccw_revision_unsupported, "modern.ccw.revision_unsupported_rejected",
	  VIRTIO_ID_ANY, CLAUSE_CCW_REVISION)
{
	static const uint16_t reserved[] = { FIRST_RESERVED_REVISION, 0x7fff, 0xffff };
	struct virtio_ccw *cd = ccw_checked_of(dev);

	if (!cd || !ccw_revision_unset(cd))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(reserved); i++)
		check(set_revision(cd, reserved[i], 0) == CCW_REJECTED, CLAUSE_CCW_REVISION,
		      "SET_VIRTIO_REV %#x (reserved) gets a unit check with command reject (%s)",
		      reserved[i], ccw_result_describe(&cd->last));
	ccw_revision_restore(cd);
}

/*
 * "A device MUST treat the revision as unset from the time the associated
 * subchannel has been enabled until a revision has been successfully set
 * by the driver": after disabling and enabling, the revision selected
 * before can be selected again, and so can any other the device has.
 */
VCTS_TEST(test_ccw_revision_unset, "modern.ccw.revision_unset_after_enable", VIRTIO_ID_ANY,
	  CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);

	if (!cd || !ccw_revision_unset(cd))
		return;
	check(set_revision(cd, 1, 0) == CCW_OK, CLAUSE_CCW_REVISION,
	      "SET_VIRTIO_REV 1 on a re-enabled subchannel of a device that took revision %d "
	      "(%s)", cd->revision, ccw_result_describe(&cd->last));
	ccw_revision_restore(cd);
}

/*
 * "A device MUST answer with command reject to any attempt to select a
 * different revision after a revision has been successfully selected."
 */
VCTS_TEST(test_ccw_revision_change, "modern.ccw.revision_change_rejected", VIRTIO_ID_ANY,
	  CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);

	if (!cd)
		return;
	for (uint16_t revision = 0; revision <= VIRTIO_CCW_MAX_REVISION; revision++) {
		if (revision == cd->revision)
			continue;
		check(set_revision(cd, revision, 0) == CCW_REJECTED, CLAUSE_CCW_REVISION,
		      "SET_VIRTIO_REV %u after revision %d was selected gets a unit check with "
		      "command reject (%s)", revision, cd->revision,
		      ccw_result_describe(&cd->last));
	}
	check(ccw_read_features(cd, 0, &(uint32_t){ 0 }) == CCW_OK, CLAUSE_CCW_REVISION,
	      "the device still answers in revision %d (%s)", cd->revision,
	      ccw_result_describe(&cd->last));
}

/*
 * "For any invalid combination of revision, length and data, it MUST
 * post a unit check with command reject as well": revisions 1 and 2 are
 * defined with length 0 and no data (4.3.2.1's table).
 */
VCTS_TEST(test_ccw_revision_length, "modern.ccw.revision_with_data_rejected", VIRTIO_ID_ANY,
	  CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);

	if (!cd || !ccw_revision_unset(cd))
		return;
	check(set_revision(cd, (uint16_t)cd->revision, 4) == CCW_REJECTED, CLAUSE_CCW_REVISION,
	      "SET_VIRTIO_REV %d with length 4 and 4 bytes of data gets a unit check with "
	      "command reject (%s)", cd->revision, ccw_result_describe(&cd->last));
	ccw_revision_restore(cd);
}

/*
 * "A device SHOULD answer with command reject to any virtio-ccw specific
 * channel command that is not contained in the revision selected by the
 * driver": READ_STATUS arrived with revision 2 (4.3.2.3).
 */
VCTS_TEST(test_ccw_read_status_revision_1, "modern.ccw.read_status_needs_revision_2",
	  VIRTIO_ID_ANY, CLAUSE_CCW_REVISION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t status;

	if (!cd || !ccw_revision_unset(cd))
		return;
	if (check(set_revision(cd, 1, 0) == CCW_OK, CLAUSE_CCW_REVISION,
		  "SET_VIRTIO_REV 1 (%s)", ccw_result_describe(&cd->last)))
		check_should(ccw_read_status(cd, &status) == CCW_REJECTED, CLAUSE_CCW_REVISION,
			     "READ_STATUS with revision 1 selected gets a command reject (%s)",
			     ccw_result_describe(&cd->last));
	ccw_revision_restore(cd);
}
