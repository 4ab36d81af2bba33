/*
 * virtio-blk driver (5.2): set-up, configuration, one request at a time
 * on request queue 0, polled. A request is the chain
 *
 *	header (16 bytes, device-readable)
 *	data   (0..n segments, device-readable or device-writable)
 *	status (1 byte, device-writable)
 *
 * of 5.2.6. The driver trusts nothing it gets back: the used element is
 * validated by the virtqueue core, the used length must reach the status
 * byte, and the status byte must hold one of the three defined values.
 */
#include <stdarg.h>

#include "drivers/blk.h"
#include "lib/fnv.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"

#define BLK_QUEUE_SIZE		128
/* What the status byte holds until the device writes it: no status has it. */
#define BLK_STATUS_UNWRITTEN	0xff

/* 5.2.6: le32 type; le32 reserved; le64 sector; */
struct blk_request_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

_Static_assert(sizeof(struct blk_request_header) == 16, "virtio_blk_req header is 16 bytes");

static void blk_fail(struct blk_device *blk, const char *clause, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void blk_fail(struct blk_device *blk, const char *clause, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(blk->error, sizeof(blk->error), format, args);
	va_end(args);
	blk->error_clause = clause;
}

bool blk_offers(const struct blk_device *blk, unsigned int bit)
{
	return bit < 64 && (blk->offered >> bit) & 1;
}

/* A field that only exists with @feature: read when negotiated, else 0. */
static bool config_read_if(struct blk_device *blk, unsigned int feature, uint32_t offset,
			   uint32_t size, uint32_t *field)
{
	uint64_t value = 0;

	*field = 0;
	if (!virtio_has_feature(blk->dev, feature))
		return true;
	if (!virtio_config_read_field(blk->dev, offset, size, &value))
		return false;
	*field = (uint32_t)value;
	return true;
}

/*
 * A blk_size the driver can size requests by: a power of two of at least
 * one sector. Anything else (0 when BLK_SIZE is not negotiated) leaves the
 * driver at 512-byte sectors, the protocol's unit (the value is judged by
 * devices.blk.capacity_matches_backing).
 */
static bool usable_block_size(uint32_t blk_size)
{
	return blk_size >= BLK_SECTOR_SIZE && !(blk_size & (blk_size - 1));
}

/*
 * 5.2.5: capacity is always there, the rest depends on features. A read
 * that never sees a stable generation (2.5.1), or a configuration that
 * is too small for the fields, is the device's fault.
 */
static bool blk_read_config(struct blk_device *blk)
{
	struct blk_config *config = &blk->config;

	if (!virtio_config_read_field(blk->dev, VIRTIO_BLK_CFG_CAPACITY, 8, &config->capacity) ||
	    !config_read_if(blk, VIRTIO_BLK_F_SIZE_MAX, VIRTIO_BLK_CFG_SIZE_MAX, 4,
			    &config->size_max) ||
	    !config_read_if(blk, VIRTIO_BLK_F_SEG_MAX, VIRTIO_BLK_CFG_SEG_MAX, 4,
			    &config->seg_max) ||
	    !config_read_if(blk, VIRTIO_BLK_F_BLK_SIZE, VIRTIO_BLK_CFG_BLK_SIZE, 4,
			    &config->blk_size)) {
		blk_fail(blk, CLAUSE_CONFIG_SPACE,
			 "the configuration could not be read: generation never stable, "
			 "or the fields lie beyond the %u bytes the transport exposes",
			 blk->dev->ops->config_size(blk->dev));
		return false;
	}
	blk->block_sectors = usable_block_size(config->blk_size) ?
			     config->blk_size / BLK_SECTOR_SIZE : 1;
	return true;
}

bool blk_open_queues(struct virtio_device *dev, uint64_t features_wanted, uint16_t queues,
		     struct blk_device *out, const char **why)
{
	struct virtio_setup setup = {
		.features = features_wanted, .queue_count = queues,
		.queue_size = BLK_QUEUE_SIZE, .irq_mode = VIRTIO_IRQ_POLL,
	};
	const char *reason = NULL;

	*out = (struct blk_device){ .dev = dev, .error_clause = CLAUSE_BLK_OPERATION };
	out->header = test_alloc(sizeof(*out->header), 16);
	out->status = test_alloc(1, 1);
	if (!virtio_setup(dev, &setup, &reason)) {
		blk_fail(out, CLAUSE_FEATURES, "%s", reason ? reason : "device set-up failed");
		*why = out->error;
		return false;
	}
	out->requestq = dev->queues[0];
	out->queue_count = queues;
	out->offered = virtio_device_features(dev);
	if (!blk_read_config(out)) {
		*why = out->error;
		return false;
	}
	*why = "";
	return true;
}

bool blk_open(struct virtio_device *dev, uint64_t features_wanted,
	      struct blk_device *out, const char **why)
{
	return blk_open_queues(dev, features_wanted, 1, out, why);
}

bool blk_use_queue(struct blk_device *blk, uint16_t index)
{
	if (index >= blk->queue_count || !blk->dev->queues[index])
		return false;
	blk->requestq = blk->dev->queues[index];
	return true;
}

const char *blk_status_name(uint8_t status)
{
	switch (status) {
	case VIRTIO_BLK_S_OK:
		return "OK";
	case VIRTIO_BLK_S_IOERR:
		return "IOERR";
	case VIRTIO_BLK_S_UNSUPP:
		return "UNSUPP";
	default:
		return "not a status";
	}
}

/*
 * The data segments of a request: one, unless a negotiated size_max
 * forces more (5.2.3). Returns the count, or 0 if seg_max (or the
 * driver's own limit) does not allow that many.
 */
static int split_data(struct blk_device *blk, uint8_t *data, uint32_t length,
		      bool device_writes_data, struct vq_buffer *segments)
{
	uint32_t piece = blk->config.size_max ? blk->config.size_max : length;
	uint32_t limit = BLK_MAX_SEGMENTS;
	int count = 0;

	if (blk->config.seg_max && blk->config.seg_max < limit)
		limit = blk->config.seg_max;
	for (uint32_t done = 0; done < length; done += piece) {
		if ((uint32_t)count == limit)
			return 0;
		segments[count++] = (struct vq_buffer){
			.address = data + done,
			.length = length - done < piece ? length - done : piece,
			.device_writable = device_writes_data,
		};
	}
	return count;
}

/* The driver's side of a failure: the clause is the one the request is about. */
static enum blk_result not_sent(struct blk_device *blk, const char *format, uint32_t value)
{
	blk_fail(blk, CLAUSE_BLK_OPERATION, format, value);
	return BLK_NOT_SENT;
}

/* Hands the chain to the device and waits for it to come back. */
static enum blk_result submit_and_wait(struct blk_device *blk, const struct vq_buffer *chain,
				       int count, uint32_t *used_len)
{
	struct virtqueue *vq = blk->requestq;
	void *token = NULL;

	if (vq_add_chain(vq, chain, count, blk) < 0)
		return not_sent(blk, "the queue has no room for a %u-descriptor chain",
				(uint32_t)count);
	vq_kick(vq);
	switch (vq_wait_used(vq, test_timeout_ms(), &token, used_len)) {
	case VQ_USED:
		break;
	case VQ_TIMEOUT:
	case VQ_DEVICE_ERROR:
		blk->broken = true;
		blk_fail(blk, CLAUSE_BLK_OPERATION, "%s", vq->error);
		return BLK_TIMEOUT;
	default:
		blk->broken = true;
		blk_fail(blk, CLAUSE_USED_RING, "%s", vq->error);
		return BLK_RING_ERROR;
	}
	/* One request is outstanding at a time, so the core's id check suffices. */
	if (token != blk) {
		blk->broken = true;
		blk_fail(blk, CLAUSE_USED_RING, "the used element names a buffer that was not sent");
		return BLK_RING_ERROR;
	}
	return BLK_COMPLETED;
}

/*
 * The status byte is the last of the device-writable bytes: the driver may
 * only look at it if the used length reaches it (2.7.8, driver side: no
 * assumptions beyond the first len bytes).
 */
static enum blk_result judge_completion(struct blk_device *blk, uint32_t writable,
					uint32_t used_len, uint8_t status)
{
	if (used_len < writable) {
		blk_fail(blk, CLAUSE_USED_RING,
			 "used length %u stops short of the status byte, the last of %u "
			 "device-writable bytes", used_len, writable);
		return BLK_NO_STATUS;
	}
	if (status > VIRTIO_BLK_S_UNSUPP) {
		blk_fail(blk, CLAUSE_BLK_OPERATION,
			 "status byte %#x is none of OK (0), IOERR (1) or UNSUPP (2)%s",
			 status, status == BLK_STATUS_UNWRITTEN ?
			 ", and is the value the driver put there" : "");
		return BLK_BAD_STATUS;
	}
	return BLK_COMPLETED;
}

enum blk_result blk_request(struct blk_device *blk, uint32_t type, uint64_t sector,
			    void *data, uint32_t length, bool device_writes_data,
			    uint8_t *status, uint32_t *used_len)
{
	struct vq_buffer chain[BLK_MAX_SEGMENTS + 2];
	uint32_t writable = 1 + (device_writes_data ? length : 0);
	enum blk_result result;
	int segments = 0;

	*status = BLK_STATUS_UNWRITTEN;
	*used_len = 0;
	blk->error[0] = '\0';
	blk->error_clause = CLAUSE_BLK_OPERATION;
	if (blk->broken)
		return not_sent(blk, "queue %u is not used after the device failed on it",
				blk->requestq->index);
	if (length) {
		segments = split_data(blk, data, length, device_writes_data, chain + 1);
		if (!segments)
			return not_sent(blk, "%u data bytes need more segments than seg_max allows",
					length);
	}
	*blk->header = (struct blk_request_header){
		.type = virtio_to_device32(blk->dev, type),
		.sector = virtio_to_device64(blk->dev, sector),
	};
	*blk->status = BLK_STATUS_UNWRITTEN;
	chain[0] = (struct vq_buffer){ blk->header, sizeof(*blk->header), false };
	chain[segments + 1] = (struct vq_buffer){ blk->status, 1, true };
	result = submit_and_wait(blk, chain, segments + 2, used_len);
	if (result != BLK_COMPLETED)
		return result;
	*status = *(volatile uint8_t *)blk->status;
	return judge_completion(blk, writable, *used_len, *status);
}

/*
 * Whether @count sectors at @lba are whole blocks (blk.h: blk_read_sectors)
 * that fit one request's 32-bit data length.
 */
static bool sectors_fit(struct blk_device *blk, uint64_t lba, uint32_t count, uint8_t *status)
{
	uint32_t block = blk->block_sectors ? blk->block_sectors : 1;

	*status = BLK_STATUS_UNWRITTEN;
	if (count > UINT32_MAX / BLK_SECTOR_SIZE) {
		not_sent(blk, "%u sectors do not fit one request", count);
		return false;
	}
	if (lba % block || count % block) {
		blk_fail(blk, CLAUSE_BLK_OPERATION,
			 "the driver sends whole blocks only: %u sector(s) at LBA %llu are not "
			 "whole %u-byte blocks (blk_size)", count, (unsigned long long)lba,
			 block * BLK_SECTOR_SIZE);
		return false;
	}
	return true;
}

enum blk_result blk_read_sectors(struct blk_device *blk, uint64_t lba, uint32_t count,
				 void *buffer, uint8_t *status)
{
	uint32_t used_len;

	if (!sectors_fit(blk, lba, count, status))
		return BLK_NOT_SENT;
	return blk_request(blk, VIRTIO_BLK_T_IN, lba, buffer, count * BLK_SECTOR_SIZE,
			   true, status, &used_len);
}

enum blk_result blk_write_sectors(struct blk_device *blk, uint64_t lba, uint32_t count,
				  const void *buffer, uint8_t *status)
{
	uint32_t used_len;

	if (!sectors_fit(blk, lba, count, status))
		return BLK_NOT_SENT;
	/* Device-readable: the device never writes through this pointer. */
	return blk_request(blk, VIRTIO_BLK_T_OUT, lba, (void *)(uintptr_t)buffer,
			   count * BLK_SECTOR_SIZE, false, status, &used_len);
}

/* 5.2.6.1: sector 0 and no data for a flush. */
enum blk_result blk_flush(struct blk_device *blk, uint8_t *status)
{
	uint32_t used_len;

	return blk_request(blk, VIRTIO_BLK_T_FLUSH, 0, NULL, 0, false, status, &used_len);
}

void blk_fill_pattern(void *buffer, uint64_t lba, uint32_t count, uint32_t seed)
{
	uint8_t *bytes = buffer;

	for (uint32_t s = 0; s < count; s++)
		for (uint32_t i = 0; i < BLK_SECTOR_SIZE; i++)
			bytes[s * BLK_SECTOR_SIZE + i] = pattern_byte(seed, lba + s, i);
}

bool blk_find_mismatch(const void *buffer, uint64_t lba, uint32_t count, uint32_t seed,
		       struct blk_mismatch *first)
{
	const uint8_t *bytes = buffer;

	for (uint32_t s = 0; s < count; s++) {
		for (uint32_t i = 0; i < BLK_SECTOR_SIZE; i++) {
			uint8_t expected = pattern_byte(seed, lba + s, i);
			uint8_t actual = bytes[s * BLK_SECTOR_SIZE + i];

			if (actual != expected) {
				*first = (struct blk_mismatch){ lba + s, i, expected, actual };
				return true;
			}
		}
	}
	return false;
}
