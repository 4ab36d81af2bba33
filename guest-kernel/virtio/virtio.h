/*
 * The transport-independent virtio core: a device, the operations every
 * transport provides (one ops table each, in transports/), and the
 * driver-side steps of the Device Initialization chapter.
 */
#ifndef VCTS_VIRTIO_H
#define VCTS_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "virtio/virtio_spec.h"

struct virtqueue;
struct virtio_device;

enum virtio_irq_mode {
	VIRTIO_IRQ_POLL,	/* no interrupts: completion by polling */
	VIRTIO_IRQ_INTX,	/* PCI INTx (or a wired line), ISR acknowledges */
	VIRTIO_IRQ_MSIX,	/* one MSI-X vector for config, one per queue */
};

struct virtio_transport_ops {
	const char *name;
	uint8_t (*get_status)(struct virtio_device *dev);
	void (*set_status)(struct virtio_device *dev, uint8_t status);
	/* 32 feature bits starting at bit 32 * @select. */
	uint32_t (*get_device_features)(struct virtio_device *dev, uint32_t select);
	uint32_t (*get_driver_features)(struct virtio_device *dev, uint32_t select);
	void (*set_driver_features)(struct virtio_device *dev, uint32_t select, uint32_t value);
	uint32_t (*config_generation)(struct virtio_device *dev);
	/* Bytes of device-specific configuration the transport exposes. */
	uint32_t (*config_size)(struct virtio_device *dev);
	/* @width: 1, 2 or 4 bytes; @offset within the device-specific config. */
	uint32_t (*config_read)(struct virtio_device *dev, uint32_t offset, int width);
	void (*config_write)(struct virtio_device *dev, uint32_t offset, int width, uint32_t value);
	/* Number of queues, or 0 if the transport cannot tell. */
	uint16_t (*queue_count)(struct virtio_device *dev);
	uint16_t (*queue_max_size)(struct virtio_device *dev, uint16_t index);
	/* Hands a ready queue to the device; 0 or a negative error. */
	int (*queue_enable)(struct virtio_device *dev, struct virtqueue *vq);
	/*
	 * An available-buffer notification carrying @value: the queue index
	 * (written as 16 bits), or with VIRTIO_F_NOTIFICATION_DATA the 32-bit
	 * vqn | next_off << 16 | next_wrap << 31 (2.9, 4.1.5.2, 4.2.3.3).
	 */
	void (*queue_notify)(struct virtio_device *dev, struct virtqueue *vq, uint32_t value);
	/*
	 * VIRTIO_F_RING_RESET (2.6.1): resets one queue and waits up to
	 * @timeout_ms for the device to finish; 0, or -1 with vq->error set.
	 * NULL where the kernel cannot reset single queues on the transport.
	 */
	int (*queue_reset)(struct virtio_device *dev, struct virtqueue *vq, uint32_t timeout_ms);
	uint8_t (*isr_read)(struct virtio_device *dev);
	int (*irq_setup)(struct virtio_device *dev, enum virtio_irq_mode mode);
	void (*irq_teardown)(struct virtio_device *dev);
};

/*
 * An IOMMU between a device and memory, as the platform describes it.
 * With VIRTIO_F_ACCESS_PLATFORM negotiated the driver "MUST then either
 * disable the IOMMU or configure the IOMMU to translate bus addresses
 * passed to the device into physical addresses in memory" (6.1). The
 * kernel drives no IOMMU yet, so on a VM no device has one: an IOMMU
 * driver (virtio-iommu, VT-d, SMMU) would set virtio_device.iommu once it
 * has attached the device, and virtio_dma_address() asks it from then on.
 * The reference machine (tests/reference) sets one that offsets every
 * address, so that one the kernel gives untranslated is caught.
 */
struct virtio_iommu {
	/* The bus address at which the device reaches @size bytes at physical @physical. */
	uint64_t (*bus_address)(const struct virtio_iommu *iommu, uint64_t physical,
				size_t size);
};

#define VIRTIO_MAX_QUEUES 8

