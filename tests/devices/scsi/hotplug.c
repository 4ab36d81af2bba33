/*
 * Hot-plug events (5.6.6.3): with VIRTIO_SCSI_F_HOTPLUG negotiated, the
 * harness adds a disk at target 1 LUN 2 and removes it again
 * (scsi-hotplug / scsi-unplug, docs/host-actions.md); the device reports
 * both on the eventq as TRANSPORT_RESET events for that LUN, and the
 * request queue sees the logical unit come and go.
 */
#include "lib/host_request.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/devices/scsi/scsi_tests.h"

#define HOTPLUG_EVENT_BUFFERS	8
/* The sense a removed logical unit answers with (5.6.6.3: LOGICAL UNIT NOT SUPPORTED). */
#define ASC_LUN_NOT_SUPPORTED	0x25

/* Opens @dev with HOTPLUG; false after a failed check or a skip. */
static bool open_hotplug(struct virtio_device *dev, struct scsi_host *host)
{
	if (!scsi_test_open(dev, 1ull << VIRTIO_SCSI_F_HOTPLUG, host))
		return false;
	if (!scsi_offers(host, VIRTIO_SCSI_F_HOTPLUG)) {
		test_skip("the device does not offer VIRTIO_SCSI_F_HOTPLUG");
		return false;
	}
	if (host->config.max_target < SCSI_HOTPLUG_TARGET ||
	    host->config.max_lun < SCSI_HOTPLUG_LUN) {
		test_skip("max_target %u / max_lun %u: target %u LUN %u is beyond the device's "
			  "range", host->config.max_target, host->config.max_lun,
			  SCSI_HOTPLUG_TARGET, SCSI_HOTPLUG_LUN);
		return false;
	}
	return true;
}

/*
 * True when target 1 LUN 2 answers as absent: BAD_TARGET (nothing left on
 * the target), or CHECK CONDITION with ILLEGAL REQUEST / asc 0x25, the
 * sense 5.6.6.3 gives a removed LUN. @what says when.
 */
static bool hotplug_lun_absent(struct scsi_host *host, const char *what, bool judge)
{
	struct scsi_reply reply;
	uint8_t cdb[6], key = 0, asc = 0, ascq = 0;
	enum scsi_result result = scsi_test_command(host, SCSI_HOTPLUG_TARGET, SCSI_HOTPLUG_LUN,
						    cdb, scsi_cdb_test_unit_ready(cdb), NULL,
						    &reply);
	bool absent;

	if (judge && !scsi_check_completed(host, result, what))
		return false;
	scsi_sense_fields(&reply, &key, &asc, &ascq);
	absent = result == SCSI_COMPLETED &&
		 (reply.response == VIRTIO_SCSI_S_BAD_TARGET ||
		  (reply.response == VIRTIO_SCSI_S_OK &&
		   reply.status == SCSI_STATUS_CHECK_CONDITION &&
		   key == SCSI_SENSE_ILLEGAL_REQUEST && asc == ASC_LUN_NOT_SUPPORTED));
	if (!judge)
		return absent;
	return check(absent, CLAUSE_SCSI_EVENTQ,
		     "%s: TEST UNIT READY to %u/%u finds no logical unit: BAD_TARGET, or CHECK "
		     "CONDITION with ILLEGAL REQUEST / asc 0x25 (response %s, status %#x, sense "
		     "key %#x asc %#x)", what, SCSI_HOTPLUG_TARGET, SCSI_HOTPLUG_LUN,
		     scsi_response_name(reply.response), reply.status, key, asc);
}

/* INQUIRY to the hot-plugged LUN: a connected (qualifier 0) direct-access device. */
static void check_hotplugged_inquiry(struct scsi_host *host)
{
	uint8_t cdb[6], *data = test_alloc(36, 8);
	struct scsi_data io = { .in = data, .in_length = 36 };
	struct scsi_reply reply;

	if (!scsi_check_good(host, SCSI_HOTPLUG_TARGET, SCSI_HOTPLUG_LUN, cdb,
			     scsi_cdb_inquiry(cdb, 36), &io, &reply,
			     "INQUIRY to the hot-plugged LUN"))
		return;
	check_eq(data[0], 0x00, CLAUSE_SCSI_REQUESTQ,
		 "the hot-plugged LUN is a connected direct-access device (peripheral qualifier "
		 "0, type 0)");
}

/*
 * Waits for the next TRANSPORT_RESET event (other events are logged and
 * passed over); false after a failed check if none comes in time.
 */
static bool next_transport_reset(struct scsi_host *host, struct scsi_event *event,
				 const char *what)
{
	for (int i = 0; i < 2 * HOTPLUG_EVENT_BUFFERS; i++) {
		enum scsi_result result = scsi_next_event(host, test_timeout_ms(), event);

		if (result == SCSI_TIMEOUT)
			break;
		if (!scsi_check_completed(host, result, what))
			return false;
		scsi_test_log_event(host, event);
		if ((event->event & ~VIRTIO_SCSI_T_EVENTS_MISSED) == VIRTIO_SCSI_T_TRANSPORT_RESET)
			return true;
	}
	return check(false, CLAUSE_SCSI_EVENTQ,
		     "%s is reported on the eventq as a TRANSPORT_RESET event within %u ms", what,
		     test_timeout_ms());
}

