/*
 * The virtio 1.x PCI interface of a reference PCI function (4.1.4): the
 * vendor capabilities in configuration space, and behind them, in one
 * 64-bit memory BAR, the common configuration (4.1.4.3), the ISR status
 * (4.1.4.5), the device-specific configuration (4.1.4.6) and the
 * notification area (4.1.4.4), laid out as QEMU lays them out (one 4 KiB
 * page each). What a register access does to the device itself is
 * ref_registers.c's; this file is the layout and the registers that
 * belong to the interface (selectors, queue set-up, MSI-X vector
 * mapping), with the faults of the PCI layout and common configuration.
 */
#include "pci/pci.h"
#include "tests/reference/ref_pci.h"
#include "transports/pci-modern/pci_modern.h"

#define MODERN_BAR_SIZE		0x4000u
#define COMMON_AT		0x0000u
#define COMMON_LENGTH		64u	/* through queue_reset (4.1.4.3), padded */
#define ISR_AT			0x1000u
#define ISR_LENGTH		4u
#define DEVICE_AT		0x2000u
#define NOTIFY_AT		0x3000u
/* 4 bytes per queue: a power of 2 and a multiple of 4 (NOTIFICATION_DATA, 4.1.4.4.1). */
#define NOTIFY_MULTIPLIER	4u
#define CAP_LENGTH		16u
#define CAP_LENGTH_EXTENDED	20u	/* notify and pci_cfg: one more dword */
#define CAP_BAR			4
#define CAP_OFFSET		8
#define CAP_LENGTH_FIELD	12
#define CAP_EXTRA		16

static uint32_t notify_multiplier(const struct ref_pci_function *fn)
{
	return fn->dev->fault == REF_FAULT_PCI_NOTIFY_MULTIPLIER_TWO ? 2 : NOTIFY_MULTIPLIER;
}

/* Queue registers: the selected queue's, or none past the device's queues. */

static uint16_t queue_size_register(struct ref_pci_function *fn, uint16_t index)
{
	struct ref_device *dev = fn->dev;

	if (index >= REF_MAX_QUEUES)
		return 0;
	if (index >= dev->type->queue_count &&
	    dev->fault == REF_FAULT_PCI_QUEUE_SIZE_PAST_NUM_QUEUES)
		return REF_QUEUE_MAX_SIZE;
	if (dev->queues[index].enabled)
		return dev->queues[index].size;
	/* "On reset, specifies the maximum queue size supported by the device." */
	return fn->modern.queues[index].size ? fn->modern.queues[index].size :
					       ref_reg_queue_max_size(dev, index);
}

static uint16_t queue_enable_register(struct ref_pci_function *fn, uint16_t index)
{
	if (index >= REF_MAX_QUEUES || fn->modern.reset_but_serving >> index & 1)
		return 0;
	return fn->dev->queues[index].enabled ||
	       (fn->dev->fault == REF_FAULT_PCI_QUEUE_ENABLE_KEPT_OVER_RESET &&
		fn->modern.enabled_before_reset >> index & 1);
}

static uint64_t *queue_address(struct ref_pci_function *fn, uint32_t offset)
{
	uint16_t index = fn->modern.queue_select;

	if (index >= REF_MAX_QUEUES)
		return NULL;
	if (offset < COMMON_QUEUE_DRIVER)
		return &fn->modern.queues[index].desc;
	if (offset < COMMON_QUEUE_DEVICE)
		return &fn->modern.queues[index].driver;
	return &fn->modern.queues[index].device;
}

static uint32_t device_feature(struct ref_pci_function *fn)
{
	uint32_t select = fn->modern.device_feature_select;

	if (fn->dev->fault == REF_FAULT_PCI_FEATURE_SELECT_WRAPS && select > 1)
		select &= 1;
	return ref_reg_device_features(fn->dev, select);
}

static uint32_t driver_feature(struct ref_pci_function *fn)
{
	if (fn->dev->fault == REF_FAULT_PCI_DRIVER_FEATURE_READS_ZERO)
		return 0;
	return ref_reg_driver_features(fn->dev, fn->modern.driver_feature_select);
}

