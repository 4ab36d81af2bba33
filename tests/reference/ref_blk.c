/*
 * The reference block device (5.2): a sparse disk whose unwritten sectors
 * hold the harness's host pattern (docs/result-protocol.md, Host checks),
 * so that any capacity costs nothing, and whose written sectors are kept
 * in a small table. Serial "vcts-<name>", like the harness's QEMU disks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/protocol/line_parser.h"
#include "lib/fnv.h"
#include "tests/reference/ref_device.h"

/* 5.2.3 feature bits */
#define BLK_F_SEG_MAX		2
#define BLK_F_RO		5
#define BLK_F_BLK_SIZE		6
#define BLK_F_FLUSH		9
#define BLK_F_TOPOLOGY		10
#define BLK_F_CONFIG_WCE	11
#define BLK_F_MQ		12
#define BLK_F_DISCARD		13
#define BLK_F_WRITE_ZEROES	14

/* 5.2.4 configuration layout */
#define CFG_CAPACITY		0
#define CFG_SEG_MAX		12
#define CFG_BLK_SIZE		20
#define CFG_TOPOLOGY		24
#define CFG_MIN_IO_SIZE		26
#define CFG_OPT_IO_SIZE		28
#define CFG_WRITEBACK		32
#define CFG_UNUSED0		33
#define CFG_NUM_QUEUES		34
#define CFG_MAX_DISCARD_SECTORS	36
#define CFG_MAX_DISCARD_SEG	40
#define CFG_DISCARD_ALIGNMENT	44
#define CFG_MAX_WZ_SECTORS	48
#define CFG_MAX_WZ_SEG		52
#define CFG_WZ_MAY_UNMAP	56
#define CFG_SIZE		64

/* 5.2.6 request types and status */
#define T_IN		0
#define T_OUT		1
#define T_FLUSH		4
#define T_GET_ID	8
#define T_DISCARD	11
#define T_WRITE_ZEROES	13
#define S_OK		0
#define S_IOERR		1
#define S_UNSUPP	2
#define ID_BYTES	20
#define HEADER_BYTES	16
#define SECTOR		512u
#define QUEUES		2
#define DWZ_SEGMENT	16	/* struct virtio_blk_discard_write_zeroes */
#define DWZ_MAX_SEG	4
#define DWZ_MAX_SECTORS	64
#define DWZ_UNMAP	1u

/* "host" in ASCII: the seed of the pattern the harness fills images with. */
#define HOST_PATTERN_SEED	0x686f7374u
#define DEFAULT_CAPACITY	2048u
/* Two capacities whose halves differ: a torn read of one into the other shows. */
#define CHANGING_CAPACITY_A	0xffffffffull
#define CHANGING_CAPACITY_B	0x100000000ull

static void put_le(uint8_t *at, uint64_t value, int bytes)
{
	for (int i = 0; i < bytes; i++)
		at[i] = (uint8_t)(value >> (8 * i));
}

static uint64_t get_le(const uint8_t *at, int bytes)
{
	uint64_t value = 0;

	for (int i = bytes - 1; i >= 0; i--)
		value = value << 8 | at[i];
	return value;
}

static bool changes_config(const struct ref_device *dev)
{
	return (dev->behaviour & REF_BEHAVIOUR_CONFIG_CHANGES_MID_READ) ||
	       dev->fault == REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION;
}

/* Sectors per block: blk_size / 512 (block_size 0 is a 512-byte block). */
static uint32_t block_sectors(const struct ref_device *dev)
{
	return dev->block_size > SECTOR ? dev->block_size / SECTOR : 1;
}

/*
 * Whether @bytes from @sector are whole blocks. A device with larger
 * blocks refuses less (unless told to serve it), as QEMU does: the spec
 * lets blk_size guide the driver (5.2.5) and obliges no device to serve
 * parts of a block.
 */
static bool whole_blocks(const struct ref_device *dev, uint64_t sector, uint64_t bytes)
{
	uint32_t block = block_sectors(dev);

	return (dev->behaviour & REF_BEHAVIOUR_BLK_SERVES_SUB_BLOCK) ||
	       (sector % block == 0 && bytes % ((uint64_t)block * SECTOR) == 0);
}

