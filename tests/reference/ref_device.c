/*
 * The reference device's life: creation, reset (2.4), what it does at
 * each step while the driver waits, configuration changes (2.5), and the
 * names of its faults.
 */
#include <stdio.h>
#include <string.h>

#include "arch/host/host.h"
#include "tests/reference/ref_device.h"

/* Every 16th step a device with REF_FAULT_SPURIOUS_INTERRUPT interrupts for nothing. */
#define SPURIOUS_INTERRUPT_PERIOD 16

static const char *const fault_names[REF_FAULT_COUNT] = {
	[REF_FAULT_NONE] = "none",
	[REF_FAULT_USED_ID_OUT_OF_RANGE] = "used-id-out-of-range",
	[REF_FAULT_USED_ID_NOT_OUTSTANDING] = "used-id-not-outstanding",
	[REF_FAULT_USED_LEN_TOO_LARGE] = "used-len-too-large",
	[REF_FAULT_USED_IDX_JUMPS] = "used-idx-jumps",
	[REF_FAULT_USED_TWICE] = "used-twice",
	[REF_FAULT_USED_ID_SWAPPED] = "used-id-swapped",
	[REF_FAULT_OUT_OF_ORDER] = "out-of-order",
	[REF_FAULT_WRITES_READABLE] = "writes-readable-buffer",
	[REF_FAULT_WRITES_DESCRIPTOR] = "writes-descriptor",
	[REF_FAULT_PACKED_WRONG_WRAP] = "packed-wrong-wrap",
	[REF_FAULT_PACKED_AVAIL_USED_DIFFER] = "packed-avail-used-differ",
	[REF_FAULT_IGNORES_NOTIFY] = "ignores-notify",
	[REF_FAULT_SHORT_CHAINS_ONLY] = "short-chains-only",
	[REF_FAULT_NO_INDIRECT_AFTER_DIRECT] = "no-indirect-after-direct",
	[REF_FAULT_INDIRECT_WRITE_FLAG_HONOURED] = "indirect-write-flag-honoured",
	[REF_FAULT_INDIRECT_MIXED_REFUSED] = "indirect-mixed-refused",
	[REF_FAULT_RNG_SHORT_WRITE] = "rng-short-write",
	[REF_FAULT_PACKED_ID_FROM_FIRST] = "packed-id-from-first",
	[REF_FAULT_PACKED_WRONG_SKIP] = "packed-wrong-skip",
	[REF_FAULT_PACKED_WRITES_FREE_SLOT] = "packed-writes-free-slot",
	[REF_FAULT_PACKED_DEVICE_EVENT_RESERVED] = "packed-device-event-reserved",
	[REF_FAULT_PACKED_EVENT_DISABLE_STICKS] = "packed-event-disable-sticks",
	[REF_FAULT_MISSING_INTERRUPT] = "missing-interrupt",
	[REF_FAULT_SPURIOUS_INTERRUPT] = "spurious-interrupt",
	[REF_FAULT_IGNORES_SUPPRESSION] = "ignores-suppression",
	[REF_FAULT_EVENT_IDX_OFF_BY_ONE] = "event-idx-off-by-one",
	[REF_FAULT_USED_EVENT_WITHOUT_FEATURE] = "used-event-without-feature",
	[REF_FAULT_USED_FLAGS_RESERVED] = "used-flags-reserved",
	[REF_FAULT_SPURIOUS_NOTIFY_BREAKS] = "spurious-notify-breaks",
	[REF_FAULT_NOTIFICATION_DATA_AS_INDEX] = "notification-data-as-index",
	[REF_FAULT_FEATURES_OK_ACCEPTS_UNOFFERED] = "features-ok-accepts-unoffered",
	[REF_FAULT_FEATURES_OK_REFUSES_SUBSET] = "features-ok-refuses-subset",
	[REF_FAULT_FEATURES_OK_ONLY_ONCE] = "features-ok-only-once",
	[REF_FAULT_STATUS_NOT_ZERO_AFTER_RESET] = "status-not-zero-after-reset",
	[REF_FAULT_DRIVER_OK_NOT_RETAINED] = "driver-ok-not-retained",
	[REF_FAULT_VERSION_1_NOT_OFFERED] = "version-1-not-offered",
	[REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION] = "config-change-without-generation",
	[REF_FAULT_GENERATION_NEVER_STABLE] = "generation-never-stable",
	[REF_FAULT_QUEUE_SIZE_NOT_POWER_OF_TWO] = "queue-size-not-power-of-two",
	[REF_FAULT_QUEUE_SIZE_ZERO] = "queue-size-zero",
	[REF_FAULT_RNG_ZERO_BYTES] = "rng-zero-bytes",
	[REF_FAULT_RNG_CONSTANT_BYTES] = "rng-constant-bytes",
	[REF_FAULT_BLK_LEN_WITHOUT_STATUS] = "blk-len-without-status",
	[REF_FAULT_BLK_BAD_STATUS] = "blk-bad-status",
	[REF_FAULT_BLK_READS_PAST_END] = "blk-reads-past-end",
	[REF_FAULT_BLK_UNKNOWN_TYPE_AS_READ] = "blk-unknown-type-as-read",
	[REF_FAULT_BLK_PADDING_NONZERO] = "blk-padding-nonzero",
	[REF_FAULT_BLK_WCE_WITHOUT_FLUSH] = "blk-wce-without-flush",
	[REF_FAULT_BLK_WRITEBACK_WITHOUT_FLUSH] = "blk-writeback-without-flush",
	[REF_FAULT_BLK_WRITES_DESPITE_RO] = "blk-writes-despite-ro",
	[REF_FAULT_BLK_GET_ID_UNPADDED] = "blk-get-id-unpadded",
	[REF_FAULT_BLK_CAPACITY_ZERO] = "blk-capacity-zero",
	[REF_FAULT_BLK_BAD_BLK_SIZE] = "blk-bad-blk-size",
	[REF_FAULT_BLK_FLUSH_FAILS] = "blk-flush-fails",
	[REF_FAULT_BLK_WRONG_DATA] = "blk-wrong-data",
	[REF_FAULT_BLK_WRITES_LOST] = "blk-writes-lost",
	[REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION] = "config-change-without-notification",
	[REF_FAULT_BLK_RESIZE_IGNORED] = "blk-resize-ignored",
	[REF_FAULT_BLK_GET_ID_WRONG_SERIAL] = "blk-get-id-wrong-serial",
	[REF_FAULT_BLK_DISCARD_SEG_ZERO] = "blk-discard-seg-zero",
	[REF_FAULT_BLK_WRITE_ZEROES_IGNORED] = "blk-write-zeroes-ignored",
	[REF_FAULT_BLK_DISCARD_FAILS] = "blk-discard-fails",
	[REF_FAULT_BLK_DISCARD_ACCEPTS_UNMAP] = "blk-discard-accepts-unmap",
	[REF_FAULT_BLK_MQ_QUEUE1_WRONG_DATA] = "blk-mq-queue1-wrong-data",
	[REF_FAULT_BLK_TOPOLOGY_UNSTABLE] = "blk-topology-unstable",
	[REF_FAULT_USED_IDX_WRAPS_AT_SIZE] = "used-idx-wraps-at-size",
	[REF_FAULT_BLK_SUB_BLOCK_MISPLACED] = "blk-sub-block-misplaced",
	[REF_FAULT_IOMMU_UNDESCRIBED] = "iommu-undescribed",
#define REF_FAULT_NAME(id, name) [REF_FAULT_##id] = name,
	REF_FAULTS_NET(REF_FAULT_NAME)
	REF_FAULTS_CONSOLE(REF_FAULT_NAME)
	REF_FAULTS_BALLOON(REF_FAULT_NAME)
	REF_FAULTS_SCSI(REF_FAULT_NAME)
	REF_FAULTS_PCI(REF_FAULT_NAME)
	REF_FAULTS_MMIO(REF_FAULT_NAME)
	REF_FAULTS_PCI_LEGACY(REF_FAULT_NAME)
	REF_FAULTS_CCW(REF_FAULT_NAME)
#undef REF_FAULT_NAME
};

