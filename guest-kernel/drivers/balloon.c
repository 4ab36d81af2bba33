/*
 * Traditional memory balloon driver (5.5): set-up in the order of 5.5.5,
 * one request at a time on the inflate, deflate, free page and reporting
 * queues, and the statsq buffer the device holds until it wants
 * statistics. Polled.
 *
 * Queue numbering: 5.5.2 gives every queue a fixed index (statsq 2,
 * free_page_vq 3, reporting_vq 4), while Linux's find_vqs() and QEMU
 * skip the indices of absent queues. The driver looks for each queue at
 * its 1.2 index first and only then where skipping puts it, and records
 * which it found; devices.balloon.queue_numbering judges the device.
 */
#include <stdarg.h>

#include "drivers/balloon.h"
#include "lib/alloc.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"

#define BALLOON_QUEUE_SIZE	64
/* Legacy Interface: Reserved Feature Bits (virtio_setup() accepts it too). */
#define LEGACY_F_ANY_LAYOUT	27

/* The feature each optional queue comes with. */
static const unsigned int queue_feature[BALLOON_QUEUES] = {
	[BALLOON_STATSQ] = VIRTIO_BALLOON_F_STATS_VQ,
	[BALLOON_FREE_PAGE_VQ] = VIRTIO_BALLOON_F_FREE_PAGE_HINT,
	[BALLOON_REPORTING_VQ] = VIRTIO_BALLOON_F_PAGE_REPORTING,
};

static void balloon_fail(struct balloon_device *balloon, const char *clause,
			 const char *format, ...) __attribute__((format(printf, 3, 4)));

static void balloon_fail(struct balloon_device *balloon, const char *clause,
			 const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(balloon->error, sizeof(balloon->error), format, args);
	va_end(args);
	balloon->error_clause = clause;
}

const char *balloon_queue_name(enum balloon_queue q)
{
	static const char *const names[BALLOON_QUEUES] = {
		"inflateq", "deflateq", "statsq", "free_page_vq", "reporting_vq",
	};

	return (unsigned int)q < BALLOON_QUEUES ? names[q] : "?";
}

/* The clause a queue's requests are about. */
static const char *queue_clause(enum balloon_queue q)
{
	switch (q) {
	case BALLOON_STATSQ:
		return CLAUSE_BALLOON_STATS;
	case BALLOON_FREE_PAGE_VQ:
		return CLAUSE_BALLOON_HINTING;
	case BALLOON_REPORTING_VQ:
		return CLAUSE_BALLOON_REPORTING;
	default:
		return CLAUSE_BALLOON_OPERATION;
	}
}

bool balloon_offers(const struct balloon_device *balloon, unsigned int bit)
{
	return bit < 64 && (balloon->offered >> bit) & 1;
}

/*
 * The configuration is little-endian with the legacy interface too
 * (5.5.4.1, "unlike the usual convention that legacy device fields are
 * guest endian"): where the core reads and writes the device's numbers
 * big-endian (a legacy device on s390x), the bytes are the other way round.
 */
static uint32_t little_endian_field(const struct virtio_device *dev, uint32_t value)
{
	return virtio_device_big_endian(dev) ? swab32(value) : value;
}

bool balloon_config_read(struct virtio_device *dev, uint32_t offset, uint32_t *value)
{
	uint64_t field;
	bool read = virtio_config_read_field(dev, offset, 4, &field);

	*value = little_endian_field(dev, (uint32_t)field);
	return read;
}

void balloon_config_write(struct virtio_device *dev, uint32_t offset, uint32_t value)
{
	/* One 32-bit write: legacy drivers MUST write all of actual at once (5.5.6.1.1). */
	dev->ops->config_write(dev, offset, 4, little_endian_field(dev, value));
}

/*
 * 5.5.6: "addresses of unused memory pages ... divided by 4096": the
 * pages of guest memory the device is to take away, not addresses it
 * reads through, so physical addresses whatever ACCESS_PLATFORM says
 * (Linux gives page_to_pfn(); QEMU looks them up in guest RAM, not
 * through the device's IOMMU).
 */
