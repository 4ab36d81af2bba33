/*
 * What every virtqueue does whatever its layout: creation, bookkeeping of
 * the buffers the device holds, validation of what it gives back, waiting.
 * The layouts live in virtqueue_split.c (2.7) and virtqueue_packed.c (2.8).
 */
#include <stdarg.h>

#include "lib/alloc.h"
#include "lib/kernel.h"
#include "lib/fnv.h"
#include "lib/printf.h"
#include "virtio/virtqueue_internal.h"

void vq_fail(struct virtqueue *vq, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(vq->error, sizeof(vq->error), format, args);
	va_end(args);
}

static bool is_power_of_two(uint32_t n)
{
	return n && !(n & (n - 1));
}

struct virtqueue *vq_create(struct virtio_device *dev, uint16_t index, uint16_t size,
			    const char **why)
{
	struct virtqueue *vq;
	bool allocated;

	if (index >= VIRTIO_MAX_QUEUES) {
		*why = "queue index beyond what the kernel supports";
		return NULL;
	}
	if (!is_power_of_two(size)) {
		*why = "queue size is not a power of two";
		return NULL;
	}
	vq = alloc_zeroed(sizeof(*vq), 8);
	if (!vq) {
		*why = "out of memory for the queue";
		return NULL;
	}
	vq->dev = dev;
	vq->index = index;
	vq->size = size;
	vq->packed = virtio_has_feature(dev, VIRTIO_F_RING_PACKED);
	vq->chains = alloc_zeroed(sizeof(struct vq_chain_state) * size, 8);
	allocated = vq->chains && (vq->packed ? packed_allocate(vq) : split_allocate(vq));
	if (!allocated) {
		*why = vq->error[0] ? vq->error : "out of memory for the rings";
		return NULL;
	}
	dev->queues[index] = vq;
	if (dev->ops->queue_enable(dev, vq) < 0) {
		dev->queues[index] = NULL;
		*why = vq->error[0] ? vq->error : "the transport could not enable the queue";
		return NULL;
	}
	*why = NULL;
	return vq;
}

static uint32_t hash_readable_bytes(const struct vq_buffer *buffers, int count)
{
	uint32_t hash = FNV1A32_INIT;

	for (int i = 0; i < count; i++) {
		if (!buffers[i].device_writable)
			hash = fnv1a32_update(hash, buffers[i].address, buffers[i].length);
	}
	return hash;
}

void vq_chain_start(struct virtqueue *vq, uint16_t id, void *token,
		    const struct vq_buffer *buffers, int count, uint16_t descriptors)
{
	uint32_t writable = 0;

	for (int i = 0; i < count; i++) {
		if (buffers[i].device_writable)
			writable += buffers[i].length;
	}
	vq->chains[id] = (struct vq_chain_state){
		.token = token, .writable_bytes = writable,
		.descriptors = descriptors, .outstanding = true,
		.readable_hash = hash_readable_bytes(buffers, count),
		.buffers = buffers, .buffer_count = (uint16_t)count,
		/* The head's indirect table is kept for its next chains. */
		.indirect_table = vq->chains[id].indirect_table,
		.indirect_capacity = vq->chains[id].indirect_capacity,
	};
	vq->outstanding++;
}

/*
 * Driver Notifications (2.9): the queue index, or with
 * VIRTIO_F_NOTIFICATION_DATA also where the next available entry goes:
 * next_off in bits 16-30, next_wrap in bit 31.
 */
void vq_notify(struct virtqueue *vq, uint16_t next_off, bool next_wrap)
{
	uint32_t value = vq->index;

	if (virtio_has_feature(vq->dev, VIRTIO_F_NOTIFICATION_DATA))
		value |= (uint32_t)(next_off & 0x7fff) << 16 | (uint32_t)next_wrap << 31;
	vq->dev->ops->queue_notify(vq->dev, vq, value);
	vq->last_notification = value;
	vq->notifications_sent++;
}

bool vq_notify_again(struct virtqueue *vq)
{
	if (!vq->notifications_sent)
		return false;
	vq->dev->ops->queue_notify(vq->dev, vq, vq->last_notification);
	vq->notifications_sent++;
	return true;
}

bool vq_reset(struct virtqueue *vq, uint32_t timeout_ms)
{
	struct virtio_device *dev = vq->dev;

	if (!virtio_has_feature(dev, VIRTIO_F_RING_RESET)) {
		vq_fail(vq, "VIRTIO_F_RING_RESET is not negotiated");
		return false;
	}
	if (!dev->ops->queue_reset) {
		vq_fail(vq, "the kernel cannot reset single queues over %s", dev->ops->name);
		return false;
	}
	if (dev->ops->queue_reset(dev, vq, timeout_ms) < 0)
		return false;
	dev->queues[vq->index] = NULL;
	return true;
}

