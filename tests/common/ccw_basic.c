/*
 * virtio 1.2 4.3.1, "Basic Concepts": the proxy device acts like a normal
 * channel device (Principles of Operation, Common I/O Device Commands).
 * Its device-normative block:
 *  - "A device MUST post a unit check with command reject for any command
 *    it does not support."
 *  - "If a driver did not suppress length checks for a channel command,
 *    the device MUST present a subchannel status as detailed in the
 *    architecture when the actual length did not match the expected
 *    length": the architecture's incorrect-length indication (PoP 16-26,
 *    "Incorrect Length": the count differs from the bytes the device
 *    transfers, and SLI is zero).
 *  - "If a driver did suppress length checks ..., the device MUST present
 *    a check condition if the transmitted data does not contain enough
 *    data to process the command. If the driver submitted a buffer that
 *    was too long, the device SHOULD accept the command."
 * READ_FEAT's block is exactly 5 bytes (4.3.2.4), which makes it the
 * command whose expected length is least open to reading.
 */
#include "lib/string.h"
#include "tests/common/ccw_checks.h"

#define FEATURE_DESC_BYTES	5
#define UNKNOWN_COMMAND		0x64	/* no basic and no virtio-ccw command */

struct virtio_ccw *ccw_checked_of(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_of(dev);

	check(cd != NULL, CLAUSE_CCW_BASIC, "%s is on virtio-ccw, as the test's scope says",
	      dev->name);
	return cd;
}

enum ccw_outcome ccw_try(struct virtio_ccw *cd, uint8_t cmd, uint8_t flags, void *data,
			 uint16_t count, struct ccw_result *result)
{
	return ccw_command(cd, cmd, flags, data, count, result);
}

bool ccw_revision_unset(struct virtio_ccw *cd)
{
	return check(ccw_subchannel_enable(cd, false) && ccw_subchannel_enable(cd, true),
		     CLAUSE_CCW_REVISION, "the subchannel can be disabled and enabled again "
		     "(MODIFY SUBCHANNEL)");
}

bool ccw_revision_restore(struct virtio_ccw *cd)
{
	if (!ccw_revision_unset(cd))
		return false;
	return check(ccw_set_revision(cd, (uint16_t)cd->revision, 0,
				      sizeof(struct virtio_rev_info)) == CCW_OK,
		     CLAUSE_CCW_REVISION,
		     "revision %d, accepted at discovery, is accepted again once the subchannel "
		     "was disabled and enabled (%s)", cd->revision, ccw_result_describe(&cd->last));
}

/*
 * 4.3.1's table: 0xff, control unit type 0x3832, the virtio device id as
 * the model, zeroes for the device type and model. Descriptive text (the
 * discovery itself depends on 0x3832): notes.
 */
void ccw_check_sense_id(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	struct sense_id id;

	if (!cd)
		return;
	require(ccw_sense_id(cd, &id) == CCW_OK, CLAUSE_CCW_BASIC,
		"SENSE ID completes (%s)", ccw_result_describe(&cd->last));
	check_note(id.reserved == 0xff, CLAUSE_CCW_BASIC, "SENSE ID byte 0 is 0xff (%#x)",
		   id.reserved);
	check_eq(be16_to_cpu(id.cu_type), VIRTIO_CCW_CU_TYPE, CLAUSE_CCW_BASIC,
		 "the control unit type (bytes 1-2, big-endian)");
	check_eq(id.cu_model, dev->device_type, CLAUSE_CCW_BASIC,
		 "the control unit model is the virtio device id, as at discovery");
	check_note(id.dev_type == 0 && id.dev_model == 0, CLAUSE_CCW_BASIC,
		   "device type and model are zeroes (unset): %#x/%#x",
		   be16_to_cpu(id.dev_type), id.dev_model);
}

