/*
 * The legacy interface of a transitional reference PCI function: the
 * header in I/O BAR 0 ("Legacy Interfaces: A Note on PCI Device Layout"),
 * one page frame number per queue with the legacy ring layout at an
 * alignment of 4096 ("Legacy Interface: A Note on Virtqueue
 * Configuration"), queue sizes the driver cannot change, the two MSI-X
 * vector registers that exist only while MSI-X is enabled, and the
 * device-specific configuration right after them, readable at any width.
 * Using these registers puts the device in legacy mode (dev->legacy).
 */
#include "tests/reference/ref_pci.h"
#include "transports/pci-legacy/pci_legacy.h"

/* The header (20 bytes), the vectors (4) and the largest configuration (blk: 60). */
#define LEGACY_BAR_MIN		32u
/* 2.7.2 Legacy Interfaces: the used ring starts at this alignment. */
#define LEGACY_ALIGN		4096u

uint16_t ref_pci_transitional_id(uint32_t type)
{
	switch (type) {
	case VIRTIO_ID_NET:
		return 0x1000;
	case VIRTIO_ID_BLOCK:
		return 0x1001;
	case VIRTIO_ID_BALLOON:
		return 0x1002;
	case VIRTIO_ID_CONSOLE:
		return 0x1003;
	case VIRTIO_ID_SCSI:
		return 0x1004;
	case VIRTIO_ID_RNG:
		return 0x1005;
	default:
		return 0;
	}
}

/* "once you enable MSI-X on the device, the other fields move" */
static uint32_t config_start(const struct ref_pci_function *fn)
{
	if (fn->dev->fault == REF_FAULT_LEGACY_CONFIG_STAYS_AT_20)
		return LEGACY_CONFIG;
	return ref_pci_msix_enabled(fn) ? LEGACY_CONFIG_MSIX : LEGACY_CONFIG;
}

/*
 * Any width, the same bytes as the natural access (the note on the
 * layout): byte by byte, 0 past the device's configuration.
 */
static uint32_t config_read(struct ref_pci_function *fn, uint32_t offset, int width)
{
	struct ref_device *dev = fn->dev;
	uint32_t value = 0;

	if (offset + (uint32_t)width <= dev->type->config_size && (width != 1 ||
	    dev->fault != REF_FAULT_LEGACY_CONFIG_BYTE_READS_WRONG))
		return ref_reg_config_read(dev, offset, width);
	for (int i = 0; i < width; i++) {
		uint32_t at = offset + (uint32_t)i;

		if (dev->fault == REF_FAULT_LEGACY_CONFIG_BYTE_READS_WRONG)
			at ^= 1;	/* the other byte of its 16-bit half */
		if (at < dev->type->config_size)
			value |= ref_reg_config_read(dev, at, 1) << (8 * i);
	}
	return value;
}

/* The block the driver gave as a page number: descriptors, available ring, used ring. */
static void enable_queue(struct ref_pci_function *fn, uint16_t index, uint32_t pfn)
{
	struct ref_device *dev = fn->dev;
	uint16_t size = ref_reg_queue_max_size(dev, index);
	uint64_t desc = (uint64_t)pfn << LEGACY_PFN_SHIFT;
	uint64_t avail = desc + 16ull * size;
	uint64_t used = (avail + 6 + 2ull * size + LEGACY_ALIGN - 1) / LEGACY_ALIGN * LEGACY_ALIGN;

	if (index < REF_MAX_QUEUES && ref_reg_queue_enable(dev, index, size, desc, avail, used))
		fn->legacy.pfn_before_reset[index] = pfn;
}

static uint32_t queue_pfn(struct ref_pci_function *fn)
{
	uint16_t index = fn->legacy.queue_select;
	const struct ref_queue *q;

	if (index >= REF_MAX_QUEUES)
		return 0;
	q = &fn->dev->queues[index];
	if (!q->enabled)
		return fn->dev->fault == REF_FAULT_LEGACY_PFN_KEPT_OVER_RESET ?
		       fn->legacy.pfn_before_reset[index] : 0;
	return (uint32_t)(q->desc_area >> LEGACY_PFN_SHIFT);
}

static uint16_t queue_vector(const struct ref_pci_function *fn)
{
	uint16_t index = fn->legacy.queue_select;

	return index < REF_MAX_QUEUES ? fn->queue_vectors[index] : REF_NO_VECTOR;
}

