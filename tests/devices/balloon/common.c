/* Helpers of the virtio-balloon tests (balloon_tests.h). */
#include "lib/fnv.h"
#include "lib/test.h"
#include "tests/devices/balloon/balloon_tests.h"

bool balloon_test_open_at(const char *file, int line, struct virtio_device *dev,
			  const struct balloon_options *options, struct balloon_device *balloon)
{
	const char *why = "";
	bool opened = balloon_open(dev, options, balloon, &why);

	return test_check(opened, balloon->error_clause, file, line,
			  "the device can be initialised: %s", why);
}

uint8_t *balloon_pages_alloc(uint32_t count)
{
	return test_alloc((size_t)count * BALLOON_PAGE_SIZE, BALLOON_PAGE_SIZE);
}

bool balloon_test_pfns_at(const char *file, int line, const uint8_t *pages, uint32_t count,
			  uint32_t *pfns)
{
	for (uint32_t i = 0; i < count; i++) {
		if (!balloon_pfn(pages + (size_t)i * BALLOON_PAGE_SIZE, &pfns[i]))
			return test_check(false, CLAUSE_BALLOON_OPERATION, file, line,
					  "page %u of the test lies below 16 TiB, where 32-bit page "
					  "numbers reach", i);
	}
	return true;
}

void balloon_fill_pattern(uint8_t *pages, uint32_t count, uint32_t seed)
{
	for (uint32_t p = 0; p < count; p++)
		for (uint32_t i = 0; i < BALLOON_PAGE_SIZE; i++)
			pages[(size_t)p * BALLOON_PAGE_SIZE + i] = pattern_byte(seed, p, i);
}

bool balloon_check_pattern_at(const char *file, int line, const uint8_t *pages, uint32_t count,
			      uint32_t seed, const char *clause, const char *what)
{
	const volatile uint8_t *bytes = pages;

	for (uint32_t p = 0; p < count; p++) {
		for (uint32_t i = 0; i < BALLOON_PAGE_SIZE; i++) {
			uint8_t expected = pattern_byte(seed, p, i);
			uint8_t actual = bytes[(size_t)p * BALLOON_PAGE_SIZE + i];

			if (actual != expected)
				return test_check_eq(actual, expected, clause, file, line,
						     "%s: page %u byte %u is what the driver wrote",
						     what, p, i);
		}
	}
	return test_check(true, clause, file, line, "%s", what);
}

bool balloon_check_pfns_at(const char *file, int line, struct balloon_device *balloon,
			   enum balloon_queue q, const uint32_t *pfns, uint32_t count,
			   const char *what)
{
	uint32_t used_len = 0;
	enum vq_result result = balloon_send_pfns(balloon, q, pfns, count, &used_len);

	if (!test_check(result == VQ_USED, balloon->error_clause, file, line,
			"%s is acknowledged (the device uses the %s buffer): %s", what,
			balloon_queue_name(q), balloon->error))
		return false;
	/*
	 * Device-readable only, so 0 (the queue core refuses more). The legacy
	 * interface lets devices put the buffer's length there (5.5.6.1.1).
	 */
	if (balloon->dev->legacy)
		return true;
	return test_check_eq(used_len, 0, CLAUSE_USED_RING, file, line,
			     "the used length of %s, all device-readable, is 0", what);
}

void balloon_set_actual(struct balloon_device *balloon, uint32_t pages)
{
	uint32_t readback = 0;
	bool read;

	balloon_config_write(balloon->dev, VIRTIO_BALLOON_CFG_ACTUAL, pages);
	read = balloon_config_read(balloon->dev, VIRTIO_BALLOON_CFG_ACTUAL, &readback);
	test_log("%s: actual written %u, reads back %u%s", balloon->dev->name, pages, readback,
		 read ? "" : " (not stably)");
}
