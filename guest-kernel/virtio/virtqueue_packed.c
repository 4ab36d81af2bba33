/*
 * The packed virtqueue (2.8) is not built yet: a device that negotiated
 * VIRTIO_F_RING_PACKED gets no queue, and drivers do not ask for the
 * feature until it is.
 */
#include "virtio/virtqueue_internal.h"

bool packed_allocate(struct virtqueue *vq)
{
	vq_fail(vq, "packed virtqueues are not supported by this kernel yet");
	return false;
}

int packed_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		       int indirect_from, void *token)
{
	(void)vq, (void)buffers, (void)count, (void)indirect_from, (void)token;
	return -1;
}

void packed_kick(struct virtqueue *vq)
{
	(void)vq;
}

enum vq_result packed_get_used(struct virtqueue *vq, void **token, uint32_t *length)
{
	(void)token, (void)length;
	vq_fail(vq, "packed virtqueues are not supported by this kernel yet");
	return VQ_BAD;
}

void packed_set_interrupts(struct virtqueue *vq, bool enabled)
{
	(void)vq, (void)enabled;
}

void packed_set_used_event(struct virtqueue *vq, uint16_t used_idx)
{
	(void)vq, (void)used_idx;
}
