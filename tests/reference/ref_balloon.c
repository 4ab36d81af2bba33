/*
 * The reference traditional memory balloon (5.5): inflateq, deflateq,
 * statsq, free_page_vq and reporting_vq at the indices 5.5.2 gives them,
 * the configuration num_pages / actual / free_page_hint_cmd_id /
 * poison_val (le32), and the host actions balloon-target and
 * balloon-actual (docs/host-actions.md).
 *
 * It does what a device MAY do to pages, so that the tests that look at
 * page contents have something to see: inflated pages are zeroed when
 * their numbers arrive (5.5.6.1), reported ones are zeroed, or filled
 * with poison_val under PAGE_POISON, before the report is used (5.5.6.7.2).
 * Page numbers are host addresses / 4096 in the kernel's heap, which
 * host.c places below 4 GiB; numbers outside the heap are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/host.h"
#include "drivers/balloon.h"
#include "harness/protocol/line_parser.h"
#include "tests/reference/ref_device.h"

#define QUEUES			5
#define CONFIG_BYTES		16
/* The device asks for statistics once a buffer has waited this many steps. */
#define STATS_PERIOD_STEPS	8
/* balloon-reporting-discards-late: this many steps after the report is used. */
#define LATE_DISCARD_STEPS	3
#define LATE_RANGES		4
/* 5.5.6.5: command ids from 2 up are the device's (QEMU starts at 0x80000000). */
#define FIRST_HINT_CMD_ID	0x80000000u

#define OFFERED (BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST) |		\
		 BALLOON_BIT(VIRTIO_BALLOON_F_STATS_VQ) |			\
		 BALLOON_BIT(VIRTIO_BALLOON_F_FREE_PAGE_HINT) |		\
		 BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_POISON) |		\
		 BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_REPORTING))
#define BALLOON_BIT(bit)	(1ull << (bit))

enum hint_status { HINT_NONE, HINT_REQUESTED, HINT_STARTED, HINT_STOPPED };

struct late_range {
	uint8_t *address;
	uint32_t length;
};

struct balloon_state {
	uint32_t target;		/* a host action's num_pages ... */
	bool target_pending;		/* ... for the next step */
	uint32_t stats_since;		/* the step the statsq last asked, or the buffer came */
	bool stats_stopped;		/* faults: the device asks no more */
	enum hint_status hint;
	uint32_t hint_cmd_id;
	int late_count;
	uint32_t late_at;
	struct late_range late[LATE_RANGES];
};

static struct balloon_state *state(struct ref_device *dev)
{
	return dev->type_state;
}

