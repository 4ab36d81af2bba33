/*
 * virtio-ccw rules of device operation that both interfaces share
 * (virtio 1.2 4.3.2.6 and 4.3.3): the two kinds of queue indicators
 * exclude each other, notifications name the subchannel in GPR2's low
 * word, a reset device stays quiet, and the classic indicators carry one
 * bit per queue. The entropy device gives the simplest used buffer.
 */
#include "lib/kernel.h"
#include "lib/string.h"
#include "tests/common/ccw_checks.h"
#include "virtio/virtqueue.h"

#define SETTLE_MS		50
#define RNG_BYTES		16
#define ADAPTER_ISC		6
#define POISON			0xa5

static void settle(uint32_t ms)
{
	uint64_t deadline = deadline_after_ms(ms);

	while (!deadline_passed(deadline))
		arch_wait_a_little();
}

/*
 * 4.3.2.6.3: "If the driver has already set up classic queue indicators
 * via the CCW_CMD_SET_IND command, the device MUST post a unit check with
 * command reject to any subsequent CCW_CMD_SET_IND_ADAPTER command."
 */
void ccw_check_adapter_after_classic_rejected(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t *summary = test_alloc(8, 8);
	uint64_t *indicators = test_alloc(8, 8);
	struct virtio_thinint_area area;

	if (!cd)
		return;
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_CCW_RESET,
		"the device resets (%s)", ccw_result_describe(&cd->last));
	require(ccw_set_indicators(cd, CCW_CMD_SET_IND, cd->indicators) == CCW_OK,
		CLAUSE_CCW_TWO_STAGE, "SET_IND after a reset completes (%s)",
		ccw_result_describe(&cd->last));
	cd->indicators_set = true;
	area = (struct virtio_thinint_area){
		.summary_indicator = cpu_to_be64(physical_address(summary)),
		.indicator = cpu_to_be64(physical_address(indicators)),
		.bit_nr = 0, .isc = ADAPTER_ISC,
	};
	check(ccw_set_ind_adapter(cd, &area) == CCW_REJECTED, CLAUSE_CCW_TWO_STAGE,
	      "SET_IND_ADAPTER after SET_IND gets a unit check with command reject (%s)",
	      ccw_result_describe(&cd->last));
}

/* One entropy request, polled for; false after a failed check. */
static bool rng_roundtrip(struct rng_device *rng, const char *clause, const char *what)
{
	uint8_t *buffer = test_alloc(RNG_BYTES, 16);
	uint32_t used = 0;
	enum vq_result result = rng_read(rng, buffer, RNG_BYTES, &used);

	return check(result == VQ_USED, clause, "%s: the request completes (%s)", what,
		     rng->requestq->error);
}

/*
 * 4.3.3.2: "The device MUST ignore bits 0-31 (counting from the left) of
 * GPR2": the notification carries them all ones here.
 */
void ccw_check_notify_ignores_gpr2_high(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	struct rng_device rng;
	const char *why = NULL;

	if (!cd)
		return;
	require(rng_open(dev, VIRTIO_IRQ_POLL, &rng, &why), CLAUSE_FEATURES,
		"the device initialises (%s)", why ? why : "");
	cd->notify_gpr2_high = 0xffffffffu;
	rng_roundtrip(&rng, CLAUSE_CCW_GUEST_NOTIFY,
		      "notified with GPR2 bits 0-31 all ones and the subchannel id after them");
	cd->notify_gpr2_high = 0;
}

/*
 * 4.3.3.3: "The device MUST NOT send notifications or interact with the
 * queues after it signaled successful conclusion of the
 * CCW_CMD_VDEV_RESET command": a buffer made available and notified on
 * the old ring after the reset is neither used nor notified.
 */
void ccw_check_quiet_after_reset(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	uint8_t *buffer = test_alloc(RNG_BYTES, 16);
	struct vq_buffer chain = { .address = buffer, .length = RNG_BYTES,
				   .device_writable = true };
	struct rng_device rng;
	const char *why = NULL;
	uint32_t alerts;

	if (!cd)
		return;
	require(rng_open(dev, VIRTIO_IRQ_INTX, &rng, &why), CLAUSE_FEATURES,
		"the device initialises with classic indicators (%s)", why ? why : "");
	require(ccw_vdev_reset(cd) == CCW_OK, CLAUSE_CCW_RESET, "VDEV_RESET completes (%s)",
		ccw_result_describe(&cd->last));
	ccw_drain_status(cd);
	*cd->indicators = 0;
	*cd->config_indicators = 0;
	alerts = cd->alerts;
	memset(buffer, POISON, RNG_BYTES);
	require(vq_add_chain(rng.requestq, &chain, 1, buffer) == 0, CLAUSE_CCW_RESET,
		"a buffer fits the old ring (%s)", rng.requestq->error);
	vq_kick(rng.requestq);
	settle(SETTLE_MS);
	ccw_drain_status(cd);
	check_eq(vq_used_idx(rng.requestq), 0, CLAUSE_CCW_RESET,
		 "used idx of the ring the reset device was given, after a buffer was made "
		 "available and notified there");
	check_eq(buffer[0], POISON, CLAUSE_CCW_RESET,
		 "the buffer's first byte: the reset device did not write it");
	check_eq(cd->alerts - alerts, 0, CLAUSE_CCW_RESET,
		 "unsolicited (notification) statuses after the reset");
	check_eq(*cd->indicators | *cd->config_indicators, 0, CLAUSE_CCW_RESET,
		 "indicator bits set after the reset");
}

/*
 * 4.3.3.1.1: "the device sets the corresponding bit in the guest-provided
 * indicators", a 64-bit big-endian value (4.3: be64): queue 0's bit is the
 * last byte's lowest. Read raw, with I/O interruptions masked so that the
 * handler does not take the bits first. A notification that sets another
 * bit tells the driver of another queue: the used buffer goes unnotified.
 */
void ccw_check_classic_indicator_bits(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw_checked_of(dev);
	struct rng_device rng;
	const char *why = NULL;
	uint8_t raw[8];
	bool interrupts;

	if (!cd)
		return;
	require(rng_open(dev, VIRTIO_IRQ_INTX, &rng, &why), CLAUSE_FEATURES,
		"the device initialises with classic indicators (%s)", why ? why : "");
	interrupts = cio_io_mask();
	ccw_take_indicators(dev);
	if (rng_roundtrip(&rng, CLAUSE_USED_RING, "with I/O interruptions masked"))
		settle(SETTLE_MS);
	memcpy(raw, (const void *)cd->indicators, sizeof(raw));
	cio_io_restore(interrupts);
	check(raw[7] & 1, CLAUSE_USED_NOTIFY_SUPPRESSION,
	      "the used buffer of queue 0 is notified: bit 0 of the big-endian queue "
	      "indicators is set (bytes %02x %02x %02x %02x %02x %02x %02x %02x)",
	      raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7]);
	check_note(!raw[0] && !raw[1] && !raw[2] && !raw[3] && !raw[4] && !raw[5] && !raw[6] &&
		   !(raw[7] & ~1), CLAUSE_CCW_CLASSIC_NOTIFY,
		   "no bit of another queue is set (a little-endian store would set byte 0)");
}
