/*
 * The virtio-mmio register block of a reference device (ref_mmio.h):
 * 4.2.2 for version 2, 4.2.4 for version 1. What a register does to the
 * device itself is ref_registers.c's; this file is the layout, the
 * registers of the transport (selectors, queue set-up, InterruptStatus
 * and its acknowledgement) and their faults.
 */
#include <string.h>

#include "arch/host/host.h"
#include "tests/reference/ref_mmio.h"
#include "transports/mmio/mmio.h"

#define REF_MMIO_VENDOR		0x1af4u
/* 4.2.4: QueueAlign and GuestPageSize until the driver writes them. */
#define DEFAULT_PAGE		4096u
/* QEMU's limit on queue indices (VIRTIO_QUEUE_MAX) that a fault copies. */
#define HIGH_QUEUE_SEL		1024u
#define INT_UNDEFINED_BIT	0x4u
/* 4.2.2: SHMLenLow/High, SHMBaseLow/High; no region exists, so all read -1. */
#define SHM_REGISTERS_FROM	0x0b0u
#define SHM_REGISTERS_TO	0x0bcu

static struct ref_mmio_queue_registers *selected(struct ref_mmio *mm)
{
	return mm->queue_sel < REF_MAX_QUEUES ? &mm->queues[mm->queue_sel] : NULL;
}

static uint16_t selected_index(const struct ref_mmio *mm)
{
	return mm->queue_sel <= 0xffff ? (uint16_t)mm->queue_sel : 0xffff;
}

/* Identification (4.2.2.1: MagicValue 0x74726976, Version 2; 4.2.4: Version 1). */
static uint32_t magic(struct ref_mmio *mm)
{
	bool again = mm->magic_read;

	mm->magic_read = true;
	if (again && mm->dev->fault == REF_FAULT_MMIO_MAGIC_READ_ONCE)
		return 0;
	return VIRTIO_MMIO_MAGIC;
}

/* 4.2.2: DeviceFeatures shows bits DeviceFeaturesSel * 32 and up. */
static uint32_t device_features(struct ref_mmio *mm)
{
	uint32_t select = mm->device_features_sel;

	if (mm->dev->fault == REF_FAULT_MMIO_FEATURE_SELECT_WRAPS && select > 1)
		select = 1;	/* as QEMU 7.2: any non-zero selector is window 1 */
	return ref_reg_device_features(mm->dev, select);
}

static uint32_t queue_num_max(struct ref_mmio *mm)
{
	struct ref_mmio_queue_registers *q = selected(mm);

	if (mm->dev->fault == REF_FAULT_MMIO_QUEUE_NUM_MAX_FOLLOWS_QUEUE_NUM && q && q->num)
		return q->num;
	return ref_reg_queue_max_size(mm->dev, selected_index(mm));
}

static uint32_t queue_ready(struct ref_mmio *mm)
{
	uint16_t index = selected_index(mm);

	if (index >= REF_MAX_QUEUES || mm->dev->fault == REF_FAULT_MMIO_QUEUE_READY_READS_ZERO)
		return 0;
	return mm->dev->queues[index].enabled ||
	       (mm->dev->fault == REF_FAULT_MMIO_QUEUE_READY_KEPT_OVER_RESET &&
		mm->ready_before_reset >> index & 1);
}

/* 4.2.4: "the currently used page number of the queue", 0 for one not in use. */
static uint32_t queue_pfn(struct ref_mmio *mm)
{
	uint16_t index = selected_index(mm);
	const struct ref_queue *q;

	if (index >= REF_MAX_QUEUES || mm->dev->fault == REF_FAULT_MMIO_PFN_READS_ZERO)
		return 0;
	q = &mm->dev->queues[index];
	if (!q->enabled)
		return mm->dev->fault == REF_FAULT_MMIO_PFN_KEPT_OVER_RESET ?
		       mm->pfn_before_reset[index] : 0;
	return (uint32_t)(q->desc_area / mm->guest_page_size);
}

/* 4.2.2.1: each event's bit from the moment it happens until acknowledged; others 0. */
static uint32_t interrupt_status(struct ref_mmio *mm)
{
	uint32_t status = mm->dev->isr & (VIRTIO_MMIO_INT_VRING | VIRTIO_MMIO_INT_CONFIG);

	if (status && mm->dev->fault == REF_FAULT_MMIO_INTERRUPT_STATUS_UNDEFINED_BITS)
		status |= INT_UNDEFINED_BIT;
	return status;
}

