/*
 * A virtio-mmio register block in front of a reference device (4.2):
 * version 2 (QueueReady, 64-bit queue addresses, ConfigGeneration,
 * QueueReset) or version 1, the legacy layout (4.2.4: GuestPageSize,
 * QueueAlign, QueuePFN). It sits in a platform window of the host's
 * register space with a wired interrupt line (arch/host/host_bus.c), so
 * the kernel's transports/mmio drives it. Faults: ref_faults_mmio.h.
 */
#ifndef VCTS_REF_MMIO_H
#define VCTS_REF_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/reference/ref_device.h"

/* The registers (0x100) and the largest configuration space. */
#define REF_MMIO_WINDOW_SIZE	0x200u

struct ref_mmio_queue_registers {
	uint32_t num;			/* QueueNum */
	uint32_t align;			/* QueueAlign (version 1) */
	uint64_t desc, driver, device;	/* version 2 */
};

struct ref_mmio {
	struct ref_device *dev;
	uint64_t base;
	uint32_t irq;
	uint32_t version;
	uint32_t device_features_sel, driver_features_sel;
	uint32_t queue_sel;
	uint32_t guest_page_size;	/* version 1 */
	struct ref_mmio_queue_registers queues[REF_MAX_QUEUES];
	/* What some faults remember across a reset. */
	uint16_t ready_before_reset;
	uint32_t pfn_before_reset[REF_MAX_QUEUES];
	bool magic_read;
};

/* Places @dev's registers at @base with line @irq, and attaches them to the host bus. */
bool ref_mmio_create(struct ref_mmio *mm, struct ref_device *dev, uint64_t base, uint32_t irq,
		     uint32_t version);

#endif
