/*
 * What the split-ring and notification tests share (tests/modern/ring_*.c,
 * notify_*.c, and their legacy twins in tests/legacy/ring_legacy.c): the
 * clauses they cite, opening the entropy device with chosen ring features
 * and queue size, and checks of a completed request. The entropy device
 * is the workhorse: its requests are one or more device-writable buffers
 * and nothing else; the block device stands in where a request needs
 * device-readable buffers too.
 */
#ifndef VCTS_TESTS_RING_H
#define VCTS_TESTS_RING_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/test.h"
#include "virtio/virtqueue.h"

#define CLAUSE_DESCRIPTOR_TABLE \
	"Basic Facilities of a Virtio Device / Virtqueues / The Virtqueue Descriptor Table"
#define CLAUSE_INDIRECT_DESC \
	"Basic Facilities of a Virtio Device / Virtqueues / The Virtqueue Descriptor Table / Indirect Descriptors"
#define CLAUSE_AVAIL_NOTIFY_SUPPRESSION \
	"Basic Facilities of a Virtio Device / Virtqueues / Available Buffer Notification Suppression"
/* 2.7.9 has no \devicenormative block: its MUST is in Reserved Feature Bits. */
#define CLAUSE_IN_ORDER \
	"Basic Facilities of a Virtio Device / Virtqueues / In-order use of descriptors"
#ifndef CLAUSE_VIRTQUEUE_RESET
#define CLAUSE_VIRTQUEUE_RESET \
	"Basic Facilities of a Virtio Device / Virtqueues / Virtqueue Reset / Virtqueue Reset"
#endif
#define CLAUSE_VIRTQUEUE_REENABLE \
	"Basic Facilities of a Virtio Device / Virtqueues / Virtqueue Reset / Virtqueue Re-enable"
/*
 * 2.9 has no \devicenormative block of its own: its full section path
 * (the 1.2 sources label it "Virtqueues / Driver notifications").
 */
#define CLAUSE_DRIVER_NOTIFICATIONS \
	"Basic Facilities of a Virtio Device / Driver Notifications"

/* What the driver puts into buffers before the device writes them. */
#define RING_FILL_BYTE 0xa5

/*
 * Skips the test (returns false) unless the device offers feature @bit,
 * named @name in the reason.
 */
bool ring_offered_or_skip(struct virtio_device *dev, unsigned int bit, const char *name);

/*
 * Sets the entropy device up with @features (those it offers), one queue
 * of @size entries (at most the device's maximum; legacy PCI: the fixed
 * size) and interrupts in @mode. Returns the queue, or NULL after a
 * failed check (the test is over).
 */
struct virtqueue *ring_open_rng(struct virtio_device *dev, uint64_t features, uint16_t size,
				enum virtio_irq_mode mode);

/*
 * The interrupt mode used-buffer notifications are counted in: MSI-X
 * where the transport has it, else INTx or the virtio-mmio line. Returns
 * VIRTIO_IRQ_POLL after skipping the test when the kernel has neither.
 */
enum virtio_irq_mode ring_irq_mode_or_skip(struct virtio_device *dev);

/*
 * ring_open_rng() in @mode, with a check that the queue got its MSI-X
 * vector; NULL after a failed check.
 */
struct virtqueue *ring_open_rng_irq(struct virtio_device *dev, uint64_t features,
				    enum virtio_irq_mode mode);

/* @count device-writable buffers of @lengths[i] bytes, filled with RING_FILL_BYTE. */
struct vq_buffer *ring_writable_buffers(const uint32_t *lengths, int count);

/*
 * One chain of entropy-device buffers (@indirect_from as for
 * vq_add_buffers), refilled, handed to the device, waited for and
 * checked: the same token comes back, the core's checks hold (2.7.8), at
 * least one byte was placed (5.4.6.2), and the first used-length bytes
 * were written (2.7.8). A request that never completes fails @clause.
 * @what names the request in failures. Returns false after a failed check.
 */
bool ring_rng_roundtrip(struct virtqueue *vq, const struct vq_buffer *buffers, int count,
			int indirect_from, const char *clause, const char *what);

/*
 * Waits for the chain with @token (the only one outstanding): a request
 * that never completes, or that the device gives up on, fails @clause; a
 * ring failure, or another token, fails the used-ring clause. *@used:
 * the used length. Returns false after a failed check.
 */
bool ring_wait_for(struct virtqueue *vq, void *token, uint32_t *used, const char *clause,
		   const char *what);

/*
 * 2.7.8: "The device MUST write at least len bytes to descriptor,
 * beginning at the first device-writable buffer". Random bytes that were
 * never written show as runs of RING_FILL_BYTE: a run of 8 within the
 * first @used bytes of the chain is a failure (2^-64 for real ones).
 */
bool ring_check_written(const struct vq_buffer *buffers, int count, uint32_t used,
			const char *what);

/*
 * The device's flags in the used ring (2.7.10 device side): 0 or 1
 * without VIRTIO_F_EVENT_IDX, 0 with it.
 */
void ring_check_used_flags(struct virtqueue *vq);

/* Waits @ms milliseconds (interrupts stay enabled). */
void ring_settle(uint32_t ms);

/*
 * A virtio-blk request the ring tests build by hand (5.2.6): header
 * (device-readable), data, status (device-writable), as three buffers
 * that a test may chain directly or put in an indirect table.
 */
struct ring_blk_request {
	struct vq_buffer buffers[3];
	uint64_t lba;
	uint32_t sectors;
	uint8_t *data;
	uint8_t *status;
};

/* A read of @sectors sectors (at most 8) from @lba. */
void ring_blk_read(struct virtio_device *dev, struct ring_blk_request *request, uint64_t lba,
		   uint32_t sectors);
/* A write of @data (device-readable, kept by the caller) to @lba. */
void ring_blk_write(struct virtio_device *dev, struct ring_blk_request *request, uint64_t lba,
		    uint32_t sectors, uint8_t *data);
/*
 * Checks a completed read: the used length covers the status byte (the
 * driver may not look past it otherwise, 2.7.8), status OK and the data
 * is the image's pattern. @what names the request.
 */
bool ring_blk_check_read(const struct ring_blk_request *request, uint32_t used,
			 const char *what);
/*
 * Adds @request (@indirect_from as for vq_add_buffers), kicks and waits;
 * returns false after a failed check (@clause for a request that never
 * completes). *@used: the used length.
 */
bool ring_blk_roundtrip(struct virtqueue *vq, struct ring_blk_request *request,
			int indirect_from, const char *clause, const char *what, uint32_t *used);

/* Test bodies shared with the legacy twins (tests/legacy/ring_legacy.c). */
void ring_test_chained(struct virtio_device *dev);
void ring_test_indirect_table(struct virtio_device *dev);
void ring_test_full_ring(struct virtio_device *dev);
void ring_test_index_wraps(struct virtio_device *dev);
void notify_test_every_completion(struct virtio_device *dev);
void notify_test_event_idx_crossed(struct virtio_device *dev);

#endif