static uint32_t register_read(struct ref_mmio *mm, uint32_t offset)
{
	bool v2 = mm->version == 2;

	switch (offset) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return magic(mm);
	case VIRTIO_MMIO_VERSION:
		return mm->version;
	case VIRTIO_MMIO_DEVICE_ID:
		return mm->dev->type->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return REF_MMIO_VENDOR;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return device_features(mm);
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return queue_num_max(mm);
	case VIRTIO_MMIO_QUEUE_PFN:
		return v2 ? 0 : queue_pfn(mm);
	case VIRTIO_MMIO_QUEUE_READY:
		return v2 ? queue_ready(mm) : 0;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		return interrupt_status(mm);
	case VIRTIO_MMIO_STATUS:
		return ref_reg_status(mm->dev);
	case VIRTIO_MMIO_QUEUE_RESET:
		return 0;	/* a queue reset completes at once */
	case VIRTIO_MMIO_CONFIG_GENERATION:
		return v2 ? ref_reg_generation(mm->dev) : 0;
	default:
		return v2 && offset >= SHM_REGISTERS_FROM && offset <= SHM_REGISTERS_TO ?
		       0xffffffffu : 0;
	}
}

static void enable_queue_v2(struct ref_mmio *mm)
{
	struct ref_mmio_queue_registers *q = selected(mm);

	if (q && ref_reg_queue_enable(mm->dev, selected_index(mm), (uint16_t)q->num, q->desc,
				      q->driver, q->device))
		mm->ready_before_reset |= (uint16_t)(1u << mm->queue_sel);
}

/* 4.2.4 and 2.7.2 (legacy layout): one block from the page, used ring at QueueAlign. */
static void enable_queue_v1(struct ref_mmio *mm, uint32_t pfn)
{
	struct ref_mmio_queue_registers *q = selected(mm);
	uint64_t desc = (uint64_t)pfn * mm->guest_page_size, avail, used;
	uint64_t align;

	if (!q)
		return;
	align = q->align && mm->dev->fault != REF_FAULT_MMIO_QUEUE_ALIGN_IGNORED ? q->align :
										 DEFAULT_PAGE;
	avail = desc + 16ull * q->num;
	used = (avail + 6 + 2ull * q->num + align - 1) / align * align;
	if (ref_reg_queue_enable(mm->dev, selected_index(mm), (uint16_t)q->num, desc, avail, used))
		mm->pfn_before_reset[mm->queue_sel] = pfn;
}

/* 4.2.4: writing 0 to QueuePFN stops using the queue (only a Status of 0 resets). */
static void write_pfn(struct ref_mmio *mm, uint32_t pfn)
{
	if (pfn) {
		enable_queue_v1(mm, pfn);
		return;
	}
	if (mm->dev->fault == REF_FAULT_MMIO_PFN_ZERO_RESETS_DEVICE)
		ref_reg_set_status(mm->dev, 0);	/* as QEMU 7.2 */
	else if (mm->dev->fault != REF_FAULT_MMIO_PFN_ZERO_IGNORED)
		ref_reg_queue_disable(mm->dev, selected_index(mm));
}

static void write_queue_ready(struct ref_mmio *mm, uint32_t value)
{
	if (value == 1)
		enable_queue_v2(mm);
	else if (value == 0)
		ref_reg_queue_disable(mm->dev, selected_index(mm));
}

static void write_queue_sel(struct ref_mmio *mm, uint32_t value)
{
	if (value >= HIGH_QUEUE_SEL && mm->dev->fault == REF_FAULT_MMIO_QUEUE_SEL_HIGH_DROPPED)
		return;	/* as QEMU 7.2 */
	mm->queue_sel = value;
}

/* 4.2.2.1: upon reset InterruptStatus reads 0 (a fault keeps the events). */
static void write_status(struct ref_mmio *mm, uint32_t value)
{
	uint8_t events = mm->dev->isr;

	ref_reg_set_status(mm->dev, (uint8_t)value);
	if (!value && mm->dev->fault == REF_FAULT_MMIO_INTERRUPT_STATUS_KEPT_OVER_RESET)
		mm->dev->isr = events;
}

static void write_address(struct ref_mmio *mm, uint32_t offset, uint32_t value)
{
	struct ref_mmio_queue_registers *q = selected(mm);
	uint64_t *field;

	if (!q)
		return;
	field = offset < VIRTIO_MMIO_QUEUE_DRIVER_LOW ? &q->desc :
		offset < VIRTIO_MMIO_QUEUE_DEVICE_LOW ? &q->driver : &q->device;
	if (offset % 8)
		*field = (*field & 0xffffffffull) | (uint64_t)value << 32;
	else
		*field = (*field & ~0xffffffffull) | value;
}

static void register_write_v2(struct ref_mmio *mm, uint32_t offset, uint32_t value)
{
	switch (offset) {
	case VIRTIO_MMIO_QUEUE_READY:
		write_queue_ready(mm, value);
		break;
	case VIRTIO_MMIO_QUEUE_RESET:
		if (value == 1 && mm->dev->fault != REF_FAULT_MMIO_QUEUE_RESET_IGNORED)
			ref_reg_queue_reset(mm->dev, selected_index(mm));
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		write_address(mm, offset, value);
		break;
	default:
		break;
	}
}

