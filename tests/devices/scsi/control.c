/*
 * The virtio-scsi controlq (5.6.6.2) and eventq (5.6.6.3): task
 * management functions, and events the device may (or may not) send.
 */
#include "lib/test.h"
#include "tests/devices/scsi/scsi_tests.h"

/* Events the test waits for when none should come. */
#define EVENT_BUFFERS		8
#define EVENT_QUIET_MS		200

static bool tmf_succeeded(uint8_t response)
{
	return response == VIRTIO_SCSI_S_FUNCTION_COMPLETE ||
	       response == VIRTIO_SCSI_S_FUNCTION_SUCCEEDED;
}

/*
 * LOGICAL UNIT RESET (subtype 5) and I_T NEXUS RESET (4) of target 0
 * LUN 0 with no command outstanding: FUNCTION COMPLETE or SUCCEEDED
 * (the SAM outcomes of a reset that was done); the logical unit then
 * serves TEST UNIT READY again (after the UNIT ATTENTION a reset
 * raises). The used length reaches the response byte (checked by the
 * driver on 1.x). Fails with nothing at target 0 (BAD_TARGET).
 */
VCTS_TEST(scsi_tmf_reset, "devices.scsi.tmf_reset_completes", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_CONTROLQ "|" CLAUSE_USED_RING)
{
	static const struct {
		uint32_t subtype;
		const char *what;
	} tmfs[] = {
		{ VIRTIO_SCSI_T_TMF_LOGICAL_UNIT_RESET, "LOGICAL UNIT RESET of 0/0" },
		{ VIRTIO_SCSI_T_TMF_I_T_NEXUS_RESET, "I_T NEXUS RESET of target 0" },
	};
	struct scsi_host host;
	struct scsi_reply reply;
	uint8_t lun[8], cdb[16], response;
	uint32_t used_len;

	if (!scsi_test_open(dev, 0, &host))
		return;
	scsi_lun(lun, SCSI_DISK_TARGET, SCSI_DISK_LUN);
	for (unsigned int i = 0; i < sizeof(tmfs) / sizeof(tmfs[0]) && !host.broken; i++) {
		enum scsi_result result = scsi_tmf(&host, tmfs[i].subtype, lun, 0, &response,
						   &used_len);

		if (!scsi_check_completed(&host, result, tmfs[i].what))
			continue;
		test_log("%s: %s: response %s, used length %u", dev->name, tmfs[i].what,
			 scsi_tmf_response_name(response), used_len);
		check(tmf_succeeded(response), CLAUSE_SCSI_CONTROLQ,
		      "%s ends with FUNCTION COMPLETE or FUNCTION SUCCEEDED (got %s)", tmfs[i].what,
		      scsi_tmf_response_name(response));
		scsi_check_good(&host, SCSI_DISK_TARGET, SCSI_DISK_LUN, cdb,
				scsi_cdb_test_unit_ready(cdb), NULL, &reply,
				"TEST UNIT READY after the reset");
	}
}

/*
 * A TMF for a target that does not exist (target 5): the controlq's
 * response values include BAD_TARGET (5.6.6.2), which is what the
 * request queue answers for the same address. Fails with a disk at
 * scsi-id=5.
 */
VCTS_TEST(scsi_tmf_bad_target, "devices.scsi.tmf_absent_target_bad_target", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_CONTROLQ)
{
	struct scsi_host host;
	uint8_t lun[8], response;
	uint32_t used_len;
	enum scsi_result result;

	if (!scsi_test_open(dev, 0, &host))
		return;
	if (host.config.max_target < SCSI_ABSENT_TARGET)
		skip("max_target %u: target %u is beyond the device's range", host.config.max_target,
		     SCSI_ABSENT_TARGET);
	scsi_lun(lun, SCSI_ABSENT_TARGET, 0);
	result = scsi_tmf(&host, VIRTIO_SCSI_T_TMF_LOGICAL_UNIT_RESET, lun, 0, &response,
			  &used_len);
	if (!scsi_check_completed(&host, result, "LOGICAL UNIT RESET of target 5"))
		return;
	check_eq(response, VIRTIO_SCSI_S_BAD_TARGET, CLAUSE_SCSI_CONTROLQ,
		 "a TMF for an absent target gets BAD_TARGET (got %s)",
		 scsi_tmf_response_name(response));
}

/* Any event must be a defined type, and without HOTPLUG no hot-plug reason. */
static void check_unasked_event(struct scsi_host *host, const struct scsi_event *event)
{
	uint32_t type = event->event & ~VIRTIO_SCSI_T_EVENTS_MISSED;

	scsi_test_log_event(host, event);
	check(type <= VIRTIO_SCSI_T_PARAM_CHANGE, CLAUSE_SCSI_EVENTQ,
	      "event %#x is a defined event type", event->event);
	if (type == VIRTIO_SCSI_T_TRANSPORT_RESET)
		check(event->reason != VIRTIO_SCSI_EVT_RESET_REMOVED &&
		      event->reason != VIRTIO_SCSI_EVT_RESET_RESCAN, CLAUSE_SCSI_EVENTQ,
		      "no TRANSPORT_RESET with reason REMOVED or RESCAN without "
		      "VIRTIO_SCSI_F_HOTPLUG (reason %u)", event->reason);
}

/*
 * The eventq without VIRTIO_SCSI_F_HOTPLUG (5.6.6.3.2): the device MUST
 * NOT send TRANSPORT_RESET with reason REMOVED or RESCAN. With buffers of
 * event_info_size bytes (at least 16) posted, the harness hot-plugs a
 * disk at target 1 LUN 2 and removes it (scsi-hotplug / scsi-unplug;
 * without them only a quiet bus is watched); events are then collected
 * for 200 ms. Any event that does come is checked: a defined event type,
 * and no hot-plug reasons. Fails against the reference device's
 * scsi-hotplug-unasked fault.
 */
VCTS_TEST(scsi_eventq_quiet, "devices.scsi.eventq_no_hotplug_events_unasked", VIRTIO_ID_SCSI,
	  CLAUSE_SCSI_EVENTQ "|" CLAUSE_SCSI_INIT)
{
	struct scsi_host host;
	struct scsi_event event;
	uint32_t size;
	enum scsi_result result;
	int events = 0;
	bool plugged;

	if (!scsi_test_open(dev, 0, &host))
		return;
	size = scsi_test_event_size(&host);
	require(scsi_post_events(&host, EVENT_BUFFERS, size), host.error_clause,
		"event buffers can be posted: %s", host.error);
	plugged = scsi_test_hotplug(&host, "scsi-hotplug", false);
	if (plugged)
		scsi_test_hotplug(&host, "scsi-unplug", false);
	while (events < EVENT_BUFFERS) {
		result = scsi_next_event(&host, events ? 0 : EVENT_QUIET_MS, &event);
		if (result == SCSI_TIMEOUT)
			break;
		if (!scsi_check_completed(&host, result, "an event"))
			return;
		events++;
		check_unasked_event(&host, &event);
	}
	test_log("%s: %d event(s) in %u ms with buffers of %u bytes, %s", dev->name, events,
		 EVENT_QUIET_MS, size, plugged ? "a disk hot-plugged and removed meanwhile" :
		 "nothing hot-plugged");
}
