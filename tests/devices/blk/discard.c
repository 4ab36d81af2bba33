/*
 * VIRTIO_BLK_T_DISCARD and VIRTIO_BLK_T_WRITE_ZEROES (5.2.6): their
 * configuration limits, what a write zeroes leaves behind, and the
 * flags a device must refuse. The sectors used are outside the scratch
 * sectors and get the host's pattern back at the end, so that the host
 * checks and devices.blk.read_host_pattern see what they expect.
 */
#include "lib/printf.h"
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

#define DWZ_LBA		80u	/* after the scratch sectors (64-71) */
#define DWZ_BLOCKS	4u	/* blocks a write zeroes test zeroes, one request each */
#define DWZ_MAX_ALIGNMENT 64u	/* sectors a discard test is willing to restore */
#define DWZ_FLAG_UNMAP	1u
#define DWZ_FLAG_RESERVED (1u << 1)
#define NEITHER_OFFERED \
	"the device offers neither VIRTIO_BLK_F_DISCARD nor VIRTIO_BLK_F_WRITE_ZEROES"

#define DWZ_FEATURES \
	(BLK_FEATURES_BASIC | (1ull << VIRTIO_BLK_F_DISCARD) | (1ull << VIRTIO_BLK_F_WRITE_ZEROES))

/* 5.2.6: struct virtio_blk_discard_write_zeroes, in the device's byte order. */
struct dwz_segment {
	uint64_t sector;
	uint32_t num_sectors;
	uint32_t flags;
};

_Static_assert(sizeof(struct dwz_segment) == 16, "a discard/write zeroes segment is 16 bytes");

/* 5.2.4: the limits of one of the two commands. */
struct dwz_limits {
	uint64_t max_sectors;
	uint64_t max_seg;
	uint64_t alignment;	/* discard_sector_alignment, or write_zeroes_may_unmap */
};

static bool read_limits(struct virtio_device *dev, bool write_zeroes, struct dwz_limits *limits)
{
	uint32_t base = write_zeroes ? VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS :
				       VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS;
	uint32_t last = write_zeroes ? VIRTIO_BLK_CFG_WRITE_ZEROES_MAY_UNMAP :
				       VIRTIO_BLK_CFG_DISCARD_SECTOR_ALIGNMENT;

	return virtio_config_read_field(dev, base, 4, &limits->max_sectors) &&
	       virtio_config_read_field(dev, base + 4, 4, &limits->max_seg) &&
	       virtio_config_read_field(dev, last, write_zeroes ? 1 : 4, &limits->alignment);
}

/* Reads the limits of a negotiated command and fails the test if they are unusable. */
static bool check_limits(struct blk_device *blk, bool write_zeroes, struct dwz_limits *limits)
{
	const char *name = write_zeroes ? "write_zeroes" : "discard";
	bool sectors_ok, seg_ok;

	if (!check(read_limits(blk->dev, write_zeroes, limits), CLAUSE_CONFIG_SPACE,
		   "the %s limits lie within the %u configuration bytes and read stably", name,
		   blk->dev->ops->config_size(blk->dev)))
		return false;
	test_log("%s: max_%s_sectors %llu, max_%s_seg %llu, %s %llu", blk->dev->name, name,
		 (unsigned long long)limits->max_sectors, name,
		 (unsigned long long)limits->max_seg,
		 write_zeroes ? "write_zeroes_may_unmap" : "discard_sector_alignment",
		 (unsigned long long)limits->alignment);
	/* 5.2.3: the feature says the device supports the command within these limits. */
	sectors_ok = check(limits->max_sectors >= 1, CLAUSE_BLK_FEATURES,
			   "max_%s_sectors lets a request cover at least one sector", name);
	seg_ok = check(limits->max_seg >= 1, CLAUSE_BLK_FEATURES,
		       "max_%s_seg lets a request carry at least one segment", name);
	return sectors_ok && seg_ok;
}

