/*
 * The virtio-ccw transport (virtio 1.2 4.3) with revision 1 or 2: the
 * basic channel-device rules and the operation rules both interfaces
 * share (tests/common/ccw_checks.h), and those of the 1.x interface:
 * READ_STATUS, the modern SET_VQ block, little-endian feature words,
 * adapter interrupts. Revisions are tests/modern/ccw_revision.c's.
 */
#include "lib/kernel.h"
#include "lib/string.h"
#include "tests/common/ccw_checks.h"
#include "virtio/virtqueue.h"

#define SETTLE_MS	50
#define ADAPTER_ISC	6
#define RNG_BYTES	16

VCTS_TEST(test_ccw_sense_id, "modern.ccw.sense_id_identifies_virtio", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_sense_id(dev);
}

VCTS_TEST(test_ccw_basic_commands, "modern.ccw.basic_commands_complete", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_basic_commands(dev);
}

VCTS_TEST(test_ccw_unknown, "modern.ccw.unknown_command_rejected", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_unknown_command_rejected(dev);
}

VCTS_TEST(test_ccw_no_sli, "modern.ccw.wrong_length_incorrect_length", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_wrong_length_without_sli(dev);
}

VCTS_TEST(test_ccw_sli_short, "modern.ccw.short_data_check_condition", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_short_data_with_sli(dev);
}

VCTS_TEST(test_ccw_sli_long, "modern.ccw.long_buffer_accepted", VIRTIO_ID_ANY,
	  CLAUSE_CCW_BASIC)
{
	ccw_check_long_buffer_with_sli(dev);
}

VCTS_TEST(test_ccw_adapter_after_classic, "modern.ccw.adapter_after_classic_rejected",
	  VIRTIO_ID_ANY, CLAUSE_CCW_TWO_STAGE)
{
	ccw_check_adapter_after_classic_rejected(dev);
}

VCTS_TEST(test_ccw_gpr2, "modern.ccw.notify_ignores_gpr2_high", VIRTIO_ID_RNG,
	  CLAUSE_CCW_GUEST_NOTIFY)
{
	ccw_check_notify_ignores_gpr2_high(dev);
}

VCTS_TEST(test_ccw_quiet, "modern.ccw.quiet_after_reset", VIRTIO_ID_RNG, CLAUSE_CCW_RESET)
{
	ccw_check_quiet_after_reset(dev);
}

VCTS_TEST(test_ccw_indicator_bits, "modern.ccw.classic_indicator_bit_per_queue", VIRTIO_ID_RNG,
	  CLAUSE_USED_NOTIFY_SUPPRESSION "|" CLAUSE_CCW_CLASSIC_NOTIFY)
{
	ccw_check_classic_indicator_bits(dev);
}

static bool revision_2_or_skip(struct virtio_ccw *cd)
{
	if (cd->revision < 2)
		test_skip("revision %d is driven: READ_STATUS needs revision 2", cd->revision);
	return cd->revision >= 2;
}

/*
 * 4.3.2.3: "If at least revision 2 has been negotiated, the device MUST
 * return the current device status field if the CCW_CMD_READ_STATUS
 * command is issued": after each status the initialization writes.
 */
VCTS_TEST(test_ccw_read_status, "modern.ccw.read_status_returns_status", VIRTIO_ID_ANY,
	  CLAUSE_CCW_STATUS)
{
	static const uint8_t steps[] = {
		VIRTIO_STATUS_ACKNOWLEDGE, VIRTIO_STATUS_DRIVER, VIRTIO_STATUS_FEATURES_OK,
	};
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t status = 0, read = 0xff;

	if (!cd || !revision_2_or_skip(cd))
		return;
	require(ccw_vdev_reset(cd) == CCW_OK, CLAUSE_CCW_RESET, "VDEV_RESET (%s)",
		ccw_result_describe(&cd->last));
	for (unsigned int i = 0; i <= ARRAY_SIZE(steps); i++) {
		require(ccw_read_status(cd, &read) == CCW_OK, CLAUSE_CCW_STATUS,
			"READ_STATUS completes (%s)", ccw_result_describe(&cd->last));
		check_eq(read, status, CLAUSE_CCW_STATUS, "READ_STATUS after WRITE_STATUS %#x",
			 status);
		if (i == ARRAY_SIZE(steps))
			break;
		if (steps[i] == VIRTIO_STATUS_FEATURES_OK)
			ccw_write_features(cd, 1, 1u << (VIRTIO_F_VERSION_1 - 32));
		status |= steps[i];
		require(ccw_write_status(cd, status) == CCW_OK, CLAUSE_CCW_STATUS,
			"WRITE_STATUS %#x completes (%s)", status, ccw_result_describe(&cd->last));
	}
}

/*
 * 4.3.3.3: "The device MUST finish the virtio reset operation and
 * reinitialize device status to zero before it concludes the
 * CCW_CMD_VDEV_RESET command successfully": READ_STATUS right after it.
 */
