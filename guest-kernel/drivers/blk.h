/*
 * virtio-blk (5.2), driver side: one request queue, requests of a header,
 * optional data and a status byte. Everything the device says back (the
 * configuration, the used length, the status byte) is checked before the
 * kernel relies on it; the tests in tests/devices/blk/ judge it.
 */
#ifndef VCTS_DRIVER_BLK_H
#define VCTS_DRIVER_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio.h"
#include "virtio/virtqueue.h"

/* 5.2.3 Feature bits */
#define VIRTIO_BLK_F_SIZE_MAX		1
#define VIRTIO_BLK_F_SEG_MAX		2
#define VIRTIO_BLK_F_GEOMETRY		4
#define VIRTIO_BLK_F_RO			5
#define VIRTIO_BLK_F_BLK_SIZE		6
#define VIRTIO_BLK_F_FLUSH		9
#define VIRTIO_BLK_F_TOPOLOGY		10
#define VIRTIO_BLK_F_CONFIG_WCE		11
#define VIRTIO_BLK_F_MQ			12
#define VIRTIO_BLK_F_DISCARD		13
#define VIRTIO_BLK_F_WRITE_ZEROES	14
#define VIRTIO_BLK_F_LIFETIME		15
#define VIRTIO_BLK_F_SECURE_ERASE	16

/* 5.2.4 Device configuration layout: byte offsets in struct virtio_blk_config */
#define VIRTIO_BLK_CFG_CAPACITY		0	/* le64 */
#define VIRTIO_BLK_CFG_SIZE_MAX		8	/* le32 */
#define VIRTIO_BLK_CFG_SEG_MAX		12	/* le32 */
#define VIRTIO_BLK_CFG_CYLINDERS	16	/* le16 */
#define VIRTIO_BLK_CFG_HEADS		18	/* u8 */
#define VIRTIO_BLK_CFG_SECTORS		19	/* u8 */
#define VIRTIO_BLK_CFG_BLK_SIZE		20	/* le32 */
#define VIRTIO_BLK_CFG_PHYSICAL_BLOCK_EXP 24	/* u8 */
#define VIRTIO_BLK_CFG_ALIGNMENT_OFFSET	25	/* u8 */
#define VIRTIO_BLK_CFG_MIN_IO_SIZE	26	/* le16 */
#define VIRTIO_BLK_CFG_OPT_IO_SIZE	28	/* le32 */
#define VIRTIO_BLK_CFG_WRITEBACK	32	/* u8 */
#define VIRTIO_BLK_CFG_UNUSED0		33	/* u8 padding */
#define VIRTIO_BLK_CFG_NUM_QUEUES	34	/* le16 */
#define VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS 36	/* le32 */
#define VIRTIO_BLK_CFG_MAX_DISCARD_SEG	40	/* le32 */
#define VIRTIO_BLK_CFG_DISCARD_SECTOR_ALIGNMENT 44 /* le32 */
#define VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS 48 /* le32 */
#define VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SEG 52	/* le32 */
#define VIRTIO_BLK_CFG_WRITE_ZEROES_MAY_UNMAP 56 /* u8 */
#define VIRTIO_BLK_CFG_UNUSED1		57	/* u8[3] padding */
#define VIRTIO_BLK_CFG_UNUSED1_BYTES	3
#define VIRTIO_BLK_CFG_MAX_SECURE_ERASE_SECTORS 60 /* le32 */

/* 5.2.6 Device Operation: request types and status values */
#define VIRTIO_BLK_T_IN			0
#define VIRTIO_BLK_T_OUT		1
#define VIRTIO_BLK_T_FLUSH		4
#define VIRTIO_BLK_T_GET_ID		8
#define VIRTIO_BLK_T_GET_LIFETIME	10
#define VIRTIO_BLK_T_DISCARD		11
#define VIRTIO_BLK_T_WRITE_ZEROES	13
#define VIRTIO_BLK_T_SECURE_ERASE	14

#define VIRTIO_BLK_S_OK			0
#define VIRTIO_BLK_S_IOERR		1
#define VIRTIO_BLK_S_UNSUPP		2

#define VIRTIO_BLK_ID_BYTES		20
/* The protocol's unit, whatever blk_size says (5.2.5). */
#define BLK_SECTOR_SIZE			512u

/*
 * The pattern the harness fills every image with before boot ("host" in
 * ASCII; docs/result-protocol.md, Host checks).
 */
#define BLK_HOST_PATTERN_SEED		0x686f7374u

/*
 * Sectors the tests may overwrite. Read-only tests that compare with the
 * host pattern stay out of them, so that the order tests run in does not
 * matter.
 */
#define BLK_SCRATCH_LBA			64u
#define BLK_SCRATCH_SECTORS		8u

