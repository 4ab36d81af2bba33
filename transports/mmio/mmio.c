/*
 * The virtio-mmio transport (4.2), both register layouts: version 2 (the
 * 1.x one: QueueReady and 64-bit ring addresses) and version 1 (legacy,
 * 4.2.4: GuestPageSize, QueueAlign, QueuePFN, one page-aligned block per
 * queue). Everything the device reports is checked before use: the
 * queue sizes, the queue state before a queue is handed over, and every
 * configuration access against the window the platform described.
 */
#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "transports/mmio/mmio.h"
#include "virtio/virtqueue.h"

struct virtio_mmio *mmio_of(struct virtio_device *dev)
{
	return dev->ops == &mmio_v1_ops || dev->ops == &mmio_v2_ops ? dev->transport : NULL;
}

static struct virtio_mmio *mmio(struct virtio_device *dev)
{
	return dev->transport;
}

static uint32_t reg_read(struct virtio_device *dev, uint32_t offset)
{
	return mmio_reg_read(mmio(dev), offset);
}

static void reg_write(struct virtio_device *dev, uint32_t offset, uint32_t value)
{
	mmio_reg_write(mmio(dev), offset, value);
}

static uint8_t get_status(struct virtio_device *dev)
{
	return (uint8_t)reg_read(dev, VIRTIO_MMIO_STATUS);
}

static void set_status(struct virtio_device *dev, uint8_t status)
{
	reg_write(dev, VIRTIO_MMIO_STATUS, status);
}

/* 4.2.2.2: DeviceFeaturesSel is written before every DeviceFeatures read. */
static uint32_t get_device_features(struct virtio_device *dev, uint32_t select)
{
	reg_write(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, select);
	return reg_read(dev, VIRTIO_MMIO_DEVICE_FEATURES);
}

static void set_driver_features(struct virtio_device *dev, uint32_t select, uint32_t value)
{
	reg_write(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, select);
	reg_write(dev, VIRTIO_MMIO_DRIVER_FEATURES, value);
}

static uint32_t config_generation_v2(struct virtio_device *dev)
{
	return reg_read(dev, VIRTIO_MMIO_CONFIG_GENERATION);
}

/* The legacy layout has no ConfigGeneration: one constant generation. */
static uint32_t config_generation_v1(struct virtio_device *dev)
{
	(void)dev;
	return 0;
}

static uint32_t config_size(struct virtio_device *dev)
{
	uint32_t window = mmio(dev)->window_size;

	return window > VIRTIO_MMIO_CONFIG ? window - VIRTIO_MMIO_CONFIG : 0;
}

static bool config_access_ok(struct virtio_device *dev, uint32_t offset, int width)
{
	uint32_t size = config_size(dev);

	return (width == 1 || width == 2 || width == 4) && offset < size &&
	       (uint32_t)width <= size - offset;
}

/*
 * 4.2.2.2: fields are accessed with their own width, naturally aligned; a
 * misaligned request (never made by virtio_config_read_stable) is done
 * byte by byte. Little-endian for version 2, guest-native for legacy:
 * the same on x86.
 */
static uint32_t config_read(struct virtio_device *dev, uint32_t offset, int width)
{
	uintptr_t address = mmio(dev)->base + VIRTIO_MMIO_CONFIG + offset;
	uint32_t value = 0;

	if (!config_access_ok(dev, offset, width))
		return 0;
	if (offset % (uint32_t)width) {
		for (int i = 0; i < width; i++)
			value |= (uint32_t)mmio_read8(address + (uintptr_t)i) << (8 * i);
		return value;
	}
	return mmio_read_sized(address, width);
}

static void config_write(struct virtio_device *dev, uint32_t offset, int width,
			 uint32_t value)
{
	uintptr_t address = mmio(dev)->base + VIRTIO_MMIO_CONFIG + offset;

	if (!config_access_ok(dev, offset, width))
		return;
	if (offset % (uint32_t)width) {
		for (int i = 0; i < width; i++)
			mmio_write8(address + (uintptr_t)i, (uint8_t)(value >> (8 * i)));
	} else {
		mmio_write_sized(address, width, value);
	}
}