bool balloon_pfn(const void *page, uint32_t *pfn)
{
	uint64_t number = physical_address(page) >> VIRTIO_BALLOON_PFN_SHIFT;

	*pfn = (uint32_t)number;
	return number <= UINT32_MAX;
}

static bool queue_exists(struct virtio_device *dev, uint32_t index)
{
	return index < VIRTIO_MAX_QUEUES && dev->ops->queue_max_size(dev, (uint16_t)index) != 0;
}

/* The index of @q when the optional queues absent from @features are skipped. */
static uint32_t skipping_index(enum balloon_queue q, uint64_t features)
{
	uint32_t index = BALLOON_STATSQ;

	if (q < BALLOON_STATSQ)
		return (uint32_t)q;
	for (int j = BALLOON_STATSQ; j < (int)q; j++) {
		if (features >> queue_feature[j] & 1)
			index++;
	}
	return index;
}

int balloon_find_queue(struct virtio_device *dev, enum balloon_queue q, uint32_t taken_mask,
		       bool *renumbered)
{
	uint32_t candidates[3] = {
		(uint32_t)q,
		skipping_index(q, virtio_device_features(dev)),
		skipping_index(q, dev->features),
	};

	for (int i = 0; i < 3; i++) {
		uint32_t index = candidates[i];

		if (index >= 32 || taken_mask >> index & 1 || !queue_exists(dev, index))
			continue;
		*renumbered = index != (uint32_t)q;
		return (int)index;
	}
	*renumbered = false;
	return -1;
}

static bool create_queue(struct balloon_device *balloon, enum balloon_queue q)
{
	struct virtio_device *dev = balloon->dev;
	uint16_t index = balloon->index[q];
	uint16_t max = dev->ops->queue_max_size(dev, index), size;
	const char *why = NULL;

	if (max & (max - 1)) {
		balloon_fail(balloon, CLAUSE_BALLOON_INIT, "the %s (queue %u) has size %u, not a "
			     "power of two", balloon_queue_name(q), index, max);
		return false;
	}
	size = dev->queue_size_fixed || max < BALLOON_QUEUE_SIZE ? max : BALLOON_QUEUE_SIZE;
	balloon->queue[q] = vq_create(dev, index, size, &why);
	if (!balloon->queue[q]) {
		balloon_fail(balloon, CLAUSE_BALLOON_INIT, "the %s (queue %u): %s",
			     balloon_queue_name(q), index, why ? why : "set-up failed");
		return false;
	}
	return true;
}

/* 5.5.5 steps 1, 2a, 3, 5: where each negotiated queue is, then the queues. */
static bool setup_queues(struct balloon_device *balloon)
{
	struct virtio_device *dev = balloon->dev;
	bool wanted[BALLOON_QUEUES];
	uint32_t taken = 0;

	for (int q = 0; q < BALLOON_QUEUES; q++) {
		int index;

		wanted[q] = q < BALLOON_STATSQ || virtio_has_feature(dev, queue_feature[q]);
		if (!wanted[q])
			continue;
		index = balloon_find_queue(dev, (enum balloon_queue)q, taken, &balloon->renumbered[q]);
		if (index < 0) {
			balloon_fail(balloon, CLAUSE_BALLOON_VIRTQUEUES,
				     "the device has no %s: no queue at index %d, nor where skipping "
				     "absent queues puts it", balloon_queue_name((enum balloon_queue)q), q);
			return false;
		}
		balloon->index[q] = (uint16_t)index;
		taken |= 1u << index;
	}
	/* Located first, enabled after: a live mmio-v1 queue reads as absent. */
	for (int q = 0; q < BALLOON_QUEUES; q++) {
		if (wanted[q] && !create_queue(balloon, (enum balloon_queue)q))
			return false;
	}
	return true;
}

void balloon_encode_stats(const struct virtio_device *dev, const struct balloon_stat *stats,
			  uint32_t count, uint8_t *out)
{
	for (uint32_t i = 0; i < count; i++) {
		/* Little-endian for 1.x, guest-native for legacy (5.5.6.2.1). */
		uint16_t tag = virtio_to_device16(dev, stats[i].tag);
		uint64_t value = virtio_to_device64(dev, stats[i].value);

		memcpy(out + i * BALLOON_STAT_BYTES, &tag, 2);
		memcpy(out + i * BALLOON_STAT_BYTES + 2, &value, 8);
	}
}

