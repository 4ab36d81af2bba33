/*
 * VirtualBox's command line: `/bin/sh OUTPUT/logs/CONFIG-virtualbox.sh`,
 * the VBoxManage sequence vboxmanage_script.c writes, after the VMDK
 * descriptors of its virtio-scsi disks. COM1 writes into
 * OUTPUT/logs/CONFIG-serial.txt (the `console` op's file).
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/virtualbox/virtualbox.h"
#include "util.h"

/* VBoxHeadless lives next to VBoxManage in every VirtualBox installation. */
static char *headless_path(const char *vboxmanage)
{
	const char *slash = strrchr(vboxmanage, '/');

	if (!slash)
		return xstrdup("VBoxHeadless");
	return xasprintf("%.*s/VBoxHeadless", (int)(slash - vboxmanage), vboxmanage);
}

static void write_descriptors(const struct vcts_config *config, const char *image_dir)
{
	for (size_t i = 0; i < config->device_count; i++) {
		const struct device_instance *dev = config->devices[i];
		char *path, *text;

		if (strcmp(dev->type, "scsi"))
			continue;
		path = vmdk_path(image_dir, dev);
		text = vmdk_descriptor_text(dev->image_name, dev->image_size);
		profile_write_file(path, text);
		free(text);
		free(path);
	}
}

char **virtualbox_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *path = profile_output_file(config, "virtualbox.sh");
	char *base = profile_output_file(config, "virtualbox.d");
	char *serial = profile_console_path(config, CONSOLE_FILE);
	char *headless = headless_path(launch->backend->binary);
	char *name = xasprintf("vcts-%s", config->name);
	struct vbox_vm vm = {
		.config = config,
		.vboxmanage = launch->backend->binary,
		.vboxheadless = headless,
		.vm_name = name,
		.base_folder = base,
		.cdrom = config->kernel,
		.serial_file = serial,
		.image_dir = launch->image_dir,
	};
	char *text = vboxmanage_script_text(&vm);

	write_descriptors(config, launch->image_dir);
	profile_write_file(path, text);
	strlist_add(&args, "/bin/sh");
	strlist_add(&args, path);
	free(text);
	free(name);
	free(headless);
	free(serial);
	free(base);
	free(path);
	return strlist_to_argv(&args);
}
