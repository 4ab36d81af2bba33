/*
 * VirtualBox's command line: `/bin/sh OUTPUT/logs/CONFIG-virtualbox.sh`,
 * the VBoxManage sequence vboxmanage_script.c writes, after the VMDK
 * descriptors of its virtio-scsi disks. COM1 writes into
 * OUTPUT/logs/CONFIG-serial.txt (the `console` op's file). Every path
 * in the script is absolute: VirtualBox's server process, which opens
 * them, does not run in the harness's directory.
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

/*
 * OUTPUT/logs/CONFIG-SUFFIX from the root: VBoxSVC, which opens the
 * files, runs in a directory of its own.
 */
static char *absolute_output_file(const struct vcts_config *config, const char *suffix)
{
	char *relative = profile_output_file(config, suffix);
	char *absolute = profile_absolute_path(relative);

	free(relative);
	return absolute;
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
	char *base = absolute_output_file(config, "virtualbox.d");
	char *serial = absolute_output_file(config, "serial.txt");
	char *cdrom = profile_absolute_path(config->kernel);
	char *images = profile_absolute_path(launch->image_dir);
	char *headless = headless_path(launch->backend->binary);
	char *name = xasprintf("vcts-%s", config->name);
	struct vbox_vm vm = {
		.config = config,
		.vboxmanage = launch->backend->binary,
		.vboxheadless = headless,
		.vm_name = name,
		.base_folder = base,
		.cdrom = cdrom,
		.serial_file = serial,
		.image_dir = images,
	};
	char *text = vboxmanage_script_text(&vm);

	write_descriptors(config, launch->image_dir);
	profile_write_file(path, text);
	strlist_add(&args, "/bin/sh");
	strlist_add(&args, path);
	free(text);
	free(name);
	free(headless);
	free(images);
	free(cdrom);
	free(serial);
	free(base);
	free(path);
	return strlist_to_argv(&args);
}
