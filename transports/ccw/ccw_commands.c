/*
 * The virtio-ccw channel commands (virtio 1.2 4.3.2), one function each.
 * The blocks go through the subchannel's I/O area, big-endian as the
 * transport defines them (4.3: be16, be32, be64), except the feature
 * bits, which are little-endian (4.3.2.4). Each command gives the exact
 * length of its block with length checking on ("A driver SHOULD attempt
 * to provide the correct length", 4.3.1.3), so that the device has no
 * room for guessing.
 */
#include "lib/alloc.h"
#include "lib/string.h"
#include "transports/ccw/ccw.h"

static void *block(struct virtio_ccw *cd, size_t size)
{
	memset(cd->io->data, 0, size);
	return cd->io->data;
}

enum ccw_outcome ccw_sense_id(struct virtio_ccw *cd, struct sense_id *id)
{
	struct sense_id *data = block(cd, sizeof(*data));
	enum ccw_outcome outcome;

	/* The device may offer more than the 8 basic bytes (CIWs): no length check. */
	outcome = ccw_command(cd, CCW_CMD_SENSE_ID, CCW_FLAG_SLI, data, sizeof(*data), NULL);
	*id = *data;
	return outcome;
}

enum ccw_outcome ccw_set_revision(struct virtio_ccw *cd, uint16_t revision, uint16_t length,
				  uint16_t count)
{
	struct virtio_rev_info *info = block(cd, sizeof(cd->io->data));

	info->revision = cpu_to_be16(revision);
	info->length = cpu_to_be16(length);
	if (count > sizeof(cd->io->data))
		count = sizeof(cd->io->data);
	return ccw_command(cd, CCW_CMD_SET_VIRTIO_REV, 0, info, count, NULL);
}

enum ccw_outcome ccw_read_features(struct virtio_ccw *cd, uint8_t index, uint32_t *features)
{
	struct virtio_feature_desc *desc = block(cd, sizeof(*desc));
	enum ccw_outcome outcome;

	desc->index = index;
	outcome = ccw_command(cd, CCW_CMD_READ_FEAT, 0, desc, sizeof(*desc), NULL);
	*features = outcome == CCW_OK ? le32_to_cpu(desc->features) : 0;
	return outcome;
}

enum ccw_outcome ccw_write_features(struct virtio_ccw *cd, uint8_t index, uint32_t features)
{
	struct virtio_feature_desc *desc = block(cd, sizeof(*desc));

	desc->features = cpu_to_le32(features);
	desc->index = index;
	return ccw_command(cd, CCW_CMD_WRITE_FEAT, 0, desc, sizeof(*desc), NULL);
}

/* Into cd->config: the first @count bytes of the configuration. */
enum ccw_outcome ccw_read_config(struct virtio_ccw *cd, uint32_t count, uint8_t flags)
{
	if (count > VIRTIO_CCW_CONFIG_MAX)
		count = VIRTIO_CCW_CONFIG_MAX;
	memset(cd->config, 0, count);
	return ccw_command(cd, CCW_CMD_READ_CONF, flags, cd->config, (uint16_t)count, NULL);
}

/* From cd->config. */
enum ccw_outcome ccw_write_config(struct virtio_ccw *cd, uint32_t count)
{
	if (count > VIRTIO_CCW_CONFIG_MAX)
		count = VIRTIO_CCW_CONFIG_MAX;
	return ccw_command(cd, CCW_CMD_WRITE_CONF, 0, cd->config, (uint16_t)count, NULL);
}

enum ccw_outcome ccw_write_status(struct virtio_ccw *cd, uint8_t status)
{
	uint8_t *data = block(cd, 1);

	*data = status;
	return ccw_command(cd, CCW_CMD_WRITE_STATUS, 0, data, 1, NULL);
}

enum ccw_outcome ccw_read_status(struct virtio_ccw *cd, uint8_t *status)
{
	uint8_t *data = block(cd, 1);
	enum ccw_outcome outcome;

	*data = 0xff;
	outcome = ccw_command(cd, CCW_CMD_READ_STATUS, 0, data, 1, NULL);
	*status = *data;
	return outcome;
}

enum ccw_outcome ccw_read_vq_conf(struct virtio_ccw *cd, uint16_t index, uint16_t *max)
{
	struct vq_config_block *config = block(cd, sizeof(*config));
	enum ccw_outcome outcome;

	config->index = cpu_to_be16(index);
	outcome = ccw_command(cd, CCW_CMD_READ_VQ_CONF, 0, config, sizeof(*config), NULL);
	*max = outcome == CCW_OK ? be16_to_cpu(config->max_num) : 0;
	return outcome;
}

enum ccw_outcome ccw_set_vq(struct virtio_ccw *cd, const struct vq_info_block *info)
{
	struct vq_info_block *data = block(cd, sizeof(*data));

	*data = *info;
	return ccw_command(cd, CCW_CMD_SET_VQ, 0, data, sizeof(*data), NULL);
}

enum ccw_outcome ccw_set_vq_legacy(struct virtio_ccw *cd, const struct vq_info_block_legacy *info)
{
	struct vq_info_block_legacy *data = block(cd, sizeof(*data));

	*data = *info;
	return ccw_command(cd, CCW_CMD_SET_VQ, 0, data, sizeof(*data), NULL);
}

/* SET_IND or SET_CONF_IND: the indicators' guest address, a be64 (4.3.2.6). */
enum ccw_outcome ccw_set_indicators(struct virtio_ccw *cd, uint8_t cmd, volatile uint64_t *where)
{
	uint64_t *address = block(cd, sizeof(*address));

	*address = cpu_to_be64(physical_address((const void *)where));
	return ccw_command(cd, cmd, 0, address, sizeof(*address), NULL);
}

enum ccw_outcome ccw_vdev_reset(struct virtio_ccw *cd)
{
	return ccw_command(cd, CCW_CMD_VDEV_RESET, 0, NULL, 0, NULL);
}

enum ccw_outcome ccw_set_ind_adapter(struct virtio_ccw *cd, const struct virtio_thinint_area *area)
{
	struct virtio_thinint_area *data = block(cd, sizeof(*data));

	*data = *area;
	return ccw_command(cd, CCW_CMD_SET_IND_ADAPTER, 0, data, sizeof(*data), NULL);
}