struct virtio_device {
	char name[16];			/* blk0, rng0, ... in discovery order */
	uint32_t device_type;		/* VIRTIO_ID_* */
	char location[24];		/* bus address, e.g. 00:03.0 */
	char hardware_id[16];		/* e.g. 1af4:1042 */
	const struct virtio_transport_ops *ops;
	void *transport;		/* the transport's own state */
	uint64_t features;		/* negotiated */
	/*
	 * What the driver had negotiated when the last reset cleared
	 * @features (0: nothing yet): the shell's `devices` shows it.
	 */
	uint64_t last_features;
	enum virtio_irq_mode irq_mode;
	/*
	 * Driven through a legacy (0.9.5) interface: rings and configuration
	 * in guest-native byte order, 32 feature bits, no FEATURES_OK, and
	 * the three rings in one block whose used ring starts at a multiple
	 * of legacy_queue_align (2.7.2 Legacy Interfaces).
	 */
	bool legacy;
	uint32_t legacy_queue_align;
	/*
	 * The driver cannot choose a smaller queue size than the device's
	 * (legacy PCI: queue_size is read-only): rings are built that size.
	 */
	bool queue_size_fixed;
	/* The IOMMU in front of the device; NULL: none (see struct virtio_iommu). */
	const struct virtio_iommu *iommu;
	volatile uint32_t config_interrupts;
	struct virtqueue *queues[VIRTIO_MAX_QUEUES];
};

const char *virtio_type_name(uint32_t device_type);

/*
 * Whether the device lays numbers out big-endian: a legacy interface uses
 * the guest's native order (big-endian on s390x), 1.x little-endian.
 */
static inline bool virtio_device_big_endian(const struct virtio_device *dev)
{
	return dev->legacy && cpu_is_big_endian();
}

/*
 * Values the driver puts into buffers the device reads (request headers):
 * little-endian for 1.x, guest-native for legacy interfaces.
 */
static inline uint16_t virtio_to_device16(const struct virtio_device *dev, uint16_t v)
{
	return dev->legacy ? v : cpu_to_le16(v);
}

static inline uint32_t virtio_to_device32(const struct virtio_device *dev, uint32_t v)
{
	return dev->legacy ? v : cpu_to_le32(v);
}

static inline uint64_t virtio_to_device64(const struct virtio_device *dev, uint64_t v)
{
	return dev->legacy ? v : cpu_to_le64(v);
}

/* The reverse: values the device wrote into buffers (replies, events). */
static inline uint16_t virtio_from_device16(const struct virtio_device *dev, uint16_t v)
{
	return dev->legacy ? v : le16_to_cpu(v);
}

static inline uint32_t virtio_from_device32(const struct virtio_device *dev, uint32_t v)
{
	return dev->legacy ? v : le32_to_cpu(v);
}

/*
 * Writes 0 to device status and waits (up to @timeout_ms) until it reads
 * back 0: a 1.x device may take time to finish a reset (2.4.2).
 */
bool virtio_reset(struct virtio_device *dev, uint32_t timeout_ms);
/*
 * Waits (up to @timeout_ms) until device status reads 0, after the caller
 * wrote 0: what virtio_reset() waits for, for tests that reset by hand
 * and keep the driver's view of the queues.
 */
bool virtio_status_zero_within(struct virtio_device *dev, uint32_t timeout_ms);
void virtio_add_status(struct virtio_device *dev, uint8_t bits);
uint64_t virtio_device_features(struct virtio_device *dev);
void virtio_write_driver_features(struct virtio_device *dev, uint64_t features);
uint64_t virtio_read_driver_features(struct virtio_device *dev);

/*
 * Features the kernel accepts whenever a 1.x device offers them, whatever
 * a caller asks for (6.1: a driver SHOULD accept VIRTIO_F_ACCESS_PLATFORM
 * and VIRTIO_F_ORDER_PLATFORM if offered; 6.2: a device MAY fail to
 * operate further if either is offered but not accepted, and QEMU with
 * iommu_platform=on refuses FEATURES_OK without ACCESS_PLATFORM). The
 * kernel can honour both: every address it gives a device comes from
 * virtio_dma_address(), and it always uses the barriers suitable for
 * hardware devices (arch_io.h of each architecture says why).
 */