static uint32_t le32_at(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t config_get(const struct ref_device *dev, uint32_t offset)
{
	return le32_at(dev->config + offset);
}

/* 5.5.4.1: little-endian, whatever the interface. */
static void config_set(struct ref_device *dev, uint32_t offset, uint32_t value)
{
	for (int i = 0; i < 4; i++)
		dev->config[offset + (uint32_t)i] = (uint8_t)(value >> (8 * i));
}

/*
 * balloon-skips-absent-queues: QEMU's layout with free page hinting off,
 * the reporting_vq at index 3 and nothing at 4 (against 5.5.2).
 */
static bool skips_absent(const struct ref_device *dev)
{
	return dev->fault == REF_FAULT_BALLOON_SKIPS_ABSENT_QUEUES;
}

static enum balloon_queue queue_role(const struct ref_device *dev, uint16_t queue)
{
	if (skips_absent(dev) && queue == BALLOON_FREE_PAGE_VQ)
		return BALLOON_REPORTING_VQ;
	return (enum balloon_queue)queue;
}

static bool balloon_queue_exists(struct ref_device *dev, uint16_t index)
{
	return !(skips_absent(dev) && index == BALLOON_REPORTING_VQ);
}

static void balloon_init(struct ref_device *dev)
{
	dev->type_state = calloc(1, sizeof(struct balloon_state));
	if (!dev->type_state)
		abort();
	if (skips_absent(dev))
		dev->offered &= ~BALLOON_BIT(VIRTIO_BALLOON_F_FREE_PAGE_HINT);
	state(dev)->hint_cmd_id = FIRST_HINT_CMD_ID;
}

/* num_pages and actual outlive a reset, as the host's target does (QEMU keeps both). */
static void balloon_reset(struct ref_device *dev)
{
	struct balloon_state *s = state(dev);

	config_set(dev, VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID, VIRTIO_BALLOON_CMD_ID_DONE);
	config_set(dev, VIRTIO_BALLOON_CFG_POISON_VAL, 0);
	s->stats_since = dev->steps;
	s->stats_stopped = false;
	s->hint = HINT_NONE;
	s->late_count = 0;
}

/*
 * With FREE_PAGE_HINT the device starts a hinting round at once (a new
 * command id, 5.5.6.5), so that the round's test has one to take part in.
 */
static void balloon_features_ok(struct ref_device *dev)
{
	struct balloon_state *s = state(dev);

	if (!ref_negotiated(dev, VIRTIO_BALLOON_F_FREE_PAGE_HINT))
		return;
	s->hint_cmd_id = s->hint_cmd_id == UINT32_MAX ? FIRST_HINT_CMD_ID : s->hint_cmd_id + 1;
	s->hint = HINT_REQUESTED;
	config_set(dev, VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID, s->hint_cmd_id);
}

static void balloon_config_access(struct ref_device *dev, uint32_t offset, int width)
{
	(void)width;
	if (dev->fault == REF_FAULT_BALLOON_HINT_ID_NEVER_SETTLES &&
	    offset == VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID)
		dev->generation++;
}

/* actual and poison_val are the driver's to write (5.5.4); num_pages and the command id are not. */
static void ref_balloon_config_write(struct ref_device *dev, uint32_t offset, int width,
				 uint32_t value)
{
	bool actual = offset == VIRTIO_BALLOON_CFG_ACTUAL;

	if (width != 4 || (!actual && offset != VIRTIO_BALLOON_CFG_POISON_VAL))
		return;
	if (actual && dev->fault == REF_FAULT_BALLOON_FORGETS_ACTUAL)
		return;
	config_set(dev, offset, value);
}

/* The page numbers of an inflate/deflate buffer, gathered across descriptors (2.6.4). */
static void discard_pages(struct ref_device *dev, const struct ref_chain *chain)
{
	uint32_t count = chain->readable_bytes / 4;

	for (uint32_t i = 0; i < count; i++) {
		uint8_t raw[4];
		uint64_t pfn, address;

		ref_chain_read(chain, i * 4, raw, 4);
		pfn = le32_at(raw);
		if (dev->fault == REF_FAULT_BALLOON_DISCARDS_NEXT_PAGE)
			pfn++;
		address = pfn << VIRTIO_BALLOON_PFN_SHIFT;
		if (host_heap_holds(address, BALLOON_PAGE_SIZE))
			memset((void *)(uintptr_t)address, 0, BALLOON_PAGE_SIZE);
	}
}

/* balloon-pfns-per-descriptor: a descriptor that does not hold whole numbers is an error. */
static bool split_numbers(const struct ref_chain *chain)
{
	for (int i = 0; i < chain->count; i++) {
		if (!chain->segments[i].writable && chain->segments[i].length % 4)
			return true;
	}
	return false;
}

static void needs_reset(struct ref_device *dev)
{
	dev->status |= VIRTIO_STATUS_NEEDS_RESET;
	ref_config_changed(dev, false);	/* 2.1.2: with a configuration change notification */
}

static void process_pfns(struct ref_device *dev, enum balloon_queue role,
			 const struct ref_chain *chain)
{
	if (dev->fault == REF_FAULT_BALLOON_PFNS_PER_DESCRIPTOR && split_numbers(chain)) {
		needs_reset(dev);
		return;
	}
	/* 5.5.6.1: pages MAY change once their numbers arrive, before the inflate is used. */
	if (role == BALLOON_INFLATEQ)
		discard_pages(dev, chain);
}

static bool unknown_tags(const struct ref_device *dev, const struct ref_chain *chain)
{
	for (uint32_t at = 0; at + BALLOON_STAT_BYTES <= chain->readable_bytes;
	     at += BALLOON_STAT_BYTES) {
		uint8_t tag[2];
		uint16_t value;

		ref_chain_read(chain, at, tag, 2);
		value = (uint16_t)(tag[0] | tag[1] << 8);
		if (!ref_negotiated(dev, VIRTIO_F_VERSION_1))
			value = (uint16_t)(tag[0] << 8 | tag[1]);
		if (value > VIRTIO_BALLOON_S_HTLB_PGFAIL)
			return true;
	}
	return false;
}

/* The statsq buffer is used: the device's request; it reads the statistics it held. */
static void process_stats(struct ref_device *dev, const struct ref_chain *chain)
{
	struct balloon_state *s = state(dev);

	s->stats_since = dev->steps;
	if (dev->fault == REF_FAULT_BALLOON_STATS_ASKS_ONCE ||
	    (dev->fault == REF_FAULT_BALLOON_STATS_STOPS_ON_UNKNOWN_TAG &&
	     unknown_tags(dev, chain)))
		s->stats_stopped = true;
}

/* 5.5.6.5: the round's id starts it, STOP ends it; hints count only while it runs. */
static void process_hint(struct ref_device *dev, const struct ref_chain *chain)
{
	struct balloon_state *s = state(dev);
	uint8_t raw[4];
	uint32_t id;

	if (chain->readable_bytes != 4)
		return;
	ref_chain_read(chain, 0, raw, 4);
	id = le32_at(raw);
	if (s->hint == HINT_REQUESTED && id == s->hint_cmd_id) {
		s->hint = HINT_STARTED;
	} else if (s->hint == HINT_STARTED && id == VIRTIO_BALLOON_CMD_ID_STOP) {
		s->hint = HINT_STOPPED;
		config_set(dev, VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID, VIRTIO_BALLOON_CMD_ID_STOP);
	}
}

static void remember_late(struct balloon_state *s, const struct ref_segment *segment)
{
	if (s->late_count < LATE_RANGES)
		s->late[s->late_count++] = (struct late_range){ segment->address, segment->length };
}

/* 5.5.6.7.2: reported pages are discarded before the report is used; poison kept. */
static void process_report(struct ref_device *dev, const struct ref_chain *chain)
{
	struct balloon_state *s = state(dev);
	bool poison = ref_negotiated(dev, VIRTIO_BALLOON_F_PAGE_POISON) &&
		      dev->fault != REF_FAULT_BALLOON_REPORTING_IGNORES_POISON;
	uint32_t value = poison ? config_get(dev, VIRTIO_BALLOON_CFG_POISON_VAL) : 0;

	for (int i = 0; i < chain->count; i++) {
		const struct ref_segment *segment = &chain->segments[i];

		for (uint32_t at = 0; segment->writable && at + 4 <= segment->length; at += 4)
			memcpy(segment->address + at, &value, 4);
		if (segment->writable && dev->fault == REF_FAULT_BALLOON_REPORTING_DISCARDS_LATE)
			remember_late(s, segment);
	}
	s->late_at = dev->steps + LATE_DISCARD_STEPS;
}

static uint32_t balloon_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	enum balloon_queue role = queue_role(dev, queue);

	switch (role) {
	case BALLOON_INFLATEQ:
	case BALLOON_DEFLATEQ:
		process_pfns(dev, role, chain);
		break;
	case BALLOON_STATSQ:
		process_stats(dev, chain);
		break;
	case BALLOON_FREE_PAGE_VQ:
		process_hint(dev, chain);
		break;
	case BALLOON_REPORTING_VQ:
		process_report(dev, chain);
		break;
	default:
		break;
	}
	return 0;	/* 5.5.6: the device writes nothing into these buffers */
}

