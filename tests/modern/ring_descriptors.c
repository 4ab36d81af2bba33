/*
 * Descriptors and chains of the split ring (2.7.4, 2.7.5, 2.7.8): one
 * buffer, chains of several, device-readable buffers the device must
 * leave alone, and many chains outstanding at once.
 */
#include "drivers/blk.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "tests/devices/blk/blk_tests.h"
#include "tests/modern/ring_test.h"

#define RNG_QUEUE 8

/*
 * One device-writable descriptor of 1 to 4096 bytes: the device places at
 * least one byte (5.4.6.2) and writes the used length it reports (2.7.8).
 * Fails with a device that claims bytes it never wrote, or does not
 * answer (QEMU's rng rate limit: --device-property rng.max-bytes=8).
 */
VCTS_TEST(ring_single, "modern.ring.single_descriptor", VIRTIO_ID_RNG,
	  CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	static const uint32_t lengths[] = { 1, 7, 64, 512, 4096 };
	struct virtqueue *vq = ring_open_rng(dev, 0, RNG_QUEUE, VIRTIO_IRQ_POLL);
	char what[48];

	for (unsigned int i = 0; vq && i < ARRAY_SIZE(lengths); i++) {
		snprintf(what, sizeof(what), "a %u-byte buffer", lengths[i]);
		if (!ring_rng_roundtrip(vq, ring_writable_buffers(&lengths[i], 1), 1, -1,
					CLAUSE_USED_RING, what))
			return;
	}
}

void ring_test_chained(struct virtio_device *dev)
{
	struct virtqueue *vq = ring_open_rng(dev, 0, RNG_QUEUE, VIRTIO_IRQ_POLL);
	uint32_t lengths[RNG_QUEUE];
	char what[64];

	for (int pieces = 1; vq && pieces <= RNG_QUEUE; pieces++) {
		if (pieces > vq->size) {
			test_log("queue size %u: chains of up to %u descriptors", vq->size, vq->size);
			return;
		}
		for (int i = 0; i < pieces; i++)
			lengths[i] = 8 + 5 * (uint32_t)i + (uint32_t)pieces;
		snprintf(what, sizeof(what), "a chain of %d writable descriptors", pieces);
		if (!ring_rng_roundtrip(vq, ring_writable_buffers(lengths, pieces), pieces, -1,
					CLAUSE_MESSAGE_FRAMING, what))
			return;
	}
}

/*
 * Chains of 1 to 8 device-writable descriptors (2.7.4: the device MUST
 * NOT assume a particular arrangement of descriptors): each completes,
 * and the used length counts bytes written from the first descriptor on,
 * across the chain (2.7.8).
 */
VCTS_TEST(ring_chained, "modern.ring.chained_descriptors", VIRTIO_ID_RNG,
	  CLAUSE_MESSAGE_FRAMING "|" CLAUSE_USED_RING "|" CLAUSE_RNG_OPERATION)
{
	ring_test_chained(dev);
}

/* Whether a device that reports VIRTIO_BLK_F_RO may answer a write with IOERR. */
static bool write_refused(struct virtio_device *dev, uint8_t status)
{
	return virtio_has_feature(dev, VIRTIO_BLK_F_RO) && status == VIRTIO_BLK_S_IOERR;
}

/*
 * 2.7.5.1: "A device MUST NOT write to a device-readable buffer" and
 * honours VRING_DESC_F_WRITE: a read (data device-writable) then a write
 * of the very bytes read (data device-readable, so the image does not
 * change), of 2 sectors or one block if blk_size says more (5.2.5). The
 * core hashes device-readable buffers when it hands them over and checks
 * them when they come back; the test compares the data with a copy too.
 * Needs the reference device to fail.
 */
