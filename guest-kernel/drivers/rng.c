#include "drivers/rng.h"
#include "lib/test.h"

#define RNG_QUEUE_SIZE 64

bool rng_open(struct virtio_device *dev, enum virtio_irq_mode irq_mode,
	      struct rng_device *rng, const char **why)
{
	struct virtio_setup setup = {
		.queue_count = 1, .queue_size = RNG_QUEUE_SIZE, .irq_mode = irq_mode,
	};

	rng->dev = dev;
	if (!virtio_setup(dev, &setup, why))
		return false;
	rng->requestq = dev->queues[0];
	return true;
}

enum vq_result rng_request(struct rng_device *rng, const struct vq_buffer *buffers,
			   int count, uint32_t *used_length)
{
	void *token;
	enum vq_result result;

	if (vq_add_chain(rng->requestq, buffers, count, rng) < 0)
		return VQ_BAD;
	vq_kick(rng->requestq);
	result = vq_wait_used(rng->requestq, test_timeout_ms(), &token, used_length);
	if (result == VQ_USED && token != rng)
		return VQ_BAD;
	return result;
}

enum vq_result rng_read(struct rng_device *rng, void *buffer, uint32_t length,
			uint32_t *used_length)
{
	struct vq_buffer one = { buffer, length, true };

	return rng_request(rng, &one, 1, used_length);
}
