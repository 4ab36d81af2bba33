/*
 * What the virtio-balloon tests share: opening the device for a test,
 * pages to give to the balloon, and a byte pattern to find them by.
 */
#ifndef VCTS_TESTS_BALLOON_H
#define VCTS_TESTS_BALLOON_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/balloon.h"
#include "lib/test.h"

#define BALLOON_BIT(bit)	(1ull << (bit))

/*
 * How long a statistics test waits for the device to ask (5.5.6.3 step
 * 1). QEMU asks every guest-stats-polling-interval seconds, and not at
 * all without one; the harness sets 1.
 */
#define BALLOON_STATS_WAIT_MS	3000

/* Sets @dev up with @options; on failure fails the test with the reason. */
#define balloon_test_open(dev, options, balloon) \
	balloon_test_open_at(__FILE__, __LINE__, dev, options, balloon)
bool balloon_test_open_at(const char *file, int line, struct virtio_device *dev,
			  const struct balloon_options *options, struct balloon_device *balloon);

/* Zeroed, 4 KiB-aligned memory for @count balloon pages, released after the test. */
uint8_t *balloon_pages_alloc(uint32_t count);

/*
 * The page numbers of @count pages at @pages into @pfns; fails the test
 * (returns false) when one does not fit 32 bits.
 */
#define balloon_test_pfns(pages, count, pfns) \
	balloon_test_pfns_at(__FILE__, __LINE__, pages, count, pfns)
bool balloon_test_pfns_at(const char *file, int line, const uint8_t *pages, uint32_t count,
			  uint32_t *pfns);

/* Fills @count pages with the pattern of @seed (page by page, byte by byte). */
void balloon_fill_pattern(uint8_t *pages, uint32_t count, uint32_t seed);
/*
 * Checks @count pages against the pattern of @seed and reports the first
 * byte that differs as a failure of @clause about @what.
 */
#define balloon_check_pattern(pages, count, seed, clause, what) \
	balloon_check_pattern_at(__FILE__, __LINE__, pages, count, seed, clause, what)
bool balloon_check_pattern_at(const char *file, int line, const uint8_t *pages, uint32_t count,
			      uint32_t seed, const char *clause, const char *what);

/* Inflates (or deflates) @count pages and checks the device used the buffer. */
#define balloon_check_pfns(balloon, q, pfns, count, what) \
	balloon_check_pfns_at(__FILE__, __LINE__, balloon, q, pfns, count, what)
bool balloon_check_pfns_at(const char *file, int line, struct balloon_device *balloon,
			   enum balloon_queue q, const uint32_t *pfns, uint32_t count,
			   const char *what);

/* Writes actual and logs what reads back (5.5.6 step 5). */
void balloon_set_actual(struct balloon_device *balloon, uint32_t pages);

#endif
