/*
 * Multiqueue (VIRTIO_BLK_F_MQ, 5.2.3) and the topology fields
 * (VIRTIO_BLK_F_TOPOLOGY, 5.2.4): configuration a driver reads when the
 * feature is offered, and requests on more than one queue.
 */
#include "lib/printf.h"
#include "lib/test.h"
#include "tests/devices/blk/blk_tests.h"

#define MQ_QUEUES_USED	2

/*
 * 5.2.5: with MQ negotiated, num_queues is the number of request queues;
 * 5.2.2 numbers them 0 to N-1. The test sets up two and reads a block of
 * the host's pattern on each (block = queue index; a block is one sector
 * unless blk_size says more, 5.2.5). A device offering MQ
 * with num_queues 0 fails, and so does one whose second queue serves
 * other data (the reference device with blk-mq-queue1-wrong-data).
 */
VCTS_TEST(blk_multiqueue, "devices.blk.multiqueue_read_each_queue", VIRTIO_ID_BLOCK,
	  CLAUSE_BLK_INIT "|" CLAUSE_BLK_OPERATION)
{
	const uint64_t features = BLK_FEATURES_BASIC | (1ull << VIRTIO_BLK_F_MQ);
	uint8_t *data = blk_sectors_alloc(BLK_TEST_MAX_BLOCK_SECTORS);
	struct blk_device blk;
	uint64_t num_queues = 0;

	if (!blk_test_open(dev, features, &blk))
		return;
	if (!virtio_has_feature(dev, VIRTIO_BLK_F_MQ))
		skip("the device does not offer VIRTIO_BLK_F_MQ");
	require(virtio_config_read_field(dev, VIRTIO_BLK_CFG_NUM_QUEUES, 2, &num_queues),
		CLAUSE_CONFIG_SPACE, "num_queues (offset %u) reads stably",
		VIRTIO_BLK_CFG_NUM_QUEUES);
	test_log("%s: num_queues %llu", dev->name, (unsigned long long)num_queues);
	require(num_queues >= 1, CLAUSE_BLK_INIT,
		"num_queues, the number of request queues with MQ negotiated, is not 0");
	if (num_queues < MQ_QUEUES_USED)
		skip("num_queues is %llu: one queue is all the device has",
		     (unsigned long long)num_queues);
	if (!blk_test_open_queues(dev, features, MQ_QUEUES_USED, &blk))
		return;
	for (uint16_t queue = 0; queue < MQ_QUEUES_USED && !blk.broken; queue++) {
		uint64_t lba = (uint64_t)queue * blk.block_sectors;
		enum blk_result result;
		uint8_t status;
		char what[64];

		snprintf(what, sizeof(what), "the read of the block at LBA %llu on queue %u",
			 (unsigned long long)lba, queue);
		blk_use_queue(&blk, queue);
		result = blk_read_sectors(&blk, lba, blk.block_sectors, data, &status);
		if (blk_check_status(&blk, result, status, VIRTIO_BLK_S_OK,
				     CLAUSE_BLK_OPERATION, what))
			blk_check_pattern(data, lba, blk.block_sectors, BLK_HOST_PATTERN_SEED,
					  CLAUSE_BLK_OPERATION, what);
	}
}

/*
 * 5.2.5: with TOPOLOGY negotiated, physical_block_exp, alignment_offset,
 * min_io_size and opt_io_size "can be read". They are hints for
 * performance and the spec puts no MUST on their values, so the test
 * only asks that the eight bytes read stably within the configuration
 * (2.5.1) and logs them. Fails against a device whose generation moves
 * on every read of them (the reference device with blk-topology-unstable).
 */
VCTS_TEST(blk_topology, "devices.blk.topology_readable", VIRTIO_ID_BLOCK,
	  CLAUSE_CONFIG_SPACE)
{
	struct blk_device blk;
	uint64_t exp = 0, offset = 0, min_io = 0, opt_io = 0;
	bool read;

	if (!blk_test_open_config(dev, BLK_FEATURES_BASIC, &blk))
		return;
	if (!virtio_has_feature(dev, VIRTIO_BLK_F_TOPOLOGY))
		skip("the device does not offer VIRTIO_BLK_F_TOPOLOGY");
	read = virtio_config_read_field(dev, VIRTIO_BLK_CFG_PHYSICAL_BLOCK_EXP, 1, &exp) &&
	       virtio_config_read_field(dev, VIRTIO_BLK_CFG_ALIGNMENT_OFFSET, 1, &offset) &&
	       virtio_config_read_field(dev, VIRTIO_BLK_CFG_MIN_IO_SIZE, 2, &min_io) &&
	       virtio_config_read_field(dev, VIRTIO_BLK_CFG_OPT_IO_SIZE, 4, &opt_io);
	require(read, CLAUSE_CONFIG_SPACE,
		"the topology fields (offsets %u-%u) lie within the %u configuration bytes "
		"and read stably", VIRTIO_BLK_CFG_PHYSICAL_BLOCK_EXP, VIRTIO_BLK_CFG_WRITEBACK - 1,
		dev->ops->config_size(dev));
	test_log("%s: physical_block_exp %llu, alignment_offset %llu, min_io_size %llu, "
		 "opt_io_size %llu (no MUST on the values: not judged)", dev->name,
		 (unsigned long long)exp, (unsigned long long)offset,
		 (unsigned long long)min_io, (unsigned long long)opt_io);
}