bool vq_used_element_valid(struct virtqueue *vq, uint32_t id, uint32_t length)
{
	if (id >= vq->size) {
		vq_fail(vq, "used element id %u is out of range (queue size %u)", id, vq->size);
		return false;
	}
	if (!vq->chains[id].outstanding) {
		vq_fail(vq, "used element id %u is not the head of an outstanding buffer", id);
		return false;
	}
	if (length > vq->chains[id].writable_bytes) {
		vq_fail(vq, "used length %u exceeds the %u device-writable bytes of buffer %u",
			length, vq->chains[id].writable_bytes, id);
		return false;
	}
	/* 2.7.4: device-readable buffers are read-only for the device. */
	if (hash_readable_bytes(vq->chains[id].buffers, vq->chains[id].buffer_count) !=
	    vq->chains[id].readable_hash) {
		vq_fail(vq, "the device wrote into a device-readable buffer of chain %u", id);
		return false;
	}
	return true;
}

int vq_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		   int indirect_from, void *token)
{
	if (count <= 0 || indirect_from >= count)
		return -1;
	if (indirect_from >= 0 && !virtio_has_feature(vq->dev, VIRTIO_F_INDIRECT_DESC))
		return -1;
	return vq->packed ? packed_add_buffers(vq, buffers, count, indirect_from, token) :
			    split_add_buffers(vq, buffers, count, indirect_from, token);
}

int vq_add_chain(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		 void *token)
{
	return vq_add_buffers(vq, buffers, count, -1, token);
}

void vq_kick(struct virtqueue *vq)
{
	if (vq->packed)
		packed_kick(vq);
	else
		split_kick(vq);
}

enum vq_result vq_get_used(struct virtqueue *vq, void **token, uint32_t *length)
{
	return vq->packed ? packed_get_used(vq, token, length) :
			    split_get_used(vq, token, length);
}

void vq_set_interrupts(struct virtqueue *vq, bool enabled)
{
	if (vq->packed)
		packed_set_interrupts(vq, enabled);
	else
		split_set_interrupts(vq, enabled);
}

void vq_set_used_event(struct virtqueue *vq, uint16_t used_idx)
{
	if (vq->packed)
		packed_set_used_event(vq, used_idx);
	else
		split_set_used_event(vq, used_idx);
}

/*
 * 2.1: a device that entered an error state sets DEVICE_NEEDS_RESET and
 * will not use the buffer: no point waiting on. Legacy devices have no
 * such bit. Reads the status at most once every @next_check.
 */
static bool device_gave_up(struct virtqueue *vq, uint64_t *next_check)
{
	uint8_t status;

	if (vq->dev->legacy || arch_time_us() < *next_check)
		return false;
	*next_check = arch_time_us() + 1000;
	status = vq->dev->ops->get_status(vq->dev);
	if (!(status & VIRTIO_STATUS_NEEDS_RESET))
		return false;
	vq_fail(vq, "the device set DEVICE_NEEDS_RESET (status %#x) instead of using a buffer "
		"of queue %u", status, vq->index);
	return true;
}

enum vq_result vq_wait_used(struct virtqueue *vq, uint32_t timeout_ms,
			    void **token, uint32_t *length)
{
	uint64_t deadline = deadline_after_ms(timeout_ms), next_check = deadline_after_ms(1);
	enum vq_result result;

	for (;;) {
		result = vq_get_used(vq, token, length);
		if (result != VQ_EMPTY)
			return result;
		if (deadline_passed(deadline))
			break;
		if (device_gave_up(vq, &next_check))
			return VQ_DEVICE_ERROR;
		arch_wait_a_little();
	}
	vq_fail(vq, "no used buffer on queue %u within %u ms", vq->index, timeout_ms);
	return VQ_TIMEOUT;
}

bool vq_wait_interrupt(struct virtqueue *vq, uint32_t seen, uint32_t timeout_ms)
{
	uint64_t deadline = deadline_after_ms(timeout_ms);

	while (vq->interrupts == seen) {
		if (deadline_passed(deadline))
			return false;
		arch_wait_a_little();
	}
	return true;
}

void vq_count_interrupt_on_every_queue(struct virtio_device *dev)
{
	for (int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		if (dev->queues[i])
			dev->queues[i]->interrupts++;
	}
}