VCTS_TEST(test_ccw_reset_status, "modern.ccw.reset_concludes_with_status_zero", VIRTIO_ID_ANY,
	  CLAUSE_CCW_RESET)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	struct virtio_setup setup = { .queue_count = 1, .queue_size = 16 };
	const char *why = NULL;
	uint8_t status = 0xff;

	if (!cd || !revision_2_or_skip(cd))
		return;
	require(virtio_setup(dev, &setup, &why), CLAUSE_FEATURES, "the device initialises (%s)",
		why ? why : "");
	require(ccw_vdev_reset(cd) == CCW_OK, CLAUSE_CCW_RESET, "VDEV_RESET completes (%s)",
		ccw_result_describe(&cd->last));
	require(ccw_read_status(cd, &status) == CCW_OK, CLAUSE_CCW_STATUS,
		"READ_STATUS completes (%s)", ccw_result_describe(&cd->last));
	check_eq(status, 0, CLAUSE_CCW_RESET, "device status right after VDEV_RESET concluded");
}

/*
 * 4.3.2.3: "If the device fails to set the device status field to the
 * value written by the driver, the device MUST assure that the device
 * status field is left unchanged and MUST post a unit check with command
 * reject." Provoked with FEATURES_OK for a set with a bit the device did
 * not offer (one of 42-49, reserved in 1.2), which 2.2.2 says it MUST
 * fail; a device that drops the bit at WRITE_FEAT and takes the rest has
 * refused nothing (modern.features.* judge that).
 */
VCTS_TEST(test_ccw_status_refused, "modern.ccw.refused_status_left_unchanged", VIRTIO_ID_ANY,
	  CLAUSE_CCW_STATUS)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t before = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER, after = 0xff;
	uint64_t offered, wanted;
	enum ccw_outcome outcome;
	int bit = 49;

	if (!cd || !revision_2_or_skip(cd))
		return;
	offered = virtio_device_features(dev);
	while (bit >= 42 && offered >> bit & 1)
		bit--;
	if (bit < 42)
		skip("the device offers every bit from 42 to 49: none to add unoffered");
	require(ccw_vdev_reset(cd) == CCW_OK && ccw_write_status(cd, before) == CCW_OK,
		CLAUSE_CCW_STATUS, "reset, ACKNOWLEDGE and DRIVER (%s)",
		ccw_result_describe(&cd->last));
	wanted = (offered & 1ull << VIRTIO_F_VERSION_1) | 1ull << bit;
	ccw_write_features(cd, 0, (uint32_t)wanted);
	ccw_write_features(cd, 1, (uint32_t)(wanted >> 32));
	outcome = ccw_write_status(cd, before | VIRTIO_STATUS_FEATURES_OK);
	require(ccw_read_status(cd, &after) == CCW_OK, CLAUSE_CCW_STATUS,
		"READ_STATUS completes (%s)", ccw_result_describe(&cd->last));
	if (outcome == CCW_OK && (after & VIRTIO_STATUS_FEATURES_OK))
		skip("the device took FEATURES_OK with unoffered bit %d written: nothing refused",
		     bit);
	check(outcome == CCW_REJECTED, CLAUSE_CCW_STATUS, "the WRITE_STATUS of FEATURES_OK the "
	      "device did not take ends in a unit check with command reject (%s)",
	      ccw_result_describe(&cd->last));
	check_eq(after, before, CLAUSE_CCW_STATUS, "device status after the refused write");
}

/* 4.3.2.2: "res0 is reserved and MUST be ignored by the device": all ones here. */
VCTS_TEST(test_ccw_res0, "modern.ccw.set_vq_ignores_res0", VIRTIO_ID_RNG, CLAUSE_CCW_VQ)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t *buffer = test_alloc(RNG_BYTES, 16);
	struct rng_device rng;
	const char *why = NULL;
	bool opened;
	uint32_t used = 0;

	if (!cd)
		return;
	cd->set_vq_res0 = 0xffffffffu;
	opened = rng_open(dev, VIRTIO_IRQ_POLL, &rng, &why);
	cd->set_vq_res0 = 0;
	require(opened, CLAUSE_CCW_VQ, "SET_VQ with res0 all ones is taken and the device "
		"initialises (%s)", why ? why : "");
	check(rng_read(&rng, buffer, RNG_BYTES, &used) == VQ_USED, CLAUSE_CCW_VQ,
	      "a request on the queue set up with res0 all ones completes (%s)",
	      rng.requestq->error);
}

/*
 * 4.3.2.4: "Feature bits are in little-endian byte order"; every 1.x
 * device offers VIRTIO_F_VERSION_1 (6.2), bit 32: bit 0 of the first
 * byte of feature word 1 as READ_FEAT stores it, not of its last.
 */
