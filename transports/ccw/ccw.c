/*
 * The virtio-ccw ops tables: "ccw-modern" (revision 1 or 2) and
 * "ccw-legacy" (revision 0). virtio 1.2 4.3.2 and 4.3.3 for each command;
 * what the device returns is checked before use (queue sizes, status
 * bytes, every channel program's ending status).
 *
 * Device status: WRITE_STATUS sets it; a command reject means the device
 * did not take the value and kept the old one (4.3.2.3). With revision 2
 * READ_STATUS reads it back; below, the driver knows only what it wrote
 * and was accepted. Reset is VDEV_RESET (4.3.3.3), after which the
 * status is 0.
 *
 * Configuration: READ_CONF and WRITE_CONF move the whole configuration
 * space from its start (4.3.2.5), so a field is read by reading it all,
 * and written by reading it all, changing the field and writing it all
 * back. There is no generation counter: "the driver [can] compare the new
 * configuration space with the old version, and keep a generation count
 * internally whenever it changes" (4.3.2.5), which is what
 * config_generation does. Numbers are little-endian for revision 1 and
 * up, guest-native (big-endian on s390x) for revision 0.
 */
#include "lib/string.h"
#include "lib/printf.h"
#include "transports/ccw/ccw.h"
#include "virtio/virtqueue.h"

/* 2.7: the largest split virtqueue. */
#define CCW_MAX_QUEUE_SIZE	32768u
#define LEGACY_QUEUE_ALIGN	4096u

struct virtio_ccw *ccw_of(struct virtio_device *dev)
{
	return dev->ops == &ccw_modern_ops || dev->ops == &ccw_legacy_ops ? dev->transport : NULL;
}

static struct virtio_ccw *ccw(struct virtio_device *dev)
{
	return dev->transport;
}

static uint8_t get_status(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw(dev);
	uint8_t status;

	if (cd->revision >= 2 && ccw_read_status(cd, &status) == CCW_OK)
		return status;
	return cd->status;
}

static void set_status(struct virtio_device *dev, uint8_t status)
{
	struct virtio_ccw *cd = ccw(dev);

	if (status == 0) {
		if (ccw_vdev_reset(cd) == CCW_OK) {
			cd->status = 0;
			cd->indicators_set = false;
		}
		return;
	}
	if (ccw_write_status(cd, status) == CCW_OK)
		cd->status = status;
}

static uint32_t get_device_features(struct virtio_device *dev, uint32_t select)
{
	uint32_t features;

	if (select > 0xff)
		return 0;
	ccw_read_features(ccw(dev), (uint8_t)select, &features);
	return features;
}

static void set_driver_features(struct virtio_device *dev, uint32_t select, uint32_t value)
{
	if (select <= 0xff)
		ccw_write_features(ccw(dev), (uint8_t)select, value);
}

/* The whole configuration space into cd->config; false if the device refused. */
static bool read_config(struct virtio_ccw *cd)
{
	return cd->config_len && ccw_read_config(cd, cd->config_len, 0) == CCW_OK;
}

static uint32_t config_generation(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw(dev);

	if (read_config(cd) && memcmp(cd->config, cd->config_seen, cd->config_len)) {
		memcpy(cd->config_seen, cd->config, cd->config_len);
		cd->generation++;
	}
	return cd->generation;
}

static uint32_t config_size(struct virtio_device *dev)
{
	return ccw(dev)->config_len;
}

static bool config_access_ok(struct virtio_ccw *cd, uint32_t offset, int width)
{
	return (width == 1 || width == 2 || width == 4) && offset < cd->config_len &&
	       (uint32_t)width <= cd->config_len - offset;
}

/* A field's bytes as a number: little-endian for 1.x, native for legacy. */
static uint32_t decode(const struct virtio_device *dev, const uint8_t *bytes, int width)
{
	bool big = dev->legacy && cpu_is_big_endian();
	uint32_t value = 0;

	for (int i = 0; i < width; i++)
		value |= (uint32_t)bytes[big ? width - 1 - i : i] << (8 * i);
	return value;
}

static void encode(const struct virtio_device *dev, uint8_t *bytes, int width, uint32_t value)
{
	bool big = dev->legacy && cpu_is_big_endian();

	for (int i = 0; i < width; i++)
		bytes[big ? width - 1 - i : i] = (uint8_t)(value >> (8 * i));
}

static uint32_t config_read(struct virtio_device *dev, uint32_t offset, int width)
{
	struct virtio_ccw *cd = ccw(dev);

	if (!config_access_ok(cd, offset, width) || !read_config(cd))
		return 0;
	return decode(dev, cd->config + offset, width);
}

