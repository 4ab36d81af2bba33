/*
 * The virtio-mmio transport (4.2): version 1 (legacy: GuestPageSize,
 * QueueAlign, QueuePFN) and version 2 (QueueReady, 64-bit queue
 * addresses, ConfigGeneration), one ops table each.
 */
#ifndef VCTS_MMIO_H
#define VCTS_MMIO_H

#include "arch/arch.h"
#include "virtio/virtio.h"

struct virtio_mmio;

/*
 * Drives the transport in @window. Returns NULL on success, "" for an
 * empty slot (no magic, or DeviceID 0), or why it can't be driven.
 */
const char *mmio_probe(const struct mmio_window *window, struct virtio_device *dev);
/* The transport state of @dev, or NULL if @dev is not on virtio-mmio. */
struct virtio_mmio *mmio_of(struct virtio_device *dev);

#endif