static void blk_init(struct ref_device *dev)
{
	dev->offered |= (1ull << BLK_F_SEG_MAX) | (1ull << BLK_F_BLK_SIZE) |
			(1ull << BLK_F_FLUSH) | (1ull << BLK_F_TOPOLOGY) |
			(1ull << BLK_F_CONFIG_WCE) | (1ull << BLK_F_MQ) |
			(1ull << BLK_F_DISCARD) | (1ull << BLK_F_WRITE_ZEROES);
	if (dev->read_only)
		dev->offered |= 1ull << BLK_F_RO;
	if (dev->fault == REF_FAULT_BLK_WCE_WITHOUT_FLUSH)
		dev->offered &= ~(1ull << BLK_F_FLUSH);
	dev->blk.capacity = changes_config(dev) ? CHANGING_CAPACITY_A : DEFAULT_CAPACITY;
	if (dev->fault == REF_FAULT_BLK_CAPACITY_ZERO)
		dev->blk.capacity = 0;
	snprintf(dev->blk.serial, sizeof(dev->blk.serial), "vcts-%s", dev->vdev.name);
	if (dev->fault == REF_FAULT_BLK_GET_ID_WRONG_SERIAL)
		dev->blk.serial[5] ^= 0x20;	/* vcts-Blk0: another disk's serial */
}

static void blk_reset(struct ref_device *dev)
{
	uint8_t *c = dev->config;

	memset(c, 0, sizeof(dev->config));
	put_le(c + CFG_CAPACITY, dev->blk.capacity, 8);
	put_le(c + CFG_SEG_MAX, REF_MAX_SEGMENTS - 2, 4);
	put_le(c + CFG_BLK_SIZE, dev->fault == REF_FAULT_BLK_BAD_BLK_SIZE ? 1000 :
	       block_sectors(dev) * SECTOR, 4);
	put_le(c + CFG_MIN_IO_SIZE, 1, 2);
	put_le(c + CFG_OPT_IO_SIZE, 8, 4);
	put_le(c + CFG_NUM_QUEUES, QUEUES, 2);
	put_le(c + CFG_MAX_DISCARD_SECTORS, DWZ_MAX_SECTORS, 4);
	put_le(c + CFG_MAX_DISCARD_SEG,
	       dev->fault == REF_FAULT_BLK_DISCARD_SEG_ZERO ? 0 : DWZ_MAX_SEG, 4);
	put_le(c + CFG_DISCARD_ALIGNMENT, block_sectors(dev), 4);
	put_le(c + CFG_MAX_WZ_SECTORS, DWZ_MAX_SECTORS, 4);
	put_le(c + CFG_MAX_WZ_SEG, DWZ_MAX_SEG, 4);
	c[CFG_WZ_MAY_UNMAP] = 1;
	if (dev->fault == REF_FAULT_BLK_PADDING_NONZERO)
		c[CFG_UNUSED0] = 0xa5;
	dev->blk.config_changed_since_reset = false;
}

/* 5.2.5.2: writethrough (0) unless the driver can flush. */
static void blk_features_ok(struct ref_device *dev)
{
	dev->config[CFG_WRITEBACK] = ref_negotiated(dev, BLK_F_FLUSH) ||
				     dev->fault == REF_FAULT_BLK_WRITEBACK_WITHOUT_FLUSH;
}

/*
 * The capacity-change scenario: once per reset, right after the driver
 * read the capacity's low half, the capacity changes to the other value
 * (a resize). A driver that rereads on a new generation (2.5.1) sees one
 * value; without the generation bump it may combine halves of both.
 */