/* virtio-mmio has no register that counts the queues. */
static uint16_t queue_count(struct virtio_device *dev)
{
	(void)dev;
	return 0;
}

/*
 * The largest split ring the driver can build within QueueNumMax: the
 * driver picks QueueNum <= QueueNumMax (4.2.3.2, 4.2.4), so a maximum
 * that is not a power of two, or beyond 32768, is rounded down rather
 * than trusted; the mmio tests check the raw register.
 */
static uint16_t usable_queue_size(uint32_t max)
{
	uint32_t size = VIRTIO_MMIO_MAX_QUEUE_SIZE;

	if (!max)
		return 0;
	while (size > max)
		size >>= 1;
	return (uint16_t)size;
}

static uint16_t queue_max_size_v2(struct virtio_device *dev, uint16_t index)
{
	reg_write(dev, VIRTIO_MMIO_QUEUE_SEL, index);
	return usable_queue_size(reg_read(dev, VIRTIO_MMIO_QUEUE_NUM_MAX));
}

/*
 * 4.2.4: reading QueueNumMax is allowed only while QueuePFN is 0. A queue
 * that is still in use (after a reset!) is reported as unavailable.
 */
static uint16_t queue_max_size_v1(struct virtio_device *dev, uint16_t index)
{
	reg_write(dev, VIRTIO_MMIO_QUEUE_SEL, index);
	if (reg_read(dev, VIRTIO_MMIO_QUEUE_PFN) != 0)
		return 0;
	return usable_queue_size(reg_read(dev, VIRTIO_MMIO_QUEUE_NUM_MAX));
}

static void write64(struct virtio_device *dev, uint32_t low, uint64_t value)
{
	reg_write(dev, low, (uint32_t)value);
	reg_write(dev, low + 4, (uint32_t)(value >> 32));
}

/* 4.2.3.2: the queue must not be live yet; then size, areas, ready. */
static int queue_enable_v2(struct virtio_device *dev, struct virtqueue *vq)
{
	uint32_t ready;

	reg_write(dev, VIRTIO_MMIO_QUEUE_SEL, vq->index);
	ready = reg_read(dev, VIRTIO_MMIO_QUEUE_READY);
	if (ready != 0) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u is already in use: QueueReady reads %#x before set-up",
			 vq->index, ready);
		return -1;
	}
	reg_write(dev, VIRTIO_MMIO_QUEUE_NUM, vq->size);
	write64(dev, VIRTIO_MMIO_QUEUE_DESC_LOW, vq->desc_area);
	write64(dev, VIRTIO_MMIO_QUEUE_DRIVER_LOW, vq->driver_area);
	write64(dev, VIRTIO_MMIO_QUEUE_DEVICE_LOW, vq->device_area);
	reg_write(dev, VIRTIO_MMIO_QUEUE_READY, 1);
	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	return 0;
}

/* 4.2.4: PFN 0, then QueueNum, QueueAlign and the page of the whole block. */
static int queue_enable_v1(struct virtio_device *dev, struct virtqueue *vq)
{
	uint64_t address = vq->desc_area;
	uint32_t pfn;

	if (address % VIRTIO_MMIO_LEGACY_PAGE ||
	    address / VIRTIO_MMIO_LEGACY_PAGE > 0xffffffffu || !address) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u at %#llx cannot be given as a 32-bit page number",
			 vq->index, (unsigned long long)address);
		return -1;
	}
	/* Before any queue is configured (4.2.4); again here, it costs nothing. */
	reg_write(dev, VIRTIO_MMIO_GUEST_PAGE_SIZE, VIRTIO_MMIO_LEGACY_PAGE);
	reg_write(dev, VIRTIO_MMIO_QUEUE_SEL, vq->index);
	pfn = reg_read(dev, VIRTIO_MMIO_QUEUE_PFN);
	if (pfn != 0) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u is already in use: QueuePFN reads %#x before set-up",
			 vq->index, pfn);
		return -1;
	}
	reg_write(dev, VIRTIO_MMIO_QUEUE_NUM, vq->size);
	reg_write(dev, VIRTIO_MMIO_QUEUE_ALIGN, dev->legacy_queue_align);
	reg_write(dev, VIRTIO_MMIO_QUEUE_PFN, (uint32_t)(address / VIRTIO_MMIO_LEGACY_PAGE));
	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	return 0;
}

