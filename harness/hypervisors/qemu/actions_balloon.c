/*
 * Host actions of the memory balloon (docs/host-actions.md):
 * balloon-target (QMP balloon) and balloon-actual (QMP query-balloon).
 *
 * QMP speaks of the guest's memory, not of pages: `balloon` takes the RAM
 * the guest should keep, and QEMU sets num_pages to (RAM - value) / 4096;
 * `query-balloon` answers RAM - actual * 4096. RAM is what qemu.c gives
 * the guest with -m.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>

#include "hypervisors/qemu/actions.h"
#include "hypervisors/qemu/qemu.h"

/* 5.5.6: page numbers count 4 KiB pages, whatever the guest's page size. */
#define BALLOON_PAGE_BYTES	4096ull

static const uint64_t guest_ram_bytes = (uint64_t)QEMU_GUEST_RAM_MIB << 20;

/* The balloon device and the request's pages=, below the guest's RAM; else NULL. */
static const struct device_instance *balloon_pages(struct host_session *session,
						   const struct vcts_line *line,
						   unsigned long long *pages, char *msg,
						   size_t msg_size)
{
	const struct device_instance *dev = host_action_device(session, line, "balloon", msg,
							       msg_size);

	if (!dev || !host_action_number(line, "pages", pages, msg, msg_size))
		return NULL;
	/* QMP balloon refuses a target of 0 bytes: the guest keeps at least a page. */
	if (*pages >= guest_ram_bytes / BALLOON_PAGE_BYTES) {
		snprintf(msg, msg_size, "pages=%llu: the guest has only %llu pages of RAM", *pages,
			 (unsigned long long)(guest_ram_bytes / BALLOON_PAGE_BYTES));
		return NULL;
	}
	return dev;
}

/* balloon-target pages=N: QMP balloon, so that the device's num_pages becomes N. */
static const char *balloon_target(struct host_session *session, const struct vcts_line *line,
				  char *msg, size_t msg_size)
{
	unsigned long long pages = 0;
	const struct device_instance *dev = balloon_pages(session, line, &pages, msg, msg_size);
	uint64_t keep = guest_ram_bytes - pages * BALLOON_PAGE_BYTES;
	struct json_object *args;

	if (!dev)
		return HOST_STATUS_ERROR;
	args = json_object_new_object();
	json_object_object_add(args, "value", json_object_new_int64((int64_t)keep));
	if (qemu_action_qmp(session, "balloon", args, NULL, msg, msg_size))
		return HOST_STATUS_ERROR;
	snprintf(msg, msg_size, "%s: target %llu pages (balloon value %llu of %llu bytes)",
		 dev->name, pages, (unsigned long long)keep, (unsigned long long)guest_ram_bytes);
	return HOST_STATUS_OK;
}

/* QMP query-balloon's "actual": the guest's RAM less what the driver says is in the balloon. */
static int query_actual(struct host_session *session, int64_t *bytes, char *msg,
			size_t msg_size)
{
	struct json_object *result = NULL, *actual = NULL;
	int ret = -1;

	if (qemu_action_qmp(session, "query-balloon", NULL, &result, msg, msg_size))
		return -1;
	if (json_object_object_get_ex(result, "actual", &actual) &&
	    json_object_is_type(actual, json_type_int)) {
		*bytes = json_object_get_int64(actual);
		ret = 0;
	} else {
		snprintf(msg, msg_size, "query-balloon answered without \"actual\"");
	}
	json_object_put(result);
	return ret;
}

/*
 * balloon-actual pages=N: the host sees the actual the driver wrote (the
 * device took it, 5.5.6 step 5): differs when query-balloon says another.
 */
static const char *balloon_actual(struct host_session *session, const struct vcts_line *line,
				  char *msg, size_t msg_size)
{
	unsigned long long pages = 0;
	const struct device_instance *dev = balloon_pages(session, line, &pages, msg, msg_size);
	int64_t expected = (int64_t)(guest_ram_bytes - pages * BALLOON_PAGE_BYTES), seen = 0;

	if (!dev || query_actual(session, &seen, msg, msg_size))
		return HOST_STATUS_ERROR;
	if (seen != expected) {
		snprintf(msg, msg_size, "query-balloon: actual %lld bytes, not %lld (%llu pages "
			 "in the balloon)", (long long)seen, (long long)expected, pages);
		return HOST_STATUS_DIFFERS;
	}
	snprintf(msg, msg_size, "%s: query-balloon actual %lld bytes (%llu pages in the balloon)",
		 dev->name, (long long)seen, pages);
	return HOST_STATUS_OK;
}

static const struct host_action balloon_actions[] = {
	{ "balloon-target", balloon_target },
	{ "balloon-actual", balloon_actual },
	{ NULL, NULL },
};

const struct host_action_module qemu_actions_balloon = {
	.actions = balloon_actions,
};