/* The event addresses target 1 LUN 2 the way a request does (5.6.6.1) with @reason. */
static void check_hotplug_event(const struct scsi_event *event, uint32_t reason,
				const char *what)
{
	uint8_t lun[8];

	scsi_lun(lun, SCSI_HOTPLUG_TARGET, SCSI_HOTPLUG_LUN);
	check_eq(event->reason, reason, CLAUSE_SCSI_EVENTQ, "%s: the event's reason is %s",
		 what, reason == VIRTIO_SCSI_EVT_RESET_RESCAN ? "RESCAN" : "REMOVED");
	check(!memcmp(event->lun, lun, 8), CLAUSE_SCSI_EVENTQ,
	      "%s: the event's lun is 01 %02x %02x %02x 00 00 00 00 (target %u, LUN %u); got "
	      "%02x %02x %02x %02x %02x %02x %02x %02x", what, lun[1], lun[2], lun[3],
	      SCSI_HOTPLUG_TARGET, SCSI_HOTPLUG_LUN, event->lun[0], event->lun[1], event->lun[2],
	      event->lun[3], event->lun[4], event->lun[5], event->lun[6], event->lun[7]);
}

/* With buffers posted: the RESCAN event, then the new LUN answers. */
static void check_plugged(struct scsi_host *host)
{
	struct scsi_event event;

	if (next_transport_reset(host, &event, "the hot-plug")) {
		check_hotplug_event(&event, VIRTIO_SCSI_EVT_RESET_RESCAN, "hot-plug");
		if (event.event & VIRTIO_SCSI_T_EVENTS_MISSED)
			test_log("%s: the hot-plug event has EVENTS_MISSED set, with buffers posted",
				 host->dev->name);
	}
	if (!host->broken)
		check_hotplugged_inquiry(host);
}

static void check_unplugged(struct scsi_host *host)
{
	struct scsi_event event;

	if (next_transport_reset(host, &event, "the hot-unplug"))
		check_hotplug_event(&event, VIRTIO_SCSI_EVT_RESET_REMOVED, "hot-unplug");
	if (!host->broken)
		hotplug_lun_absent(host, "after the hot-unplug", true);
}

/*
 * With VIRTIO_SCSI_F_HOTPLUG and 8 event buffers of event_info_size
 * posted: a disk hot-plugged at target 1 LUN 2 is reported as
 * TRANSPORT_RESET / RESCAN with lun 01 01 00 02 00 00 00 00, INQUIRY to
 * it is GOOD; its removal is TRANSPORT_RESET / REMOVED for the same LUN,
 * and the LUN answers as absent again. Fails against the reference
 * device's scsi-hotplug-* faults.
 */
VCTS_TEST(scsi_hotplug, "devices.scsi.hotplug_events", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_EVENTQ "|" CLAUSE_SCSI_REQUESTQ)
{
	struct scsi_host host;

	if (!open_hotplug(dev, &host))
		return;
	require(scsi_post_events(&host, HOTPLUG_EVENT_BUFFERS, scsi_test_event_size(&host)),
		host.error_clause, "event buffers can be posted: %s", host.error);
	if (!hotplug_lun_absent(&host, "before the hot-plug", false))
		skip("target %u LUN %u is not free before the hot-plug", SCSI_HOTPLUG_TARGET,
		     SCSI_HOTPLUG_LUN);
	if (!scsi_test_hotplug(&host, "scsi-hotplug", true))
		return;
	check_plugged(&host);
	if (!scsi_test_hotplug(&host, "scsi-unplug", true))
		return;
	check_unplugged(&host);
}

/* Lost events are flagged, unless the event that came is the one "lost" (kept back). */
static void check_first_after_loss(struct scsi_host *host, const struct scsi_event *event)
{
	uint32_t type = event->event & ~VIRTIO_SCSI_T_EVENTS_MISSED;

	scsi_test_log_event(host, event);
	check(event->event & VIRTIO_SCSI_T_EVENTS_MISSED ||
	      (type == VIRTIO_SCSI_T_TRANSPORT_RESET &&
	       event->reason == VIRTIO_SCSI_EVT_RESET_RESCAN), CLAUSE_SCSI_EVENTQ,
	      "the first event after the hot-plug event was lost has EVENTS_MISSED (bit 31) "
	      "set (event %#x reason %u)", event->event, event->reason);
}

/*
 * Events lost for want of buffers (5.6.6.3.2: the device MUST set bit 31
 * of the next event): HOTPLUG negotiated, no event buffers, the harness
 * hot-plugs target 1 LUN 2; then buffers are posted. The first event
 * after that must carry EVENTS_MISSED (at once as NO_EVENT, or on the
 * REMOVED event of the unplug), unless it is the RESCAN event itself
 * (kept back, so nothing was lost). Fails against the reference device's
 * scsi-events-missed-unset fault.
 */
VCTS_TEST(scsi_hotplug_missed, "devices.scsi.hotplug_events_missed", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_EVENTQ)
{
	struct scsi_host host;
	struct scsi_event event;
	enum scsi_result result;
	bool plugged;

	if (!open_hotplug(dev, &host) || !scsi_test_hotplug(&host, "scsi-hotplug", true))
		return;
	plugged = true;
	if (!check(scsi_post_events(&host, HOTPLUG_EVENT_BUFFERS, scsi_test_event_size(&host)),
		   host.error_clause, "event buffers can be posted: %s", host.error))
		goto unplug;
	result = scsi_next_event(&host, test_timeout_ms(), &event);
	if (result == SCSI_TIMEOUT && scsi_test_hotplug(&host, "scsi-unplug", true)) {
		plugged = false;
		result = scsi_next_event(&host, test_timeout_ms(), &event);
	}
	if (scsi_check_completed(&host, result, "the first event after the lost one"))
		check_first_after_loss(&host, &event);
unplug:
	/* The LUN must go whatever happened, so that later tests find the bus as it was. */
	if (plugged)
		scsi_test_hotplug(&host, "scsi-unplug", false);
}
