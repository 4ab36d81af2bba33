/*
 * `crosvm run`'s command line (src/crosvm/cmdline.rs): no sandbox (a
 * jail needs set-up the vendor's own runs have), one vCPU, 128 MiB, the
 * serial port on stdio, the kernel command line with -p, the disks with
 * their serial (id=) and PCI slot (pci-address=), and the default rng
 * and balloon turned off unless the configuration has them.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/crosvm/crosvm.h"
#include "hypervisors/profiles/profile.h"
#include "plan/config.h"
#include "util.h"

static void add_pair(struct strlist *args, const char *option, const char *value)
{
	strlist_add(args, option);
	strlist_add(args, value);
}

static void add_device(struct strlist *args, const struct device_instance *dev,
		       const char *image_dir)
{
	char *value = NULL;

	if (!strcmp(dev->type, "blk")) {
		char *path = profile_image_path(image_dir, dev);

		value = xasprintf("%s,%sid=vcts-%s,pci-address=00:%02x.0", path,
				  dev->read_only ? "ro," : "", dev->name, dev->pci_slot);
		add_pair(args, "--block", value);
		free(path);
	} else if (!strcmp(dev->type, "net")) {
		add_pair(args, "--net", "tap-name=" PROFILE_TAP ",mac=" PROFILE_NET_MAC);
	}
	free(value);
}

char **crosvm_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *cmdline = profile_cmdline(launch, NULL);
	char *memory = xasprintf("%u", PROFILE_GUEST_RAM_MIB);

	strlist_add(&args, launch->backend->binary);
	strlist_add(&args, "run");
	strlist_add(&args, "--disable-sandbox");
	add_pair(&args, "--cpus", "1");
	add_pair(&args, "--mem", memory);
	add_pair(&args, "--serial", "type=stdout,hardware=serial,num=1,console,stdin");
	add_pair(&args, "-p", cmdline);
	if (!profile_has_type(config, "rng"))
		strlist_add(&args, "--no-rng");
	if (!profile_has_type(config, "balloon"))
		strlist_add(&args, "--no-balloon");
	for (size_t i = 0; i < config->device_count; i++)
		add_device(&args, config->devices[i], launch->image_dir);
	strlist_add(&args, config->kernel);
	free(memory);
	free(cmdline);
	return strlist_to_argv(&args);
}
