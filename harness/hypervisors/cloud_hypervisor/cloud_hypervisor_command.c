/*
 * cloud-hypervisor's command line (vmm/src/config.rs, the SYNTAX of each
 * option): the kernel and its command line, one vCPU, 128 MiB, the serial
 * port on stdio and no virtio-console unless the configuration has the
 * console device; every device pinned with pci_device_id to the slot
 * plan/config.c gives its instance.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/cloud_hypervisor/cloud_hypervisor.h"
#include "hypervisors/profiles/profile.h"
#include "plan/config.h"
#include "util.h"

static void add_pair(struct strlist *args, const char *option, const char *value)
{
	strlist_add(args, option);
	strlist_add(args, value);
}

/* The --disk values: several disks follow one --disk. */
static void add_disks(struct strlist *args, const struct vcts_config *config,
		      const char *image_dir)
{
	bool first = true;

	for (size_t i = 0; i < config->device_count; i++) {
		const struct device_instance *dev = config->devices[i];
		char *path, *value;

		if (strcmp(dev->type, "blk"))
			continue;
		if (first)
			strlist_add(args, "--disk");
		first = false;
		path = profile_image_path(image_dir, dev);
		value = xasprintf("path=%s,readonly=%s,serial=vcts-%s,pci_device_id=%u", path,
				  dev->read_only ? "on" : "off", dev->name, dev->pci_slot);
		strlist_add(args, value);
		free(value);
		free(path);
	}
}

/* The virtio-console's single port writes into OUTPUT/logs/CONFIG-console0.txt. */
static char *console_value(const struct vcts_config *config, const struct device_instance *dev)
{
	char *path = profile_output_file(config, "console0.txt");
	char *value = xasprintf("file=%s,pci_device_id=%u", path, dev->pci_slot);

	free(path);
	return value;
}

static void add_device(struct strlist *args, const struct vcts_config *config,
		       const struct device_instance *dev)
{
	char *value = NULL;

	if (!strcmp(dev->type, "rng")) {
		value = xasprintf("src=/dev/urandom,pci_device_id=%u", dev->pci_slot);
		add_pair(args, "--rng", value);
	} else if (!strcmp(dev->type, "net")) {
		value = xasprintf("tap=" PROFILE_TAP ",mac=" PROFILE_NET_MAC ",pci_device_id=%u",
				  dev->pci_slot);
		add_pair(args, "--net", value);
	} else if (!strcmp(dev->type, "balloon")) {
		value = xasprintf("size=0,free_page_reporting=on,pci_device_id=%u", dev->pci_slot);
		add_pair(args, "--balloon", value);
	} else if (!strcmp(dev->type, "console")) {
		value = console_value(config, dev);
		add_pair(args, "--console", value);
	}
	free(value);
}

char **cloud_hypervisor_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *cmdline = profile_cmdline(launch, NULL);
	char *memory = xasprintf("size=%uM", PROFILE_GUEST_RAM_MIB);

	strlist_add(&args, launch->backend->binary);
	add_pair(&args, "--kernel", config->kernel);
	add_pair(&args, "--cmdline", cmdline);
	add_pair(&args, "--cpus", "boot=1");
	add_pair(&args, "--memory", memory);
	add_pair(&args, "--serial", "tty");
	if (!profile_has_type(config, "console"))
		add_pair(&args, "--console", "off");
	for (size_t i = 0; i < config->device_count; i++)
		add_device(&args, config, config->devices[i]);
	add_disks(&args, config, launch->image_dir);
	free(memory);
	free(cmdline);
	return strlist_to_argv(&args);
}