static uint32_t common_read(struct ref_pci_function *fn, uint32_t offset)
{
	struct ref_device *dev = fn->dev;
	uint16_t index = fn->modern.queue_select;
	uint64_t *address;

	switch (offset) {
	case COMMON_DEVICE_FEATURE_SELECT:
		return fn->modern.device_feature_select;
	case COMMON_DEVICE_FEATURE:
		return device_feature(fn);
	case COMMON_DRIVER_FEATURE_SELECT:
		return fn->modern.driver_feature_select;
	case COMMON_DRIVER_FEATURE:
		return driver_feature(fn);
	case COMMON_CONFIG_MSIX_VECTOR:
		return fn->config_vector;
	case COMMON_NUM_QUEUES:
		return dev->type->queue_count;
	case COMMON_DEVICE_STATUS:
		return ref_reg_status(dev);
	case COMMON_CONFIG_GENERATION:
		return (uint8_t)ref_reg_generation(dev);
	case COMMON_QUEUE_SELECT:
		return index;
	case COMMON_QUEUE_SIZE:
		return queue_size_register(fn, index);
	case COMMON_QUEUE_MSIX_VECTOR:
		return index < REF_MAX_QUEUES ? fn->queue_vectors[index] : REF_NO_VECTOR;
	case COMMON_QUEUE_ENABLE:
		return queue_enable_register(fn, index);
	case COMMON_QUEUE_NOTIFY_OFF:
		return index;
	case COMMON_QUEUE_RESET:
		return 0;	/* a queue reset completes at once */
	default:
		break;
	}
	if (offset < COMMON_QUEUE_DESC || offset >= COMMON_CFG_SIZE_1_0)
		return 0;
	address = queue_address(fn, offset);
	if (!address)
		return 0;
	return offset % 8 ? (uint32_t)(*address >> 32) : (uint32_t)*address;
}

static void enable_queue(struct ref_pci_function *fn, uint16_t index)
{
	struct ref_device *dev = fn->dev;
	uint16_t size;

	if (index >= REF_MAX_QUEUES || !ref_reg_queue_exists(dev, index))
		return;
	size = fn->modern.queues[index].size ? fn->modern.queues[index].size :
					       ref_reg_queue_max_size(dev, index);
	fn->modern.reset_but_serving &= (uint16_t)~(1u << index);
	if (ref_reg_queue_enable(dev, index, size, fn->modern.queues[index].desc,
				 fn->modern.queues[index].driver, fn->modern.queues[index].device))
		fn->modern.enabled_before_reset |= (uint16_t)(1u << index);
}

/*
 * 4.1.4.3: queue_reset; the queue's registers go back to their defaults.
 * A fault presents the reset as done (queue_enable 0) but the device goes
 * on serving the old rings until the driver enables the queue again.
 */
static void reset_queue(struct ref_pci_function *fn, uint16_t index)
{
	if (index >= REF_MAX_QUEUES)
		return;
	if (fn->dev->fault == REF_FAULT_PCI_QUEUE_RESET_KEEPS_RING &&
	    ref_negotiated(fn->dev, VIRTIO_F_RING_RESET)) {
		fn->modern.reset_but_serving |= (uint16_t)(1u << index);
		return;
	}
	if (!ref_reg_queue_reset(fn->dev, index))
		return;
	fn->modern.queues[index] = (struct ref_pci_queue_registers){ 0 };
	fn->queue_vectors[index] = REF_NO_VECTOR;
	ref_pci_sync_vectors(fn);
}

static void write_queue_register(struct ref_pci_function *fn, uint32_t offset, uint32_t value)
{
	uint16_t index = fn->modern.queue_select;
	uint64_t *address;

	if (index >= REF_MAX_QUEUES || queue_enable_register(fn, index))
		return;	/* the driver MUST configure a queue before enabling it */
	if (offset == COMMON_QUEUE_SIZE) {
		fn->modern.queues[index].size = (uint16_t)value;
		return;
	}
	address = queue_address(fn, offset);
	if (offset % 8)
		*address = (*address & 0xffffffffull) | (uint64_t)value << 32;
	else
		*address = (*address & ~0xffffffffull) | value;
}

