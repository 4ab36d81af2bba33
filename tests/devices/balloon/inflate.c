/*
 * Inflate and deflate (5.5.6): the device acknowledges each request by
 * using its buffer, and touches no page but those in the balloon.
 */
#include "lib/kernel.h"
#include "lib/test.h"
#include "tests/devices/balloon/balloon_tests.h"

#define BALLOON_PAGES		8
#define GUARD_PAGES		2
/* How long the pages are watched after the device gave them back. */
#define SETTLE_MS		50

/* What a test asks for unless it says otherwise: MUST_TELL_HOST, which drivers SHOULD accept. */
static const struct balloon_options default_options = {
	.features = BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST),
};

static void wait_ms(uint32_t ms)
{
	uint64_t end = deadline_after_ms(ms);

	while (!deadline_passed(end))
		arch_wait_a_little();
}

/*
 * 5.5.6 steps 2-4: the device acknowledges an inflate request, and a
 * deflate request for the same pages, by using the descriptor; the used
 * length of a device-readable buffer is 0 (2.7.8). The driver updates
 * actual after each (step 5; the read-back is logged, nothing requires
 * it). Fails against a device that keeps the buffer (the reference
 * device) or reports the bytes it read as the used length, as legacy
 * devices did (5.5.6.1.1's note; the queue core refuses it).
 */
VCTS_TEST(balloon_inflate_deflate, "devices.balloon.inflate_deflate_used", VIRTIO_ID_BALLOON,
	  CLAUSE_BALLOON_OPERATION "|" CLAUSE_USED_RING)
{
	struct balloon_device balloon;
	uint8_t *pages = balloon_pages_alloc(BALLOON_PAGES);
	uint32_t pfns[BALLOON_PAGES];

	if (!balloon_test_open(dev, &default_options, &balloon) ||
	    !balloon_test_pfns(pages, BALLOON_PAGES, pfns))
		return;
	test_log("%s: MUST_TELL_HOST %s; pages %#x-%#x", dev->name,
		 virtio_has_feature(dev, VIRTIO_BALLOON_F_MUST_TELL_HOST) ? "negotiated" :
		 "not offered", pfns[0], pfns[BALLOON_PAGES - 1]);
	if (!balloon_check_pfns(&balloon, BALLOON_INFLATEQ, pfns, BALLOON_PAGES,
				"an inflate request of 8 pages"))
		return;
	balloon_set_actual(&balloon, BALLOON_PAGES);
	if (!balloon_check_pfns(&balloon, BALLOON_DEFLATEQ, pfns, BALLOON_PAGES,
				"the deflate request of the same 8 pages"))
		return;
	balloon_set_actual(&balloon, 0);
}

/*
 * 5.5.6.2 (device): the device MAY modify "a page in the balloon", and
 * only then: the pages around the ones inflated keep every byte, during
 * the inflate and after it, and the inflated pages, once the deflate is
 * acknowledged, keep what the driver writes into them. Eight pages with
 * a pattern, the middle four given to the balloon. Fails against a
 * device that discards the wrong page (a page-number shift other than
 * 12, an off-by-one) or discards after acknowledging (the reference
 * device; QEMU discards exactly the 4 KiB of each page number, before it
 * uses the buffer).
 */
VCTS_TEST(balloon_other_pages, "devices.balloon.inflate_spares_other_pages",
	  VIRTIO_ID_BALLOON, CLAUSE_BALLOON_OPERATION)
{
	struct balloon_device balloon;
	uint32_t total = BALLOON_PAGES, inner = BALLOON_PAGES - 2 * GUARD_PAGES;
	uint8_t *pages = balloon_pages_alloc(total), *middle = pages + GUARD_PAGES * BALLOON_PAGE_SIZE;
	uint8_t *after = middle + inner * BALLOON_PAGE_SIZE;
	uint32_t seed = test_seed(), pfns[BALLOON_PAGES];

	if (!balloon_test_open(dev, &default_options, &balloon) ||
	    !balloon_test_pfns(middle, inner, pfns))
		return;
	balloon_fill_pattern(pages, GUARD_PAGES, seed);
	balloon_fill_pattern(after, GUARD_PAGES, ~seed);
	if (!balloon_check_pfns(&balloon, BALLOON_INFLATEQ, pfns, inner,
				"an inflate request of 4 pages"))
		return;
	wait_ms(SETTLE_MS);
	balloon_check_pattern(pages, GUARD_PAGES, seed, CLAUSE_BALLOON_OPERATION,
			      "the 2 pages before the inflated ones are untouched");
	balloon_check_pattern(after, GUARD_PAGES, ~seed, CLAUSE_BALLOON_OPERATION,
			      "the 2 pages after the inflated ones are untouched");
	if (!balloon_check_pfns(&balloon, BALLOON_DEFLATEQ, pfns, inner,
				"the deflate request of the 4 pages"))
		return;
	/* Out of the balloon now: the driver's again. */
	balloon_fill_pattern(middle, inner, seed ^ 0x5a5a5a5au);
	wait_ms(SETTLE_MS);
	balloon_check_pattern(middle, inner, seed ^ 0x5a5a5a5au, CLAUSE_BALLOON_OPERATION,
			      "the deflated pages keep what the driver wrote after the deflate");
	balloon_check_pattern(pages, GUARD_PAGES, seed, CLAUSE_BALLOON_OPERATION,
			      "the pages before are still untouched after the deflate");
	balloon_check_pattern(after, GUARD_PAGES, ~seed, CLAUSE_BALLOON_OPERATION,
			      "the pages after are still untouched after the deflate");
}