/* What a test normally asks for: everything that only describes the disk. */
#define BLK_FEATURES_BASIC						\
	((1ull << VIRTIO_BLK_F_SIZE_MAX) | (1ull << VIRTIO_BLK_F_SEG_MAX) |	\
	 (1ull << VIRTIO_BLK_F_GEOMETRY) | (1ull << VIRTIO_BLK_F_RO) |	\
	 (1ull << VIRTIO_BLK_F_BLK_SIZE) | (1ull << VIRTIO_BLK_F_TOPOLOGY))

/* Data segments one request may use (size_max can force several). */
#define BLK_MAX_SEGMENTS		16

/* The configuration fields the driver uses, in CPU order. */
struct blk_config {
	uint64_t capacity;		/* 512-byte sectors */
	uint32_t size_max;		/* 0 unless SIZE_MAX was negotiated */
	uint32_t seg_max;		/* 0 unless SEG_MAX was negotiated */
	uint32_t blk_size;		/* 0 unless BLK_SIZE was negotiated */
};

struct blk_device {
	struct virtio_device *dev;
	struct virtqueue *requestq;	/* the queue requests go to */
	uint16_t queue_count;		/* request queues set up */
	uint64_t offered;		/* the device's feature bits */
	struct blk_config config;
	/*
	 * 512-byte sectors per logical block: blk_size / 512 when BLK_SIZE is
	 * negotiated and blk_size is a power of two of at least 512, else 1.
	 * blk_read_sectors() and blk_write_sectors() send whole blocks only.
	 */
	uint32_t block_sectors;
	/* One request at a time: its header and status live here. */
	struct blk_request_header *header;
	uint8_t *status;
	/* After a timeout or a broken ring rule the queue is not reused. */
	bool broken;
	/* Why the last call failed, and the clause the device broke if it did. */
	const char *error_clause;
	char error[192];
};

/* How a request ended, as far as the driver can tell. */
enum blk_result {
	BLK_COMPLETED,		/* used; *status is OK, IOERR or UNSUPP */
	BLK_NO_STATUS,		/* used, but the used length stops short of the status byte */
	BLK_BAD_STATUS,		/* used, with a status byte that no status has */
	BLK_RING_ERROR,		/* the device broke a ring rule */
	BLK_TIMEOUT,		/* not used within test_timeout_ms() */
	BLK_NOT_SENT,		/* the driver could not send it (queue broken or full) */
};

/*
 * Initialises @dev (3.1.1) with VERSION_1 and @features_wanted & offered,
 * one request queue of up to 128 entries, then reads the configuration.
 * On failure returns false with the reason in *@why (and in @out->error)
 * and the clause the device broke in @out->error_clause.
 */
bool blk_open(struct virtio_device *dev, uint64_t features_wanted,
	      struct blk_device *out, const char **why);

/* blk_open() with request queues 0 .. @queues - 1 (5.2.2: MQ allows more than one). */
bool blk_open_queues(struct virtio_device *dev, uint64_t features_wanted, uint16_t queues,
		     struct blk_device *out, const char **why);

/* Sends the next requests to queue @index; false if it was not set up. */
bool blk_use_queue(struct blk_device *blk, uint16_t index);

bool blk_offers(const struct blk_device *blk, unsigned int bit);

/*
 * One request: a 16-byte header (device-readable), @length bytes of
 * @data (device-writable when @device_writes_data; none when @length is
 * 0) and the status byte. Waits test_timeout_ms() for the device. The
 * status byte and the used length are returned whenever the device used
 * the request, also when the result says they cannot be trusted. Sent as
 * asked, whole blocks or not: tests use it for requests a driver would
 * not make.
 */
enum blk_result blk_request(struct blk_device *blk, uint32_t type, uint64_t sector,
			    void *data, uint32_t length, bool device_writes_data,
			    uint8_t *status, uint32_t *used_len);
/*
 * Reads or writes @count sectors at @lba with one request. Both must be
 * multiples of block_sectors: blk_size is "the optimal sector size for the
 * driver to use" (5.2.5), and drivers send nothing smaller (Linux makes it
 * the disk's logical block size); otherwise BLK_NOT_SENT, with the reason
 * in blk->error. The units stay 512-byte sectors, the protocol's (5.2.5).
 */
enum blk_result blk_read_sectors(struct blk_device *blk, uint64_t lba, uint32_t count,
				 void *buffer, uint8_t *status);
enum blk_result blk_write_sectors(struct blk_device *blk, uint64_t lba, uint32_t count,
				  const void *buffer, uint8_t *status);
enum blk_result blk_flush(struct blk_device *blk, uint8_t *status);

const char *blk_status_name(uint8_t status);

/* @count sectors of the pattern of @seed from @lba (fnv.h, pattern_byte). */
void blk_fill_pattern(void *buffer, uint64_t lba, uint32_t count, uint32_t seed);

struct blk_mismatch {
	uint64_t lba;
	uint32_t offset;
	uint8_t expected;
	uint8_t actual;
};

/* Finds the first byte of @buffer that differs from the pattern; false if none. */
bool blk_find_mismatch(const void *buffer, uint64_t lba, uint32_t count, uint32_t seed,
		       struct blk_mismatch *first);

#endif
