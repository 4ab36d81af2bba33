/*
 * Block-device requests built by hand for the ring tests (ring_test.h):
 * the block device is the one whose requests mix device-readable and
 * device-writable buffers (5.2.6).
 */
#include "drivers/blk.h"
#include "tests/modern/ring_test.h"

/* 5.2.6: le32 type, le32 reserved, le64 sector. */
struct ring_blk_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

static void build(struct virtio_device *dev, struct ring_blk_request *request, uint32_t type,
		  uint64_t lba, uint32_t sectors, uint8_t *data)
{
	struct ring_blk_header *header = test_alloc(sizeof(*header), 16);
	uint32_t length = sectors * BLK_SECTOR_SIZE;

	*header = (struct ring_blk_header){
		.type = virtio_to_device32(dev, type),
		.sector = virtio_to_device64(dev, lba),
	};
	request->lba = lba;
	request->sectors = sectors;
	request->data = data;
	request->status = test_alloc(1, 1);
	*request->status = 0xff;	/* no status has this value */
	request->buffers[0] = (struct vq_buffer){ header, sizeof(*header), false };
	request->buffers[1] = (struct vq_buffer){ data, length, type == VIRTIO_BLK_T_IN };
	request->buffers[2] = (struct vq_buffer){ request->status, 1, true };
}

void ring_blk_read(struct virtio_device *dev, struct ring_blk_request *request, uint64_t lba,
		   uint32_t sectors)
{
	uint8_t *data = test_alloc(sectors * BLK_SECTOR_SIZE, 512);

	for (uint32_t i = 0; i < sectors * BLK_SECTOR_SIZE; i++)
		data[i] = RING_FILL_BYTE;
	build(dev, request, VIRTIO_BLK_T_IN, lba, sectors, data);
}

void ring_blk_write(struct virtio_device *dev, struct ring_blk_request *request, uint64_t lba,
		    uint32_t sectors, uint8_t *data)
{
	build(dev, request, VIRTIO_BLK_T_OUT, lba, sectors, data);
}

bool ring_blk_check_read(const struct ring_blk_request *request, uint32_t used,
			 const char *what)
{
	uint32_t writable = request->sectors * BLK_SECTOR_SIZE + 1;
	uint8_t status = *(volatile uint8_t *)request->status;
	struct blk_mismatch first;

	if (!check_eq(used, writable, CLAUSE_USED_RING,
		      "%s: the used length covers the data and the status byte", what))
		return false;
	if (!check_eq(status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION, "%s: the status byte",
		      what))
		return false;
	if (!blk_find_mismatch(request->data, request->lba, request->sectors,
			       BLK_HOST_PATTERN_SEED, &first))
		return true;
	return check_eq(first.actual, first.expected, CLAUSE_BLK_OPERATION,
			"%s: sector %llu byte %u is the image's pattern", what,
			(unsigned long long)first.lba, first.offset);
}

bool ring_blk_roundtrip(struct virtqueue *vq, struct ring_blk_request *request,
			int indirect_from, const char *clause, const char *what, uint32_t *used)
{
	if (vq_add_buffers(vq, request->buffers, 3, indirect_from, request) < 0)
		test_fatal("internal: %s does not fit queue %u", what, vq->index);
	vq_kick(vq);
	return ring_wait_for(vq, request, used, clause, what);
}