/* NO-OPERATION, BASIC SENSE and a TRANSFER IN CHANNEL between two NOOPs. */
void ccw_check_basic_commands(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t *sense = test_alloc(32, 8);
	struct ccw_result result;
	struct ccw1 *ccw;

	if (!cd)
		return;
	check_note(ccw_try(cd, CCW_CMD_NOOP, 0, NULL, 0, &result) == CCW_OK, CLAUSE_CCW_BASIC,
		   "NO-OPERATION completes (%s)", ccw_result_describe(&result));
	check_note(ccw_try(cd, CCW_CMD_BASIC_SENSE, CCW_FLAG_SLI, sense, 32, &result) == CCW_OK,
		   CLAUSE_CCW_BASIC, "BASIC SENSE completes (%s)", ccw_result_describe(&result));
	ccw = cd->io->ccw;
	memset(ccw, 0, 3 * sizeof(*ccw));
	ccw[0] = (struct ccw1){ .cmd = CCW_CMD_NOOP, .flags = CCW_FLAG_CC };
	ccw[1] = (struct ccw1){ .cmd = CCW_CMD_TIC,
				.cda = cpu_to_be32((uint32_t)physical_address(&ccw[2])) };
	ccw[2] = (struct ccw1){ .cmd = CCW_CMD_NOOP };
	check_note(ccw_run(cd, &result) == CCW_OK, CLAUSE_CCW_BASIC,
		   "NOOP, TRANSFER IN CHANNEL, NOOP completes (%s)", ccw_result_describe(&result));
}

void ccw_check_unknown_command_rejected(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t *data = test_alloc(16, 8);
	struct ccw_result result;

	if (!cd)
		return;
	check(ccw_try(cd, UNKNOWN_COMMAND, CCW_FLAG_SLI, data, 16, &result) == CCW_REJECTED,
	      CLAUSE_CCW_BASIC, "command %#x, which no revision defines, gets a unit check with "
	      "command reject (%s)", UNKNOWN_COMMAND, ccw_result_describe(&result));
	check(ccw_read_features(cd, 0, &(uint32_t){ 0 }) == CCW_OK, CLAUSE_CCW_BASIC,
	      "the device still answers READ_FEAT afterwards (%s)", ccw_result_describe(&cd->last));
}

/* READ_FEAT with @count bytes and @flags; its index byte (if sent) is 0. */
static enum ccw_outcome read_features(struct virtio_ccw *cd, uint16_t count, uint8_t flags,
				      struct ccw_result *result)
{
	uint8_t *block = test_alloc(32, 8);

	return ccw_try(cd, CCW_CMD_READ_FEAT, flags, block, count, result);
}

void ccw_check_wrong_length_without_sli(struct virtio_device *dev)
{
	static const uint16_t counts[] = { FEATURE_DESC_BYTES - 1, FEATURE_DESC_BYTES + 3 };
	struct virtio_ccw *cd = ccw_checked_of(dev);

	if (!cd)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(counts); i++) {
		struct ccw_result result;

		read_features(cd, counts[i], 0, &result);
		check(result.outcome != CCW_OK && (result.cstat & CSTAT_INCORRECT_LENGTH),
		      CLAUSE_CCW_BASIC, "READ_FEAT with a count of %u for its %u-byte block and "
		      "length checking on ends with the incorrect-length indication (%s)",
		      counts[i], FEATURE_DESC_BYTES, ccw_result_describe(&result));
	}
}

void ccw_check_short_data_with_sli(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	struct ccw_result result;

	if (!cd)
		return;
	read_features(cd, FEATURE_DESC_BYTES - 1, CCW_FLAG_SLI, &result);
	check(result.outcome != CCW_OK && result.outcome != CCW_TIMEOUT, CLAUSE_CCW_BASIC,
	      "READ_FEAT with 4 of its 5 bytes (no index) and length checks suppressed ends "
	      "in a check condition (%s)", ccw_result_describe(&result));
}

void ccw_check_long_buffer_with_sli(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	struct ccw_result result;

	if (!cd)
		return;
	read_features(cd, FEATURE_DESC_BYTES + 11, CCW_FLAG_SLI, &result);
	check_should(result.outcome == CCW_OK, CLAUSE_CCW_BASIC,
		     "READ_FEAT with a 16-byte buffer for its 5-byte block and length checks "
		     "suppressed is accepted (%s)", ccw_result_describe(&result));
}
