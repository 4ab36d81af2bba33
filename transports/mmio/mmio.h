/*
 * The virtio-mmio transport (4.2): version 1 (legacy: GuestPageSize,
 * QueueAlign, QueuePFN) and version 2 (QueueReady, 64-bit queue
 * addresses, ConfigGeneration), one ops table each ("mmio-v1",
 * "mmio-v2"). One wired interrupt per transport, acknowledged through
 * InterruptACK; polling when the kernel cannot route the line.
 */
#ifndef VCTS_MMIO_H
#define VCTS_MMIO_H

#include "arch/arch.h"
#include "virtio/virtio.h"

/* 4.2.2 MMIO Device Register Layout (offsets from the window's base) */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE	0x028	/* legacy */
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_ALIGN		0x03c	/* legacy */
#define VIRTIO_MMIO_QUEUE_PFN		0x040	/* legacy */
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW	0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH	0x0a4
#define VIRTIO_MMIO_SHM_SEL		0x0ac
#define VIRTIO_MMIO_QUEUE_RESET		0x0c0	/* with VIRTIO_F_RING_RESET */
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC		0x74726976u	/* "virt" */
#define VIRTIO_MMIO_INT_VRING		0x1
#define VIRTIO_MMIO_INT_CONFIG		0x2

/* The page size the kernel writes to GuestPageSize and QueueAlign (legacy). */
#define VIRTIO_MMIO_LEGACY_PAGE		4096u
/* 2.7: the largest split virtqueue. */
#define VIRTIO_MMIO_MAX_QUEUE_SIZE	32768u

struct virtio_mmio {
	uintptr_t base;
	uint32_t window_size;		/* registers and device configuration */
	uint32_t irq;			/* the line the platform says it uses */
	uint32_t version;		/* 1 (legacy) or 2, as probed */
	uint32_t device_id;
	uint32_t vendor_id;
	bool irq_registered;
	int irq_error;			/* the last arch_wired_irq_register() error */
	/* Interrupts the handler claimed, and every InterruptStatus it acked. */
	volatile uint32_t interrupts;
	volatile uint32_t status_seen;
};

extern const struct virtio_transport_ops mmio_v1_ops, mmio_v2_ops;

/*
 * Drives the transport in @window. Returns NULL on success, "" for an
 * empty slot (no magic, or DeviceID 0), or why it can't be driven.
 */
const char *mmio_probe(const struct mmio_window *window, struct virtio_device *dev);
/* The transport state of @dev, or NULL if @dev is not on virtio-mmio. */
struct virtio_mmio *mmio_of(struct virtio_device *dev);

/* Control registers: 32-bit wide and aligned accesses only (4.2.2.2). */
static inline uint32_t mmio_reg_read(const struct virtio_mmio *mm, uint32_t offset)
{
	return mmio_read32(mm->base + offset);
}

static inline void mmio_reg_write(const struct virtio_mmio *mm, uint32_t offset, uint32_t value)
{
	mmio_write32(mm->base + offset, value);
}

#endif
