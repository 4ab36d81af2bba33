/* The reference entropy device (5.4): one request queue, filled with xorshift bytes. */
#include "tests/reference/ref_device.h"

static uint8_t next_byte(struct ref_device *dev)
{
	uint32_t x = dev->rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	dev->rng_state = x;
	return (uint8_t)(x >> 24);
}

/* 5.4.6.1: the device fills the writable part with random bytes, at least one. */
static uint32_t rng_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	uint32_t fill = chain->writable_bytes, done = 0;

	(void)queue;
	if (dev->fault == REF_FAULT_RNG_ZERO_BYTES)
		return 0;
	/* A short writer fills the first half and reports it all (against 2.7.8). */
	if (dev->fault == REF_FAULT_RNG_SHORT_WRITE)
		fill = (fill + 1) / 2;
	for (int i = 0; i < chain->count; i++) {
		struct ref_segment *s = &chain->segments[i];

		if (!s->writable)
			continue;
		for (uint32_t j = 0; j < s->length && done < fill; j++, done++)
			s->address[j] = dev->fault == REF_FAULT_RNG_CONSTANT_BYTES ? 0 : next_byte(dev);
	}
	return chain->writable_bytes;
}

const struct ref_device_type ref_rng_type = {
	.name = "rng",
	.device_id = VIRTIO_ID_RNG,
	.queue_count = 1,
	.config_size = 0,
	.process = rng_process,
};