VCTS_TEST(test_ccw_features_le, "modern.ccw.features_little_endian", VIRTIO_ID_ANY,
	  CLAUSE_RESERVED_FEATURES "|" CLAUSE_CCW_FEATURES)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t *block = test_alloc(8, 8);
	struct ccw_result result;

	if (!cd)
		return;
	block[4] = 1;
	require(ccw_try(cd, CCW_CMD_READ_FEAT, 0, block, 5, &result) == CCW_OK,
		CLAUSE_CCW_FEATURES, "READ_FEAT of word 1 completes (%s)",
		ccw_result_describe(&result));
	check(block[0] & 1, CLAUSE_RESERVED_FEATURES,
	      "VIRTIO_F_VERSION_1 is offered, as bit 0 of byte 0 of the little-endian word 1 "
	      "(bytes %02x %02x %02x %02x)", block[0], block[1], block[2], block[3]);
}

/* Set up by hand: adapter indicators before the queue and DRIVER_OK (4.3.2.6.3). */
static bool open_with_adapter(struct virtio_device *dev, struct virtio_ccw *cd,
			      struct rng_device *rng, uint8_t *summary, uint8_t *indicators)
{
	struct virtio_thinint_area area = {
		.summary_indicator = cpu_to_be64(physical_address(summary)),
		.indicator = cpu_to_be64(physical_address(indicators)),
		.bit_nr = 0, .isc = ADAPTER_ISC,
	};
	const char *why = NULL;
	uint16_t max;

	if (!check(virtio_negotiate(dev, 1ull << VIRTIO_F_VERSION_1, &why), CLAUSE_FEATURES,
		   "negotiation (%s)", why ? why : ""))
		return false;
	if (ccw_set_ind_adapter(cd, &area) != CCW_OK) {
		test_skip("SET_IND_ADAPTER: %s (adapter interrupts are optional)",
			  ccw_result_describe(&cd->last));
		return false;
	}
	rng->dev = dev;
	max = dev->ops->queue_max_size(dev, 0);
	rng->requestq = vq_create(dev, 0, max < 16 ? max : 16, &why);
	if (!check(rng->requestq != NULL, CLAUSE_CCW_VQ, "queue 0 is set up (%s)",
		   why ? why : ""))
		return false;
	virtio_driver_ok(dev);
	return true;
}

/* One request; the adapter interruptions that followed within SETTLE_MS. */
static int64_t interrupts_after_request(struct rng_device *rng)
{
	uint8_t *buffer = test_alloc(RNG_BYTES, 16);
	uint32_t before = ccw_adapter_interrupts, used = 0;
	uint64_t deadline;

	if (!check(rng_read(rng, buffer, RNG_BYTES, &used) == VQ_USED, CLAUSE_USED_RING,
		   "the request completes (%s)", rng->requestq->error))
		return -1;
	deadline = deadline_after_ms(SETTLE_MS);
	while (!deadline_passed(deadline))
		arch_wait_a_little();
	return ccw_adapter_interrupts - before;
}

/*
 * 4.3.3.1.2: the device sets the queue's bit (bit numbers from the left
 * of the first byte) and the summary indicator to 0x01, and "SHOULD only
 * generate an adapter I/O interrupt if the summary indicator had not been
 * set prior to notification": a second used buffer while the summary is
 * still set brings none, one after the driver cleared it brings one.
 */
VCTS_TEST(test_ccw_adapter, "modern.ccw.adapter_interrupt_once_per_summary", VIRTIO_ID_RNG,
	  CLAUSE_CCW_ADAPTER_NOTIFY "|" CLAUSE_USED_NOTIFY_SUPPRESSION)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	volatile uint8_t *summary = test_alloc(8, 8), *indicators = test_alloc(8, 8);
	struct rng_device rng;
	int64_t first, second, third;

	if (!cd || !open_with_adapter(dev, cd, &rng, (uint8_t *)summary, (uint8_t *)indicators))
		return;
	require(ccw_adapter_interrupts_enable(ADAPTER_ISC), CLAUSE_CCW_ADAPTER_NOTIFY,
		"the kernel takes adapter interruptions");
	first = interrupts_after_request(&rng);
	if (first < 0)
		return;
	check(first >= 1 && summary[0] == 0x01 && (indicators[0] & 0x80),
	      CLAUSE_USED_NOTIFY_SUPPRESSION, "the used buffer is notified: %lld adapter "
	      "interrupt(s), summary %#x, queue indicator byte %#x (bit 0 is its 0x80)",
	      (long long)first, summary[0], indicators[0]);
	second = interrupts_after_request(&rng);
	check_should(second == 0, CLAUSE_CCW_ADAPTER_NOTIFY, "no adapter interrupt for a used "
		     "buffer while the summary indicator is still set (%lld)", (long long)second);
	summary[0] = 0;
	indicators[0] = 0;
	dma_mb();
	third = interrupts_after_request(&rng);
	check(third >= 1, CLAUSE_USED_NOTIFY_SUPPRESSION, "a used buffer after the driver "
	      "cleared the summary indicator is notified (%lld adapter interrupts)",
	      (long long)third);
}
