/*
 * virtio-rng requests (5.4.6): the device fills device-writable buffers
 * with random bytes, at least one per request.
 */
#include "drivers/rng.h"
#include "lib/fnv.h"
#include "lib/string.h"
#include "lib/test.h"

#define RNG_CLAUSES CLAUSE_RNG_OPERATION "|" CLAUSE_USED_RING

/* Opens @dev for polling, or fails the test with the reason. */
static bool open_for_test(struct virtio_device *dev, struct rng_device *rng)
{
	const char *why = NULL;
	bool opened = rng_open(dev, VIRTIO_IRQ_POLL, rng, &why);

	return check(opened, CLAUSE_FEATURES, "the device can be initialised (%s)",
		     why ? why : "");
}

/*
 * Checks one completed request: 1 <= used length <= @length. The length
 * comes by pointer so that it is read after the request has run.
 */
static bool check_request(struct rng_device *rng, enum vq_result result,
			  const uint32_t *used_length, uint32_t length)
{
	uint32_t used = *used_length;

	if (!check(result == VQ_USED, CLAUSE_USED_RING, "the request completes (%s)",
		   rng->requestq->error))
		return false;
	check(used >= 1, CLAUSE_RNG_OPERATION,
	      "the device places at least one byte (used length %u)", used);
	return check(used <= length, CLAUSE_USED_RING,
		     "used length %u fits the %u-byte buffer", used, length);
}

#define FILL_BYTES	64
#define FILL_READS	8
#define FILL_JUDGED	6	/* reads whose used length must cover a byte to judge it */

/*
 * "The device MUST write at least len bytes to descriptor, beginning at
 * the first device-writable buffer, prior to updating the used idx"
 * (2.7.8.2), and "MUST place one or more random bytes into the buffer"
 * (5.4.6.2). Before each of 8 reads of 64 bytes the driver fills the
 * buffer with a poison pattern of its own (pattern_byte(seed, read, i)),
 * then looks at the bytes inside the used length. A random byte the
 * device wrote equals the poison with probability 1/256, independently
 * of the other reads (the poison differs from read to read). A byte that
 * was inside the used length of at least 6 reads and still held the
 * poison after each was not written: a device that writes honestly
 * fails this with probability at most 64 * 256^-6 = 2^-42 (about
 * 2.3e-13) per run. Fails against a device that reports bytes it did
 * not write (the reference device's rng-short-write fault), and with
 * QEMU's rng rate limit (max-bytes/period): no answer in time.
 */
VCTS_TEST(rng_buffer_filled, "devices.rng.buffer_filled", VIRTIO_ID_RNG, RNG_CLAUSES)
{
	struct rng_device rng;
	uint8_t *buffer = test_alloc(FILL_BYTES, 64);
	uint8_t covered[FILL_BYTES] = { 0 }, kept[FILL_BYTES] = { 0 };
	uint32_t seed = test_seed(), used = 0, judged = 0;
	int never_written = -1;

	if (!open_for_test(dev, &rng))
		return;
	for (uint32_t read = 0; read < FILL_READS; read++) {
		for (uint32_t i = 0; i < FILL_BYTES; i++)
			buffer[i] = pattern_byte(seed, read, i);
		if (!check_request(&rng, rng_read(&rng, buffer, FILL_BYTES, &used), &used,
				   FILL_BYTES))
			return;
		for (uint32_t i = 0; i < used; i++) {
			covered[i]++;
			kept[i] += buffer[i] == pattern_byte(seed, read, i);
		}
	}
	for (uint32_t i = 0; i < FILL_BYTES; i++) {
		if (covered[i] < FILL_JUDGED)
			continue;
		judged++;
		if (never_written < 0 && kept[i] == covered[i])
			never_written = (int)i;
	}
	check(never_written < 0, CLAUSE_USED_RING,
	      "byte %d of the buffer, inside the used length of %u reads, kept the driver's "
	      "poison after every one: the device reported it written but did not write it",
	      never_written, never_written < 0 ? 0 : covered[never_written]);
	test_log("%s: %u of %u bytes were inside the used length of at least %u of %u reads "
		 "and judged", dev->name, judged, FILL_BYTES, FILL_JUDGED, FILL_READS);
}

static bool all_bytes_equal(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		if (p[i] != p[0])
			return false;
	}
	return true;
}

/*
 * Random bytes are not a constant: two 32-byte answers that are equal, or
 * one whose bytes are all the same, happen by chance with probability
 * below 2^-240. Fails against a device that returns zeros.
 */
VCTS_TEST(rng_output_varies, "devices.rng.output_not_constant", VIRTIO_ID_RNG,
	  CLAUSE_RNG_OPERATION)
{
	struct rng_device rng;
	uint8_t *first = test_alloc(32, 32), *second = test_alloc(32, 32);
	uint32_t used_first = 0, used_second = 0;
	if (!open_for_test(dev, &rng))
		return;
	require(check_request(&rng, rng_read(&rng, first, 32, &used_first), &used_first, 32),
		CLAUSE_RNG_OPERATION, "first request");
	require(check_request(&rng, rng_read(&rng, second, 32, &used_second), &used_second, 32),
		CLAUSE_RNG_OPERATION, "second request");
	if (used_first >= 16)
		check(!all_bytes_equal(first, used_first), CLAUSE_RNG_OPERATION,
		      "the %u bytes of one answer are not all %#x", used_first, first[0]);
	if (used_first == 32 && used_second == 32)
		check(memcmp(first, second, 32) != 0, CLAUSE_RNG_OPERATION,
		      "two 32-byte answers differ");
}

/*
 * Message framing (2.6.4): the device must not assume how a buffer is cut
 * into descriptors; three writable pieces are one buffer.
 */
VCTS_TEST(rng_chained, "devices.rng.chained_writable_buffers", VIRTIO_ID_RNG,
	  CLAUSE_MESSAGE_FRAMING "|" RNG_CLAUSES)
{
	struct rng_device rng;
	uint8_t *memory = test_alloc(64, 64);
	uint32_t used = 0;
	struct vq_buffer pieces[3] = {
		{ memory, 8, true }, { memory + 16, 8, true }, { memory + 32, 16, true },
	};
	if (!open_for_test(dev, &rng))
		return;
	check_request(&rng, rng_request(&rng, pieces, 3, &used), &used, 32);
}

/* A page-sized request, and a one-byte one: both ends of the size range. */
VCTS_TEST(rng_sizes, "devices.rng.request_sizes", VIRTIO_ID_RNG, RNG_CLAUSES)
{
	struct rng_device rng;
	uint8_t *page = test_alloc(4096, 4096), *byte = test_alloc(1, 1);
	uint32_t used = 0;
	if (!open_for_test(dev, &rng))
		return;
	check_request(&rng, rng_read(&rng, page, 4096, &used), &used, 4096);
	check_request(&rng, rng_read(&rng, byte, 1, &used), &used, 1);
}

/*
 * Many requests in a row: the ring wraps several times (queue size 64,
 * 200 requests), the used index with it.
 */
VCTS_TEST(rng_many, "devices.rng.ring_wraps", VIRTIO_ID_RNG, RNG_CLAUSES)
{
	struct rng_device rng;
	uint8_t *buffer = test_alloc(16, 16);
	uint32_t used = 0;
	if (!open_for_test(dev, &rng))
		return;
	for (int i = 0; i < 200; i++) {
		if (!check_request(&rng, rng_read(&rng, buffer, 16, &used), &used, 16))
			return;
	}
}
