/*
 * What the virtio-scsi tests share: opening the device, commands with
 * their checks reported at the caller's file and line, CDB builders, and
 * the disk the harness attaches.
 */
#ifndef VCTS_TESTS_SCSI_H
#define VCTS_TESTS_SCSI_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/scsi.h"
#include "lib/test.h"

/*
 * The harness attaches one disk: `-device scsi-hd,drive=...,channel=0,
 * scsi-id=0,lun=0` on an image of SCSI_IMAGE_BYTES filled with the blk
 * host pattern (seed BLK_HOST_PATTERN_SEED, 512-byte sectors).
 */
#define SCSI_DISK_TARGET	0
#define SCSI_DISK_LUN		0
#define SCSI_IMAGE_BYTES	(8u * 1024 * 1024)
/* A target and a LUN nothing is attached to. */
#define SCSI_ABSENT_TARGET	5
#define SCSI_ABSENT_LUN		3
/* Where the hot-plug tests ask the harness to attach a disk (scsi-hotplug). */
#define SCSI_HOTPLUG_TARGET	1
#define SCSI_HOTPLUG_LUN	2
/* Blocks (of 512 bytes) the write test may change; it puts the pattern back. */
#define SCSI_SCRATCH_SECTOR	64u
#define SCSI_SCRATCH_SECTORS	8u

/*
 * Why tests that send device-readable data skip on the legacy interface:
 * legacy devices may report the whole chain's length as used (5.6.6.0.1,
 * QEMU does), which the ring core rejects on every interface.
 */
#define SCSI_LEGACY_WRITE_SKIP \
	"legacy interface: the device may count device-readable bytes in the used " \
	"length (5.6.6.0.1), which the kernel's ring core rejects; it needs a per-queue " \
	"opt-out there"

/* SCSI operation codes (SPC, SBC) */
#define SCSI_OP_TEST_UNIT_READY	0x00
#define SCSI_OP_INQUIRY		0x12
#define SCSI_OP_READ_CAPACITY_10 0x25
#define SCSI_OP_READ_10		0x28
#define SCSI_OP_WRITE_10	0x2a
#define SCSI_OP_SERVICE_ACTION_IN_16 0x9e
#define SCSI_SAI_READ_CAPACITY_16 0x10
#define SCSI_OP_REPORT_LUNS	0xa0

/* Sets @dev up with @features; on failure fails the test with the reason. */
#define scsi_test_open(dev, features, host) \
	scsi_test_open_at(__FILE__, __LINE__, dev, features, host)
bool scsi_test_open_at(const char *file, int line, struct virtio_device *dev,
		       uint64_t features, struct scsi_host *host);

/* Checks that a command the test describes as @what came back usable. */
#define scsi_check_completed(host, result, what) \
	scsi_check_completed_at(__FILE__, __LINE__, host, result, what)
bool scsi_check_completed_at(const char *file, int line, struct scsi_host *host,
			     enum scsi_result result, const char *what);

/*
 * Sends @cdb to @target/@lun; a CHECK CONDITION with UNIT ATTENTION (the
 * device reports one after each reset) is logged and the command sent
 * again, up to three times.
 */
enum scsi_result scsi_test_command(struct scsi_host *host, uint8_t target, uint16_t lun,
				   const uint8_t *cdb, uint32_t cdb_length,
				   const struct scsi_data *data, struct scsi_reply *reply);

/*
 * scsi_test_command(), then checks that it completed with response OK and
 * status GOOD; false (the check failed) otherwise.
 */
#define scsi_check_good(host, target, lun, cdb, cdb_length, data, reply, what) \
	scsi_check_good_at(__FILE__, __LINE__, host, target, lun, cdb, cdb_length, data, \
			   reply, what)
bool scsi_check_good_at(const char *file, int line, struct scsi_host *host, uint8_t target,
			uint16_t lun, const uint8_t *cdb, uint32_t cdb_length,
			const struct scsi_data *data, struct scsi_reply *reply,
			const char *what);

/* CDB builders; each returns the CDB's length. */
uint32_t scsi_cdb_inquiry(uint8_t *cdb, uint16_t allocation);
uint32_t scsi_cdb_test_unit_ready(uint8_t *cdb);
uint32_t scsi_cdb_read_capacity_10(uint8_t *cdb);
uint32_t scsi_cdb_read_capacity_16(uint8_t *cdb, uint32_t allocation);
uint32_t scsi_cdb_rw_10(uint8_t *cdb, uint8_t opcode, uint32_t lba, uint16_t blocks);
uint32_t scsi_cdb_report_luns(uint8_t *cdb, uint32_t allocation);

uint32_t scsi_be32(const uint8_t *at);
uint64_t scsi_be64(const uint8_t *at);

/*
 * The disk's geometry from READ CAPACITY(10): the number of blocks and
 * their size. Fails the test (and returns false) if it cannot be read or
 * the block size is not a multiple of 512.
 */
#define scsi_test_capacity(host, blocks, block_size) \
	scsi_test_capacity_at(__FILE__, __LINE__, host, blocks, block_size)
bool scsi_test_capacity_at(const char *file, int line, struct scsi_host *host,
			   uint64_t *blocks, uint32_t *block_size);

/* The size of event buffers: event_info_size, within what the driver can post. */
uint32_t scsi_test_event_size(const struct scsi_host *host);
void scsi_test_log_event(const struct scsi_host *host, const struct scsi_event *event);
/*
 * Asks the harness for @action (scsi-hotplug or scsi-unplug) at
 * SCSI_HOTPLUG_TARGET / SCSI_HOTPLUG_LUN. With @needed the test cannot go
 * on without it: a skip is recorded when it was not done. Otherwise only
 * logged. True when done.
 */
bool scsi_test_hotplug(struct scsi_host *host, const char *action, bool needed);

#endif
