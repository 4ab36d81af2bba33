/*
 * Running channel programs on a virtio-ccw subchannel (PoP chapters 15
 * and 16): START SUBCHANNEL with a format-1 ORB, then TEST SUBCHANNEL
 * until the primary status arrives, within a deadline. I/O interruptions
 * are masked meanwhile, so that the interruption handler never takes the
 * status this code waits for. A subchannel can be status pending with an
 * unsolicited alert status, which the device sets to notify the driver
 * (virtio 1.2 4.3.3.1.1): START SUBCHANNEL refuses to start then
 * (condition code 1), so such statuses are cleared first and handed to
 * the indicator code as the notifications they are.
 *
 * Nothing the subchannel stores is trusted: the status must be complete
 * (primary status with channel end and device end) to be a success, and
 * every wait has a deadline, after which the subchannel is cleared.
 */
#include "lib/alloc.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "transports/ccw/ccw.h"

#define CCW_ADDRESS_LIMIT	(1ull << 31)
#define DRAIN_LIMIT		16
#define START_TRIES		8

static bool below_2g(const void *pointer, size_t size)
{
	uint64_t address = physical_address(pointer);

	return address < CCW_ADDRESS_LIMIT && size <= CCW_ADDRESS_LIMIT - address;
}

void ccw_drain_status(struct virtio_ccw *cd)
{
	for (int i = 0; i < DRAIN_LIMIT; i++) {
		if (cio_tsch(cd->sid, &cd->io->irb) != 0)
			return;
		ccw_note_status(cd, &cd->io->irb);
	}
}

/* The sense byte of a unit check: in the ECW when the ESW says it is there. */
static void read_sense(const struct irb *irb, struct ccw_result *result)
{
	result->sense_valid = (be32_to_cpu(irb->esw[1]) & ESW1_SENSE_STORED) != 0;
	result->sense0 = result->sense_valid ? irb->ecw[0] : 0;
}

static enum ccw_outcome classify(const struct irb *irb, struct ccw_result *result)
{
	const struct scsw *scsw = &irb->scsw;

	result->dstat = scsw->dstat;
	result->cstat = scsw->cstat;
	result->residual = be16_to_cpu(scsw->count);
	result->deferred_cc = (be16_to_cpu(scsw->flags) & SCSW_FLAGS_CC_MASK) >>
			      SCSW_FLAGS_CC_SHIFT;
	if (result->dstat & DSTAT_UNIT_CHECK)
		read_sense(irb, result);
	if (result->deferred_cc)
		return CCW_FAILED;
	if (result->cstat == 0 && result->dstat == (DSTAT_CHANNEL_END | DSTAT_DEVICE_END))
		return CCW_OK;
	if (result->cstat == 0 && (result->dstat & DSTAT_UNIT_CHECK) && result->sense_valid &&
	    (result->sense0 & SENSE_COMMAND_REJECT))
		return CCW_REJECTED;
	return CCW_FAILED;
}

/* The status of the start function: primary status, or an alert ending it. */
static bool ends_start_function(const struct irb *irb)
{
	uint16_t ctrl = be16_to_cpu(irb->scsw.ctrl);

	if (!(ctrl & SCSW_FCTL_START))
		return false;
	return (ctrl & SCSW_STCTL_PRIMARY) || (ctrl & SCSW_STCTL_ALERT);
}

static int start(struct virtio_ccw *cd)
{
	struct orb *orb = &cd->io->orb;
	int cc = 1;

	memset(orb, 0, sizeof(*orb));
	orb->intparm = cpu_to_be32(cd->sid);
	orb->ctrl0 = cpu_to_be16(ORB_CTRL0_FORMAT1 | ORB_CTRL0_PREFETCH);
	orb->lpm = 0xff;
	orb->cpa = cpu_to_be32((uint32_t)physical_address(cd->io->ccw));
	for (int tries = 0; tries < START_TRIES && cc == 1; tries++) {
		ccw_drain_status(cd);
		cc = cio_ssch(cd->sid, orb);
	}
	return cc;
}