/* One request of type @type with one segment. */
static enum blk_result send_segment(struct blk_device *blk, uint32_t type, uint64_t lba,
				    uint32_t count, uint32_t flags, uint8_t *status)
{
	struct dwz_segment *segment = test_alloc(sizeof(*segment), 16);
	uint32_t used_len;

	*segment = (struct dwz_segment){
		.sector = virtio_to_device64(blk->dev, lba),
		.num_sectors = virtio_to_device32(blk->dev, count),
		.flags = virtio_to_device32(blk->dev, flags),
	};
	return blk_request(blk, type, 0, segment, sizeof(*segment), false, status, &used_len);
}

/* Writes the host's pattern back over sectors a test changed. */
static void restore_host_pattern(struct blk_device *blk, uint64_t lba, uint32_t count)
{
	uint8_t *data = blk_sectors_alloc(count);
	enum blk_result result;
	uint8_t status;

	blk_fill_pattern(data, lba, count, BLK_HOST_PATTERN_SEED);
	result = blk_write_sectors(blk, lba, count, data, &status);
	blk_check_status(blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			 "the write that gives the sectors the host's pattern back");
}

/*
 * Why @blk, opened with both commands asked for, cannot be used by a test
 * of @feature (of either command, for @feature 0); NULL if it can: it
 * must offer the command, be writable (the test restores what it
 * changes), and reach the sectors the test uses.
 */
static const char *why_not_usable(const struct blk_device *blk, unsigned int feature)
{
	struct virtio_device *dev = blk->dev;

	if (!feature && !virtio_has_feature(dev, VIRTIO_BLK_F_DISCARD) &&
	    !virtio_has_feature(dev, VIRTIO_BLK_F_WRITE_ZEROES))
		return NEITHER_OFFERED;
	if (feature == VIRTIO_BLK_F_DISCARD && !virtio_has_feature(dev, feature))
		return "the device does not offer VIRTIO_BLK_F_DISCARD";
	if (feature == VIRTIO_BLK_F_WRITE_ZEROES && !virtio_has_feature(dev, feature))
		return "the device does not offer VIRTIO_BLK_F_WRITE_ZEROES";
	if (blk_offers(blk, VIRTIO_BLK_F_RO))
		return "the device offers VIRTIO_BLK_F_RO: it is read-only";
	if (blk->config.capacity < DWZ_LBA + DWZ_MAX_ALIGNMENT * 2)
		return "the capacity does not reach the sectors the test uses (80-207)";
	return NULL;
}

/*
 * 5.2.5 and 5.2.3: with DISCARD or WRITE_ZEROES negotiated, the limits
 * can be read; a device offering the command must admit at least one
 * segment of one sector. The spec sets no bound on discard_sector_alignment
 * or write_zeroes_may_unmap: they are logged. Fails against a device
 * with max_discard_seg 0 (the reference device with blk-discard-seg-zero).
 */
VCTS_TEST(blk_dwz_limits, "devices.blk.discard_write_zeroes_limits", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_FEATURES "|" CLAUSE_CONFIG_SPACE)
{
	struct dwz_limits limits;
	struct blk_device blk;

	if (!blk_test_open_config(dev, DWZ_FEATURES, &blk))
		return;
	if (!virtio_has_feature(dev, VIRTIO_BLK_F_DISCARD) &&
	    !virtio_has_feature(dev, VIRTIO_BLK_F_WRITE_ZEROES))
		skip(NEITHER_OFFERED);
	if (virtio_has_feature(dev, VIRTIO_BLK_F_DISCARD))
		check_limits(&blk, false, &limits);
	if (virtio_has_feature(dev, VIRTIO_BLK_F_WRITE_ZEROES))
		check_limits(&blk, true, &limits);
}

