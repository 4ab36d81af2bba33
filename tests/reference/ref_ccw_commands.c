/*
 * The channel commands of a virtio-ccw proxy device (virtio 1.2 4.3.1,
 * 4.3.2, 4.3.3.3) in front of a reference device: what each does to the
 * device (ref_registers.c's side of it), the length rules of 4.3.1.3 and
 * the revision rules of 4.3.2.1, with their faults.
 *
 * Lengths: a command whose count differs from its block's size with
 * length checking on ends with the incorrect-length indication and is not
 * executed; with SLI a shorter count is a check condition (unit check), a
 * longer one is accepted. READ_CONF and WRITE_CONF take up to the
 * configuration's size (less is accepted, as QEMU does).
 */
#include <string.h>

#include "tests/reference/ref_ccw.h"

#define SENSE_ID_BYTES		8
#define FEATURE_DESC_BYTES	5
#define LEGACY_ALIGN_DEFAULT	4096u

struct command {
	struct ref_ccw *cc;
	const struct ccw1 *ccw;
	uint8_t *data;
	uint16_t count;
	bool sli;
	uint16_t *residual;
};

/* Whether the command runs with a block of @size bytes; *@end when not. */
static bool length_ok(struct command *c, uint16_t size, enum ref_ccw_end *end)
{
	enum ref_fault fault = c->cc->dev->fault;

	if (c->count == size)
		return true;
	if (!c->sli) {
		*end = fault == REF_FAULT_CCW_LENGTH_PROGRAM_CHECK ? REF_CCW_PROGRAM_CHECK :
								       REF_CCW_INCORRECT_LENGTH;
		return false;
	}
	if (c->count < size && fault != REF_FAULT_CCW_SHORT_DATA_ACCEPTED) {
		*end = REF_CCW_CHECK_CONDITION;
		return false;
	}
	if (c->count > size && fault == REF_FAULT_CCW_LONG_BUFFER_REJECTED) {
		*end = REF_CCW_REJECT;
		return false;
	}
	*c->residual = c->count > size ? (uint16_t)(c->count - size) : 0;
	return true;
}

/* The block, or a zeroed copy of what the driver gave when it gave less (a fault). */
static uint8_t *block(struct command *c, uint16_t size)
{
	static uint8_t padded[64];

	if (c->count >= size || size > sizeof(padded))
		return c->data;
	memset(padded, 0, sizeof(padded));
	memcpy(padded, c->data, c->count);
	return padded;
}

static enum ref_ccw_end sense_id(struct command *c)
{
	uint8_t id[SENSE_ID_BYTES] = { 0xff, VIRTIO_CCW_CU_TYPE >> 8, VIRTIO_CCW_CU_TYPE & 0xff,
				       (uint8_t)c->cc->dev->type->device_id, 0, 0, 0, 0 };
	uint16_t length = c->count < sizeof(id) ? c->count : (uint16_t)sizeof(id);

	if (c->cc->dev->fault == REF_FAULT_CCW_SENSE_ID_DEVICE_TYPE) {
		id[4] = 0x33;
		id[5] = 0x90;
	}
	if (!c->sli && c->count != sizeof(id))
		return REF_CCW_INCORRECT_LENGTH;
	memcpy(c->data, id, length);
	*c->residual = (uint16_t)(c->count - length);
	return REF_CCW_DONE;
}

