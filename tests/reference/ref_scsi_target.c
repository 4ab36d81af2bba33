/*
 * The logical units behind the reference SCSI host: a tiny SCSI target
 * (SPC / SBC) with INQUIRY, TEST UNIT READY, READ CAPACITY(10/16),
 * READ(10) / WRITE(10) and REPORT LUNS, over sparse disks whose
 * unwritten blocks hold the harness's host pattern (LU 0/0, like the
 * harness's image) or zeros (hot-plugged LUs, like its null-co disks).
 */
#include <string.h>

#include "lib/fnv.h"
#include "tests/reference/ref_scsi.h"

/* "host" in ASCII: the seed of the pattern the harness fills images with. */
#define HOST_PATTERN_SEED	0x686f7374u

#define OP_TEST_UNIT_READY	0x00
#define OP_INQUIRY		0x12
#define OP_READ_CAPACITY_10	0x25
#define OP_READ_10		0x28
#define OP_WRITE_10		0x2a
#define OP_SERVICE_ACTION_IN_16	0x9e
#define SA_READ_CAPACITY_16	0x10
#define OP_REPORT_LUNS		0xa0

#define INQUIRY_BYTES		36
#define CAPACITY_16_BYTES	32
#define PQ_NOT_CONNECTED	0x7f	/* qualifier 3, type 0x1f: no LU at this LUN */

static uint32_t be16_at(const uint8_t *at)
{
	return (uint32_t)at[0] << 8 | at[1];
}

static uint32_t be32_at(const uint8_t *at)
{
	return be16_at(at) << 16 | be16_at(at + 2);
}

static void put_be32(uint8_t *at, uint32_t value)
{
	for (int i = 0; i < 4; i++)
		at[i] = (uint8_t)(value >> (24 - 8 * i));
}

static uint32_t min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

const struct ref_scsi_lu *ref_scsi_find_lu(struct ref_device *dev, uint8_t target,
					   uint16_t lun, int *index)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);

	for (int i = 0; i < REF_SCSI_LUS; i++) {
		if (s->lus[i].present && s->lus[i].target == target && s->lus[i].lun == lun) {
			*index = i;
			return &s->lus[i];
		}
	}
	return NULL;
}

bool ref_scsi_target_exists(struct ref_device *dev, uint8_t target)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);

	for (int i = 0; i < REF_SCSI_LUS; i++) {
		if (s->lus[i].present && s->lus[i].target == target)
			return true;
	}
	return false;
}

/* Fixed-format sense data (SPC 4.5.3) and CHECK CONDITION. */
static void check_condition(struct ref_scsi_command *c, uint8_t key, uint8_t asc)
{
	memset(c->sense, 0, sizeof(c->sense));
	c->sense[0] = 0x70;
	c->sense[2] = key;
	c->sense[7] = REF_SCSI_SENSE_BYTES - 8;
	c->sense[12] = asc;
	c->sense_len = REF_SCSI_SENSE_BYTES;
	c->status = REF_SCSI_CHECK_CONDITION;
}

/* Data-in of @length bytes, cut to the allocation length and the buffer. */
static void data_in(struct ref_scsi_command *c, const uint8_t *data, uint32_t length,
		    uint32_t allocation)
{
	c->datain_written = min32(min32(length, allocation), c->datain_length);
	memcpy(c->datain, data, c->datain_written);
}

static void inquiry(struct ref_device *dev, struct ref_scsi_command *c)
{
	uint8_t data[INQUIRY_BYTES] = { 0 };

	if (c->cdb[1] & 1) {	/* EVPD: no vital product data pages here */
		check_condition(c, REF_SCSI_ILLEGAL_REQUEST, REF_SCSI_ASC_INVALID_FIELD);
		return;
	}
	data[0] = c->lu ? 0x00 : PQ_NOT_CONNECTED;
	if (c->lu && dev->fault == REF_FAULT_SCSI_INQUIRY_NOT_DISK)
		data[0] = 0x05;
	data[2] = 0x05;		/* SPC-3 */
	data[3] = 0x02;		/* response data format */
	data[4] = INQUIRY_BYTES - 5;
	memcpy(data + 8, "VCTS    REFERENCE DISK  1.0 ", 28);
	data_in(c, data, sizeof(data), be16_at(c->cdb + 3));
}

static void read_capacity(struct ref_device *dev, struct ref_scsi_command *c, bool sixteen)
{
	uint8_t data[CAPACITY_16_BYTES] = { 0 };
	uint64_t last = c->lu->blocks - 1;

	if (dev->fault == REF_FAULT_SCSI_CAPACITY_SHORT)
		last--;
	if (!sixteen) {
		put_be32(data, last > 0xffffffffu ? 0xffffffffu : (uint32_t)last);
		put_be32(data + 4, REF_SCSI_SECTOR);
		data_in(c, data, 8, 8);
		return;
	}
	put_be32(data, (uint32_t)(last >> 32));
	put_be32(data + 4, (uint32_t)last);
	put_be32(data + 8, REF_SCSI_SECTOR);
	data_in(c, data, sizeof(data), be32_at(c->cdb + 10));
}

/* REPORT LUNS (SPC 6.33): the LUs of the addressed target, single-level. */
static void report_luns(struct ref_device *dev, struct ref_scsi_command *c, uint8_t target)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	uint8_t data[8 + 8 * REF_SCSI_LUS] = { 0 };
	uint32_t count = 0;

	for (int i = 0; i < REF_SCSI_LUS; i++) {
		const struct ref_scsi_lu *lu = &s->lus[i];
		uint8_t *entry = data + 8 + 8 * count;

		if (!lu->present || lu->target != target ||
		    (lu->lun == 0 && dev->fault == REF_FAULT_SCSI_REPORT_LUNS_WITHOUT_LUN0))
			continue;
		entry[0] = (uint8_t)(lu->lun >> 8) | (lu->lun > 255 ? 0x40 : 0);
		entry[1] = (uint8_t)lu->lun;
		count++;
	}
	put_be32(data, 8 * count);
	data_in(c, data, 8 + 8 * count, be32_at(c->cdb + 6));
}