/* Reads @count sectors at @lba and fails on the first byte that is not zero. */
static void check_zeroes(struct blk_device *blk, uint64_t lba, uint32_t count)
{
	uint8_t *data = blk_sectors_alloc(count);
	enum blk_result result;
	uint8_t status;

	result = blk_read_sectors(blk, lba, count, data, &status);
	if (!blk_check_status(blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "the read of the sectors just zeroed"))
		return;
	for (uint32_t i = 0; i < count * BLK_SECTOR_SIZE; i++) {
		if (data[i]) {
			check_eq(data[i], 0, CLAUSE_BLK_OPERATION,
				 "after a write zeroes, sector %llu byte %u reads zero",
				 (unsigned long long)(lba + i / BLK_SECTOR_SIZE), i % BLK_SECTOR_SIZE);
			return;
		}
	}
	check(true, CLAUSE_BLK_OPERATION, "the %u zeroed sectors read back as zeroes", count);
}

/*
 * 5.2.6.2: "After a write zeroes command is completed, reads of the
 * specified ranges of sectors MUST return zeroes ... independent of
 * whether unmap was set or clear." Four blocks (a block is one sector
 * unless blk_size says more, 5.2.5) get a pattern, then one write zeroes
 * each, unmap clear and set in turn. Fails against a device that
 * completes the command without writing (the reference device with
 * blk-write-zeroes-ignored).
 */
VCTS_TEST(blk_write_zeroes, "devices.blk.write_zeroes_reads_zero", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION)
{
	struct blk_device blk;
	const char *why;
	struct dwz_limits limits;
	enum blk_result result;
	uint32_t block, sectors;
	uint8_t *data, status;

	if (!blk_test_open(dev, DWZ_FEATURES, &blk))
		return;
	why = why_not_usable(&blk, VIRTIO_BLK_F_WRITE_ZEROES);
	if (why)
		skip("%s", why);
	if (!check_limits(&blk, true, &limits))
		return;
	block = blk.block_sectors;
	if (limits.max_sectors < block)
		skip("max_write_zeroes_sectors %llu is less than one %u-sector block",
		     (unsigned long long)limits.max_sectors, block);
	sectors = DWZ_BLOCKS * block;
	data = blk_sectors_alloc(sectors);
	blk_fill_pattern(data, DWZ_LBA, sectors, test_seed());
	result = blk_write_sectors(&blk, DWZ_LBA, sectors, data, &status);
	if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			      "the write of the pattern to be zeroed"))
		return;
	for (uint32_t i = 0; i < DWZ_BLOCKS; i++) {
		uint32_t lba = DWZ_LBA + i * block;
		char what[80];

		snprintf(what, sizeof(what), "a write zeroes of %u sector(s) at LBA %u, unmap %u",
			 block, lba, i & DWZ_FLAG_UNMAP);
		result = send_segment(&blk, VIRTIO_BLK_T_WRITE_ZEROES, lba, block,
				      i & DWZ_FLAG_UNMAP, &status);
		if (!blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK,
				      CLAUSE_BLK_OPERATION, what))
			return;
	}
	check_zeroes(&blk, DWZ_LBA, sectors);
	restore_host_pattern(&blk, DWZ_LBA, sectors);
}

/*
 * The range a discard test uses: aligned to discard_sector_alignment and
 * to the block, as long as both and no longer than max_discard_sectors
 * allows in whole blocks. NULL, or why no such range exists.
 */
static const char *discard_range(const struct blk_device *blk, const struct dwz_limits *limits,
				 uint64_t *lba, uint64_t *count)
{
	uint64_t block = blk->block_sectors, unit = limits->alignment ? limits->alignment : 1;
	uint64_t max_whole = limits->max_sectors / block * block;

	if (unit < block)
		unit = block;
	if (unit % block || (limits->alignment && unit % limits->alignment))
		return "discard_sector_alignment and the block size have no common multiple the "
		       "test can use";
	if (unit > DWZ_MAX_ALIGNMENT)
		return "discard_sector_alignment is more than the 64 sectors the test restores";
	if (!max_whole)
		return "max_discard_sectors is less than one block";
	*lba = (DWZ_LBA + unit - 1) / unit * unit;
	*count = unit < max_whole ? unit : max_whole;
	return NULL;
}