/*
 * Which buffers the device takes now: the statsq's only when it wants
 * statistics (5.5.6.3 step 1); the others at once, unless a fault makes
 * it keep them.
 */
static bool balloon_has_data(struct ref_device *dev, uint16_t queue)
{
	struct balloon_state *s = state(dev);

	switch (queue_role(dev, queue)) {
	case BALLOON_INFLATEQ:
		return dev->fault != REF_FAULT_BALLOON_KEEPS_INFLATE &&
		       !(dev->fault == REF_FAULT_BALLOON_STALLS_WITHOUT_TELL_HOST &&
			 !ref_negotiated(dev, VIRTIO_BALLOON_F_MUST_TELL_HOST));
	case BALLOON_STATSQ:
		return !s->stats_stopped && dev->steps - s->stats_since >= STATS_PERIOD_STEPS;
	case BALLOON_FREE_PAGE_VQ:
		return !(dev->fault == REF_FAULT_BALLOON_HINT_KEEPS_PAGES && s->hint == HINT_STARTED);
	default:
		return true;
	}
}

static void discard_late(struct balloon_state *s)
{
	for (int i = 0; i < s->late_count; i++)
		memset(s->late[i].address, 0, s->late[i].length);
	s->late_count = 0;
}

/* A host target takes effect at the step after the request, with a notification. */
static void balloon_step(struct ref_device *dev)
{
	struct balloon_state *s = state(dev);

	if (s->late_count && dev->steps >= s->late_at)
		discard_late(s);
	if (!s->target_pending)
		return;
	s->target_pending = false;
	config_set(dev, VIRTIO_BALLOON_CFG_NUM_PAGES, s->target);
	if (dev->fault == REF_FAULT_BALLOON_TARGET_SILENT)
		dev->generation++;
	else
		ref_config_changed(dev, dev->fault != REF_FAULT_BALLOON_TARGET_WITHOUT_GENERATION);
}

