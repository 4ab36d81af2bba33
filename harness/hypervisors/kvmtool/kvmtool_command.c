/*
 * `lkvm run`'s command line (builtin-run.c, BUILD_OPTIONS): --nodefaults
 * so that kvmtool adds nothing to the kernel command line (no root=, no
 * console=) and no default 9p root, no network unless the configuration
 * has one, the transport by --virtio-transport.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/kvmtool/kvmtool.h"
#include "hypervisors/profiles/profile.h"
#include "plan/config.h"
#include "util.h"

/*
 * Its virtio-blk answers GET_ID with the image's device and inode
 * numbers (virtio/blk.c), not a serial vcts sets.
 */
#define KVMTOOL_KERNEL_WORDS "vcts.blk_serials=0"

static void add_pair(struct strlist *args, const char *option, const char *value)
{
	strlist_add(args, option);
	strlist_add(args, value);
}

/* --virtio-transport's names (virtio/core.c, virtio_transport_parser). */
static const char *transport_word(const char *transport)
{
	if (!strcmp(transport, "pci-legacy"))
		return "pci-legacy";
	if (!strcmp(transport, "mmio-v1"))
		return "mmio-legacy";
	if (!strcmp(transport, "mmio-v2"))
		return "mmio";
	return "pci";
}

static void add_device(struct strlist *args, const struct device_instance *dev,
		       const char *image_dir)
{
	if (!strcmp(dev->type, "blk")) {
		char *path = profile_image_path(image_dir, dev);
		char *value = xasprintf("%s%s", path, dev->read_only ? ",ro" : "");

		add_pair(args, "--disk", value);
		free(value);
		free(path);
	} else if (!strcmp(dev->type, "net")) {
		add_pair(args, "--network", "mode=tap,tapif=" PROFILE_TAP ",guest_mac=" PROFILE_NET_MAC);
	} else if (!strcmp(dev->type, "rng")) {
		strlist_add(args, "--rng");
	} else if (!strcmp(dev->type, "balloon")) {
		strlist_add(args, "--balloon");
	}
}

char **kvmtool_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *cmdline = profile_cmdline(launch, KVMTOOL_KERNEL_WORDS);
	char *name = xasprintf("vcts-%s", config->name);
	char *memory = xasprintf("%u", PROFILE_GUEST_RAM_MIB);

	strlist_add(&args, launch->backend->binary);
	strlist_add(&args, "run");
	add_pair(&args, "--name", name);
	add_pair(&args, "--cpus", "1");
	add_pair(&args, "--mem", memory);
	add_pair(&args, "--kernel", config->kernel);
	add_pair(&args, "--params", cmdline);
	strlist_add(&args, "--nodefaults");
	add_pair(&args, "--console", "serial");
	add_pair(&args, "--virtio-transport", transport_word(config->transport));
	if (!profile_has_type(config, "net"))
		add_pair(&args, "--network", "mode=none");
	for (size_t i = 0; i < config->device_count; i++)
		add_device(&args, config->devices[i], launch->image_dir);
	free(memory);
	free(name);
	free(cmdline);
	return strlist_to_argv(&args);
}