static enum ccw_outcome wait_for_status(struct virtio_ccw *cd, struct ccw_result *result)
{
	uint64_t deadline = deadline_after_ms(test_timeout_ms());

	for (;;) {
		int cc = cio_tsch(cd->sid, &cd->io->irb);

		if (cc == 0) {
			if (ends_start_function(&cd->io->irb))
				return classify(&cd->io->irb, result);
			ccw_note_status(cd, &cd->io->irb);
		} else if (cc == 3) {
			result->cc = 3;
			return CCW_NOT_STARTED;
		}
		if (deadline_passed(deadline)) {
			cio_csch(cd->sid);
			ccw_drain_status(cd);
			return CCW_TIMEOUT;
		}
		cpu_relax();
	}
}

enum ccw_outcome ccw_run(struct virtio_ccw *cd, struct ccw_result *result)
{
	bool interrupts = cio_io_mask();
	int cc;

	memset(result, 0, sizeof(*result));
	cc = start(cd);
	if (cc != 0) {
		result->cc = cc;
		result->outcome = CCW_NOT_STARTED;
	} else {
		result->outcome = wait_for_status(cd, result);
	}
	cd->last = *result;
	cio_io_restore(interrupts);
	return result->outcome;
}

enum ccw_outcome ccw_command(struct virtio_ccw *cd, uint8_t cmd, uint8_t flags, void *data,
			     uint16_t count, struct ccw_result *result)
{
	struct ccw_result local;
	struct ccw1 *ccw = &cd->io->ccw[0];

	if (!result)
		result = &local;
	if (data && !below_2g(data, count)) {
		memset(result, 0, sizeof(*result));
		result->outcome = CCW_NOT_STARTED;
		result->cc = -1;
		cd->last = *result;
		return result->outcome;
	}
	ccw->cmd = cmd;
	ccw->flags = flags;
	ccw->count = cpu_to_be16(count);
	ccw->cda = cpu_to_be32(data ? (uint32_t)physical_address(data) : 0);
	return ccw_run(cd, result);
}

/*
 * Enabled: interruption parameter = the subsystem-identification word,
 * our ISC, concurrent sense (the sense bytes of a unit check come in the
 * IRB), then read back: MODIFY SUBCHANNEL may be refused (status pending:
 * cleared and tried again) or not take (PoP 14-8).
 */
bool ccw_subchannel_enable(struct virtio_ccw *cd, bool enable)
{
	struct schib *schib = &cd->io->schib;

	for (int tries = 0; tries < START_TRIES; tries++) {
		uint16_t flags;

		if (cio_stsch(cd->sid, schib) != 0)
			return false;
		flags = be16_to_cpu(schib->pmcw.flags);
		if (!!(flags & PMCW_FLAGS_ENABLED) == enable)
			return true;
		flags &= (uint16_t)~(PMCW_FLAGS_ENABLED | PMCW_FLAGS_ISC_MASK);
		if (enable)
			flags |= PMCW_FLAGS_ENABLED | VIRTIO_CCW_ISC << PMCW_FLAGS_ISC_SHIFT;
		schib->pmcw.flags = cpu_to_be16(flags);
		schib->pmcw.intparm = cpu_to_be32(cd->sid);
		schib->pmcw.chars |= cpu_to_be32(PMCW_CHARS_CSENSE);
		if (cio_msch(cd->sid, schib) == 1)
			ccw_drain_status(cd);
	}
	return false;
}

const char *ccw_result_describe(const struct ccw_result *result)
{
	static char text[128];

	switch (result->outcome) {
	case CCW_OK:
		return "completed";
	case CCW_REJECTED:
		return "unit check, command reject";
	case CCW_NOT_STARTED:
		snprintf(text, sizeof(text), "not started: START SUBCHANNEL condition code %d",
			 result->cc);
		return text;
	case CCW_TIMEOUT:
		return "no status within the timeout";
	default:
		snprintf(text, sizeof(text),
			 "device status %#x, subchannel status %#x, sense %s%#x, deferred cc %u",
			 result->dstat, result->cstat, result->sense_valid ? "" : "(none) ",
			 result->sense0, result->deferred_cc);
		return text;
	}
}