/*
 * A discard of an aligned range within capacity and max_discard_sectors
 * completes with OK: the device offered the command (5.2.3) and the
 * request breaks none of the driver's rules (5.2.6.1); what the sectors
 * read afterwards is undefined, so the host's pattern is written back.
 * Fails against a device that fails discards (blk-discard-fails).
 */
VCTS_TEST(blk_discard, "devices.blk.discard_completes", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION)
{
	struct dwz_limits limits;
	struct blk_device blk;
	const char *why;
	uint64_t lba, count;
	enum blk_result result;
	uint8_t status;

	if (!blk_test_open(dev, DWZ_FEATURES, &blk))
		return;
	why = why_not_usable(&blk, VIRTIO_BLK_F_DISCARD);
	if (why)
		skip("%s", why);
	if (!check_limits(&blk, false, &limits))
		return;
	why = discard_range(&blk, &limits, &lba, &count);
	if (why)
		skip("%s (discard_sector_alignment %llu, max_discard_sectors %llu, block %u "
		     "sectors)", why, (unsigned long long)limits.alignment,
		     (unsigned long long)limits.max_sectors, blk.block_sectors);
	result = send_segment(&blk, VIRTIO_BLK_T_DISCARD, lba, (uint32_t)count, 0, &status);
	blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			 "a discard of an aligned range within the limits");
	restore_host_pattern(&blk, lba, (uint32_t)count);
}

/* Sends one flagged segment over the block at DWZ_LBA and expects UNSUPP. */
static void check_flag_refused(struct blk_device *blk, uint32_t type, uint32_t flags,
			       const char *what)
{
	uint8_t status;
	enum blk_result result = send_segment(blk, type, DWZ_LBA, blk->block_sectors, flags,
					      &status);

	blk_check_status(blk, result, status, VIRTIO_BLK_S_UNSUPP, CLAUSE_BLK_OPERATION, what);
}

/*
 * 5.2.6.2: UNSUPP "for discard, secure erase and write zeroes commands
 * if any unknown flag is set", and for a discard with unmap set. (A
 * request with more segments than max_*_seg breaks a driver rule the
 * spec gives the device no answer for, so it is not sent; each covers one
 * whole block, so that its range is no reason to refuse it.) Fails against
 * a device that discards with unmap set (blk-discard-accepts-unmap).
 */
VCTS_TEST(blk_dwz_flags, "devices.blk.discard_write_zeroes_flags_unsupp", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_OPERATION)
{
	struct blk_device blk;
	const char *why;

	if (!blk_test_open(dev, DWZ_FEATURES, &blk))
		return;
	why = why_not_usable(&blk, 0);
	if (why)
		skip("%s", why);
	if (virtio_has_feature(dev, VIRTIO_BLK_F_DISCARD)) {
		check_flag_refused(&blk, VIRTIO_BLK_T_DISCARD, DWZ_FLAG_UNMAP,
				   "a discard with the unmap flag set");
		check_flag_refused(&blk, VIRTIO_BLK_T_DISCARD, DWZ_FLAG_RESERVED,
				   "a discard with reserved flag bit 1 set");
	}
	if (virtio_has_feature(dev, VIRTIO_BLK_F_WRITE_ZEROES))
		check_flag_refused(&blk, VIRTIO_BLK_T_WRITE_ZEROES,
				   DWZ_FLAG_RESERVED | DWZ_FLAG_UNMAP,
				   "a write zeroes with reserved flag bit 1 set");
	/* A device that acted on one of them may have changed the block. */
	restore_host_pattern(&blk, DWZ_LBA, blk.block_sectors);
}
