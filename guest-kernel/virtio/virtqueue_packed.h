/* The packed virtqueue (2.8): the driver-side state. */
#ifndef VCTS_VIRTQUEUE_PACKED_H
#define VCTS_VIRTQUEUE_PACKED_H

#include <stdbool.h>
#include <stdint.h>

struct vq_packed_ring {
	void *descriptors;		/* not built yet: see virtqueue_packed.c */
};

#endif