/*
 * 4.2.3.3: the queue index, or with VIRTIO_F_NOTIFICATION_DATA the 32-bit
 * notification data; either way one 32-bit register write (4.2.2.2).
 */
static void queue_notify(struct virtio_device *dev, struct virtqueue *vq, uint32_t value)
{
	(void)vq;
	reg_write(dev, VIRTIO_MMIO_QUEUE_NOTIFY, value);
}

/* InterruptStatus: unlike PCI's ISR, reading does not clear it. */
static uint8_t isr_read(struct virtio_device *dev)
{
	return (uint8_t)reg_read(dev, VIRTIO_MMIO_INTERRUPT_STATUS);
}

/*
 * 4.2.3.4: read InterruptStatus, handle, acknowledge the handled bits and
 * no undefined ones. A device that raises only undefined bits is not
 * claimed, so a stuck line ends up masked by the arch code.
 */
static bool irq_handler(void *arg)
{
	struct virtio_device *dev = arg;
	struct virtio_mmio *mm = dev->transport;
	uint32_t status = mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS);
	uint32_t handled = status & (VIRTIO_MMIO_INT_VRING | VIRTIO_MMIO_INT_CONFIG);

	if (!handled)
		return false;
	mmio_reg_write(mm, VIRTIO_MMIO_INTERRUPT_ACK, handled);
	mm->interrupts++;
	mm->status_seen |= status;
	/* "a used buffer notification for each active virtqueue" */
	if (status & VIRTIO_MMIO_INT_VRING)
		vq_count_interrupt_on_every_queue(dev);
	if (status & VIRTIO_MMIO_INT_CONFIG)
		dev->config_interrupts++;
	return true;
}

static void irq_release(struct virtio_device *dev)
{
	struct virtio_mmio *mm = mmio(dev);

	if (mm->irq_registered)
		arch_wired_irq_unregister(mm->irq, irq_handler, dev);
	mm->irq_registered = false;
}

static int irq_setup(struct virtio_device *dev, enum virtio_irq_mode mode)
{
	struct virtio_mmio *mm = mmio(dev);

	switch (mode) {
	case VIRTIO_IRQ_INTX:
		dev->irq_mode = VIRTIO_IRQ_INTX;
		if (!mm->irq_registered) {
			mm->irq_error = arch_wired_irq_register(mm->irq, irq_handler, dev);
			if (mm->irq_error < 0) {
				dev->irq_mode = VIRTIO_IRQ_POLL;
				return -1;
			}
			mm->irq_registered = true;
		}
		return 0;
	case VIRTIO_IRQ_POLL:
		irq_release(dev);
		dev->irq_mode = VIRTIO_IRQ_POLL;
		return 0;
	default:
		return -1;	/* one wired line, no MSI-X */
	}
}

/* The line stays masked while nobody waits for it: the device cannot be told to stop. */
static void irq_teardown(struct virtio_device *dev)
{
	irq_release(dev);
	dev->irq_mode = VIRTIO_IRQ_POLL;
}

