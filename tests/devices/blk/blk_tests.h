/*
 * What the virtio-blk tests share: opening the device for a test, and
 * checks of a request's outcome that report the caller's file and line.
 */
#ifndef VCTS_TESTS_BLK_H
#define VCTS_TESTS_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/blk.h"
#include "lib/test.h"

/*
 * Where the tests put their requests: the scratch sectors 64-71, the
 * discard sectors from 80, the ring tests' reads from 128 in steps of 8.
 * All of them start on a 4096-byte boundary, so tests that move data
 * work with blocks of up to 8 sectors and skip larger ones.
 */
#define BLK_TEST_MAX_BLOCK_SECTORS 8u

/*
 * Sets @dev up with @features for a test that reads or writes data; on
 * failure fails the test with the reason, and skips it (returning false)
 * when blk_size is larger than BLK_TEST_MAX_BLOCK_SECTORS.
 */
#define blk_test_open(dev, features, blk) \
	blk_test_open_at(__FILE__, __LINE__, dev, features, 1, true, blk)
#define blk_test_open_queues(dev, features, queues, blk) \
	blk_test_open_at(__FILE__, __LINE__, dev, features, queues, true, blk)
/* The same for a test that only looks at the configuration: any blk_size. */
#define blk_test_open_config(dev, features, blk) \
	blk_test_open_at(__FILE__, __LINE__, dev, features, 1, false, blk)
bool blk_test_open_at(const char *file, int line, struct virtio_device *dev,
		      uint64_t features, uint16_t queues, bool moves_data,
		      struct blk_device *blk);

/*
 * Checks that a request the test describes as @what (e.g. "the read of
 * sector 0") came back with a usable status; the failure names the rule
 * the device broke.
 */
#define blk_check_completed(blk, result, what) \
	blk_check_completed_at(__FILE__, __LINE__, blk, result, what)
bool blk_check_completed_at(const char *file, int line, struct blk_device *blk,
			    enum blk_result result, const char *what);

/* blk_check_completed(), then that the status is @expected. */
#define blk_check_status(blk, result, status, expected, clause, what) \
	blk_check_status_at(__FILE__, __LINE__, blk, result, status, expected, clause, what)
bool blk_check_status_at(const char *file, int line, struct blk_device *blk,
			 enum blk_result result, uint8_t status, uint8_t expected,
			 const char *clause, const char *what);

/*
 * Checks @count sectors read from @lba against the pattern of @seed and
 * reports the first differing byte.
 */
#define blk_check_pattern(buffer, lba, count, seed, clause, what) \
	blk_check_pattern_at(__FILE__, __LINE__, buffer, lba, count, seed, clause, what)
bool blk_check_pattern_at(const char *file, int line, const void *buffer, uint64_t lba,
			  uint32_t count, uint32_t seed, const char *clause, const char *what);

/* Memory for @count sectors, released after the test. */
void *blk_sectors_alloc(uint32_t count);

#endif
