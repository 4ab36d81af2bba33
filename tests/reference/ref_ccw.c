/*
 * The reference machine's channel subsystem (ref_ccw.h): the I/O
 * instructions as the kernel's CCW transport issues them
 * (transports/ccw/cio.h), over the subchannels ref_ccw_create() made.
 * These strong definitions replace the kernel's weak "no channel
 * subsystem" ones in the host build.
 *
 * A channel program runs to its end inside START SUBCHANNEL, as QEMU's
 * virtual subchannels do: the status is pending when the instruction
 * returns, with an I/O interruption if the subclass is enabled. A device
 * notifies through its indicators and an unsolicited alert status (4.3.3.1),
 * or through adapter indicators and an adapter interruption (4.3.3.1.2).
 * Interruptions reach the kernel's handler only while its I/O mask is on
 * (cio_io_mask) and the host's interrupts are enabled; pending ones are
 * delivered when both are.
 */
#include <string.h>

#include "arch/host/host.h"
#include "tests/reference/ref_ccw.h"

#define MAX_SUBCHANNELS		8
#define CHANNEL_PROGRAM_MAX	16
#define HOST_COOKIE		0x5a5aull
#define IO_INT_WORD_ADAPTER	0x80000000u
#define CC_OK			0
#define CC_PENDING		1
#define CC_NOT_OPERATIONAL	3

static struct ref_ccw *subchannels[MAX_SUBCHANNELS];
static int subchannel_count;
static cio_interrupt_handler_t handler;
static bool io_enabled = true;
static uint8_t isc_mask;
static uint8_t adapter_pending;		/* one bit per ISC */

static struct ref_ccw *subchannel_of(uint32_t sid)
{
	uint32_t number = CIO_SID_NUMBER(sid);

	if ((sid & 0xffff0000u) != CIO_SID(0, 0) || number >= (uint32_t)subchannel_count)
		return NULL;
	return subchannels[number];
}

static uint32_t sid_of(const struct ref_ccw *cc)
{
	return CIO_SID(0, cc->number);
}

static bool deliverable(unsigned int isc)
{
	return handler && io_enabled && host_irq_enabled() && (isc_mask & (0x80u >> isc));
}

/* Every pending interruption the kernel can take now, to its handler. */
static void deliver(void)
{
	for (int i = 0; i < subchannel_count; i++) {
		struct ref_ccw *cc = subchannels[i];

		if (cc->interrupt_pending && deliverable(cc->isc)) {
			cc->interrupt_pending = false;
			handler(sid_of(cc), cc->intparm, (uint32_t)cc->isc << 27);
		}
	}
	for (unsigned int isc = 0; isc < 8; isc++) {
		if ((adapter_pending & (0x80u >> isc)) && deliverable(isc)) {
			adapter_pending &= (uint8_t)~(0x80u >> isc);
			handler(0, 0, IO_INT_WORD_ADAPTER | isc << 27);
		}
	}
}

static void make_pending(struct ref_ccw *cc, uint16_t ctrl)
{
	cc->pending = true;
	cc->ctrl = ctrl;
	cc->interrupt_pending = true;
	deliver();
}

int cio_stsch(uint32_t sid, struct schib *schib)
{
	struct ref_ccw *cc = subchannel_of(sid);
	uint16_t flags;

	if (!cc)
		return CC_NOT_OPERATIONAL;
	memset(schib, 0, sizeof(*schib));
	flags = PMCW_FLAGS_DNV | (uint16_t)(cc->isc << PMCW_FLAGS_ISC_SHIFT) |
		(cc->enabled ? PMCW_FLAGS_ENABLED : 0);
	schib->pmcw.intparm = cpu_to_be32(cc->intparm);
	schib->pmcw.flags = cpu_to_be16(flags);
	schib->pmcw.devno = cpu_to_be16(cc->devno);
	schib->pmcw.pim = schib->pmcw.pam = 0x80;
	schib->pmcw.pom = 0xff;
	schib->pmcw.chars = cpu_to_be32(cc->concurrent_sense ? PMCW_CHARS_CSENSE : 0);
	schib->scsw.ctrl = cpu_to_be16(cc->pending ? cc->ctrl : 0);
	return CC_OK;
}

/* PoP 14-8: the program-modifiable fields; disabling unsets the revision (4.3.2.1.1). */
int cio_msch(uint32_t sid, struct schib *schib)
{
	struct ref_ccw *cc = subchannel_of(sid);
	uint16_t flags;
	bool was_enabled;

	if (!cc)
		return CC_NOT_OPERATIONAL;
	if (cc->pending)
		return CC_PENDING;
	was_enabled = cc->enabled;
	flags = be16_to_cpu(schib->pmcw.flags);
	cc->enabled = flags & PMCW_FLAGS_ENABLED;
	cc->isc = (uint8_t)((flags & PMCW_FLAGS_ISC_MASK) >> PMCW_FLAGS_ISC_SHIFT);
	cc->intparm = be32_to_cpu(schib->pmcw.intparm);
	cc->concurrent_sense = be32_to_cpu(schib->pmcw.chars) & PMCW_CHARS_CSENSE;
	if (was_enabled && !cc->enabled && cc->dev->fault != REF_FAULT_CCW_REVISION_PERSISTS) {
		cc->revision = -1;
		cc->implicit_revision = false;
	}
	return CC_OK;
}

