/* virtio-rng (5.4): one request queue, device-writable buffers only. */
#ifndef VCTS_DRIVER_RNG_H
#define VCTS_DRIVER_RNG_H

#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

struct rng_device {
	struct virtio_device *dev;
	struct virtqueue *requestq;
};

bool rng_open(struct virtio_device *dev, enum virtio_irq_mode irq_mode,
	      struct rng_device *rng, const char **why);
/*
 * Hands @count buffers to the device as one chain and waits for it to
 * come back; *@used_length is what the device says it wrote.
 */
enum vq_result rng_request(struct rng_device *rng, const struct vq_buffer *buffers,
			   int count, uint32_t *used_length);
/* One buffer of @length bytes. */
enum vq_result rng_read(struct rng_device *rng, void *buffer, uint32_t length,
			uint32_t *used_length);

#endif
