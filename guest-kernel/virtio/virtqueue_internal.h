/*
 * Between the ring-independent virtqueue code (virtqueue.c) and the two
 * ring layouts (virtqueue_split.c, virtqueue_packed.c). Not for drivers
 * or tests: they use virtqueue.h.
 */
#ifndef VCTS_VIRTQUEUE_INTERNAL_H
#define VCTS_VIRTQUEUE_INTERNAL_H

#include "virtio/virtqueue.h"

void vq_fail(struct virtqueue *vq, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Checks a used element the device returned against what is outstanding
 * (2.7.8, 2.8.21): id in range and outstanding, length no more than the
 * device-writable bytes. Returns false with vq->error set.
 */
bool vq_used_element_valid(struct virtqueue *vq, uint32_t id, uint32_t length);
/*
 * Records chain @id (the @count @buffers, @descriptors ring slots) as
 * handed to the device, with a hash of its device-readable bytes.
 */
void vq_chain_start(struct virtqueue *vq, uint16_t id, void *token,
		    const struct vq_buffer *buffers, int count, uint16_t descriptors);

/*
 * Sends an available-buffer notification (2.9): @next_off and @next_wrap
 * only matter with VIRTIO_F_NOTIFICATION_DATA. Counts it.
 */
void vq_notify(struct virtqueue *vq, uint16_t next_off, bool next_wrap);

bool split_allocate(struct virtqueue *vq);
int split_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		      int indirect_from, void *token);
void split_kick(struct virtqueue *vq);
enum vq_result split_get_used(struct virtqueue *vq, void **token, uint32_t *length);
void split_set_interrupts(struct virtqueue *vq, bool enabled);
void split_set_used_event(struct virtqueue *vq, uint16_t used_idx);

bool packed_allocate(struct virtqueue *vq);
int packed_add_buffers(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
		       int indirect_from, void *token);
void packed_kick(struct virtqueue *vq);
enum vq_result packed_get_used(struct virtqueue *vq, void **token, uint32_t *length);
void packed_set_interrupts(struct virtqueue *vq, bool enabled);
void packed_set_used_event(struct virtqueue *vq, uint16_t used_idx);

#endif