static void blk_config_access(struct ref_device *dev, uint32_t offset, int width)
{
	(void)width;
	if (dev->fault == REF_FAULT_BLK_TOPOLOGY_UNSTABLE && offset >= CFG_TOPOLOGY &&
	    offset < CFG_WRITEBACK)
		dev->generation++;
	if (!changes_config(dev) || offset != CFG_CAPACITY || dev->blk.config_changed_since_reset)
		return;
	dev->blk.config_changed_since_reset = true;
	dev->blk.capacity = dev->blk.capacity == CHANGING_CAPACITY_A ? CHANGING_CAPACITY_B :
								       CHANGING_CAPACITY_A;
	put_le(dev->config + CFG_CAPACITY, dev->blk.capacity, 8);
	ref_config_changed(dev, dev->fault != REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION);
}

/*
 * A resize from the host (the blk-resize host action) takes effect at the
 * step after the request, with a configuration change notification and a
 * new generation (2.5, 4.1.4.3.1), as QEMU's block_resize does.
 */
static void blk_step(struct ref_device *dev)
{
	uint64_t sectors = dev->blk.resize_to;

	if (!sectors)
		return;
	dev->blk.resize_to = 0;
	if (dev->fault != REF_FAULT_BLK_RESIZE_IGNORED) {
		dev->blk.capacity = sectors;
		put_le(dev->config + CFG_CAPACITY, sectors, 8);
	}
	if (dev->fault == REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION)
		dev->generation++;
	else
		ref_config_changed(dev, dev->fault != REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION);
}

static const char *blk_host_action(struct ref_device *dev, const struct vcts_line *line,
				   char *msg, size_t msg_size)
{
	const char *action = line_get(line, "action"), *bytes = line_get(line, "bytes");
	unsigned long long size = 0;
	char *end = NULL;

	if (!action || strcmp(action, "blk-resize")) {
		snprintf(msg, msg_size, "unknown host action '%s'", action ? action : "");
		return "unsupported";
	}
	if (dev->read_only) {
		snprintf(msg, msg_size, "%s is read-only", dev->vdev.name);
		return "error";
	}
	if (bytes && *bytes >= '0' && *bytes <= '9')
		size = strtoull(bytes, &end, 10);
	if (!end || *end || !size || size % SECTOR) {
		snprintf(msg, msg_size, "bad bytes '%s'", bytes ? bytes : "");
		return "error";
	}
	dev->blk.resize_to = size / SECTOR;
	snprintf(msg, msg_size, "%s resized to %llu bytes", dev->vdev.name, size);
	return "ok";
}

static struct ref_blk_sector *find_written(struct ref_device *dev, uint64_t lba)
{
	for (int i = 0; i < dev->blk.written_count; i++) {
		if (dev->blk.written[i].lba == lba)
			return &dev->blk.written[i];
	}
	return NULL;
}

static void read_sector(struct ref_device *dev, uint64_t lba, uint8_t *out)
{
	const struct ref_blk_sector *written = find_written(dev, lba);

	if (written)
		memcpy(out, written->data, SECTOR);
	else if (dev->fault == REF_FAULT_BLK_WRONG_DATA)
		memset(out, 0, SECTOR);
	else
		for (uint32_t i = 0; i < SECTOR; i++)
			out[i] = pattern_byte(HOST_PATTERN_SEED, lba, i);
}

static bool write_sector(struct ref_device *dev, uint64_t lba, const uint8_t *in)
{
	struct ref_blk_sector *sector = find_written(dev, lba);

	if (!sector) {
		if (dev->blk.written_count == REF_BLK_WRITTEN_SECTORS)
			return false;	/* the disk's store is full: an I/O error */
		sector = &dev->blk.written[dev->blk.written_count++];
		sector->lba = lba;
	}
	memcpy(sector->data, in, SECTOR);
	return true;
}

/* Whether @bytes of data from @sector lie within the disk, in whole sectors. */
static bool in_range(const struct ref_device *dev, uint64_t sector, uint32_t bytes)
{
	uint64_t count = bytes / SECTOR;

	return bytes % SECTOR == 0 && sector <= dev->blk.capacity &&
	       count <= dev->blk.capacity - sector;
}

/* Zeros over the first @bytes of the chain's writable part. */
static void zero_data(const struct ref_chain *chain, uint32_t bytes)
{
	static const uint8_t zeroes[SECTOR];

	for (uint32_t done = 0; done < bytes; done += SECTOR)
		ref_chain_write(chain, done, zeroes, bytes - done < SECTOR ? bytes - done : SECTOR);
}

