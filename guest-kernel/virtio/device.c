/* Device status, feature negotiation and configuration reads (chapters 2 and 3). */
#include "lib/alloc.h"
#include "lib/kernel.h"
#include "lib/string.h"
#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

#define CONFIG_READ_TRIES 16
/*
 * Legacy Interface: Reserved Feature Bits: transitional devices offer it
 * and transitional drivers MUST accept it when offered.
 */
#define LEGACY_F_ANY_LAYOUT 27

const char *virtio_type_name(uint32_t device_type)
{
	switch (device_type) {
	case VIRTIO_ID_NET:
		return "net";
	case VIRTIO_ID_BLOCK:
		return "blk";
	case VIRTIO_ID_CONSOLE:
		return "console";
	case VIRTIO_ID_RNG:
		return "rng";
	case VIRTIO_ID_BALLOON:
		return "balloon";
	case VIRTIO_ID_SCSI:
		return "scsi";
	case VIRTIO_ID_GPU:
		return "gpu";
	case VIRTIO_ID_FS:
		return "fs";
	default:
		return "unknown";
	}
}

bool virtio_status_zero_within(struct virtio_device *dev, uint32_t timeout_ms)
{
	uint64_t deadline = deadline_after_ms(timeout_ms);

	while (dev->ops->get_status(dev) != 0) {
		if (deadline_passed(deadline))
			return false;
		arch_wait_a_little();
	}
	return true;
}

bool virtio_reset(struct virtio_device *dev, uint32_t timeout_ms)
{
	dev->ops->set_status(dev, 0);
	if (!virtio_status_zero_within(dev, timeout_ms))
		return false;
	if (dev->features)
		dev->last_features = dev->features;
	dev->features = 0;
	for (int i = 0; i < VIRTIO_MAX_QUEUES; i++)
		dev->queues[i] = NULL;
	return true;
}

void virtio_add_status(struct virtio_device *dev, uint8_t bits)
{
	dev->ops->set_status(dev, dev->ops->get_status(dev) | bits);
}

uint64_t virtio_device_features(struct virtio_device *dev)
{
	return dev->ops->get_device_features(dev, 0) |
	       (uint64_t)dev->ops->get_device_features(dev, 1) << 32;
}

void virtio_write_driver_features(struct virtio_device *dev, uint64_t features)
{
	dev->ops->set_driver_features(dev, 0, (uint32_t)features);
	/* Legacy interfaces have one 32-bit feature word. */
	if (!dev->legacy)
		dev->ops->set_driver_features(dev, 1, (uint32_t)(features >> 32));
}

uint64_t virtio_read_driver_features(struct virtio_device *dev)
{
	return dev->ops->get_driver_features(dev, 0) |
	       (uint64_t)dev->ops->get_driver_features(dev, 1) << 32;
}

uint64_t virtio_features_to_accept(struct virtio_device *dev, uint64_t wanted)
{
	if (!dev->legacy)
		wanted |= VIRTIO_PLATFORM_FEATURES;
	return wanted & virtio_device_features(dev);
}

/*
 * 3.1.1 steps 1-6. The offer is read after DRIVER (step 4); the driver
 * accepts what it offers of @wanted, with the platform features if
 * @platform.
 */
static bool negotiate(struct virtio_device *dev, uint64_t wanted, bool platform,
		      const char **why)
{
	uint64_t accepted;

	if (!virtio_reset(dev, 1000)) {
		*why = "device status did not read 0 after reset";
		return false;
	}
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE);
	virtio_add_status(dev, VIRTIO_STATUS_DRIVER);
	accepted = platform ? virtio_features_to_accept(dev, wanted) :
			      wanted & virtio_device_features(dev);
	virtio_write_driver_features(dev, accepted);
	if (dev->legacy) {
		/* 3.1.2: legacy devices know no FEATURES_OK; the write is the deal. */
		dev->features = accepted;
		*why = NULL;
		return true;
	}
	virtio_add_status(dev, VIRTIO_STATUS_FEATURES_OK);
	if (!(dev->ops->get_status(dev) & VIRTIO_STATUS_FEATURES_OK)) {
		*why = "device cleared FEATURES_OK for a subset of its offered features";
		return false;
	}
	dev->features = accepted;
	*why = NULL;
	return true;
}

bool virtio_negotiate(struct virtio_device *dev, uint64_t wanted, const char **why)
{
	return negotiate(dev, wanted, true, why);
}

bool virtio_negotiate_exactly(struct virtio_device *dev, uint64_t features, const char **why)
{
	return negotiate(dev, features, false, why);
}

void virtio_driver_ok(struct virtio_device *dev)
{
	virtio_add_status(dev, VIRTIO_STATUS_DRIVER_OK);
}

bool virtio_has_feature(const struct virtio_device *dev, unsigned int bit)
{
	return bit < 64 && (dev->features >> bit) & 1;
}

/*
 * Where byte @i (least significant first) of a @width-byte number goes in
 * the device's layout: little-endian for 1.x (2.5 "Device Configuration
 * Space"), guest-native for legacy interfaces ("Legacy Interface: Device
 * Configuration Space"), which is big-endian on s390x.
 */