/* The status a channel program ends with (PoP 16-6, 16-12). */
static void end_program(struct ref_ccw *cc, enum ref_ccw_end end, uint32_t cpa,
			uint16_t residual)
{
	uint16_t ctrl = SCSW_FCTL_START | SCSW_STCTL_PRIMARY | SCSW_STCTL_SECONDARY |
			SCSW_STCTL_PENDING;

	cc->dstat = DSTAT_CHANNEL_END | DSTAT_DEVICE_END;
	cc->cstat = 0;
	cc->sense0 = 0;
	cc->residual = residual;
	cc->cpa = cpa + (uint32_t)sizeof(struct ccw1);
	switch (end) {
	case REF_CCW_DONE:
		break;
	case REF_CCW_REJECT:
	case REF_CCW_CHECK_CONDITION:
		cc->dstat |= DSTAT_UNIT_CHECK;
		cc->sense0 = SENSE_COMMAND_REJECT;
		ctrl |= SCSW_STCTL_ALERT;
		break;
	case REF_CCW_INCORRECT_LENGTH:
		cc->cstat = CSTAT_INCORRECT_LENGTH;
		ctrl |= SCSW_STCTL_ALERT;
		break;
	case REF_CCW_PROGRAM_CHECK:
		cc->dstat = 0;
		cc->cstat = CSTAT_PROGRAM_CHECK;
		ctrl |= SCSW_STCTL_ALERT;
		break;
	}
	make_pending(cc, ctrl);
}

/* The CCWs from @cpa, command chaining and TRANSFER IN CHANNEL followed. */
static void run_program(struct ref_ccw *cc, uint32_t cpa)
{
	for (int n = 0; n < CHANNEL_PROGRAM_MAX; n++) {
		const struct ccw1 *ccw = (const struct ccw1 *)(uintptr_t)cpa;
		enum ref_ccw_end end;
		uint16_t residual = 0;

		if (!cpa || cpa % 8) {
			end_program(cc, REF_CCW_PROGRAM_CHECK, cpa, 0);
			return;
		}
		if (ccw->cmd == CCW_CMD_TIC) {
			cpa = be32_to_cpu(ccw->cda);
			continue;
		}
		end = ref_ccw_execute(cc, ccw, &residual);
		if (end != REF_CCW_DONE || !(ccw->flags & CCW_FLAG_CC)) {
			end_program(cc, end, cpa, residual);
			return;
		}
		cpa += (uint32_t)sizeof(*ccw);
	}
	end_program(cc, REF_CCW_PROGRAM_CHECK, cpa, 0);
}

int cio_ssch(uint32_t sid, struct orb *orb)
{
	struct ref_ccw *cc = subchannel_of(sid);

	if (!cc || !cc->enabled)
		return CC_NOT_OPERATIONAL;
	if (cc->pending)
		return CC_PENDING;
	cc->intparm = be32_to_cpu(orb->intparm);
	if (!(be16_to_cpu(orb->ctrl0) & ORB_CTRL0_FORMAT1) || !(orb->lpm & 0x80)) {
		end_program(cc, REF_CCW_PROGRAM_CHECK, be32_to_cpu(orb->cpa), 0);
		return CC_OK;
	}
	run_program(cc, be32_to_cpu(orb->cpa));
	return CC_OK;
}

/* The IRB: the SCSW, format-0 ESW, sense bytes in the ECW with concurrent sense. */
int cio_tsch(uint32_t sid, struct irb *irb)
{
	struct ref_ccw *cc = subchannel_of(sid);
	bool pending;

	if (!cc)
		return CC_NOT_OPERATIONAL;
	memset(irb, 0, sizeof(*irb));
	pending = cc->pending;
	if (pending) {
		irb->scsw.ctrl = cpu_to_be16(cc->ctrl);
		irb->scsw.cpa = cpu_to_be32(cc->cpa);
		irb->scsw.dstat = cc->dstat;
		irb->scsw.cstat = cc->cstat;
		irb->scsw.count = cpu_to_be16(cc->residual);
		irb->esw[0] = cpu_to_be32(0x00800000u);
		if ((cc->dstat & DSTAT_UNIT_CHECK) && cc->concurrent_sense) {
			irb->esw[1] = cpu_to_be32(ESW1_SENSE_STORED);
			irb->ecw[0] = cc->sense0;
		}
	}
	cc->pending = cc->interrupt_pending = false;
	return pending ? CC_OK : CC_PENDING;
}