static uint8_t serve_read(struct ref_device *dev, const struct ref_chain *chain,
			  uint64_t sector, uint32_t bytes)
{
	bool within = in_range(dev, sector, bytes) || dev->fault == REF_FAULT_BLK_READS_PAST_END;
	uint8_t data[SECTOR];

	if (!within || !whole_blocks(dev, sector, bytes)) {
		/* The used length covers the data too: write it, as zeros (2.7.8). */
		zero_data(chain, bytes);
		return S_IOERR;
	}
	/* A no-op for whole blocks; a request inside a block reads the block's start. */
	if (dev->fault == REF_FAULT_BLK_SUB_BLOCK_MISPLACED)
		sector -= sector % block_sectors(dev);
	for (uint32_t done = 0; done < bytes; done += SECTOR) {
		read_sector(dev, sector + done / SECTOR, data);
		ref_chain_write(chain, done, data, bytes - done < SECTOR ? bytes - done : SECTOR);
	}
	return S_OK;
}

static uint8_t serve_write(struct ref_device *dev, const struct ref_chain *chain,
			   uint64_t sector, uint32_t bytes)
{
	uint8_t data[SECTOR];

	/* 5.2.6.2: a read-only device fails writes. */
	if (dev->read_only && dev->fault != REF_FAULT_BLK_WRITES_DESPITE_RO)
		return S_IOERR;
	if (!in_range(dev, sector, bytes) || !whole_blocks(dev, sector, bytes))
		return S_IOERR;
	for (uint32_t done = 0; done < bytes; done += SECTOR) {
		ref_chain_read(chain, HEADER_BYTES + done, data, SECTOR);
		if (dev->fault != REF_FAULT_BLK_WRITES_LOST &&
		    !write_sector(dev, sector + done / SECTOR, data))
			return S_IOERR;
	}
	return S_OK;
}

/* 5.2.6.2: the status one discard/write zeroes segment earns before it is applied. */
static uint8_t dwz_segment_status(const struct ref_device *dev, const uint8_t *segment,
				  bool write_zeroes)
{
	uint64_t sector = get_le(segment, 8);
	uint32_t count = (uint32_t)get_le(segment + 8, 4), flags = (uint32_t)get_le(segment + 12, 4);

	if (flags & ~DWZ_UNMAP)
		return S_UNSUPP;	/* an unknown flag */
	if (!write_zeroes && (flags & DWZ_UNMAP) && dev->fault != REF_FAULT_BLK_DISCARD_ACCEPTS_UNMAP)
		return S_UNSUPP;
	if (count > DWZ_MAX_SECTORS || !in_range(dev, sector, count * SECTOR) ||
	    !whole_blocks(dev, sector, (uint64_t)count * SECTOR))
		return S_IOERR;
	return S_OK;
}

/* Write zeroes stores zero sectors; a discard may forget data, and this one keeps it. */
static bool dwz_apply(struct ref_device *dev, const uint8_t *segment, bool write_zeroes)
{
	static const uint8_t zeroes[SECTOR];
	uint64_t sector = get_le(segment, 8);
	uint32_t count = (uint32_t)get_le(segment + 8, 4);

	if (!write_zeroes || dev->fault == REF_FAULT_BLK_WRITE_ZEROES_IGNORED)
		return true;
	for (uint32_t i = 0; i < count; i++) {
		if (!write_sector(dev, sector + i, zeroes))
			return false;
	}
	return true;
}