static void register_write_v1(struct ref_mmio *mm, uint32_t offset, uint32_t value)
{
	struct ref_mmio_queue_registers *q = selected(mm);

	switch (offset) {
	case VIRTIO_MMIO_GUEST_PAGE_SIZE:
		if (value && !(value & (value - 1)))
			mm->guest_page_size = value;
		break;
	case VIRTIO_MMIO_QUEUE_ALIGN:
		if (q)
			q->align = value;
		break;
	case VIRTIO_MMIO_QUEUE_PFN:
		write_pfn(mm, value);
		break;
	default:
		break;
	}
}

static void register_write(struct ref_mmio *mm, uint32_t offset, uint32_t value)
{
	struct ref_mmio_queue_registers *q = selected(mm);

	switch (offset) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		mm->device_features_sel = value;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		ref_reg_set_driver_features(mm->dev, mm->driver_features_sel, value);
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		mm->driver_features_sel = value;
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		write_queue_sel(mm, value);
		break;
	case VIRTIO_MMIO_QUEUE_NUM:
		if (q)
			q->num = value;
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		/* The queue index, or with NOTIFICATION_DATA vqn | data << 16 (4.2.3.3). */
		ref_reg_queue_notify(mm->dev, (uint16_t)value, value);
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		if (mm->dev->fault != REF_FAULT_MMIO_INTERRUPT_ACK_IGNORED)
			mm->dev->isr &= (uint8_t)~value;
		break;
	case VIRTIO_MMIO_STATUS:
		write_status(mm, value);
		break;
	default:
		if (mm->version == 2)
			register_write_v2(mm, offset, value);
		else
			register_write_v1(mm, offset, value);
	}
}

/*
 * The window: control registers (32-bit, aligned: 4.2.2.2), then the
 * device-specific configuration at 0x100 at any width.
 */
static bool window_offset(const struct ref_mmio *mm, uint64_t address, uint32_t *offset)
{
	if (address < mm->base || address - mm->base >= REF_MMIO_WINDOW_SIZE)
		return false;
	*offset = (uint32_t)(address - mm->base);
	return true;
}

static bool mmio_read(void *model, uint64_t address, int width, uint32_t *value)
{
	struct ref_mmio *mm = model;
	uint32_t offset;

	if (!window_offset(mm, address, &offset))
		return false;
	if (offset >= VIRTIO_MMIO_CONFIG)
		*value = ref_reg_config_read(mm->dev, offset - VIRTIO_MMIO_CONFIG, width);
	else
		*value = width == 4 && offset % 4 == 0 ? register_read(mm, offset) : 0;
	return true;
}

static bool mmio_write(void *model, uint64_t address, int width, uint32_t value)
{
	struct ref_mmio *mm = model;
	uint32_t offset;

	if (!window_offset(mm, address, &offset))
		return false;
	if (offset >= VIRTIO_MMIO_CONFIG)
		ref_reg_config_write(mm->dev, offset - VIRTIO_MMIO_CONFIG, width, value);
	else if (width == 4 && offset % 4 == 0)
		register_write(mm, offset, value);
	return true;
}

static const struct host_bus_device mmio_ops = { .mem_read = mmio_read, .mem_write = mmio_write };

/* 2.4 with 4.2.2.1 / 4.2.4: the transport's registers back to their defaults. */
static void mmio_reset(struct ref_device *dev)
{
	struct ref_mmio *mm = dev->model;

	mm->device_features_sel = mm->driver_features_sel = 0;
	mm->queue_sel = 0;
	memset(mm->queues, 0, sizeof(mm->queues));
	if (dev->fault != REF_FAULT_MMIO_QUEUE_READY_KEPT_OVER_RESET)
		mm->ready_before_reset = 0;
	if (dev->fault != REF_FAULT_MMIO_PFN_KEPT_OVER_RESET)
		memset(mm->pfn_before_reset, 0, sizeof(mm->pfn_before_reset));
}

bool ref_mmio_create(struct ref_mmio *mm, struct ref_device *dev, uint64_t base, uint32_t irq,
		     uint32_t version)
{
	memset(mm, 0, sizeof(*mm));
	mm->dev = dev;
	mm->base = base;
	mm->irq = irq;
	mm->version = version;
	mm->guest_page_size = DEFAULT_PAGE;
	dev->model = mm;
	dev->on_reset = mmio_reset;
	dev->legacy = version == 1;
	/* One wired line, no MSI-X: interrupts are InterruptStatus and the line (4.2.3.4). */
	dev->on_wired_line = true;
	dev->wired_irq = irq;
	dev->intx_enabled = true;
	dev->msix_enabled = false;
	return host_bus_attach(&mmio_ops, mm, 0);
}
