/*
 * `vcts list --hypervisors --json`: the listing as one JSON document,
 * {"schema": 1, "hypervisors": [...]}, field by field in docs/cli.md. Like
 * `list --json`, fields are only ever added within a schema.
 */
#include <json-c/json.h>
#include <stdlib.h>

#include "cli/list_hypervisors.h"
#include "util.h"

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *strings(const struct strlist *list)
{
	json_object *array = json_object_new_array();

	for (size_t i = 0; i < list->count; i++)
		json_object_array_add(array, json_object_new_string(list->items[i]));
	return array;
}

static json_object *names(const char *const *items, size_t count)
{
	json_object *array = json_object_new_array();

	for (size_t i = 0; i < count; i++)
		json_object_array_add(array, json_object_new_string(items[i]));
	return array;
}

static json_object *arch_object(const struct hypervisor_ops *ops, const struct backend_arch *arch)
{
	json_object *obj = json_object_new_object();
	struct strlist transports = { 0 };
	char *program = hypervisor_program_path(arch);
	char *stand_in = hypervisor_stand_in_summary(ops, arch);

	hypervisor_arch_transports(ops, arch, &transports);
	json_object_object_add(obj, "arch", json_object_new_string(arch->arch));
	json_object_object_add(obj, "machines", names(arch->machines, arch->machine_count));
	json_object_object_add(obj, "mmio_machine", string_or_null(arch->mmio_machine));
	json_object_object_add(obj, "transports", strings(&transports));
	json_object_object_add(obj, "boot_image", string_or_null(arch->boot_image));
	json_object_object_add(obj, "mmio_boot_image", string_or_null(arch->mmio_boot_image));
	json_object_object_add(obj, "exit_method", json_object_new_string(
		arch->exit_method ? arch->exit_method : "auto"));
	json_object_object_add(obj, "firmware",
			       json_object_new_string(firmware_family_name(arch->firmware)));
	json_object_object_add(obj, "program", string_or_null(arch->binary));
	json_object_object_add(obj, "program_path", string_or_null(program));
	json_object_object_add(obj, "stand_in", string_or_null(stand_in));
	strlist_clear(&transports);
	free(stand_in);
	free(program);
	return obj;
}

/* {"rng": ["pci-modern", ...], ...}: where each device type runs. */
static json_object *devices_object(const struct hypervisor_ops *ops)
{
	json_object *obj = json_object_new_object();

	for (size_t i = 0; i < ops->device_type_count; i++) {
		struct strlist on = { 0 };

		hypervisor_device_transports(ops, ops->device_types[i], &on);
		json_object_object_add(obj, ops->device_types[i], strings(&on));
		strlist_clear(&on);
	}
	return obj;
}

static json_object *exits_array(const struct hypervisor_ops *ops)
{
	json_object *array = json_object_new_array();

	for (size_t i = 0; i < ops->exit_meaning_count; i++) {
		json_object *exit = json_object_new_object();

		json_object_object_add(exit, "status",
				       json_object_new_int(ops->exit_meanings[i].status));
		json_object_object_add(exit, "meaning",
				       json_object_new_string(ops->exit_meanings[i].meaning));
		json_object_array_add(array, exit);
	}
	return array;
}

static json_object *hypervisor_object(const struct hypervisor_ops *ops)
{
	json_object *obj = json_object_new_object();
	json_object *arches = json_object_new_array();
	struct strlist actions = { 0 };

	for (size_t i = 0; i < ops->arch_count; i++)
		json_object_array_add(arches, arch_object(ops, &ops->arches[i]));
	hypervisor_host_action_names(ops, &actions);
	json_object_object_add(obj, "name", json_object_new_string(ops->name));
	json_object_object_add(obj, "doc", string_or_null(ops->doc));
	json_object_object_add(obj, "arches", arches);
	json_object_object_add(obj, "transports", names(ops->transports, ops->transport_count));
	json_object_object_add(obj, "devices", devices_object(ops));
	json_object_object_add(obj, "boot_images", names(ops->boot_images, ops->boot_image_count));
	json_object_object_add(obj, "console",
			       json_object_new_string(console_route_name(ops->console_route)));
	json_object_object_add(obj, "host_actions", strings(&actions));
	json_object_object_add(obj, "exit_statuses", exits_array(ops));
	json_object_object_add(obj, "vm_ending", string_or_null(ops->vm_ending));
	json_object_object_add(obj, "stand_in", json_object_new_boolean(ops->has_stand_in));
	strlist_clear(&actions);
	return obj;
}

char *list_hypervisors_json_text(void)
{
	json_object *root = json_object_new_object();
	json_object *array = json_object_new_array();
	char *text;

	json_object_object_add(root, "schema", json_object_new_int(LIST_HYPERVISORS_JSON_SCHEMA));
	for (size_t i = 0; i < hypervisor_count(); i++)
		json_object_array_add(array, hypervisor_object(hypervisor_at(i)));
	json_object_object_add(root, "hypervisors", array);
	text = xasprintf("%s\n", json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return text;
}
