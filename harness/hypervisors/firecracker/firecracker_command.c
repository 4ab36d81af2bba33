/*
 * Firecracker's command line: no API socket (--no-api), everything in the
 * --config-file this writes as OUTPUT/logs/CONFIG-firecracker.json, its
 * own log in OUTPUT/logs/CONFIG-firecracker.log (without --log-path it
 * logs to standard output, which is the guest's serial console here).
 * docs/getting-started.md, "Configuring the microVM without sending API
 * requests"; src/firecracker/src/main.rs for the options.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/firecracker/firecracker.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

/*
 * Words the kernel needs here: Firecracker's virtio-blk answers GET_ID
 * with the backing file's device and inode numbers, not a serial vcts
 * sets (devices/virtio/block/virtio/device.rs, build_device_id).
 */
#define FIRECRACKER_KERNEL_WORDS "vcts.blk_serials=0"

static void add_pair(struct strlist *args, const char *option, const char *value)
{
	strlist_add(args, option);
	strlist_add(args, value);
}

char **firecracker_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *cmdline = profile_cmdline(launch, FIRECRACKER_KERNEL_WORDS);
	char *json_path = profile_output_file(config, "firecracker.json");
	char *log_path = profile_output_file(config, "firecracker.log");
	char *json = firecracker_config_json(config, config->kernel, cmdline, launch->image_dir);

	profile_write_file(json_path, json);
	strlist_add(&args, launch->backend->binary);
	strlist_add(&args, "--no-api");
	add_pair(&args, "--config-file", json_path);
	add_pair(&args, "--log-path", log_path);
	add_pair(&args, "--level", "Warning");
	/* Without it every virtio device is virtio-mmio (docs/kernel-policy.md). */
	if (config->bus == BUS_PCI)
		strlist_add(&args, "--enable-pci");
	free(json);
	free(log_path);
	free(json_path);
	free(cmdline);
	return strlist_to_argv(&args);
}