#define VIRTIO_PLATFORM_FEATURES \
	((1ull << VIRTIO_F_ACCESS_PLATFORM) | (1ull << VIRTIO_F_ORDER_PLATFORM))

/*
 * What virtio_negotiate() accepts for @wanted: @wanted and, on a 1.x
 * device, VIRTIO_PLATFORM_FEATURES, of the features the device offers.
 * Legacy interfaces have 32 feature bits: nothing is added there.
 */
uint64_t virtio_features_to_accept(struct virtio_device *dev, uint64_t wanted);

/*
 * Steps 1-6 of 3.1.1: reset, ACKNOWLEDGE, DRIVER, write
 * virtio_features_to_accept(@wanted), FEATURES_OK, read it back. Returns
 * false (with the reason in *@why) if the device refuses; the device is
 * then left in that state for the caller.
 */
bool virtio_negotiate(struct virtio_device *dev, uint64_t wanted, const char **why);
/*
 * virtio_negotiate() accepting exactly @features & offered, without the
 * platform features: only for tests about which feature sets a device
 * takes (tests/modern/features.c). Every other user of a device accepts
 * the platform features, as a driver SHOULD (6.1).
 */
bool virtio_negotiate_exactly(struct virtio_device *dev, uint64_t features, const char **why);
/* Step 8: DRIVER_OK after the queues are set up. */
void virtio_driver_ok(struct virtio_device *dev);

/* What a driver asks of virtio_setup(). */
struct virtio_setup {
	uint64_t features;		/* wanted, besides VERSION_1 (always asked for) */
	uint16_t queue_count;		/* queues 0 .. queue_count - 1 */
	uint16_t queue_size;		/* upper bound; the device may offer less */
	enum virtio_irq_mode irq_mode;
};

/*
 * The whole of 3.1.1: negotiation, interrupts, queues, DRIVER_OK. Returns
 * false with the reason in *@why when the device does not cooperate.
 */
bool virtio_setup(struct virtio_device *dev, const struct virtio_setup *setup,
		  const char **why);

/*
 * Reads @size bytes at @offset of the device-specific configuration,
 * retrying until the generation counter is stable (2.5.1: at most
 * @max_tries). Returns false if it never settled or the range is outside
 * what the transport exposes.
 */
bool virtio_config_read_stable(struct virtio_device *dev, uint32_t offset,
			       void *buffer, uint32_t size);
/*
 * One configuration field of @size bytes (1, 2, 4 or 8) at @offset, as a
 * number: little-endian for 1.x devices (2.5), guest-native for legacy
 * ones. The transport reads each part with its natural width as a number
 * and virtio_config_read_stable lays its bytes out as the device does
 * (virtio_device_big_endian), so decoding them in that order gives the
 * value for both interfaces on either kind of CPU.
 */
bool virtio_config_read_field(struct virtio_device *dev, uint32_t offset, uint32_t size,
			      uint64_t *value);
/*
 * The number in @size bytes (1 to 8) of configuration that
 * virtio_config_read_stable() read, decoded in the device's byte order.
 */
uint64_t virtio_config_decode(const struct virtio_device *dev, const uint8_t *bytes,
			      uint32_t size);
bool virtio_has_feature(const struct virtio_device *dev, unsigned int bit);

/*
 * The address a device is given for @size bytes at @pointer: descriptor
 * tables, rings, indirect tables and buffers all go through here, so that
 * an IOMMU driver has one place to plug into. Without
 * VIRTIO_F_ACCESS_PLATFORM negotiated, the physical address: "the device
 * will always use physical addresses matching addresses used by the
 * driver ... When clear, this overrides any platform-specific
 * description of whether device access is limited or translated" (6).
 * With it, the bus address through the device's IOMMU; without one, the
 * physical address: the kernel assumes that an IOMMU it does not drive
 * translates nothing (as on QEMU without a vIOMMU, or with one the
 * firmware left disabled).
 */
uint64_t virtio_dma_address(const struct virtio_device *dev, const void *pointer, size_t size);

#endif