/* 4.3.2.1.1; the legacy note of 4.3.2.1.2 for a revision after a legacy command. */
static enum ref_ccw_end set_revision(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	enum ref_fault fault = cc->dev->fault;
	uint16_t revision, length;

	if (c->count < sizeof(struct virtio_rev_info))
		return c->sli ? REF_CCW_CHECK_CONDITION : REF_CCW_INCORRECT_LENGTH;
	revision = be16_to_cpu(((const struct virtio_rev_info *)c->data)->revision);
	length = be16_to_cpu(((const struct virtio_rev_info *)c->data)->length);
	if (c->count < sizeof(struct virtio_rev_info) + length ||
	    (!c->sli && c->count != sizeof(struct virtio_rev_info) + length))
		return REF_CCW_INCORRECT_LENGTH;
	if (cc->implicit_revision && fault != REF_FAULT_CCW_REVISION_AFTER_LEGACY_COMMAND)
		return REF_CCW_REJECT;
	if (cc->revision >= 0 && !cc->implicit_revision) {
		/* A fault acknowledges any later selection, and keeps the first. */
		return fault == REF_FAULT_CCW_REVISION_CHANGE_ACCEPTED ? REF_CCW_DONE :
								 REF_CCW_REJECT;
	}
	if (revision > cc->max_revision && fault != REF_FAULT_CCW_REVISION_ANY_ACCEPTED)
		return REF_CCW_REJECT;
	if (length && fault != REF_FAULT_CCW_REVISION_DATA_ACCEPTED)
		return REF_CCW_REJECT;
	cc->revision = revision;
	cc->implicit_revision = false;
	return REF_CCW_DONE;
}

/* 4.3.2.4: little-endian words; a legacy revision has only word 0. */
static enum ref_ccw_end read_features(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	struct virtio_feature_desc *desc;
	enum ref_ccw_end end;
	uint32_t word;

	if (!length_ok(c, FEATURE_DESC_BYTES, &end))
		return end;
	desc = (struct virtio_feature_desc *)block(c, FEATURE_DESC_BYTES);
	word = cc->revision < 1 && desc->index ? 0 : ref_reg_device_features(cc->dev, desc->index);
	desc->features = cc->dev->fault == REF_FAULT_CCW_FEATURES_BIG_ENDIAN ? cpu_to_be32(word) :
									      cpu_to_le32(word);
	if ((uint8_t *)desc != c->data)
		memcpy(c->data, desc, c->count);
	return REF_CCW_DONE;
}

static enum ref_ccw_end write_features(struct command *c)
{
	struct virtio_feature_desc *desc;
	enum ref_ccw_end end;

	if (!length_ok(c, FEATURE_DESC_BYTES, &end))
		return end;
	desc = (struct virtio_feature_desc *)block(c, FEATURE_DESC_BYTES);
	ref_reg_set_driver_features(c->cc->dev, desc->index, le32_to_cpu(desc->features));
	return REF_CCW_DONE;
}

/* 4.3.2.5: the configuration from its start, up to its size. */
static enum ref_ccw_end read_config(struct command *c)
{
	struct ref_device *dev = c->cc->dev;
	uint32_t size = dev->type->config_size;

	if (c->count > size && !c->sli)
		return dev->fault == REF_FAULT_CCW_LENGTH_PROGRAM_CHECK ? REF_CCW_PROGRAM_CHECK :
									 REF_CCW_INCORRECT_LENGTH;
	for (uint32_t i = 0; i < c->count && i < size; i++)
		c->data[i] = (uint8_t)ref_reg_config_read(dev, i, 1);
	*c->residual = c->count > size ? (uint16_t)(c->count - size) : 0;
	return REF_CCW_DONE;
}

/* The words that changed, written as the device's fields are: 4 bytes at a time. */
static enum ref_ccw_end write_config(struct command *c)
{
	struct ref_device *dev = c->cc->dev;
	uint32_t size = dev->type->config_size, at = 0;

	if (c->count > size && !c->sli)
		return REF_CCW_INCORRECT_LENGTH;
	while (at < c->count && at < size) {
		int width = size - at >= 4 && c->count - at >= 4 ? 4 : 1;
		uint32_t value = 0;

		for (int i = 0; i < width; i++)
			value |= (uint32_t)c->data[at + (uint32_t)i] << (8 * i);
		if (value != ref_reg_config_read(dev, at, width))
			ref_reg_config_write(dev, at, width, value);
		at += (uint32_t)width;
	}
	return REF_CCW_DONE;
}