static struct ref_scsi_sector *find_written(struct ref_scsi_state *s, int lu, uint64_t lba)
{
	for (int i = 0; i < s->written_count; i++) {
		if (s->written[i].lu == lu && s->written[i].lba == lba)
			return &s->written[i];
	}
	return NULL;
}

static void read_block(struct ref_device *dev, const struct ref_scsi_command *c, uint64_t lba,
		       uint8_t *out)
{
	const struct ref_scsi_sector *written = find_written(ref_scsi_state(dev), c->lu_index,
							     lba);

	if (written) {
		memcpy(out, written->data, REF_SCSI_SECTOR);
		return;
	}
	for (uint32_t i = 0; i < REF_SCSI_SECTOR; i++)
		out[i] = c->lu->pattern && dev->fault != REF_FAULT_SCSI_WRONG_DATA ?
			 pattern_byte(HOST_PATTERN_SEED, lba, i) : 0;
}

static bool write_block(struct ref_device *dev, int lu, uint64_t lba, const uint8_t *in)
{
	struct ref_scsi_state *s = ref_scsi_state(dev);
	struct ref_scsi_sector *sector = find_written(s, lu, lba);

	if (dev->fault == REF_FAULT_SCSI_WRITES_LOST)
		return true;
	if (!sector) {
		if (s->written_count == REF_SCSI_WRITTEN)
			return false;
		sector = &s->written[s->written_count++];
		sector->lu = lu;
		sector->lba = lba;
	}
	memcpy(sector->data, in, REF_SCSI_SECTOR);
	return true;
}

/*
 * READ(10) / WRITE(10): out of range is ILLEGAL REQUEST / LBA OUT OF
 * RANGE; a transfer the buffers cannot hold is an OVERRUN (5.6.6.1.1).
 */
static void read_write(struct ref_device *dev, struct ref_scsi_command *c, bool write)
{
	uint64_t lba = be32_at(c->cdb + 2);
	uint32_t blocks = be16_at(c->cdb + 7), bytes = blocks * REF_SCSI_SECTOR;
	uint32_t room = write ? c->dataout_length : c->datain_length;

	if (lba > c->lu->blocks || blocks > c->lu->blocks - lba) {
		check_condition(c, REF_SCSI_ILLEGAL_REQUEST, REF_SCSI_ASC_LBA_OUT_OF_RANGE);
		return;
	}
	if (bytes > room) {
		if (dev->fault != REF_FAULT_SCSI_NO_OVERRUN) {
			c->overrun = true;
			return;
		}
		blocks = room / REF_SCSI_SECTOR;	/* the fault: what fits, and OK */
	}
	for (uint32_t i = 0; i < blocks; i++) {
		uint32_t at = i * REF_SCSI_SECTOR;

		if (!write) {
			read_block(dev, c, lba + i, c->datain + at);
		} else if (!write_block(dev, c->lu_index, lba + i, c->dataout + at)) {
			check_condition(c, 0x3 /* MEDIUM ERROR */, 0x0c /* WRITE ERROR */);
			return;
		}
		*(write ? &c->dataout_taken : &c->datain_written) = at + REF_SCSI_SECTOR;
	}
}

/* Commands a LU serves; false for an operation code it does not know. */
static bool lu_command(struct ref_device *dev, struct ref_scsi_command *c)
{
	switch (c->cdb[0]) {
	case OP_TEST_UNIT_READY:
		if (dev->fault == REF_FAULT_SCSI_NOT_READY)
			check_condition(c, REF_SCSI_NOT_READY, REF_SCSI_ASC_NO_MEDIUM);
		return true;
	case OP_READ_CAPACITY_10:
		read_capacity(dev, c, false);
		return true;
	case OP_SERVICE_ACTION_IN_16:
		if ((c->cdb[1] & 0x1f) != SA_READ_CAPACITY_16)
			return false;
		read_capacity(dev, c, true);
		return true;
	case OP_READ_10:
	case OP_WRITE_10:
		read_write(dev, c, c->cdb[0] == OP_WRITE_10);
		return true;
	default:
		return false;
	}
}

void ref_scsi_execute(struct ref_device *dev, struct ref_scsi_command *c)
{
	c->status = REF_SCSI_GOOD;
	c->datain_written = c->dataout_taken = 0;
	c->sense_len = 0;
	c->overrun = false;
	/* INQUIRY and REPORT LUNS are the target's: they answer for any LUN. */
	if (c->cdb[0] == OP_INQUIRY) {
		inquiry(dev, c);
	} else if (c->cdb[0] == OP_REPORT_LUNS) {
		report_luns(dev, c, c->target);
	} else if (!c->lu) {
		/* 5.6.6.3: a LUN that is not there is ILLEGAL REQUEST, asc 0x25. */
		if (dev->fault != REF_FAULT_SCSI_ABSENT_LUN_GOOD)
			check_condition(c, REF_SCSI_ILLEGAL_REQUEST, REF_SCSI_ASC_LUN_NOT_SUPPORTED);
	} else if (!lu_command(dev, c)) {
		check_condition(c, REF_SCSI_ILLEGAL_REQUEST, REF_SCSI_ASC_INVALID_OPCODE);
	}
}