/* A new statsq buffer; the device holds it until it wants statistics. */
static bool add_stats_buffer(struct balloon_device *balloon, const struct balloon_stat *stats,
			     uint32_t count)
{
	uint32_t bytes = count * BALLOON_STAT_BYTES;

	if (balloon->stats_outstanding) {
		/* 5.5.6.2.1 (driver): at most one buffer in the statsq. */
		balloon_fail(balloon, CLAUSE_BALLOON_STATS, "the device still holds a stats buffer");
		return false;
	}
	balloon->stats_buffer = test_alloc(bytes ? bytes : 1, 16);
	balloon->stats_chain = test_alloc(sizeof(*balloon->stats_chain), 8);
	balloon_encode_stats(balloon->dev, stats, count, balloon->stats_buffer);
	*balloon->stats_chain = (struct vq_buffer){ balloon->stats_buffer, bytes, false };
	if (vq_add_chain(balloon->queue[BALLOON_STATSQ], balloon->stats_chain, 1,
			 balloon->stats_chain) < 0) {
		balloon_fail(balloon, CLAUSE_BALLOON_STATS, "the statsq has no room for a buffer");
		return false;
	}
	balloon->stats_outstanding = true;
	return true;
}

/* What the kernel knows of its memory: the free heap, as MEMFREE and AVAIL. */
static uint32_t default_stats(struct balloon_stat *stats)
{
	uint64_t free_bytes = alloc_free_bytes();

	stats[0] = (struct balloon_stat){ VIRTIO_BALLOON_S_SWAP_IN, 0 };
	stats[1] = (struct balloon_stat){ VIRTIO_BALLOON_S_SWAP_OUT, 0 };
	stats[2] = (struct balloon_stat){ VIRTIO_BALLOON_S_MEMFREE, free_bytes };
	stats[3] = (struct balloon_stat){ VIRTIO_BALLOON_S_AVAIL, free_bytes };
	return 4;
}

bool balloon_open(struct virtio_device *dev, const struct balloon_options *options,
		  struct balloon_device *out, const char **why)
{
	uint64_t wanted = options->features;
	struct balloon_stat own[4];
	const char *reason = NULL;

	*out = (struct balloon_device){ .dev = dev, .error_clause = CLAUSE_BALLOON_INIT };
	wanted |= dev->legacy ? 1ull << LEGACY_F_ANY_LAYOUT : 1ull << VIRTIO_F_VERSION_1;
	if (!virtio_negotiate(dev, wanted, &reason)) {
		balloon_fail(out, CLAUSE_FEATURES, "%s", reason ? reason : "negotiation failed");
		goto failed;
	}
	out->offered = virtio_device_features(dev);
	/* Before the queues, which take their MSI-X vectors from the mode. */
	if (options->irq_mode != VIRTIO_IRQ_POLL && dev->ops->irq_setup(dev, options->irq_mode)) {
		balloon_fail(out, CLAUSE_BALLOON_INIT, "the transport cannot set up interrupts");
		goto failed;
	}
	if (!setup_queues(out))
		goto failed;
	if (out->queue[BALLOON_STATSQ]) {
		bool added = options->stats ?
			     add_stats_buffer(out, options->stats, options->stat_count) :
			     add_stats_buffer(out, own, default_stats(own));

		if (!added)
			goto failed;
	}
	/* 5.5.6.6 (driver): poison_val before DRIVER_OK. */
	if (virtio_has_feature(dev, VIRTIO_BALLOON_F_PAGE_POISON))
		balloon_config_write(dev, VIRTIO_BALLOON_CFG_POISON_VAL, options->poison_val);
	virtio_driver_ok(dev);
	/* 5.5.5 step 7: now the device hears of the stats buffer. */
	if (out->queue[BALLOON_STATSQ])
		vq_kick(out->queue[BALLOON_STATSQ]);
	*why = "";
	return true;
failed:
	*why = out->error;
	return false;
}

