/*
 * Finding virtio-ccw devices (virtio 1.2 4.3.1): STORE SUBCHANNEL over
 * the subchannels of set 0 until the channel subsystem answers "not
 * operational" (condition code 3: no subchannel with that number or
 * above); a subchannel with a valid device number is enabled and asked
 * SENSE ID; a control unit of type 0x3832 is a virtio device whose type
 * is the control unit model ("A driver ... MUST check for a control unit
 * type of 0x3832 and MUST ignore the device type and model", 4.3.1.3).
 *
 * Then the revision (4.3.2.1): the highest the mode allows first, lower
 * ones after a command reject, revision 0 (the legacy interface) last
 * when legacy is allowed; prefer-legacy tries 0 first. Then the size of
 * the configuration space, which the transport does not say: the
 * longest READ_CONF the device accepts with length checking on (a longer
 * one must fail, 4.3.1.3 "Basic Concepts").
 */
#include "lib/alloc.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "transports/ccw/ccw.h"

#define SUBCHANNELS		0x10000u
#define LEGACY_QUEUE_ALIGN	4096u

static struct virtio_ccw *ccw_alloc(uint32_t sid, uint16_t devno)
{
	struct virtio_ccw *cd = alloc_zeroed(sizeof(*cd), 8);

	if (!cd)
		return NULL;
	cd->sid = sid;
	cd->devno = devno;
	cd->revision = -1;
	cd->io = alloc_zeroed(sizeof(*cd->io), 8);
	cd->config = alloc_zeroed(VIRTIO_CCW_CONFIG_MAX, 8);
	cd->config_seen = alloc_zeroed(VIRTIO_CCW_CONFIG_MAX, 8);
	cd->indicators = alloc_zeroed(sizeof(uint64_t), 8);
	cd->config_indicators = alloc_zeroed(sizeof(uint64_t), 8);
	if (!cd->io || !cd->config || !cd->config_seen || !cd->indicators ||
	    !cd->config_indicators)
		return NULL;
	return cd;
}

static bool try_revision(struct virtio_ccw *cd, int revision)
{
	if (ccw_set_revision(cd, (uint16_t)revision, 0, sizeof(struct virtio_rev_info)) != CCW_OK)
		return false;
	cd->revision = revision;
	return true;
}

static const char *negotiate_revision(struct virtio_ccw *cd)
{
	static char reason[96];

	if (options_prefer_legacy() && options_allow_legacy() && try_revision(cd, 0))
		return NULL;
	if (options_allow_modern()) {
		for (int revision = VIRTIO_CCW_MAX_REVISION; revision >= 1; revision--)
			if (try_revision(cd, revision))
				return NULL;
	}
	if (options_allow_legacy() && !options_prefer_legacy()) {
		if (try_revision(cd, 0))
			return NULL;
		/* 4.3.2.1.2: a legacy device rejects the command; run it as revision 0. */
		if (cd->last.outcome == CCW_REJECTED) {
			cd->revision = 0;
			return NULL;
		}
	}
	snprintf(reason, sizeof(reason), "no revision %s accepted (last SET_VIRTIO_REV: %s)",
		 options_allow_modern() ? (options_allow_legacy() ? "2, 1 or 0" : "2 or 1") : "0",
		 ccw_result_describe(&cd->last));
	return reason;
}

/* The longest READ_CONF the device takes with length checking on. */
static uint32_t probe_config_length(struct virtio_ccw *cd)
{
	uint32_t good = 0, bad = VIRTIO_CCW_CONFIG_MAX + 1;

	while (bad - good > 1) {
		uint32_t middle = good + (bad - good) / 2;

		if (ccw_read_config(cd, middle, 0) == CCW_OK)
			good = middle;
		else
			bad = middle;
	}
	return good;
}

static void describe(struct virtio_device *dev, struct virtio_ccw *cd)
{
	*dev = (struct virtio_device){
		.device_type = cd->id.cu_model, .transport = cd,
		.ops = cd->revision == 0 ? &ccw_legacy_ops : &ccw_modern_ops,
		.legacy = cd->revision == 0,
		.legacy_queue_align = LEGACY_QUEUE_ALIGN,
		.queue_size_fixed = cd->revision == 0,
	};
	cd->dev = dev;
	snprintf(dev->location, sizeof(dev->location), "0.0.%04x", cd->devno);
	snprintf(dev->hardware_id, sizeof(dev->hardware_id), "%04x/%02x",
		 be16_to_cpu(cd->id.cu_type), cd->id.cu_model);
}

/* NULL when driven, "" for a subchannel that is no virtio device, or why not. */
static const char *probe_subchannel(uint32_t sid, uint16_t devno, struct virtio_device *dev)
{
	static char reason[96];
	struct virtio_ccw *cd = ccw_alloc(sid, devno);
	const char *why;

	if (!cd)
		return "out of memory";
	if (!ccw_subchannel_enable(cd, true))
		return "MODIFY SUBCHANNEL did not enable the subchannel";
	if (ccw_sense_id(cd, &cd->id) != CCW_OK) {
		snprintf(reason, sizeof(reason), "SENSE ID: %s", ccw_result_describe(&cd->last));
		return reason;
	}
	if (be16_to_cpu(cd->id.cu_type) != VIRTIO_CCW_CU_TYPE) {
		ccw_subchannel_enable(cd, false);
		return "";
	}
	why = negotiate_revision(cd);
	if (why)
		return why;
	cd->config_len = probe_config_length(cd);
	describe(dev, cd);
	return NULL;
}

int ccw_discover(struct virtio_device *devices, int max)
{
	struct schib *schib = alloc_zeroed(sizeof(*schib), 8);
	int count = 0;

	for (uint32_t number = 0; schib && number < SUBCHANNELS && count < max; number++) {
		uint32_t sid = CIO_SID(0, number);
		uint16_t devno;
		const char *why;

		if (cio_stsch(sid, schib) != 0)
			break;
		if (!(be16_to_cpu(schib->pmcw.flags) & PMCW_FLAGS_DNV))
			continue;
		devno = be16_to_cpu(schib->pmcw.devno);
		why = probe_subchannel(sid, devno, &devices[count]);
		if (!why)
			count++;
		else if (*why)
			printf("# ccw 0.0.%04x (subchannel %#x): not driven: %s\n", devno, number, why);
	}
	return count;
}
