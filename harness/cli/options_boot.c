/*
 * --boot-image and --firmware (docs/boot-images.md): known names, an
 * image the hypervisor loads, built for the arches the run has, and a
 * machine and firmware that can boot it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options_boot.h"
#include "hypervisors/backend.h"
#include "plan/boot_image.h"
#include "plan/config.h"
#include "util.h"

/* Is a transport on @bus selected ("all" selects both)? */
static bool bus_selected(const struct options *opts, enum transport_bus bus)
{
	for (size_t i = 0; i < opts->transports.count; i++) {
		const struct transport *t = transport_find(opts->transports.items[i]);

		if (!strcmp(opts->transports.items[i], "all") || (t && t->bus == bus))
			return true;
	}
	return false;
}

/* The machine @arch's mmio transports run on, when they run and have their own. */
static const char *mmio_machine(const struct options *opts, const struct backend_arch *arch)
{
	return bus_selected(opts, BUS_MMIO) ? arch->mmio_machine : NULL;
}

/*
 * Can @machine boot what the run gives it: --boot-image, else @image
 * (the hypervisor's default there)?
 */
static int check_machine_boots(const struct hypervisor_ops *hv, const char *machine,
			       const char *image, const struct options *opts,
			       char *err, size_t size)
{
	char why[256];

	if (opts->boot_image)
		image = opts->boot_image;
	if (!hv->check_boot || !hv->check_boot(machine, image, opts->firmware, why, sizeof(why)))
		return 0;
	snprintf(err, size, "%s", why);
	return -1;
}

/* Every machine of @arch the run starts can boot what was chosen. */
static int check_arch_boots(const struct hypervisor_ops *hv, const struct backend_arch *arch,
			    const struct options *opts, char *err, size_t size)
{
	const char *own = mmio_machine(opts, arch);
	const char *own_image = arch->mmio_boot_image ? arch->mmio_boot_image : arch->boot_image;
	bool any = false;

	if (own && check_machine_boots(hv, own, own_image, opts, err, size))
		return -1;
	if (own && !bus_selected(opts, BUS_PCI))
		return 0;
	for (size_t i = 0; i < opts->machines.count; i++) {
		if (!hypervisor_has_machine(hv, arch->arch, opts->machines.items[i]))
			continue;
		any = true;
		if (check_machine_boots(hv, opts->machines.items[i], arch->boot_image, opts,
					err, size))
			return -1;
	}
	if (!any)
		return check_machine_boots(hv, arch->machines[0], arch->boot_image, opts, err, size);
	return 0;
}

static bool hypervisor_loads(const struct hypervisor_ops *hv, const char *image)
{
	for (size_t i = 0; i < hv->boot_image_count; i++)
		if (!strcmp(hv->boot_images[i], image))
			return true;
	return false;
}

static int check_image(const struct hypervisor_ops *hv, const struct options *opts,
		       char *err, size_t size)
{
	const struct boot_image *image = boot_image_find(opts->boot_image);
	char *names;

	if (!image) {
		names = boot_image_names();
		snprintf(err, size, "unknown boot image '%s' (known: %s)", opts->boot_image, names);
		free(names);
		return -1;
	}
	if (!hypervisor_loads(hv, image->name)) {
		snprintf(err, size, "%s does not load boot image '%s'", hv->name, image->name);
		return -1;
	}
	if (opts->arches.count != 1 || strcmp(opts->arches.items[0], image->arch)) {
		snprintf(err, size, "--boot-image %s is an %s image: run it with --arch %s",
			 image->name, image->arch, image->arch);
		return -1;
	}
	return 0;
}

int options_check_boot(const struct hypervisor_ops *hv, const struct options *opts,
		       char *err, size_t size)
{
	if (!firmware_known(opts->firmware)) {
		char *names = firmware_names();

		snprintf(err, size, "unknown firmware '%s' (known: %s)", opts->firmware, names);
		free(names);
		return -1;
	}
	if (opts->boot_image && check_image(hv, opts, err, size))
		return -1;
	for (size_t i = 0; i < opts->arches.count; i++) {
		const struct backend_arch *arch = hypervisor_arch(hv, opts->arches.items[i]);

		if (arch && check_arch_boots(hv, arch, opts, err, size))
			return -1;
	}
	return 0;
}