static void common_write(struct ref_pci_function *fn, uint32_t offset, uint32_t value)
{
	struct ref_device *dev = fn->dev;
	uint16_t index = fn->modern.queue_select;

	switch (offset) {
	case COMMON_DEVICE_FEATURE_SELECT:
		fn->modern.device_feature_select = value;
		return;
	case COMMON_DRIVER_FEATURE_SELECT:
		fn->modern.driver_feature_select = value;
		return;
	case COMMON_DRIVER_FEATURE:
		ref_reg_set_driver_features(dev, fn->modern.driver_feature_select, value);
		return;
	case COMMON_CONFIG_MSIX_VECTOR:
		fn->config_vector = ref_pci_msix_map(fn, (uint16_t)value);
		ref_pci_sync_vectors(fn);
		return;
	case COMMON_DEVICE_STATUS:
		ref_reg_set_status(dev, (uint8_t)value);
		return;
	case COMMON_QUEUE_SELECT:
		fn->modern.queue_select = (uint16_t)value;
		return;
	case COMMON_QUEUE_MSIX_VECTOR:
		if (index < REF_MAX_QUEUES && ref_reg_queue_exists(dev, index))
			fn->queue_vectors[index] = ref_pci_msix_map(fn, (uint16_t)value);
		ref_pci_sync_vectors(fn);
		return;
	case COMMON_QUEUE_ENABLE:
		if (value == 1)
			enable_queue(fn, index);
		return;
	case COMMON_QUEUE_RESET:
		if (value == 1)
			reset_queue(fn, index);
		return;
	default:
		break;
	}
	if (offset == COMMON_QUEUE_SIZE ||
	    (offset >= COMMON_QUEUE_DESC && offset < COMMON_CFG_SIZE_1_0))
		write_queue_register(fn, offset, value);
}

/*
 * The BAR: each structure at its page. Fields are decoded by their
 * offset; the driver accesses them with their own width (4.1.3.1), and
 * 64-bit ones as two 32-bit halves.
 */
static uint32_t modern_bar_read(struct ref_pci_function *fn, uint32_t offset, int width)
{
	fn->dev->legacy = false;
	if (offset < COMMON_AT + COMMON_LENGTH)
		return common_read(fn, offset - COMMON_AT);
	if (offset >= ISR_AT && offset < ISR_AT + ISR_LENGTH)
		return offset == ISR_AT ? ref_reg_isr_read(fn->dev) : 0;
	if (offset >= DEVICE_AT && offset < DEVICE_AT + fn->dev->type->config_size)
		return ref_reg_config_read(fn->dev, offset - DEVICE_AT, width);
	return 0;
}

static void notify(struct ref_pci_function *fn, uint32_t offset, uint32_t value)
{
	uint32_t queue = offset / notify_multiplier(fn);

	/* The address names the queue (4.1.5.2); the value must agree, or carry data (2.9). */
	if (queue < REF_MAX_QUEUES)
		ref_reg_queue_notify(fn->dev, (uint16_t)queue, value);
}

static void modern_bar_write(struct ref_pci_function *fn, uint32_t offset, int width,
			     uint32_t value)
{
	fn->dev->legacy = false;
	if (offset < COMMON_AT + COMMON_LENGTH)
		common_write(fn, offset - COMMON_AT, value);
	else if (offset >= DEVICE_AT && offset < DEVICE_AT + fn->dev->type->config_size)
		ref_reg_config_write(fn->dev, offset - DEVICE_AT, width, value);
	else if (offset >= NOTIFY_AT && offset < NOTIFY_AT + NOTIFY_MULTIPLIER * REF_MAX_QUEUES)
		notify(fn, offset - NOTIFY_AT, value);
}

static const struct ref_pci_bar_ops modern_bar_ops = { modern_bar_read, modern_bar_write };

/* 4.1.4.9: cap.bar, cap.offset and cap.length select what pci_cfg_data reaches. */
static void window_target(const struct ref_pci_function *fn, int *bar, uint32_t *offset,
			  int *length)
{
	uint8_t at = fn->pci_cfg_cap;

	*bar = (int)ref_pci_config_get(fn, (uint16_t)(at + CAP_BAR), 1);
	*offset = ref_pci_config_get(fn, (uint16_t)(at + CAP_OFFSET), 4);
	*length = (int)ref_pci_config_get(fn, (uint16_t)(at + CAP_LENGTH_FIELD), 4);
	if (fn->dev->fault == REF_FAULT_PCI_CFG_WINDOW_IGNORES_OFFSET)
		*offset = 0;
}

uint32_t ref_pci_modern_cfg_window_read(struct ref_pci_function *fn)
{
	int bar, length;
	uint32_t offset;

	window_target(fn, &bar, &offset, &length);
	if (length != 1 && length != 2 && length != 4)
		return 0;
	return ref_pci_bar_read(fn, bar, offset, length);
}

void ref_pci_modern_cfg_window_write(struct ref_pci_function *fn, uint32_t value)
{
	int bar, length;
	uint32_t offset;

	window_target(fn, &bar, &offset, &length);
	if (length == 1 || length == 2 || length == 4)
		ref_pci_bar_write(fn, bar, offset, length, value);
}

