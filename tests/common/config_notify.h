/*
 * Configuration change notifications as the tests that make the host
 * change a device's configuration see them (net's link status, blk's
 * resize, balloon's target): interrupts by MSI-X where the transport has
 * them, else INTx or the virtio-mmio line, counted by the transport in
 * dev->config_interrupts.
 */
#ifndef VCTS_TESTS_CONFIG_NOTIFY_H
#define VCTS_TESTS_CONFIG_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"

/* MSI-X if the transport can, else INTx / the mmio line; false when neither. */
bool config_notify_pick_irq(struct virtio_device *dev, enum virtio_irq_mode *mode);

/*
 * The rule a missing notification breaks: PCI's config vector (4.1.5.4)
 * or ISR bit 0x2 (4.1.4.5.1), virtio-mmio's InterruptStatus bit 1
 * (4.2.2.1); elsewhere the configuration space's own rule.
 */
const char *config_notify_clause(struct virtio_device *dev);

/*
 * The rule a generation that did not change breaks (1.x): the common
 * configuration (4.1.4.3.1) or virtio-mmio ConfigGeneration (4.2.2.1).
 */
const char *config_notify_generation_clause(struct virtio_device *dev);

/* How the notification comes, for messages. */
const char *config_notify_route(struct virtio_device *dev);

/* Waits up to test_timeout_ms() for dev->config_interrupts to move from @before. */
bool config_notify_wait(struct virtio_device *dev, uint32_t before);

#endif
