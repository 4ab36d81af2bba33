/*
 * Memory statistics (5.5.6.3): the device holds the driver's statsq
 * buffer and uses it when it wants statistics; the driver then supplies
 * a new one. Whether and when the device asks is the host's choice
 * (QEMU: guest-stats-polling-interval); a device that does not ask within
 * BALLOON_STATS_WAIT_MS makes the test a skip.
 */
#include "lib/test.h"
#include "tests/devices/balloon/balloon_tests.h"

static const struct balloon_stat usual_stats[] = {
	{ VIRTIO_BALLOON_S_SWAP_IN, 0 },
	{ VIRTIO_BALLOON_S_SWAP_OUT, 0 },
	{ VIRTIO_BALLOON_S_MAJFLT, 1 },
	{ VIRTIO_BALLOON_S_MINFLT, 2 },
	{ VIRTIO_BALLOON_S_MEMFREE, 64ull << 20 },
	{ VIRTIO_BALLOON_S_MEMTOT, 128ull << 20 },
};

/* The same statistics out of order, among tags no version of the spec defines. */
static const struct balloon_stat unusual_stats[] = {
	{ 0x7fff, 0x1122334455667788ull },
	{ VIRTIO_BALLOON_S_MEMTOT, 128ull << 20 },
	{ 0xff00, 42 },
	{ VIRTIO_BALLOON_S_MEMFREE, 64ull << 20 },
	{ VIRTIO_BALLOON_S_MINFLT, 2 },
	{ VIRTIO_BALLOON_S_MAJFLT, 1 },
	{ 10, 7 },
	{ VIRTIO_BALLOON_S_SWAP_OUT, 0 },
	{ VIRTIO_BALLOON_S_SWAP_IN, 0 },
};

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

/* Opens with STATS_VQ and @first as the first buffer; skips without the feature. */
static bool open_with_stats(struct virtio_device *dev, struct balloon_device *balloon,
			    const struct balloon_stat *first, uint32_t count)
{
	struct balloon_options options = {
		.features = BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST) |
			    BALLOON_BIT(VIRTIO_BALLOON_F_STATS_VQ),
		.stats = first, .stat_count = count,
	};

	if (!balloon_test_open(dev, &options, balloon))
		return false;
	if (!balloon->queue[BALLOON_STATSQ]) {
		test_skip("the device does not offer VIRTIO_BALLOON_F_STATS_VQ");
		return false;
	}
	return true;
}

/*
 * One request: the device uses the buffer it holds (used length 0: it
 * only reads statistics). Returns false, having skipped or failed, when
 * no request came.
 */
static bool request_comes(struct balloon_device *balloon, uint32_t n)
{
	uint32_t used_len = 0;
	enum vq_result result = balloon_stats_wait(balloon, BALLOON_STATS_WAIT_MS, &used_len);

	if (result == VQ_TIMEOUT) {
		if (n == 1)
			test_skip("the device did not ask for statistics within %u ms: needs a host "
				  "action the harness does not offer yet (QEMU asks by itself "
				  "with guest-stats-polling-interval)", BALLOON_STATS_WAIT_MS);
		else
			check(false, CLAUSE_BALLOON_STATS,
			      "the device that asked once asks again within %u ms, after the driver "
			      "supplied a new buffer", BALLOON_STATS_WAIT_MS);
		return false;
	}
	if (!check(result == VQ_USED, balloon->error_clause, "statistics request %u: %s", n,
		   balloon->error))
		return false;
	if (balloon->dev->legacy)	/* 5.5.6.1.1: legacy drivers ignore it */
		return true;
	return check_eq(used_len, 0, CLAUSE_USED_RING,
			"the used length of the statsq buffer (request %u), all device-readable, "
			"is 0", n);
}

/*
 * 5.5.6.3 steps 1-5: the device uses the buffer (its request), the
 * driver supplies a new one, the device takes it and asks again: twice
 * round. Fails against a device that asks once and never again.
 */
VCTS_TEST(balloon_stats_cycle, "devices.balloon.stats_request_cycle", VIRTIO_ID_BALLOON,
	  CLAUSE_BALLOON_STATS "|" CLAUSE_USED_RING)
{
	struct balloon_device balloon;

	if (!open_with_stats(dev, &balloon, usual_stats, COUNT(usual_stats)) ||
	    !request_comes(&balloon, 1))
		return;
	require(balloon_stats_supply(&balloon, usual_stats, COUNT(usual_stats)),
		balloon.error_clause, "a new statsq buffer: %s", balloon.error);
	if (!request_comes(&balloon, 2))
		return;
	check(balloon_stats_supply(&balloon, usual_stats, COUNT(usual_stats)),
	      balloon.error_clause, "a third statsq buffer: %s", balloon.error);
}

/*
 * 5.5.6.3.2 (device): unknown tags are ignored and entries come in any
 * order. Buffers with the statistics shuffled among tags 10, 0xff00 and
 * 0x7fff: the device goes on asking, as with any buffer. (What it makes
 * of the values only the host sees: QEMU's guest-stats property.) Fails
 * against a device that stops, or sets DEVICE_NEEDS_RESET, on an unknown
 * tag (the reference device).
 */
VCTS_TEST(balloon_stats_unknown, "devices.balloon.stats_unknown_tags_ignored",
	  VIRTIO_ID_BALLOON, CLAUSE_BALLOON_STATS)
{
	struct balloon_device balloon;

	if (!open_with_stats(dev, &balloon, unusual_stats, COUNT(unusual_stats)) ||
	    !request_comes(&balloon, 1))
		return;
	require(balloon_stats_supply(&balloon, unusual_stats, COUNT(unusual_stats)),
		balloon.error_clause, "a second buffer of unknown tags: %s", balloon.error);
	request_comes(&balloon, 2);
}