int cio_csch(uint32_t sid)
{
	struct ref_ccw *cc = subchannel_of(sid);

	if (!cc)
		return CC_NOT_OPERATIONAL;
	cc->dstat = cc->cstat = 0;
	make_pending(cc, SCSW_FCTL_CLEAR | SCSW_STCTL_PENDING);
	return CC_OK;
}

/*
 * 4.3.3.2: the subchannel id in GPR2's right half ("The device MUST
 * ignore bits 0-31"), the notification data in GPR3; the host cookie
 * back. A fault takes GPR2 whole.
 */
int64_t cio_virtio_notify(uint64_t gpr2, uint64_t data, int64_t cookie)
{
	struct ref_ccw *cc = subchannel_of((uint32_t)gpr2);

	(void)cookie;
	if (!cc || (cc->dev->fault == REF_FAULT_CCW_NOTIFY_GPR2_HIGH && gpr2 >> 32))
		return -22;
	ref_reg_queue_notify(cc->dev, (uint16_t)data, (uint32_t)data);
	return (int64_t)HOST_COOKIE;
}

bool cio_interrupts_init(cio_interrupt_handler_t function)
{
	handler = function;
	return true;
}

void cio_isc_enable(unsigned int isc)
{
	isc_mask |= (uint8_t)(0x80u >> (isc & 7));
	deliver();
}

bool cio_io_mask(void)
{
	bool was = io_enabled;

	io_enabled = false;
	return was;
}

void cio_io_restore(bool enabled)
{
	if (!enabled)
		return;
	io_enabled = true;
	deliver();
}

/* A bit of a big-endian 64-bit indicator word, bit 0 its least significant. */
static void set_indicator_bit(struct ref_ccw *cc, uint64_t address, unsigned int bit)
{
	uint8_t *bytes = (uint8_t *)(uintptr_t)address;

	if (cc->dev->fault == REF_FAULT_CCW_INDICATORS_LITTLE_ENDIAN)
		__atomic_fetch_or(&bytes[bit / 8], (uint8_t)(1u << bit % 8), __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_or(&bytes[7 - bit / 8], (uint8_t)(1u << bit % 8), __ATOMIC_SEQ_CST);
}

/* 4.3.3.1.2: the queue's bit from the left of the area, the summary byte 0x01. */
static void notify_adapter(struct ref_ccw *cc, uint16_t queue)
{
	uint64_t bit = cc->bit_nr + queue;
	uint8_t *indicators = (uint8_t *)(uintptr_t)cc->adapter_indicators;
	uint8_t *summary = (uint8_t *)(uintptr_t)cc->summary;
	uint8_t before;

	__atomic_fetch_or(&indicators[bit / 8], (uint8_t)(0x80u >> bit % 8), __ATOMIC_SEQ_CST);
	before = __atomic_fetch_or(summary, 1, __ATOMIC_SEQ_CST);
	if (!before || cc->dev->fault == REF_FAULT_CCW_ADAPTER_ALWAYS_INTERRUPTS) {
		adapter_pending |= (uint8_t)(0x80u >> (cc->adapter_isc & 7));
		deliver();
	}
}

/* The device's used-buffer (@queue >= 0) or configuration (-1) notification. */
static void notify(struct ref_device *dev, int queue)
{
	struct ref_ccw *cc = dev->model;
	uint64_t where = queue < 0 ? cc->config_indicators : cc->indicators;

	if (queue >= 0 && cc->thinint) {
		notify_adapter(cc, (uint16_t)queue);
		return;
	}
	if (!where)
		return;
	set_indicator_bit(cc, where, queue < 0 ? 0 : (unsigned int)queue);
	if (!cc->pending)
		make_pending(cc, SCSW_STCTL_ALERT | SCSW_STCTL_PENDING);
}

static void on_reset(struct ref_device *dev)
{
	ref_ccw_device_reset(dev->model);
}

bool ref_ccw_create(struct ref_ccw *cc, struct ref_device *dev, uint16_t number,
		    uint16_t devno, bool legacy_only)
{
	if (number == 0)
		subchannel_count = 0;
	if (subchannel_count >= MAX_SUBCHANNELS || number != subchannel_count)
		return false;
	memset(cc, 0, sizeof(*cc));
	cc->dev = dev;
	cc->number = number;
	cc->devno = devno;
	cc->max_revision = legacy_only ? 0 : VIRTIO_CCW_MAX_REVISION;
	cc->revision = -1;
	dev->model = cc;
	dev->on_reset = on_reset;
	dev->on_notify = notify;
	dev->legacy = legacy_only;
	dev->msix_enabled = dev->intx_enabled = false;
	subchannels[subchannel_count++] = cc;
	return true;
}