enum vq_result balloon_request(struct balloon_device *balloon, enum balloon_queue q,
			       const struct vq_buffer *chain, int count, uint32_t *used_len)
{
	struct virtqueue *vq = (unsigned int)q < BALLOON_QUEUES ? balloon->queue[q] : NULL;
	void *token = NULL;
	enum vq_result result;

	*used_len = 0;
	if (!vq || balloon->broken) {
		balloon_fail(balloon, queue_clause(q), "no %s to send on (%s)", balloon_queue_name(q),
			     balloon->broken ? "broken before" : "not negotiated");
		return VQ_BAD;
	}
	if (vq_add_chain(vq, chain, count, (void *)(uintptr_t)chain) < 0) {
		balloon_fail(balloon, queue_clause(q), "the %s has no room for %d descriptors",
			     balloon_queue_name(q), count);
		return VQ_BAD;
	}
	vq_kick(vq);
	result = vq_wait_used(vq, test_timeout_ms(), &token, used_len);
	if (result == VQ_USED && token != chain) {
		balloon->broken = true;
		balloon_fail(balloon, CLAUSE_USED_RING, "%s: the used element names a buffer that "
			     "was not sent", balloon_queue_name(q));
		return VQ_BAD;
	}
	if (result != VQ_USED) {
		balloon->broken = true;
		balloon_fail(balloon, result == VQ_BAD ? CLAUSE_USED_RING : queue_clause(q),
			     "%s: %s", balloon_queue_name(q), vq->error);
	}
	return result;
}

uint32_t *balloon_encode_pfns(struct balloon_device *balloon, const uint32_t *pfns,
			      uint32_t count)
{
	uint32_t *array = test_alloc(count ? count * 4 : 4, 16);

	/* Little-endian for 1.x, guest-native for legacy (QEMU: virtio_ldl_p). */
	for (uint32_t i = 0; i < count; i++)
		array[i] = virtio_to_device32(balloon->dev, pfns[i]);
	return array;
}

enum vq_result balloon_send_pfns(struct balloon_device *balloon, enum balloon_queue q,
				 const uint32_t *pfns, uint32_t count, uint32_t *used_len)
{
	struct vq_buffer *chain = test_alloc(sizeof(*chain), 8);

	*chain = (struct vq_buffer){ balloon_encode_pfns(balloon, pfns, count), count * 4, false };
	return balloon_request(balloon, q, chain, 1, used_len);
}

enum vq_result balloon_stats_wait(struct balloon_device *balloon, uint32_t timeout_ms,
				  uint32_t *used_len)
{
	struct virtqueue *vq = balloon->queue[BALLOON_STATSQ];
	void *token = NULL;
	enum vq_result result;

	*used_len = 0;
	if (!vq || !balloon->stats_outstanding || balloon->broken) {
		balloon_fail(balloon, CLAUSE_BALLOON_STATS, "no stats buffer is with the device");
		return VQ_BAD;
	}
	result = vq_wait_used(vq, timeout_ms, &token, used_len);
	if (result == VQ_TIMEOUT)
		return result;		/* the device did not ask: it may never */
	if (result == VQ_USED && token != balloon->stats_chain) {
		balloon->broken = true;
		balloon_fail(balloon, CLAUSE_USED_RING, "statsq: the used element names a buffer "
			     "that was not sent");
		return VQ_BAD;
	}
	if (result != VQ_USED) {
		balloon->broken = true;
		balloon_fail(balloon, result == VQ_BAD ? CLAUSE_USED_RING : CLAUSE_BALLOON_STATS,
			     "statsq: %s", vq->error);
		return result;
	}
	balloon->stats_outstanding = false;
	return VQ_USED;
}

bool balloon_stats_supply(struct balloon_device *balloon, const struct balloon_stat *stats,
			  uint32_t count)
{
	if (!balloon->queue[BALLOON_STATSQ] || balloon->broken) {
		balloon_fail(balloon, CLAUSE_BALLOON_STATS, "no statsq to supply");
		return false;
	}
	if (!add_stats_buffer(balloon, stats, count))
		return false;
	vq_kick(balloon->queue[BALLOON_STATSQ]);
	return true;
}