const struct virtio_transport_ops mmio_v2_ops = {
	.name = "mmio-v2",
	.get_status = get_status,
	.set_status = set_status,
	.get_device_features = get_device_features,
	.get_driver_features = NULL,	/* DriverFeatures is write-only */
	.set_driver_features = set_driver_features,
	.config_generation = config_generation_v2,
	.config_size = config_size,
	.config_read = config_read,
	.config_write = config_write,
	.queue_count = queue_count,
	.queue_max_size = queue_max_size_v2,
	.queue_enable = queue_enable_v2,
	.queue_notify = queue_notify,
	.isr_read = isr_read,
	.irq_setup = irq_setup,
	.irq_teardown = irq_teardown,
};

const struct virtio_transport_ops mmio_v1_ops = {
	.name = "mmio-v1",
	.get_status = get_status,
	.set_status = set_status,
	.get_device_features = get_device_features,
	.get_driver_features = NULL,
	.set_driver_features = set_driver_features,
	.config_generation = config_generation_v1,
	.config_size = config_size,
	.config_read = config_read,
	.config_write = config_write,
	.queue_count = queue_count,
	.queue_max_size = queue_max_size_v1,
	.queue_enable = queue_enable_v1,
	.queue_notify = queue_notify,
	.isr_read = isr_read,
	.irq_setup = irq_setup,
	.irq_teardown = irq_teardown,
};

/*
 * 4.2.3.1: MagicValue and Version first; DeviceID 0 is a placeholder slot
 * to skip silently, and then no other register is touched. A version the
 * mode does not allow is reported but not driven (4.2.2.2 lets a driver
 * report a version it does not drive).
 */
const char *mmio_probe(const struct mmio_window *window, struct virtio_device *dev)
{
	static char reason[96];
	struct virtio_mmio probe = { .base = (uintptr_t)window->base,
				     .window_size = window->size, .irq = window->irq };
	struct virtio_mmio *mm;

	if (window->size < VIRTIO_MMIO_CONFIG || window->base % 4 ||
	    !arch_mmio_accessible(window->base, window->size)) {
		snprintf(reason, sizeof(reason),
			 "window of %#x bytes at %#llx is not a usable register block",
			 window->size, (unsigned long long)window->base);
		return reason;
	}
	if (mmio_reg_read(&probe, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
		return "";
	probe.version = mmio_reg_read(&probe, VIRTIO_MMIO_VERSION);
	probe.device_id = mmio_reg_read(&probe, VIRTIO_MMIO_DEVICE_ID);
	if (probe.device_id == 0)
		return "";
	if (probe.version != 1 && probe.version != 2) {
		snprintf(reason, sizeof(reason), "unknown virtio-mmio Version %#x", probe.version);
		return reason;
	}
	if (probe.version == 1 && !options_allow_legacy())
		return "version 1 (legacy) register layout, not allowed by vcts.mode";
	if (probe.version == 2 && !options_allow_modern())
		return "version 2 register layout, not allowed by vcts.mode";
	probe.vendor_id = mmio_reg_read(&probe, VIRTIO_MMIO_VENDOR_ID);
	mm = alloc_zeroed(sizeof(*mm), 8);
	if (!mm)
		return "out of memory";
	*mm = probe;
	*dev = (struct virtio_device){
		.device_type = probe.device_id, .transport = mm,
		.ops = probe.version == 1 ? &mmio_v1_ops : &mmio_v2_ops,
	};
	snprintf(dev->location, sizeof(dev->location), "mmio@%#llx",
		 (unsigned long long)window->base);
	snprintf(dev->hardware_id, sizeof(dev->hardware_id), "%04x:%04x",
		 probe.vendor_id, probe.device_id);
	if (probe.version == 1) {
		dev->legacy = true;
		dev->legacy_queue_align = VIRTIO_MMIO_LEGACY_PAGE;
		mmio_reg_write(mm, VIRTIO_MMIO_GUEST_PAGE_SIZE, VIRTIO_MMIO_LEGACY_PAGE);
	}
	return NULL;
}