static void config_write(struct virtio_device *dev, uint32_t offset, int width, uint32_t value)
{
	struct virtio_ccw *cd = ccw(dev);

	if (!config_access_ok(cd, offset, width) || !read_config(cd))
		return;
	encode(dev, cd->config + offset, width, value);
	ccw_write_config(cd, cd->config_len);
}

/* The device says nothing about how many queues it has. */
static uint16_t queue_count(struct virtio_device *dev)
{
	(void)dev;
	return 0;
}

/*
 * READ_VQ_CONF's max_num, 0 when refused. A split ring's size is a power
 * of two of at most 32768 (2.7): anything else is rounded down, not
 * trusted; the ccw tests check the raw value.
 */
static uint16_t queue_max_size(struct virtio_device *dev, uint16_t index)
{
	uint32_t size = CCW_MAX_QUEUE_SIZE;
	uint16_t max;

	if (ccw_read_vq_conf(ccw(dev), index, &max) != CCW_OK || !max)
		return 0;
	while (size > max)
		size >>= 1;
	return (uint16_t)size;
}

static int queue_refused(struct virtqueue *vq, struct virtio_ccw *cd)
{
	snprintf(vq->error, sizeof(vq->error), "SET_VQ for queue %u: %s", vq->index,
		 ccw_result_describe(&cd->last));
	return -1;
}

/* 4.3.2.2: descriptor, driver and device areas, and the size. */
static int queue_enable_modern(struct virtio_device *dev, struct virtqueue *vq)
{
	struct virtio_ccw *cd = ccw(dev);
	struct vq_info_block info = {
		.desc = cpu_to_be64(vq->desc_area),
		.res0 = cpu_to_be32(cd->set_vq_res0),
		.index = cpu_to_be16(vq->index),
		.num = cpu_to_be16(vq->size),
		.driver = cpu_to_be64(vq->driver_area),
		.device = cpu_to_be64(vq->device_area),
	};

	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	return ccw_set_vq(cd, &info) == CCW_OK ? 0 : queue_refused(vq, cd);
}

/* 4.3.2.2.1: the legacy block: one address for the whole ring, its alignment. */
static int queue_enable_legacy(struct virtio_device *dev, struct virtqueue *vq)
{
	struct virtio_ccw *cd = ccw(dev);
	struct vq_info_block_legacy info = {
		.queue = cpu_to_be64(vq->desc_area),
		.align = cpu_to_be32(dev->legacy_queue_align),
		.index = cpu_to_be16(vq->index),
		.num = cpu_to_be16(vq->size),
	};

	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	return ccw_set_vq_legacy(cd, &info) == CCW_OK ? 0 : queue_refused(vq, cd);
}

/*
 * 4.3.3.2: DIAGNOSE 0x500 with the queue index (or the notification
 * data), passing back the host cookie the previous one returned; a
 * negative return is an error, not a cookie.
 */
static void queue_notify(struct virtio_device *dev, struct virtqueue *vq, uint32_t value)
{
	struct virtio_ccw *cd = ccw(dev);
	int64_t cookie;

	(void)vq;
	cookie = cio_virtio_notify((uint64_t)cd->notify_gpr2_high << 32 | cd->sid, value,
				   cd->cookie);
	cd->cookie = cookie < 0 ? 0 : cookie;
}

/* Like an ISR: bit 0 when a queue indicator is set, bit 1 for the configuration. */
static uint8_t isr_read(struct virtio_device *dev)
{
	struct virtio_ccw *cd = ccw(dev);

	return (uint8_t)((*cd->indicators ? VIRTIO_ISR_QUEUE : 0) |
			 (*cd->config_indicators ? VIRTIO_ISR_CONFIG : 0));
}

#define CCW_OPS(ops_name, enable)					\
	{								\
		.name = ops_name,					\
		.get_status = get_status,				\
		.set_status = set_status,				\
		.get_device_features = get_device_features,		\
		.get_driver_features = NULL,				\
		.set_driver_features = set_driver_features,		\
		.config_generation = config_generation,			\
		.config_size = config_size,				\
		.config_read = config_read,				\
		.config_write = config_write,				\
		.queue_count = queue_count,				\
		.queue_max_size = queue_max_size,			\
		.queue_enable = enable,					\
		.queue_notify = queue_notify,				\
		.isr_read = isr_read,					\
		.irq_setup = ccw_irq_setup,				\
		.irq_teardown = ccw_irq_teardown,			\
	}

const struct virtio_transport_ops ccw_modern_ops = CCW_OPS("ccw-modern", queue_enable_modern);
const struct virtio_transport_ops ccw_legacy_ops = CCW_OPS("ccw-legacy", queue_enable_legacy);