static uint32_t header_read(struct ref_pci_function *fn, uint32_t offset)
{
	struct ref_device *dev = fn->dev;

	switch (offset) {
	case LEGACY_DEVICE_FEATURES:
		return ref_reg_device_features(dev, 0);
	case LEGACY_DRIVER_FEATURES:
		return dev->fault == REF_FAULT_LEGACY_DRIVER_FEATURES_READ_ZERO ? 0 :
		       ref_reg_driver_features(dev, 0);
	case LEGACY_QUEUE_PFN:
		return queue_pfn(fn);
	case LEGACY_QUEUE_SIZE:
		if (dev->fault == REF_FAULT_LEGACY_QUEUE_SIZE_WRITABLE && fn->legacy.written_size)
			return fn->legacy.written_size;
		return ref_reg_queue_max_size(dev, fn->legacy.queue_select);
	case LEGACY_QUEUE_SELECT:
		return fn->legacy.queue_select;
	case LEGACY_DEVICE_STATUS:
		return ref_reg_status(dev);
	case LEGACY_ISR:
		return ref_reg_isr_read(dev);
	default:
		return 0;
	}
}

static void header_write(struct ref_pci_function *fn, uint32_t offset, uint32_t value)
{
	struct ref_device *dev = fn->dev;

	switch (offset) {
	case LEGACY_DRIVER_FEATURES:
		ref_reg_set_driver_features(dev, 0, value);
		break;
	case LEGACY_QUEUE_PFN:
		if (value)
			enable_queue(fn, fn->legacy.queue_select, value);
		else
			ref_reg_queue_disable(dev, fn->legacy.queue_select);
		break;
	case LEGACY_QUEUE_SIZE:	/* read-only: "no mechanism to negotiate the queue size" */
		fn->legacy.written_size = (uint16_t)value;
		break;
	case LEGACY_QUEUE_SELECT:
		fn->legacy.queue_select = (uint16_t)value;
		break;
	case LEGACY_QUEUE_NOTIFY:
		ref_reg_queue_notify(dev, (uint16_t)value, (uint16_t)value);
		break;
	case LEGACY_DEVICE_STATUS:
		ref_reg_set_status(dev, (uint8_t)value);
		break;
	default:
		break;
	}
}

static uint32_t vector_read(struct ref_pci_function *fn, uint32_t offset)
{
	return offset == LEGACY_CONFIG_VECTOR ? fn->config_vector : queue_vector(fn);
}

static void vector_write(struct ref_pci_function *fn, uint32_t offset, uint32_t value)
{
	uint16_t index = fn->legacy.queue_select;
	uint16_t entry = ref_pci_msix_map(fn, (uint16_t)value);

	if (offset == LEGACY_CONFIG_VECTOR)
		fn->config_vector = entry;
	else if (index < REF_MAX_QUEUES && ref_reg_queue_exists(fn->dev, index))
		fn->queue_vectors[index] = entry;
	ref_pci_sync_vectors(fn);
}

static bool is_vector(const struct ref_pci_function *fn, uint32_t offset)
{
	return config_start(fn) == LEGACY_CONFIG_MSIX && offset >= LEGACY_CONFIG_VECTOR &&
	       offset < LEGACY_CONFIG_MSIX;
}

static uint32_t legacy_bar_read(struct ref_pci_function *fn, uint32_t offset, int width)
{
	fn->dev->legacy = true;
	if (offset >= config_start(fn))
		return config_read(fn, offset - config_start(fn), width);
	if (is_vector(fn, offset))
		return vector_read(fn, offset);
	return header_read(fn, offset);
}

static void legacy_bar_write(struct ref_pci_function *fn, uint32_t offset, int width,
			     uint32_t value)
{
	fn->dev->legacy = true;
	if (offset >= config_start(fn))
		ref_reg_config_write(fn->dev, offset - config_start(fn), width, value);
	else if (is_vector(fn, offset))
		vector_write(fn, offset, value);
	else
		header_write(fn, offset, value);
}

static const struct ref_pci_bar_ops legacy_bar_ops = { legacy_bar_read, legacy_bar_write };

/* An I/O BAR holding the header, the vectors and the configuration, a power of two. */
void ref_pci_legacy_init(struct ref_pci_function *fn)
{
	uint32_t size = LEGACY_BAR_MIN;

	while (size < LEGACY_CONFIG_MSIX + fn->dev->type->config_size)
		size *= 2;
	fn->bars[LEGACY_BAR] = (struct ref_pci_bar){
		.size = size, .io = fn->dev->fault != REF_FAULT_LEGACY_BAR0_MEMORY,
		.ops = &legacy_bar_ops,
	};
	ref_pci_legacy_reset(fn);
}

/* 2.4: writing 0 to status resets the device, and every queue address with it. */
void ref_pci_legacy_reset(struct ref_pci_function *fn)
{
	fn->legacy.queue_select = 0;
	fn->legacy.written_size = 0;
}