/*
 * 2.6.4 (device): no assumption about how a buffer is cut into
 * descriptors. The inflate array of 6 page numbers comes in three
 * descriptors of 4, 10 and 10 bytes, so two numbers straddle a
 * descriptor boundary; the deflate of the same pages in one. Fails
 * against a device that reads page numbers per descriptor and keeps the
 * buffer, or calls it an error with DEVICE_NEEDS_RESET (the reference
 * device; QEMU gathers the buffer with iov_to_buf).
 */
VCTS_TEST(balloon_framing, "devices.balloon.pfn_array_any_framing", VIRTIO_ID_BALLOON,
	  CLAUSE_MESSAGE_FRAMING "|" CLAUSE_BALLOON_OPERATION)
{
	struct balloon_device balloon;
	uint8_t *pages = balloon_pages_alloc(6);
	uint32_t pfns[6], used_len = 0;
	uint8_t *array;
	struct vq_buffer chain[3];
	enum vq_result result;

	if (!balloon_test_open(dev, &default_options, &balloon) ||
	    !balloon_test_pfns(pages, 6, pfns))
		return;
	array = (uint8_t *)balloon_encode_pfns(&balloon, pfns, 6);
	chain[0] = (struct vq_buffer){ array, 4, false };
	chain[1] = (struct vq_buffer){ array + 4, 10, false };
	chain[2] = (struct vq_buffer){ array + 14, 10, false };
	result = balloon_request(&balloon, BALLOON_INFLATEQ, chain, 3, &used_len);
	if (!check(result == VQ_USED, balloon.error_clause,
		   "an inflate array of 6 page numbers in descriptors of 4, 10 and 10 bytes is "
		   "acknowledged: %s", balloon.error))
		return;
	if (!dev->legacy)	/* 5.5.6.1.1: legacy drivers ignore it */
		check_eq(used_len, 0, CLAUSE_USED_RING,
			 "the used length of the inflate request is 0");
	check(!(dev->ops->get_status(dev) & VIRTIO_STATUS_NEEDS_RESET), CLAUSE_MESSAGE_FRAMING,
	      "the device does not take page numbers that straddle descriptors for an error "
	      "(DEVICE_NEEDS_RESET)");
	balloon_check_pfns(&balloon, BALLOON_DEFLATEQ, pfns, 6,
			   "the deflate of the same 6 pages in one descriptor");
}

/*
 * 5.5.3.1 (device): a device that offers MUST_TELL_HOST MAY refuse
 * FEATURES_OK to a driver that does not accept it; over the legacy
 * interface it MUST work with such a driver (5.5.3.2). So: not accepted,
 * a 1.x device either refuses (and the test passes with a note) or
 * works; a legacy one works. Skips when the feature is not offered
 * (QEMU never offers it).
 */
VCTS_TEST(balloon_without_tell_host, "devices.balloon.works_without_must_tell_host",
	  VIRTIO_ID_BALLOON, CLAUSE_BALLOON_FEATURES "|" CLAUSE_BALLOON_OPERATION)
{
	struct balloon_device balloon;
	struct balloon_options options = { .features = 0 };
	uint8_t *pages = balloon_pages_alloc(2);
	uint32_t pfns[2];
	const char *why = "";

	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE);
	if (!(virtio_device_features(dev) & BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST)))
		skip("the device does not offer VIRTIO_BALLOON_F_MUST_TELL_HOST");
	if (!balloon_open(dev, &options, &balloon, &why)) {
		/* FEATURES_OK refused: virtio_negotiate() failed, nothing else ran. */
		require(!dev->legacy && !virtio_has_feature(dev, VIRTIO_F_VERSION_1) &&
			!(dev->ops->get_status(dev) & VIRTIO_STATUS_FEATURES_OK),
			balloon.error_clause, "the device can be initialised without "
			"MUST_TELL_HOST: %s", why);
		test_log("%s: FEATURES_OK refused without MUST_TELL_HOST, as 5.5.3.1 allows",
			 dev->name);
		return;
	}
	if (!balloon_test_pfns(pages, 2, pfns))
		return;
	if (balloon_check_pfns(&balloon, BALLOON_INFLATEQ, pfns, 2,
			       "an inflate request without MUST_TELL_HOST"))
		balloon_check_pfns(&balloon, BALLOON_DEFLATEQ, pfns, 2,
				   "the deflate request without MUST_TELL_HOST");
}