/* 4.3.2.3: a status the device does not take is left unchanged, and rejected. */
static enum ref_ccw_end write_status(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	uint8_t before = ref_reg_status(cc->dev), wanted;
	enum ref_ccw_end end;

	if (!length_ok(c, 1, &end))
		return end;
	wanted = c->data[0];
	cc->status_before_write = before;
	if (!wanted) {
		ref_reg_set_status(cc->dev, 0);
		return REF_CCW_DONE;
	}
	ref_reg_set_status(cc->dev, wanted);
	if (ref_reg_status(cc->dev) == wanted ||
	    cc->dev->fault == REF_FAULT_CCW_REFUSED_STATUS_ACCEPTED)
		return REF_CCW_DONE;
	cc->dev->status = before;
	return REF_CCW_REJECT;
}

static enum ref_ccw_end read_status(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	enum ref_ccw_end end;

	if (cc->revision < 2 && cc->dev->fault != REF_FAULT_CCW_READ_STATUS_ANY_REVISION)
		return REF_CCW_REJECT;
	if (!length_ok(c, 1, &end))
		return end;
	c->data[0] = cc->dev->fault == REF_FAULT_CCW_READ_STATUS_STALE ? cc->status_before_write :
									 ref_reg_status(cc->dev);
	return REF_CCW_DONE;
}

static enum ref_ccw_end read_vq_config(struct command *c)
{
	struct vq_config_block *config;
	enum ref_ccw_end end;

	if (!length_ok(c, sizeof(*config), &end))
		return end;
	config = (struct vq_config_block *)c->data;
	config->max_num = cpu_to_be16(ref_reg_queue_max_size(c->cc->dev,
							     be16_to_cpu(config->index)));
	return REF_CCW_DONE;
}

/* 4.3.2.2: the modern block (res0 ignored) or, with revision 0, the legacy one. */
static enum ref_ccw_end set_vq(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	enum ref_ccw_end end;
	uint64_t desc, avail, used, align;
	uint16_t index, num;

	if (cc->revision >= 1) {
		const struct vq_info_block *info = (const struct vq_info_block *)c->data;

		if (!length_ok(c, sizeof(*info), &end))
			return end;
		if (info->res0 && cc->dev->fault == REF_FAULT_CCW_RES0_CHECKED)
			return REF_CCW_REJECT;
		desc = be64_to_cpu(info->desc);
		avail = be64_to_cpu(info->driver);
		used = be64_to_cpu(info->device);
		index = be16_to_cpu(info->index);
		num = be16_to_cpu(info->num);
	} else {
		const struct vq_info_block_legacy *info = (const struct vq_info_block_legacy *)c->data;

		if (!length_ok(c, sizeof(*info), &end))
			return end;
		desc = be64_to_cpu(info->queue);
		align = be32_to_cpu(info->align) ? be32_to_cpu(info->align) : LEGACY_ALIGN_DEFAULT;
		index = be16_to_cpu(info->index);
		num = be16_to_cpu(info->num);
		avail = desc + 16ull * num;
		used = (avail + 6 + 2ull * num + align - 1) / align * align;
	}
	if (!desc) {
		ref_reg_queue_disable(cc->dev, index);
		return REF_CCW_DONE;
	}
	return ref_reg_queue_enable(cc->dev, index, num, desc, avail, used) ? REF_CCW_DONE :
									     REF_CCW_PROGRAM_CHECK;
}

/* 4.3.2.6: classic indicators exclude adapter ones and the other way round. */
static enum ref_ccw_end set_indicators(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	enum ref_ccw_end end;
	uint64_t address;

	if (!length_ok(c, sizeof(uint64_t), &end))
		return end;
	memcpy(&address, c->data, sizeof(address));
	address = be64_to_cpu(address);
	if (c->ccw->cmd == CCW_CMD_SET_CONF_IND) {
		cc->config_indicators = address;
		return REF_CCW_DONE;
	}
	if (cc->thinint)
		return REF_CCW_REJECT;
	cc->indicators = address;
	return REF_CCW_DONE;
}

static enum ref_ccw_end set_adapter(struct command *c)
{
	struct ref_ccw *cc = c->cc;
	const struct virtio_thinint_area *area = (const struct virtio_thinint_area *)c->data;
	enum ref_ccw_end end;