const char *ref_fault_name(enum ref_fault fault)
{
	if ((unsigned int)fault >= REF_FAULT_COUNT || !fault_names[fault])
		return "?";
	return fault_names[fault];
}

/* What every reference device offers besides its type's bits. */
#define REF_COMMON_FEATURES						\
	((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_INDIRECT_DESC) |	\
	 (1ull << VIRTIO_F_EVENT_IDX) | (1ull << VIRTIO_F_RING_PACKED) |	\
	 (1ull << VIRTIO_F_IN_ORDER) | (1ull << VIRTIO_F_NOTIFICATION_DATA) |	\
	 (1ull << VIRTIO_F_RING_RESET))

/* The machine's IOMMU as the kernel's virtio core sees it (struct virtio_iommu). */
static uint64_t iommu_bus_address(const struct virtio_iommu *iommu, uint64_t physical,
				  size_t size)
{
	(void)iommu;
	(void)size;
	return physical + REF_IOMMU_BUS_OFFSET;
}

static const struct virtio_iommu machine_iommu = { .bus_address = iommu_bus_address };

bool ref_bus_to_host(struct ref_device *dev, uint64_t bus, uint64_t size, uint64_t *host)
{
	if (!dev->access_platform || !ref_negotiated(dev, VIRTIO_F_ACCESS_PLATFORM)) {
		*host = bus;
		return true;
	}
	if (bus < REF_IOMMU_BUS_OFFSET || size > UINT64_MAX - bus) {
		snprintf(dev->driver_error, sizeof(dev->driver_error),
			 "bus address %#llx (+%llu bytes) is not mapped by the IOMMU: "
			 "an address the driver did not translate", (unsigned long long)bus,
			 (unsigned long long)size);
		return false;
	}
	*host = bus - REF_IOMMU_BUS_OFFSET;
	return true;
}

