/*
 * The harness's side of host actions (docs/host-actions.md) on the
 * reference machine: a `request` line the kernel writes is answered at
 * once on its console input, by the device type it names
 * (ref_device_type.host_action), with the harness's own parser and
 * encoder, so both sides of the exchange are the real ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/host.h"
#include "harness/protocol/line_encode.h"
#include "harness/protocol/line_parser.h"
#include "tests/reference/ref_machine.h"

static struct vcts_line request;

static struct ref_device *device_named(struct ref_device *devices, int count, const char *name)
{
	for (int i = 0; name && i < count; i++) {
		if (!strcmp(devices[i].vdev.name, name))
			return &devices[i];
	}
	return NULL;
}

static const char *perform(struct ref_device *dev, const struct vcts_line *line, char *msg,
			   size_t msg_size)
{
	const char *name = line_get(line, "device");

	if (!dev) {
		snprintf(msg, msg_size, "no device '%s'", name ? name : "");
		return "error";
	}
	if (!dev->type->host_action) {
		snprintf(msg, msg_size, "the reference %s has no host actions", dev->type->name);
		return "unsupported";
	}
	return dev->type->host_action(dev, line, msg, msg_size);
}

void ref_host_actions_answer(struct ref_device *devices, int count, const char *text,
			     size_t length)
{
	const char *status, *id;
	char msg[512] = "";
	char *answer;

	if (line_parse(text, length, &request) != LINE_OK || strcmp(request.kind, "request"))
		return;
	status = perform(device_named(devices, count, line_get(&request, "device")), &request,
			 msg, sizeof(msg));
	id = line_get(&request, "id");
	answer = line_encode_answer(id, status, msg);
	host_console_input(answer, strlen(answer));
	free(answer);
}
