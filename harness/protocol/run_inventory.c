/*
 * What the kernel says it has: the devices it found (`device` lines, each
 * given the type the configuration attached at its location) and, with
 * vcts.list, the tests it registered (`list` lines).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_fields.h"
#include "protocol/run_state.h"

const struct seen_device *run_state_device(const struct run_state *rs,
					   const char *name)
{
	for (size_t i = 0; i < rs->device_count; i++)
		if (!strcmp(rs->devices[i].name, name))
			return &rs->devices[i];
	return NULL;
}

char *run_state_device_type(const struct run_state *rs, const char *name)
{
	const struct seen_device *dev = run_state_device(rs, name);
	size_t len = strlen(name);

	if (dev && *dev->type)
		return xstrdup(dev->type);
	/* blk0 -> blk: the kernel names instances type + discovery index. */
	while (len && isdigit((unsigned char)name[len - 1]))
		len--;
	return xstrndup(name, len);
}

/*
 * The configuration's own type for the instance at that location: the
 * kernel sees a blk device where the harness attached vhost-user-blk, and
 * results, baselines and reports must tell the two apart.
 */
static void instance_type_wins(struct run_state *rs, struct seen_device *dev)
{
	const struct device_instance *instance = config_device_at(rs->config, dev->location);

	if (instance && strcmp(instance->type, dev->type)) {
		free(dev->type);
		dev->type = xstrdup(instance->type);
	}
}

void run_device_line(struct run_state *rs, const struct vcts_line *line)
{
	struct seen_device *dev;

	if (!line_get(line, "name")) {
		run_state_protocol_error(rs, "device line without name");
		return;
	}
	grow_array((void **)&rs->devices, &rs->device_cap, rs->device_count + 1,
		   sizeof(*rs->devices));
	dev = &rs->devices[rs->device_count++];
	dev->name = line_field_text(line, "name");
	dev->type = line_field_text(line, "type");
	dev->location = line_field_text(line, "location");
	dev->id = line_field_text(line, "id");
	instance_type_wins(rs, dev);
}

void run_list_line(struct run_state *rs, const struct vcts_line *line)
{
	struct listed_test *t;

	if (!line_get(line, "test")) {
		run_state_protocol_error(rs, "list line without test");
		return;
	}
	grow_array((void **)&rs->listed, &rs->listed_cap, rs->listed_count + 1,
		   sizeof(*rs->listed));
	t = &rs->listed[rs->listed_count++];
	memset(t, 0, sizeof(*t));
	t->test = line_field_text(line, "test");
	t->type = line_field_text(line, "type");
	t->file = line_field_text(line, "file");
	t->interface = line_field_text(line, "interface");
	t->transport = line_field_text(line, "transport");
	line_field_list(line, "clauses", &t->clauses);
	line_field_list(line, "needs", &t->needs);
}

void run_inventory_free(struct run_state *rs)
{
	for (size_t i = 0; i < rs->device_count; i++) {
		free(rs->devices[i].name);
		free(rs->devices[i].type);
		free(rs->devices[i].location);
		free(rs->devices[i].id);
	}
	for (size_t i = 0; i < rs->listed_count; i++) {
		free(rs->listed[i].test);
		free(rs->listed[i].type);
		free(rs->listed[i].file);
		free(rs->listed[i].interface);
		free(rs->listed[i].transport);
		strlist_clear(&rs->listed[i].clauses);
		strlist_clear(&rs->listed[i].needs);
	}
	free(rs->devices);
	free(rs->listed);
}
