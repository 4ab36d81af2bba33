/*
 * The virtio-scsi configuration space (5.6.4) and its device requirement
 * (5.6.4.2): sense_size and cdb_size start at 96 and 32 and go back there
 * on reset, whatever the driver wrote.
 */
#include "lib/test.h"
#include "tests/devices/scsi/scsi_tests.h"

/*
 * 5.6.4.2: "On reset, the device MUST set sense_size to 96 and cdb_size
 * to 32"; the device was reset by the initialisation. The fields without
 * a rule are sanity-checked where a driver cannot work otherwise (at
 * least one request queue, each of a nonzero size) and their SHOULDs
 * logged (max_channel 0, max_target <= 255, max_lun <= 16383). QEMU has
 * no property for the defaults and refuses num_queues=0: a device that
 * breaks these needs the reference device.
 */
VCTS_TEST(scsi_config_defaults, "devices.scsi.config_defaults", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_CONFIG)
{
	struct scsi_host host;
	const struct scsi_config *config = &host.config;

	if (!scsi_test_open(dev, 0, &host))
		return;
	test_log("%s: num_queues %u seg_max %u max_sectors %u cmd_per_lun %u event_info_size %u "
		 "sense_size %u cdb_size %u max_channel %u max_target %u max_lun %u", dev->name,
		 config->num_queues, config->seg_max, config->max_sectors, config->cmd_per_lun,
		 config->event_info_size, config->sense_size, config->cdb_size,
		 config->max_channel, config->max_target, config->max_lun);
	check_eq(config->sense_size, VIRTIO_SCSI_SENSE_DEFAULT, CLAUSE_SCSI_CONFIG,
		 "sense_size is 96 after reset");
	check_eq(config->cdb_size, VIRTIO_SCSI_CDB_DEFAULT, CLAUSE_SCSI_CONFIG,
		 "cdb_size is 32 after reset");
	check(config->num_queues >= 1, CLAUSE_SCSI_CONFIG,
	      "num_queues %u: there is at least one request queue", config->num_queues);
	/* Request queue 0 (virtqueue 2) is live: the initialisation set it up. */
	for (uint32_t i = 1; i < config->num_queues && i < 64; i++) {
		uint16_t size = dev->ops->queue_max_size(dev, (uint16_t)(2 + i));

		if (!check(size > 0, CLAUSE_SCSI_CONFIG,
			   "request queue %u of num_queues %u (virtqueue %u) exists: size %u",
			   i, config->num_queues, 2 + i, size))
			break;
	}
	if (config->max_channel != 0)
		test_log("%s: max_channel %u, which SHOULD be 0", dev->name, config->max_channel);
	if (config->max_target > 255)
		test_log("%s: max_target %u, which SHOULD be at most 255", dev->name,
			 config->max_target);
	if (config->max_lun > 16383)
		test_log("%s: max_lun %u, which SHOULD be at most 16383", dev->name,
			 config->max_lun);
}

/*
 * The driver can modify sense_size and cdb_size (5.6.4): 64 and 16 are
 * written, read back, and used by an INQUIRY (a request laid out with a
 * 16-byte CDB and a 64-byte sense field); after a reset both read 96 and
 * 32 again (5.6.4.2). Fails against a device that keeps the driver's
 * values over a reset (the reference device; QEMU resets them).
 */
VCTS_TEST(scsi_config_sizes_reset, "devices.scsi.config_sizes_restored_on_reset",
	  VIRTIO_ID_SCSI, CLAUSE_SCSI_CONFIG "|" CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t cdb[16], *data = test_alloc(36, 8);
	struct scsi_data io = { .in = data, .in_length = 36 };

	if (!scsi_test_open(dev, 0, &host))
		return;
	require(scsi_set_sizes(&host, 64, 16), host.error_clause,
		"sense_size 64 and cdb_size 16 are written and read back: %s", host.error);
	scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb, scsi_cdb_inquiry(cdb, 36),
			&io, &reply, "INQUIRY laid out for cdb_size 16 and sense_size 64");
	if (!scsi_test_open(dev, 0, &host))
		return;
	check_eq(host.config.sense_size, VIRTIO_SCSI_SENSE_DEFAULT, CLAUSE_SCSI_CONFIG,
		 "sense_size is 96 again after a reset (the driver had written 64)");
	check_eq(host.config.cdb_size, VIRTIO_SCSI_CDB_DEFAULT, CLAUSE_SCSI_CONFIG,
		 "cdb_size is 32 again after a reset (the driver had written 16)");
}
