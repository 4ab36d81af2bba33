/*
 * The virtio-blk configuration space (5.2.4) and what Device
 * Initialization (5.2.5) says about it.
 */
#include "lib/kernel.h"
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

static bool is_power_of_two(uint64_t n)
{
	return n && !(n & (n - 1));
}

/*
 * capacity is always present (5.2.4) and counts 512-byte sectors; the
 * harness's images are 8 MiB and 1 MiB, but the test only asks for a
 * size a driver can use: nonzero, and small enough that its byte size
 * fits 64 bits. The reads at both ends of it are in errors.c.
 * Fails with a zero-byte image behind the device (capacity 0), or a
 * device reporting a blk_size of, say, 1000.
 */
VCTS_TEST(blk_capacity, "devices.blk.capacity_matches_backing", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_INIT)
{
	struct blk_device blk;
	uint64_t capacity;

	if (!blk_test_open_config(dev, BLK_FEATURES_BASIC, &blk))
		return;
	capacity = blk.config.capacity;
	test_log("%s: capacity %llu sectors, blk_size %u, size_max %u, seg_max %u", dev->name,
		 (unsigned long long)capacity, blk.config.blk_size, blk.config.size_max,
		 blk.config.seg_max);
	check(capacity > 0, CLAUSE_BLK_INIT, "capacity is not zero");
	check(capacity <= UINT64_MAX / BLK_SECTOR_SIZE, CLAUSE_BLK_INIT,
	      "capacity %llu sectors is small enough that its size in bytes fits 64 bits",
	      (unsigned long long)capacity);
	/* Only a power of two of at least one sector can be a disk's block size. */
	if (virtio_has_feature(dev, VIRTIO_BLK_F_BLK_SIZE))
		check(is_power_of_two(blk.config.blk_size) &&
		      blk.config.blk_size >= BLK_SECTOR_SIZE, CLAUSE_BLK_INIT,
		      "blk_size %u is a power of two of at least 512", blk.config.blk_size);
}

/* The configuration fields at or after a padding byte, by the feature they need. */
struct padding {
	const char *name;
	uint32_t offset;
	uint32_t bytes;
	uint64_t later_fields;	/* features of fields after the padding */
};

static const struct padding blk_padding[] = {
	{ "unused0", VIRTIO_BLK_CFG_UNUSED0, 1,
	  (1ull << VIRTIO_BLK_F_MQ) | (1ull << VIRTIO_BLK_F_DISCARD) |
	  (1ull << VIRTIO_BLK_F_WRITE_ZEROES) | (1ull << VIRTIO_BLK_F_SECURE_ERASE) },
	{ "unused1", VIRTIO_BLK_CFG_UNUSED1, VIRTIO_BLK_CFG_UNUSED1_BYTES,
	  1ull << VIRTIO_BLK_F_SECURE_ERASE },
};

/*
 * Padding is only padding when the structure goes on after it: a device
 * whose last field ends before it (num_queues absent, say) need not
 * expose those bytes at all, and a transport may read undefined values
 * there. So each padding byte is checked when the device offers a
 * feature whose field lies beyond it. Byte-wide reads, so that no read
 * straddles the end of the device's structure.
 */
static void check_padding(struct blk_device *blk, const struct padding *pad)
{
	uint32_t size = blk->dev->ops->config_size(blk->dev);

	if (!(blk->offered & pad->later_fields)) {
		test_log("%s: no field after %s is offered; not checked", blk->dev->name,
			 pad->name);
		return;
	}
	for (uint32_t i = 0; i < pad->bytes; i++) {
		uint8_t value = 0xff;
		bool read = virtio_config_read_stable(blk->dev, pad->offset + i, &value, 1);

		if (!check(read, CLAUSE_CONFIG_SPACE,
			   "%s byte %u (offset %u) lies within the %u configuration bytes and reads stably",
			   pad->name, i, pad->offset + i, size))
			continue;
		check_eq(value, 0, CLAUSE_BLK_INIT, "padding %s byte %u (offset %u) is zero",
			 pad->name, i, pad->offset + i);
	}
}

/*
 * 5.2.5.2 (device): padding bytes unused0 and unused1 are 0, FLUSH is
 * offered whenever CONFIG_WCE is. Fails against a device that exposes
 * garbage in the padding (a reference device with that fault injected,
 * once it exists; QEMU copies a zeroed structure).
 */
VCTS_TEST(blk_config_padding, "devices.blk.config_padding_zero", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_INIT "|" CLAUSE_CONFIG_SPACE)
{
	struct blk_device blk;

	if (!blk_test_open_config(dev, BLK_FEATURES_BASIC, &blk))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(blk_padding); i++)
		check_padding(&blk, &blk_padding[i]);
	if (blk_offers(&blk, VIRTIO_BLK_F_CONFIG_WCE))
		check(blk_offers(&blk, VIRTIO_BLK_F_FLUSH), CLAUSE_BLK_INIT,
		      "a device that offers CONFIG_WCE offers FLUSH too");
}

/*
 * 5.2.5.2 (device): with CONFIG_WCE negotiated and FLUSH not, writeback
 * starts at 0. Such a driver cannot flush, so the device must not keep
 * its writes in a volatile cache. Read after feature negotiation, as
 * 5.2.5 says the mode is determined. Fails against QEMU 7.2 with a
 * writeback cache (cache=unsafe or the default cache=writeback: it keeps
 * writeback at 1); passes with cache=writethrough.
 */
VCTS_TEST(blk_writeback_without_flush, "devices.blk.writeback_zero_without_flush",
	  VIRTIO_ID_BLOCK, CLAUSE_BLK_INIT)
{
	const uint64_t features = BLK_FEATURES_BASIC | (1ull << VIRTIO_BLK_F_CONFIG_WCE);
	struct blk_device blk;
	uint8_t writeback = 0xff;
	bool read;

	if (!blk_test_open_config(dev, features, &blk))
		return;
	if (!virtio_has_feature(dev, VIRTIO_BLK_F_CONFIG_WCE))
		skip("the device does not offer VIRTIO_BLK_F_CONFIG_WCE");
	read = virtio_config_read_stable(dev, VIRTIO_BLK_CFG_WRITEBACK, &writeback, 1);
	require(read, CLAUSE_CONFIG_SPACE, "writeback (offset %u) reads stably",
		VIRTIO_BLK_CFG_WRITEBACK);
	check_eq(writeback, 0, CLAUSE_BLK_INIT,
		 "writeback is 0 (writethrough) with CONFIG_WCE negotiated and FLUSH not");
}
