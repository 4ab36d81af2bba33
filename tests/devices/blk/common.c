/* Helpers of the virtio-blk tests (blk_tests.h). */
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

bool blk_test_open_at(const char *file, int line, struct virtio_device *dev,
		      uint64_t features, uint16_t queues, bool moves_data,
		      struct blk_device *blk)
{
	const char *why = "";
	bool opened = blk_open_queues(dev, features, queues, blk, &why);

	if (!test_check(opened, blk->error_clause, file, line,
			"the device can be initialised: %s", why))
		return false;
	if (moves_data && blk->block_sectors > BLK_TEST_MAX_BLOCK_SECTORS) {
		test_skip("blk_size is %u: the tests place their requests on 4096-byte "
			  "boundaries and cannot send whole blocks of more", blk->config.blk_size);
		return false;
	}
	return true;
}

static const char *result_name(enum blk_result result)
{
	switch (result) {
	case BLK_COMPLETED:
		return "completed";
	case BLK_NO_STATUS:
		return "used length misses the status byte";
	case BLK_BAD_STATUS:
		return "undefined status value";
	case BLK_RING_ERROR:
		return "ring rule broken";
	case BLK_TIMEOUT:
		return "timeout";
	case BLK_NOT_SENT:
		return "not sent";
	}
	return "?";
}

bool blk_check_completed_at(const char *file, int line, struct blk_device *blk,
			    enum blk_result result, const char *what)
{
	return test_check(result == BLK_COMPLETED, blk->error_clause, file, line,
			  "%s completes with a defined status (%s: %s)", what,
			  result_name(result), blk->error);
}

bool blk_check_status_at(const char *file, int line, struct blk_device *blk,
			 enum blk_result result, uint8_t status, uint8_t expected,
			 const char *clause, const char *what)
{
	if (!blk_check_completed_at(file, line, blk, result, what))
		return false;
	return test_check_eq(status, expected, clause, file, line,
			     "%s ends with status %s, the device said %s", what,
			     blk_status_name(expected), blk_status_name(status));
}

bool blk_check_pattern_at(const char *file, int line, const void *buffer, uint64_t lba,
			  uint32_t count, uint32_t seed, const char *clause, const char *what)
{
	struct blk_mismatch first;

	if (!blk_find_mismatch(buffer, lba, count, seed, &first))
		return test_check(true, clause, file, line, "%s", what);
	return test_check_eq(first.actual, first.expected, clause, file, line,
			     "%s: sector %llu byte %u differs from the pattern of seed %#x",
			     what, (unsigned long long)first.lba, first.offset, seed);
}

void *blk_sectors_alloc(uint32_t count)
{
	return test_alloc((size_t)count * BLK_SECTOR_SIZE, 4096);
}