static uint32_t device_byte(const struct virtio_device *dev, uint32_t i, uint32_t width)
{
	return virtio_device_big_endian(dev) ? width - 1 - i : i;
}

/*
 * The transport reads each field as a number; the buffer gets its bytes
 * as the device lays them out, so that byte arrays (a MAC address) come
 * out as they are and numbers decode with virtio_config_read_field.
 */
static void config_read_bytes(struct virtio_device *dev, uint32_t offset,
			      uint8_t *buffer, uint32_t size)
{
	uint32_t done = 0;

	/* Naturally aligned accesses of the widest size that fits. */
	while (done < size) {
		uint32_t at = offset + done;
		int width = (at % 4 == 0 && size - done >= 4) ? 4 :
			    (at % 2 == 0 && size - done >= 2) ? 2 : 1;
		uint32_t value = dev->ops->config_read(dev, at, width);

		for (int i = 0; i < width; i++)
			buffer[done + device_byte(dev, (uint32_t)i, (uint32_t)width)] =
				(uint8_t)(value >> (8 * i));
		done += (uint32_t)width;
	}
}

/*
 * Legacy devices have no generation counter ("Legacy Interface: Device
 * Configuration Space"): drivers read until two reads agree. Fields of up
 * to 8 bytes are compared whole; longer ranges 8 bytes at a time.
 */
static bool config_read_legacy(struct virtio_device *dev, uint32_t offset,
			       uint8_t *buffer, uint32_t size)
{
	uint8_t again[8];

	for (uint32_t done = 0; done < size; done += sizeof(again)) {
		uint32_t piece = size - done < sizeof(again) ? size - done : (uint32_t)sizeof(again);
		int tries = 0;

		config_read_bytes(dev, offset + done, buffer + done, piece);
		for (;;) {
			config_read_bytes(dev, offset + done, again, piece);
			if (!memcmp(again, buffer + done, piece))
				break;
			if (++tries == CONFIG_READ_TRIES)
				return false;
			memcpy(buffer + done, again, piece);
		}
	}
	return true;
}

bool virtio_config_read_stable(struct virtio_device *dev, uint32_t offset,
			       void *buffer, uint32_t size)
{
	uint32_t limit = dev->ops->config_size(dev);

	if (offset > limit || size > limit - offset)
		return false;
	if (dev->legacy)
		return config_read_legacy(dev, offset, buffer, size);
	for (int tries = 0; tries < CONFIG_READ_TRIES; tries++) {
		uint32_t before = dev->ops->config_generation(dev);

		config_read_bytes(dev, offset, buffer, size);
		if (dev->ops->config_generation(dev) == before)
			return true;
	}
	return false;
}

static uint16_t smaller(uint16_t a, uint16_t b)
{
	return a < b ? a : b;
}

bool virtio_setup(struct virtio_device *dev, const struct virtio_setup *setup,
		  const char **why)
{
	uint64_t wanted = setup->features;

	if (!dev->legacy)
		wanted |= 1ull << VIRTIO_F_VERSION_1;
	else
		wanted |= 1ull << LEGACY_F_ANY_LAYOUT;
	if (!virtio_negotiate(dev, wanted, why))
		return false;
	if (setup->irq_mode != VIRTIO_IRQ_POLL &&
	    dev->ops->irq_setup(dev, setup->irq_mode) < 0) {
		*why = "the transport could not set up the interrupt mode";
		return false;
	}
	for (uint16_t i = 0; i < setup->queue_count; i++) {
		uint16_t max = dev->ops->queue_max_size(dev, i);

		if (!max) {
			*why = "the device reports size 0 for a queue the driver needs";
			return false;
		}
		if (max & (max - 1)) {
			*why = "the device reports a queue size that is not a power of two";
			return false;
		}
		if (!vq_create(dev, i, dev->queue_size_fixed ? max : smaller(max, setup->queue_size),
			       why))
			return false;
	}
	virtio_driver_ok(dev);
	*why = NULL;
	return true;
}

uint64_t virtio_config_decode(const struct virtio_device *dev, const uint8_t *bytes,
			      uint32_t size)
{
	uint64_t value = 0;

	for (uint32_t i = 0; i < size && i < 8; i++)
		value |= (uint64_t)bytes[device_byte(dev, i, size)] << (8 * i);
	return value;
}

bool virtio_config_read_field(struct virtio_device *dev, uint32_t offset, uint32_t size,
			      uint64_t *value)
{
	uint8_t bytes[8];

	*value = 0;
	if (size == 0 || size > sizeof(bytes) || !virtio_config_read_stable(dev, offset, bytes, size))
		return false;
	*value = virtio_config_decode(dev, bytes, size);
	return true;
}

uint64_t virtio_dma_address(const struct virtio_device *dev, const void *pointer, size_t size)
{
	uint64_t physical = physical_address(pointer);

	if (!dev->iommu || !virtio_has_feature(dev, VIRTIO_F_ACCESS_PLATFORM))
		return physical;
	return dev->iommu->bus_address(dev->iommu, physical, size);
}
