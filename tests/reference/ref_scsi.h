/*
 * The reference SCSI host (5.6), shared by its two halves: ref_scsi.c
 * (configuration, the three queues, events, host actions) and
 * ref_scsi_target.c (the logical units behind it: a tiny SCSI target).
 */
#ifndef VCTS_REF_SCSI_H
#define VCTS_REF_SCSI_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/reference/ref_device.h"

#define REF_SCSI_SECTOR		512u
/* Logical units: 0/0 (the harness's 8 MiB pattern disk) and hot-plugged ones. */
#define REF_SCSI_LUS		4
#define REF_SCSI_WRITTEN	32
#define REF_SCSI_EVENTS		8
/* The largest data transfer one command moves (bigger buffers are used in part). */
#define REF_SCSI_DATA_MAX	(64u * 1024)

/* SAM status, sense keys and additional sense codes the target uses. */
#define REF_SCSI_GOOD			0x00
#define REF_SCSI_CHECK_CONDITION	0x02
#define REF_SCSI_NOT_READY		0x2
#define REF_SCSI_ILLEGAL_REQUEST	0x5
#define REF_SCSI_ASC_INVALID_OPCODE	0x20
#define REF_SCSI_ASC_LBA_OUT_OF_RANGE	0x21
#define REF_SCSI_ASC_INVALID_FIELD	0x24
#define REF_SCSI_ASC_LUN_NOT_SUPPORTED	0x25
#define REF_SCSI_ASC_NO_MEDIUM		0x3a
#define REF_SCSI_SENSE_BYTES		18

struct ref_scsi_lu {
	bool present;
	uint8_t target;
	uint16_t lun;
	uint64_t blocks;
	bool pattern;		/* unwritten blocks hold the host pattern (else zeros) */
};

struct ref_scsi_sector {
	int lu;
	uint64_t lba;
	uint8_t data[REF_SCSI_SECTOR];
};

struct ref_scsi_event {
	uint32_t event;
	uint8_t lun[8];
	uint32_t reason;
};

struct ref_scsi_state {
	struct ref_scsi_lu lus[REF_SCSI_LUS];
	int written_count;
	struct ref_scsi_sector written[REF_SCSI_WRITTEN];
	/* Events waiting for an eventq buffer, and whether some were dropped. */
	struct ref_scsi_event pending[REF_SCSI_EVENTS];
	int pending_count;
	bool events_missed;
};

/* One command for the target, and what it gives back. */
struct ref_scsi_command {
	const struct ref_scsi_lu *lu;	/* NULL: no LU at that LUN of an existing target */
	int lu_index;
	uint8_t target;
	const uint8_t *cdb;
	const uint8_t *dataout;
	uint32_t dataout_length;
	uint8_t *datain;
	uint32_t datain_length;
	/* Results */
	uint8_t status;
	bool overrun;			/* the CDB wants more data than the buffers hold */
	uint32_t datain_written;
	uint32_t dataout_taken;
	uint8_t sense[REF_SCSI_SENSE_BYTES];
	uint32_t sense_len;
};

static inline struct ref_scsi_state *ref_scsi_state(struct ref_device *dev)
{
	return dev->type_state;
}

/* Runs @command's CDB against its logical unit (ref_scsi_target.c). */
void ref_scsi_execute(struct ref_device *dev, struct ref_scsi_command *command);
/* The LU at @target / @lun, its index in *@index; NULL if none. */
const struct ref_scsi_lu *ref_scsi_find_lu(struct ref_device *dev, uint8_t target,
					   uint16_t lun, int *index);
bool ref_scsi_target_exists(struct ref_device *dev, uint8_t target);

#endif
