/*
 * Firecracker's --config-file: one JSON object with the resources of the
 * API's PUT requests, named as in src/vmm/src/resources.rs (VmmConfig,
 * kebab-case sections) and the files of src/vmm/src/vmm_config/ (snake_case
 * fields). Firecracker rejects unknown fields (deny_unknown_fields), so
 * only documented ones are written.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/firecracker/firecracker.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

static void add_string(json_object *obj, const char *key, const char *value)
{
	json_object_object_add(obj, key, json_object_new_string(value));
}

static json_object *boot_source(const char *kernel, const char *boot_args)
{
	json_object *obj = json_object_new_object();

	add_string(obj, "kernel_image_path", kernel);
	add_string(obj, "boot_args", boot_args);
	return obj;
}

static json_object *machine_config(void)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "vcpu_count", json_object_new_int(1));
	json_object_object_add(obj, "mem_size_mib", json_object_new_int(PROFILE_GUEST_RAM_MIB));
	json_object_object_add(obj, "smt", json_object_new_boolean(0));
	return obj;
}

/*
 * A drive per blk instance. Not the root device: that would put root=
 * on the command line. Its GET_ID answer is Firecracker's own (device and
 * inode numbers), hence vcts.blk_serials=0 (firecracker_command.c).
 */
static json_object *drive(const struct device_instance *dev, const char *image_dir)
{
	json_object *obj = json_object_new_object();
	char *path = profile_image_path(image_dir, dev);

	add_string(obj, "drive_id", dev->name);
	json_object_object_add(obj, "is_root_device", json_object_new_boolean(0));
	json_object_object_add(obj, "is_read_only", json_object_new_boolean(dev->read_only));
	add_string(obj, "path_on_host", path);
	free(path);
	return obj;
}

static json_object *network_interface(const struct device_instance *dev)
{
	json_object *obj = json_object_new_object();

	add_string(obj, "iface_id", dev->name);
	add_string(obj, "host_dev_name", PROFILE_TAP);
	add_string(obj, "guest_mac", PROFILE_NET_MAC);
	return obj;
}

/* Statistics every second and free page reporting, as QEMU's balloon gets. */
static json_object *balloon(void)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "amount_mib", json_object_new_int(0));
	json_object_object_add(obj, "deflate_on_oom", json_object_new_boolean(0));
	json_object_object_add(obj, "stats_polling_interval_s", json_object_new_int(1));
	json_object_object_add(obj, "free_page_reporting", json_object_new_boolean(1));
	return obj;
}

static void add_devices(json_object *root, const struct vcts_config *config,
			const char *image_dir)
{
	json_object *drives = json_object_new_array();
	json_object *nics = json_object_new_array();

	for (size_t i = 0; i < config->device_count; i++) {
		const struct device_instance *dev = config->devices[i];

		if (!strcmp(dev->type, "blk"))
			json_object_array_add(drives, drive(dev, image_dir));
		else if (!strcmp(dev->type, "net"))
			json_object_array_add(nics, network_interface(dev));
	}
	json_object_object_add(root, "drives", drives);
	json_object_object_add(root, "network-interfaces", nics);
	if (profile_has_type(config, "balloon"))
		json_object_object_add(root, "balloon", balloon());
	/* The entropy device: no rate limiter, so every request is served. */
	if (profile_has_type(config, "rng"))
		json_object_object_add(root, "entropy", json_object_new_object());
}

char *firecracker_config_json(const struct vcts_config *config, const char *kernel,
			      const char *boot_args, const char *image_dir)
{
	json_object *root = json_object_new_object();
	char *text;

	json_object_object_add(root, "boot-source", boot_source(kernel, boot_args));
	json_object_object_add(root, "machine-config", machine_config());
	add_devices(root, config, image_dir);
	text = xasprintf("%s\n", json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return text;
}