void ref_device_init(struct ref_device *dev, const struct ref_device_type *type,
		     const char *name, const struct ref_options *options)
{
	memset(dev, 0, sizeof(*dev));
	dev->type = type;
	if (options) {
		dev->fault = options->fault;
		dev->behaviour = options->behaviour;
		dev->read_only = options->read_only;
		dev->access_platform = options->access_platform;
		dev->block_size = options->block_size;
	}
	dev->offered = REF_COMMON_FEATURES | type->features;
	if (dev->access_platform)
		dev->offered |= VIRTIO_PLATFORM_FEATURES;
	/* What an IOMMU driver would do once it attached the device. */
	if (dev->access_platform && dev->fault != REF_FAULT_IOMMU_UNDESCRIBED)
		dev->vdev.iommu = &machine_iommu;
	if (dev->fault == REF_FAULT_VERSION_1_NOT_OFFERED)
		dev->offered &= ~(1ull << VIRTIO_F_VERSION_1);
	dev->rng_state = 0x9e3779b9u;
	snprintf(dev->vdev.name, sizeof(dev->vdev.name), "%s", name);
	snprintf(dev->vdev.location, sizeof(dev->vdev.location), "reference");
	snprintf(dev->vdev.hardware_id, sizeof(dev->vdev.hardware_id), "1af4:%04x",
		 0x1040u + type->device_id);
	dev->vdev.device_type = type->device_id;
	dev->vdev.ops = &ref_transport_ops;
	dev->vdev.transport = dev;
	dev->vdev.irq_mode = VIRTIO_IRQ_POLL;
	if (type->init)
		type->init(dev);
	ref_device_reset(dev);
}

/* 2.4: status, features, queues and pending interrupts back to their initial state. */
void ref_device_reset(struct ref_device *dev)
{
	dev->status = 0;
	dev->driver_features = 0;
	dev->isr = 0;
	dev->driver_error[0] = '\0';
	memset(dev->queues, 0, sizeof(dev->queues));
	for (int i = 0; i < REF_MAX_QUEUES; i++)
		dev->queues[i].msix_entry = REF_NO_VECTOR;
	if (dev->type->reset)
		dev->type->reset(dev);
	if (dev->on_reset)
		dev->on_reset(dev);
}

void ref_device_send_msix(struct ref_device *dev, uint16_t entry)
{
	/* 4.1.5.4: none mapped, none sent. */
	if (entry >= REF_MSIX_ENTRIES)
		return;
	/* PCI MSI-X: a masked vector's message waits in its pending bit until unmasked. */
	if (dev->msix_table[entry].masked || dev->msix_function_masked) {
		dev->msix_table[entry].pending = true;
		return;
	}
	host_msi_signal(dev->msix_table[entry].address, dev->msix_table[entry].data);
}

void ref_device_assert_line(struct ref_device *dev)
{
	if (!dev->intx_enabled)
		return;
	if (dev->on_wired_line)
		host_wired_signal(dev->wired_irq);
	else
		host_intx_signal();
}

/*
 * Whether the device processes its queues: once DRIVER_OK is set, or
 * through a legacy interface as soon as they are set up ("Legacy
 * Interface: Device Initialization": the device MUST support the driver
 * using it before DRIVER_OK); never while it needs a reset.
 */
static bool device_live(const struct ref_device *dev)
{
	if (dev->status & VIRTIO_STATUS_NEEDS_RESET)
		return false;
	if (dev->legacy && dev->fault != REF_FAULT_LEGACY_WAITS_FOR_DRIVER_OK)
		return true;
	return dev->status & VIRTIO_STATUS_DRIVER_OK;
}

void ref_config_changed(struct ref_device *dev, bool bump_generation)
{
	if (bump_generation)
		dev->generation++;
	if (!(dev->status & VIRTIO_STATUS_DRIVER_OK))
		return;	/* 4.1.4.5: configuration notifications only once the driver is live */
	dev->interrupts_sent++;
	if (dev->on_notify) {
		dev->on_notify(dev, -1);
		return;
	}
	if (dev->msix_enabled) {
		ref_device_send_msix(dev, dev->config_msix_entry);
		return;
	}
	dev->isr |= VIRTIO_ISR_CONFIG;
	ref_device_assert_line(dev);
}

void ref_device_step(struct ref_device *dev)
{
	dev->steps++;
	if (!device_live(dev))
		return;
	if (dev->type->step)
		dev->type->step(dev);
	for (uint16_t i = 0; i < REF_MAX_QUEUES; i++) {
		struct ref_queue *q = &dev->queues[i];
		bool waiting = dev->type->has_data && ref_queue_more(dev, i) &&
			       dev->type->has_data(dev, i);

		if (q->enabled && (q->notified || waiting)) {
			q->notified = false;
			ref_queue_process(dev, i);
		}
	}
	if (dev->fault == REF_FAULT_SPURIOUS_INTERRUPT && dev->queues[0].enabled &&
	    dev->steps % SPURIOUS_INTERRUPT_PERIOD == 0)
		ref_queue_interrupt(dev, 0);
	/*
	 * INTx and wired lines are level-triggered: asserted while ISR status
	 * is not 0 (a fault keeps the line asserted once it was raised).
	 */
	if (dev->isr || (dev->fault == REF_FAULT_MMIO_LINE_WITHOUT_STATUS && dev->interrupts_sent))
		ref_device_assert_line(dev);
}
