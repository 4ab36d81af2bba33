/*
 * Used-buffer notifications as the tests of both PCI interfaces check
 * them (tests/modern/pci_interrupts.c for 1.x, tests/legacy/pci_interrupts.c
 * for legacy): the rules are the same, only the transport that delivers
 * them differs, and the transports count what arrives in vq->interrupts.
 * The entropy device makes the device use a buffer: its requests are the
 * simplest way to get one.
 */
#ifndef VCTS_TESTS_USED_BUFFER_INTERRUPTS_H
#define VCTS_TESTS_USED_BUFFER_INTERRUPTS_H

#include <stdint.h>

#include "drivers/rng.h"
#include "lib/test.h"
#include "pci/pci.h"

/*
 * Opens the rng with interrupts in @mode (with MSI-X, checks that its
 * queue got a vector) and completes one request. Returns the queue's
 * interrupt count from before the request, or -1 after a failed check
 * (the test is over).
 */
int64_t rng_complete_one_request(struct virtio_device *dev, enum virtio_irq_mode mode,
				 struct rng_device *rng);

/*
 * 2.7.10 with flags 0 and no EVENT_IDX: an MSI-X interrupt on the queue's
 * vector follows a used buffer. Skips when function @fn has no usable
 * MSI-X table.
 */
void check_msix_used_buffer_notification(struct virtio_device *dev,
					 const struct pci_function *fn);

/*
 * The same over INTx: the device sets the ISR queue bit before the
 * interrupt, the transport's handler reads ISR (which clears it) and
 * counts the queue bit, and ISR then reads 0.
 */
void check_intx_used_buffer_notification(struct virtio_device *dev);

#endif
