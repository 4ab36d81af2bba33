/*
 * The traditional memory balloon (5.5), driver side: inflate and deflate
 * requests (arrays of 32-bit page numbers of 4 KiB), the statistics
 * queue, free page hinting and free page reporting. The tests in
 * tests/devices/balloon/ judge what the device does; the driver checks
 * what it needs before relying on it (a used element is the buffer sent,
 * the queues the features promise exist).
 */
#ifndef VCTS_DRIVER_BALLOON_H
#define VCTS_DRIVER_BALLOON_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

/* 5.5.3 Feature bits */
#define VIRTIO_BALLOON_F_MUST_TELL_HOST		0
#define VIRTIO_BALLOON_F_STATS_VQ		1
#define VIRTIO_BALLOON_F_DEFLATE_ON_OOM		2
#define VIRTIO_BALLOON_F_FREE_PAGE_HINT		3
#define VIRTIO_BALLOON_F_PAGE_POISON		4
#define VIRTIO_BALLOON_F_PAGE_REPORTING		5

/* 5.5.4 Device configuration layout: byte offsets, all le32 (legacy too, 5.5.4.1) */
#define VIRTIO_BALLOON_CFG_NUM_PAGES		0
#define VIRTIO_BALLOON_CFG_ACTUAL		4
#define VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID 8	/* with FREE_PAGE_HINT */
#define VIRTIO_BALLOON_CFG_POISON_VAL		12	/* with PAGE_POISON */

/* 5.5.6 Device Operation: page numbers are addresses / 4096, whatever the guest's page size. */
#define VIRTIO_BALLOON_PFN_SHIFT		12
#define BALLOON_PAGE_SIZE			4096u

/* 5.5.6.4 Free Page Hinting: reserved command ids */
#define VIRTIO_BALLOON_CMD_ID_STOP		0
#define VIRTIO_BALLOON_CMD_ID_DONE		1

/* 5.5.6.3 Memory Statistics Tags */
#define VIRTIO_BALLOON_S_SWAP_IN		0
#define VIRTIO_BALLOON_S_SWAP_OUT		1
#define VIRTIO_BALLOON_S_MAJFLT			2
#define VIRTIO_BALLOON_S_MINFLT			3
#define VIRTIO_BALLOON_S_MEMFREE		4
#define VIRTIO_BALLOON_S_MEMTOT			5
#define VIRTIO_BALLOON_S_AVAIL			6
#define VIRTIO_BALLOON_S_CACHES			7
#define VIRTIO_BALLOON_S_HTLB_PGALLOC		8
#define VIRTIO_BALLOON_S_HTLB_PGFAIL		9
/* struct virtio_balloon_stat: le16 tag; le64 val; packed */
#define BALLOON_STAT_BYTES			10

/* The queues, and (5.5.2) the index 1.2 gives each. */
enum balloon_queue {
	BALLOON_INFLATEQ,		/* 0 */
	BALLOON_DEFLATEQ,		/* 1 */
	BALLOON_STATSQ,			/* 2, with STATS_VQ */
	BALLOON_FREE_PAGE_VQ,		/* 3, with FREE_PAGE_HINT */
	BALLOON_REPORTING_VQ,		/* 4, with PAGE_REPORTING */
	BALLOON_QUEUES
};

/* A statistic in CPU order; the driver encodes it for the device. */
struct balloon_stat {
	uint16_t tag;
	uint64_t value;
};

struct balloon_options {
	uint64_t features;		/* wanted (& offered); VERSION_1 is added */
	/* With PAGE_POISON negotiated: written before DRIVER_OK (5.5.5 step 4). */
	uint32_t poison_val;
	/*
	 * With STATS_VQ negotiated, the first statsq buffer (5.5.5 step 2): these
	 * entries, or NULL for the driver's own set.
	 */
	const struct balloon_stat *stats;
	uint32_t stat_count;
	/* Interrupts (set up after FEATURES_OK); VIRTIO_IRQ_POLL (0): none. */
	enum virtio_irq_mode irq_mode;
};

struct balloon_device {
	struct virtio_device *dev;
	uint64_t offered;
	struct virtqueue *queue[BALLOON_QUEUES];	/* NULL: not negotiated */
	uint16_t index[BALLOON_QUEUES];		/* where the driver found each */
	/* Found away from the index of 5.5.2 (devices.balloon.queue_numbering judges). */
	bool renumbered[BALLOON_QUEUES];
	/* The statsq buffer the device holds, and its descriptor. */
	uint8_t *stats_buffer;
	struct vq_buffer *stats_chain;
	bool stats_outstanding;
	/* After a timeout or a broken ring rule the queues are not reused. */
	bool broken;
	const char *error_clause;
	char error[192];
};

/*
 * Initialises @dev (5.5.5): features, queues, the first statsq buffer,
 * poison_val, DRIVER_OK, then the statsq notification. On failure
 * returns false with the reason in *@why (and in @out->error).
 */
bool balloon_open(struct virtio_device *dev, const struct balloon_options *options,
		  struct balloon_device *out, const char **why);
bool balloon_offers(const struct balloon_device *balloon, unsigned int bit);

/*
 * Where queue @q of 5.5.2 is: its 1.2 index if the device has a queue
 * there, else the index it gets when absent queues are skipped (as Linux
 * and QEMU count: by offered, then by negotiated features). -1 if none.
 * Needs the features negotiated; @taken are indices already in use.
 */
int balloon_find_queue(struct virtio_device *dev, enum balloon_queue q, uint32_t taken_mask,
		       bool *renumbered);

/* Reads / writes a le32 field of the configuration (5.5.4). */
bool balloon_config_read(struct virtio_device *dev, uint32_t offset, uint32_t *value);
void balloon_config_write(struct virtio_device *dev, uint32_t offset, uint32_t value);

/* The 4 KiB page number of @page, or false if it does not fit 32 bits. */
bool balloon_pfn(const void *page, uint32_t *pfn);

/*
 * Hands @count buffers to queue @q as one chain and waits for the device
 * to use it; *@used_len is the used length.
 */
enum vq_result balloon_request(struct balloon_device *balloon, enum balloon_queue q,
			       const struct vq_buffer *chain, int count, uint32_t *used_len);
/* Inflate or deflate (@q) the @count pages at @pfns, one buffer. */
enum vq_result balloon_send_pfns(struct balloon_device *balloon, enum balloon_queue q,
				 const uint32_t *pfns, uint32_t count, uint32_t *used_len);
/* The le32 array of @count page numbers at @pfns, encoded for the device. */
uint32_t *balloon_encode_pfns(struct balloon_device *balloon, const uint32_t *pfns,
			      uint32_t count);

/* Encodes @count statistics (10 bytes each) into @out for the device. */
void balloon_encode_stats(const struct virtio_device *dev, const struct balloon_stat *stats,
			  uint32_t count, uint8_t *out);
/*
 * Waits up to @timeout_ms for the device to use the statsq buffer it
 * holds (its request for statistics). VQ_TIMEOUT when it did not ask.
 */
enum vq_result balloon_stats_wait(struct balloon_device *balloon, uint32_t timeout_ms,
				  uint32_t *used_len);
/* Makes a new statsq buffer of @count entries available (5.5.6.3 step 4). */
bool balloon_stats_supply(struct balloon_device *balloon, const struct balloon_stat *stats,
			  uint32_t count);

const char *balloon_queue_name(enum balloon_queue q);

#endif