/* One struct virtio_pci_cap (4.1.4) pointing into the modern BAR. */
static uint8_t add_virtio_cap(struct ref_pci_function *fn, uint8_t type, uint8_t length,
			      uint32_t offset, uint32_t size)
{
	uint8_t at = ref_pci_add_capability(fn, PCI_CAP_ID_VENDOR, length);

	ref_pci_config_put(fn, (uint16_t)(at + 2), 1, length);
	ref_pci_config_put(fn, (uint16_t)(at + 3), 1, type);
	ref_pci_config_put(fn, (uint16_t)(at + CAP_BAR), 1, REF_PCI_MODERN_BAR);
	ref_pci_config_put(fn, (uint16_t)(at + CAP_OFFSET), 4, offset);
	ref_pci_config_put(fn, (uint16_t)(at + CAP_LENGTH_FIELD), 4, size);
	return at;
}

static void add_notify_cap(struct ref_pci_function *fn)
{
	uint32_t length = NOTIFY_MULTIPLIER * REF_MAX_QUEUES;
	uint8_t at;

	if (fn->dev->fault == REF_FAULT_PCI_NOTIFY_TOO_SHORT)
		length = 2;	/* queue 0's notification only */
	at = add_virtio_cap(fn, VIRTIO_PCI_CAP_NOTIFY_CFG, CAP_LENGTH_EXTENDED, NOTIFY_AT, length);
	ref_pci_config_put(fn, (uint16_t)(at + CAP_EXTRA), 4, notify_multiplier(fn));
}

/* 4.1.4.9: the window's bar, offset and length are the driver's to write. */
static void add_pci_cfg_cap(struct ref_pci_function *fn)
{
	uint8_t at = add_virtio_cap(fn, VIRTIO_PCI_CAP_PCI_CFG, CAP_LENGTH_EXTENDED, 0, 0);

	ref_pci_config_put(fn, (uint16_t)(at + CAP_BAR), 1, 0);
	ref_pci_config_writable(fn, (uint16_t)(at + CAP_BAR), 1, 0xff);
	ref_pci_config_writable(fn, (uint16_t)(at + CAP_OFFSET), 4, 0xffffffffu);
	ref_pci_config_writable(fn, (uint16_t)(at + CAP_LENGTH_FIELD), 4, 0xffffffffu);
	fn->pci_cfg_cap = at;
}

void ref_pci_modern_init(struct ref_pci_function *fn)
{
	struct ref_device *dev = fn->dev;
	uint32_t device_length = dev->type->config_size;

	fn->bars[REF_PCI_MODERN_BAR] = (struct ref_pci_bar){ .size = MODERN_BAR_SIZE,
							     .is_64bit = true,
							     .ops = &modern_bar_ops };
	add_virtio_cap(fn, VIRTIO_PCI_CAP_COMMON_CFG, CAP_LENGTH, COMMON_AT, COMMON_LENGTH);
	add_notify_cap(fn);
	add_virtio_cap(fn, VIRTIO_PCI_CAP_ISR_CFG, CAP_LENGTH, ISR_AT, ISR_LENGTH);
	if (dev->fault == REF_FAULT_PCI_DEVICE_CFG_OUTSIDE_BAR)
		device_length = MODERN_BAR_SIZE;	/* from 0x2000: past the BAR's end */
	/* 4.1.4.6: only a type with a device-specific configuration has one. */
	if (device_length)
		add_virtio_cap(fn, VIRTIO_PCI_CAP_DEVICE_CFG, CAP_LENGTH, DEVICE_AT, device_length);
	if (dev->fault != REF_FAULT_PCI_NO_CFG_ACCESS_CAPABILITY)
		add_pci_cfg_cap(fn);
	ref_pci_modern_reset(fn);
}

/* 2.4: selectors and queue registers back to their defaults (vectors: ref_pci.c). */
void ref_pci_modern_reset(struct ref_pci_function *fn)
{
	fn->modern.device_feature_select = fn->modern.driver_feature_select = 0;
	fn->modern.queue_select = 0;
	for (int i = 0; i < REF_MAX_QUEUES; i++)
		fn->modern.queues[i] = (struct ref_pci_queue_registers){ 0 };
	fn->modern.reset_but_serving = 0;
	if (fn->dev->fault != REF_FAULT_PCI_QUEUE_ENABLE_KEPT_OVER_RESET)
		fn->modern.enabled_before_reset = 0;
}