VCTS_TEST(ring_readable, "modern.ring.device_readable_untouched", VIRTIO_ID_BLOCK,
	  CLAUSE_DESCRIPTOR_TABLE "|" CLAUSE_BLK_OPERATION)
{
	struct blk_device blk;
	enum blk_result result;
	uint32_t sectors;
	uint8_t *data, *copy, status;

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	sectors = blk.block_sectors > 2 ? blk.block_sectors : 2;
	if (blk.config.capacity < BLK_SCRATCH_LBA + sectors)
		skip("capacity %llu sectors is too small", (unsigned long long)blk.config.capacity);
	data = blk_sectors_alloc(sectors);
	copy = blk_sectors_alloc(sectors);
	result = blk_read_sectors(&blk, BLK_SCRATCH_LBA, sectors, data, &status);
	if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "the read (device-writable data)"))
		return;
	memcpy(copy, data, sectors * BLK_SECTOR_SIZE);
	result = blk_write_sectors(&blk, BLK_SCRATCH_LBA, sectors, data, &status);
	if (!check(result == BLK_COMPLETED, CLAUSE_DESCRIPTOR_TABLE,
		   "the write of the same %u sectors (device-readable data) completes and leaves "
		   "its device-readable buffers alone (%s)", sectors, blk.error))
		return;
	check(status == VIRTIO_BLK_S_OK || write_refused(dev, status), CLAUSE_BLK_OPERATION,
	      "the write ends with OK (IOERR on a read-only disk): status %s",
	      blk_status_name(status));
	check(!memcmp(data, copy, sectors * BLK_SECTOR_SIZE), CLAUSE_DESCRIPTOR_TABLE,
	      "the device-readable data is unchanged after the write");
}

#define MIXED_REQUESTS 32
#define MIXED_FIRST_LBA 128u

/*
 * Adds @count reads of 1 to 8 sectors (whole blocks of @block sectors,
 * which divides 8) from distinct places and kicks once.
 */
static void add_mixed_reads(struct virtio_device *dev, struct virtqueue *vq,
			    struct ring_blk_request *requests, int count, uint32_t block)
{
	uint32_t seed = test_seed();

	for (int i = 0; i < count; i++) {
		uint32_t sectors = block * (1 + (seed >> (i % 29)) % (8 / block));

		ring_blk_read(dev, &requests[i], MIXED_FIRST_LBA + 8u * (uint32_t)i, sectors);
		if (vq_add_buffers(vq, requests[i].buffers, 3, -1, &requests[i]) < 0)
			test_fatal("internal: read %d does not fit queue %u", i, vq->index);
	}
	vq_kick(vq);
}

/*
 * Many chains outstanding, of mixed sizes (2.7.8): each used element
 * names one of them once (the core checks ids, lengths and the readable
 * guard), and its length and data are those of the request it names: a
 * device that mixes up ids or lengths gives one request another's data.
 */
VCTS_TEST(ring_mixed, "modern.ring.mixed_outstanding", VIRTIO_ID_BLOCK,
	  CLAUSE_USED_RING "|" CLAUSE_BLK_OPERATION)
{
	struct ring_blk_request *requests = test_alloc(sizeof(*requests) * MIXED_REQUESTS, 8);
	bool returned[MIXED_REQUESTS] = { false };
	struct blk_device blk;
	int count;
	char what[48];

	if (!blk_test_open(dev, BLK_FEATURES_BASIC, &blk))
		return;
	if (blk.config.capacity < MIXED_FIRST_LBA + 8 * MIXED_REQUESTS)
		skip("capacity %llu sectors is too small", (unsigned long long)blk.config.capacity);
	if (blk.config.size_max && blk.config.size_max < 8 * BLK_SECTOR_SIZE)
		skip("size_max %u is below the 4096-byte data buffers", blk.config.size_max);
	count = blk.requestq->size / 3 < MIXED_REQUESTS ? blk.requestq->size / 3 : MIXED_REQUESTS;
	add_mixed_reads(dev, blk.requestq, requests, count, blk.block_sectors);
	for (int done = 0; done < count; done++) {
		struct ring_blk_request *request = NULL;
		uint32_t used = 0;
		enum vq_result result = vq_wait_used(blk.requestq, test_timeout_ms(),
						     (void **)&request, &used);

		require(result == VQ_USED, CLAUSE_USED_RING, "read %d of %d outstanding completes (%s)",
			done + 1, count, blk.requestq->error);
		snprintf(what, sizeof(what), "read %d (%u sectors at LBA %llu)",
			 (int)(request - requests), request->sectors,
			 (unsigned long long)request->lba);
		returned[request - requests] = true;
		if (!ring_blk_check_read(request, used, what))
			return;
	}
	for (int i = 0; i < count; i++)
		check(returned[i], CLAUSE_USED_RING, "read %d came back", i);
}
