/*
 * Used buffer and configuration change notifications (virtio 1.2
 * 4.3.3.1.1, "Notification via Classic I/O Interrupts"): the device sets
 * bit n of the 64-bit queue indicators for queue n, or bit 0 of the
 * configuration indicators, and makes the subchannel status pending with
 * an unsolicited alert status, which interrupts the CPU if the
 * subchannel's subclass is enabled (and the PSW's I/O mask is on).
 *
 * The indicators are set up with SET_IND and SET_CONF_IND when a test
 * asks for interrupts (VIRTIO_IRQ_INTX: the one line-like mode the
 * transport has; MSI-X does not exist here). Wherever an alert status
 * turns up, in the I/O interruption handler or while a channel program
 * waits for its own status, the indicators are taken (atomically: the
 * device sets bits concurrently) and each bit counts as one notification
 * on its queue, or on the configuration.
 */
#include "lib/alloc.h"
#include "transports/ccw/ccw.h"
#include "virtio/virtqueue.h"

#define MAX_CCW_DEVICES		16
#define CONFIG_INDICATOR_BIT	1ull
/* The interruption-identification word of an adapter interruption (PoP 16-4). */
#define IO_INT_WORD_ADAPTER	0x80000000u

volatile uint32_t ccw_adapter_interrupts;

static struct virtio_ccw *devices[MAX_CCW_DEVICES];
static bool handler_installed;

static uint64_t take(volatile uint64_t *indicators)
{
	return be64_to_cpu(__atomic_exchange_n(indicators, 0, __ATOMIC_SEQ_CST));
}

void ccw_take_indicators(struct virtio_device *dev)
{
	struct virtio_ccw *cd = dev->transport;
	uint64_t queues = take(cd->indicators);

	for (unsigned int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		if ((queues >> i) & 1 && dev->queues[i])
			dev->queues[i]->interrupts++;
	}
	if (take(cd->config_indicators) & CONFIG_INDICATOR_BIT)
		dev->config_interrupts++;
}

/* An alert status with no function pending is the device's unsolicited one. */
void ccw_note_status(struct virtio_ccw *cd, const struct irb *irb)
{
	uint16_t ctrl = be16_to_cpu(irb->scsw.ctrl);

	if (!(ctrl & SCSW_STCTL_ALERT) || (ctrl & SCSW_FCTL_MASK))
		return;
	cd->alerts++;
	if (cd->dev && cd->indicators_set)
		ccw_take_indicators(cd->dev);
}

static void interruption(uint32_t sid, uint32_t parameter, uint32_t identification)
{
	(void)parameter;
	if (identification & IO_INT_WORD_ADAPTER) {
		ccw_adapter_interrupts++;
		return;
	}
	for (int i = 0; i < MAX_CCW_DEVICES; i++) {
		struct virtio_ccw *cd = devices[i];

		if (!cd || cd->sid != sid)
			continue;
		if (cio_tsch(cd->sid, &cd->io->irb) == 0) {
			cd->interrupts++;
			ccw_note_status(cd, &cd->io->irb);
		}
		return;
	}
}

static bool install_handler(void)
{
	if (!handler_installed && cio_interrupts_init(interruption))
		handler_installed = true;
	return handler_installed;
}

bool ccw_adapter_interrupts_enable(unsigned int isc)
{
	if (!install_handler())
		return false;
	cio_isc_enable(isc);
	return true;
}

static bool register_device(struct virtio_ccw *cd)
{
	if (!install_handler())
		return false;
	for (int i = 0; i < MAX_CCW_DEVICES; i++) {
		if (devices[i] == cd)
			return true;
		if (!devices[i]) {
			devices[i] = cd;
			return true;
		}
	}
	return false;
}

/* SET_IND and SET_CONF_IND (once per reset: the device forgets them there). */
static bool set_indicators(struct virtio_ccw *cd)
{
	if (cd->indicators_set)
		return true;
	*cd->indicators = 0;
	*cd->config_indicators = 0;
	if (ccw_set_indicators(cd, CCW_CMD_SET_IND, cd->indicators) != CCW_OK ||
	    ccw_set_indicators(cd, CCW_CMD_SET_CONF_IND, cd->config_indicators) != CCW_OK)
		return false;
	cd->indicators_set = true;
	return true;
}

int ccw_irq_setup(struct virtio_device *dev, enum virtio_irq_mode mode)
{
	struct virtio_ccw *cd = dev->transport;

	switch (mode) {
	case VIRTIO_IRQ_INTX:
		if (!set_indicators(cd) || !register_device(cd))
			return -1;
		cio_isc_enable(VIRTIO_CCW_ISC);
		cd->interrupts_on = true;
		dev->irq_mode = VIRTIO_IRQ_INTX;
		return 0;
	case VIRTIO_IRQ_POLL:
		cd->interrupts_on = false;
		dev->irq_mode = VIRTIO_IRQ_POLL;
		return 0;
	default:
		return -1;
	}
}

/* The device cannot be told to forget its indicators short of a reset. */
void ccw_irq_teardown(struct virtio_device *dev)
{
	ccw_of(dev)->interrupts_on = false;
	dev->irq_mode = VIRTIO_IRQ_POLL;
}