	if (!length_ok(c, sizeof(*area), &end))
		return end;
	if (cc->indicators && cc->dev->fault != REF_FAULT_CCW_ADAPTER_AFTER_CLASSIC_ACCEPTED)
		return REF_CCW_REJECT;
	cc->summary = be64_to_cpu(area->summary_indicator);
	cc->adapter_indicators = be64_to_cpu(area->indicator);
	cc->bit_nr = be64_to_cpu(area->bit_nr);
	cc->adapter_isc = area->isc;
	cc->thinint = cc->summary && cc->adapter_indicators;
	return REF_CCW_DONE;
}

/* 4.3.3.3: the reset is complete, status 0 and queues gone, when the command ends. */
static enum ref_ccw_end vdev_reset(struct command *c)
{
	struct ref_device *dev = c->cc->dev;
	uint8_t status = dev->status;

	if (dev->fault == REF_FAULT_CCW_ACTIVE_AFTER_RESET)
		return REF_CCW_DONE;	/* acknowledged, not done: the queues stay live */
	ref_reg_set_status(dev, 0);
	if (dev->fault == REF_FAULT_CCW_RESET_STATUS_LATE)
		dev->status = status;
	return REF_CCW_DONE;
}

void ref_ccw_device_reset(struct ref_ccw *cc)
{
	cc->indicators = cc->config_indicators = 0;
	cc->thinint = false;
	cc->summary = cc->adapter_indicators = cc->bit_nr = 0;
}

/* The virtio-ccw commands, once the revision allows them (4.3.2.1). */
static enum ref_ccw_end virtio_command(struct command *c)
{
	switch (c->ccw->cmd) {
	case CCW_CMD_READ_FEAT:
		return read_features(c);
	case CCW_CMD_WRITE_FEAT:
		return write_features(c);
	case CCW_CMD_READ_CONF:
		return read_config(c);
	case CCW_CMD_WRITE_CONF:
		return write_config(c);
	case CCW_CMD_WRITE_STATUS:
		return write_status(c);
	case CCW_CMD_READ_STATUS:
		return read_status(c);
	case CCW_CMD_READ_VQ_CONF:
		return read_vq_config(c);
	case CCW_CMD_SET_VQ:
		return set_vq(c);
	case CCW_CMD_SET_IND:
	case CCW_CMD_SET_CONF_IND:
		return set_indicators(c);
	case CCW_CMD_SET_IND_ADAPTER:
		return set_adapter(c);
	case CCW_CMD_VDEV_RESET:
		return vdev_reset(c);
	default:
		return c->cc->dev->fault == REF_FAULT_CCW_UNKNOWN_ACCEPTED ? REF_CCW_DONE :
									     REF_CCW_REJECT;
	}
}

/*
 * A legacy driver's first command selects revision 0 where the device has
 * it (4.3.2.1.2); a device without revision 0 rejects it.
 */
static bool revision_set(struct ref_ccw *cc)
{
	if (cc->revision >= 0)
		return true;
	if (!cc->dev->legacy)
		return false;
	cc->revision = 0;
	cc->implicit_revision = true;
	return true;
}

enum ref_ccw_end ref_ccw_execute(struct ref_ccw *cc, const struct ccw1 *ccw, uint16_t *residual)
{
	struct command c = {
		.cc = cc, .ccw = ccw, .data = (uint8_t *)(uintptr_t)be32_to_cpu(ccw->cda),
		.count = be16_to_cpu(ccw->count), .sli = ccw->flags & CCW_FLAG_SLI,
		.residual = residual,
	};

	switch (ccw->cmd) {
	case CCW_CMD_NOOP:
		return cc->dev->fault == REF_FAULT_CCW_NOOP_REJECTED ? REF_CCW_REJECT :
								       REF_CCW_DONE;
	case CCW_CMD_BASIC_SENSE:
		if (c.count && c.data)
			memset(c.data, 0, c.count);
		return REF_CCW_DONE;
	case CCW_CMD_SENSE_ID:
		return sense_id(&c);
	case CCW_CMD_SET_VIRTIO_REV:
		return set_revision(&c);
	default:
		if (c.count && !c.data)
			return REF_CCW_PROGRAM_CHECK;
		if (!revision_set(cc))
			return REF_CCW_REJECT;
		return virtio_command(&c);
	}
}