static bool pages_field(const struct vcts_line *line, uint32_t *pages, char *msg,
			size_t msg_size)
{
	const char *text = line_get(line, "pages");
	char *end = NULL;
	unsigned long value = 0;

	if (text && *text >= '0' && *text <= '9')
		value = strtoul(text, &end, 10);
	if (!end || *end || value > UINT32_MAX) {
		snprintf(msg, msg_size, "bad pages '%s'", text ? text : "");
		return false;
	}
	*pages = (uint32_t)value;
	return true;
}

/* balloon-target: num_pages at the next step; balloon-actual: what the driver wrote. */
static const char *balloon_host_action(struct ref_device *dev, const struct vcts_line *line,
				       char *msg, size_t msg_size)
{
	const char *action = line_get(line, "action");
	uint32_t pages = 0, actual = config_get(dev, VIRTIO_BALLOON_CFG_ACTUAL);
	bool target = action && !strcmp(action, "balloon-target");

	if (!target && (!action || strcmp(action, "balloon-actual"))) {
		snprintf(msg, msg_size, "unknown host action '%s'", action ? action : "");
		return "unsupported";
	}
	if (!pages_field(line, &pages, msg, msg_size))
		return "error";
	if (target) {
		state(dev)->target = pages;
		state(dev)->target_pending = true;
		snprintf(msg, msg_size, "%s: target %u pages", dev->vdev.name, pages);
		return "ok";
	}
	snprintf(msg, msg_size, "%s: actual %u pages", dev->vdev.name, actual);
	return actual == pages ? "ok" : "differs";
}

const struct ref_device_type ref_balloon_type = {
	.name = "balloon",
	.device_id = VIRTIO_ID_BALLOON,
	.queue_count = QUEUES,
	.features = OFFERED,
	.config_size = CONFIG_BYTES,
	.init = balloon_init,
	.reset = balloon_reset,
	.features_ok = balloon_features_ok,
	.config_access = balloon_config_access,
	.queue_exists = balloon_queue_exists,
	.config_write = ref_balloon_config_write,
	.process = balloon_process,
	.has_data = balloon_has_data,
	.step = balloon_step,
	.host_action = balloon_host_action,
};