/* 5.2.6: discard and write zeroes, every segment checked before any is applied. */
static uint8_t serve_dwz(struct ref_device *dev, const struct ref_chain *chain, bool write_zeroes)
{
	uint32_t bytes = chain->readable_bytes - HEADER_BYTES, segments = bytes / DWZ_SEGMENT;
	uint8_t segment[DWZ_SEGMENT], status;

	if (!ref_negotiated(dev, write_zeroes ? BLK_F_WRITE_ZEROES : BLK_F_DISCARD))
		return S_UNSUPP;
	if (dev->read_only || !segments || bytes % DWZ_SEGMENT || segments > DWZ_MAX_SEG)
		return S_IOERR;
	for (int apply = 0; apply < 2; apply++) {
		for (uint32_t i = 0; i < segments; i++) {
			ref_chain_read(chain, HEADER_BYTES + i * DWZ_SEGMENT, segment, DWZ_SEGMENT);
			status = dwz_segment_status(dev, segment, write_zeroes);
			if (status != S_OK)
				return status;
			if (apply && !dwz_apply(dev, segment, write_zeroes))
				return S_IOERR;
		}
	}
	if (!write_zeroes && dev->fault == REF_FAULT_BLK_DISCARD_FAILS)
		return S_IOERR;
	return S_OK;
}

/* 5.2.6: the ID string, NUL-padded to 20 bytes (shorter if the buffer is). */
static uint8_t serve_get_id(struct ref_device *dev, const struct ref_chain *chain,
			    uint32_t bytes)
{
	char id[ID_BYTES] = { 0 };
	uint32_t length = bytes < ID_BYTES ? bytes : ID_BYTES;

	memcpy(id, dev->blk.serial, strnlen(dev->blk.serial, ID_BYTES));
	if (dev->fault == REF_FAULT_BLK_GET_ID_UNPADDED) {
		uint32_t string = (uint32_t)strnlen(id, ID_BYTES) + 1;

		length = length < string ? length : string;
	}
	ref_chain_write(chain, 0, id, length);
	return S_OK;
}

static uint32_t blk_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	uint8_t header[HEADER_BYTES], status;
	uint32_t type, data_in, used;
	uint64_t sector;

	/* 5.2.6: a header the device reads and a status byte it writes, at least. */
	if (chain->readable_bytes < HEADER_BYTES || chain->writable_bytes < 1)
		return 0;
	ref_chain_read(chain, 0, header, HEADER_BYTES);
	type = (uint32_t)get_le(header, 4);
	sector = get_le(header + 8, 8);
	data_in = chain->writable_bytes - 1;
	used = chain->writable_bytes;
	if (type != T_IN && type != T_OUT && type != T_FLUSH && type != T_GET_ID &&
	    type != T_DISCARD && type != T_WRITE_ZEROES &&
	    dev->fault == REF_FAULT_BLK_UNKNOWN_TYPE_AS_READ)
		type = T_IN;
	switch (type) {
	case T_IN:
		status = serve_read(dev, chain, sector, data_in);
		if (queue == 1 && dev->fault == REF_FAULT_BLK_MQ_QUEUE1_WRONG_DATA)
			zero_data(chain, data_in);
		break;
	case T_OUT:
		status = serve_write(dev, chain, sector, chain->readable_bytes - HEADER_BYTES);
		break;
	case T_FLUSH:
		status = !ref_negotiated(dev, BLK_F_FLUSH) ? S_UNSUPP :
			 dev->fault == REF_FAULT_BLK_FLUSH_FAILS ? S_IOERR : S_OK;
		break;
	case T_GET_ID:
		status = serve_get_id(dev, chain, data_in);
		break;
	case T_DISCARD:
	case T_WRITE_ZEROES:
		status = serve_dwz(dev, chain, type == T_WRITE_ZEROES);
		break;
	default:
		status = S_UNSUPP;
		break;
	}
	if (dev->fault == REF_FAULT_BLK_BAD_STATUS)
		status = 7;
	ref_chain_write(chain, data_in, &status, 1);
	if (dev->fault == REF_FAULT_BLK_LEN_WITHOUT_STATUS)
		used--;
	return used;
}

const struct ref_device_type ref_blk_type = {
	.name = "blk",
	.device_id = VIRTIO_ID_BLOCK,
	.queue_count = QUEUES,
	.config_size = CFG_SIZE,
	.init = blk_init,
	.reset = blk_reset,
	.features_ok = blk_features_ok,
	.config_access = blk_config_access,
	.process = blk_process,
	.step = blk_step,
	.host_action = blk_host_action,
};
