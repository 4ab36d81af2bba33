/*
 * The profiles' part of the plan (profile_plan.h): boot images by name,
 * and the stand-in configurations.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/profiles/boot_image.h"
#include "hypervisors/profiles/profile_plan.h"
#include "hypervisors/profiles/stand_in.h"
#include "hypervisors/qemu/qemu.h"
#include "util.h"

/* A profile's machine and the QEMU machine of the same chipset. */
static const struct {
	const char *machine;
	const char *qemu_machine;
} machine_pairs[] = {
	{ "piix3", "pc" },	/* VirtualBox --chipset piix3: the i440FX/PIIX3 PC */
	{ "ich9", "q35" },	/* VirtualBox --chipset ich9: Q35/ICH9 */
};

const char *stand_in_machine_for(const char *arch, const char *machine, enum transport_bus bus)
{
	const struct backend_arch *qemu = hypervisor_arch(&qemu_hypervisor, arch);

	for (size_t i = 0; i < ARRAY_SIZE(machine_pairs); i++)
		if (!strcmp(machine_pairs[i].machine, machine))
			return machine_pairs[i].qemu_machine;
	if (!qemu)
		return machine;
	if (bus == BUS_MMIO && qemu->mmio_machine)
		return qemu->mmio_machine;
	return qemu->machines[0];
}

const char *stand_in_machine(const struct vcts_config *config)
{
	return stand_in_machine_for(config->arch, config->machine, config->bus);
}

void stand_in_config(struct vcts_config *config)
{
	const struct hypervisor_ops *profile = config->hypervisor_ops;
	char *tag;

	if (!profile || !profile->has_stand_in)
		return;
	config->hypervisor_ops = stand_in_for(profile);
	config->hypervisor = qemu_hypervisor.name;
	config->stand_in_for = profile->name;
	config->machine = stand_in_machine(config);
	tag = machine_tag(config->machine);
	free(config->name);
	config->name = xasprintf("%s-%s-%s-%s-%s%s%s-as-%s", config->hypervisor, config->arch, tag,
				 config->transport, config->mode, config->device_set ? "-" : "",
				 config->device_set ? config->device_set : "", profile->name);
	free(tag);
}

/*
 * The file of a boot image: --kernel and --kernel-pvh name the ELF ones,
 * the table the others (for an image not built yet, the name its build
 * will have: prepare() stops before anything reads it).
 */
static char *image_file(const char *image, const struct options *opts)
{
	const struct boot_image *known = boot_image_find(image);

	if (!strcmp(image, "multiboot"))
		return options_kernel(opts, "x86_64");
	if (!strcmp(image, "pvh"))
		return options_kernel_pvh(opts);
	if (!strcmp(image, "arm64-elf"))
		return options_kernel(opts, "aarch64");
	return xstrdup(known && known->file ? known->file : image);
}

static void assign_boot_image(struct vcts_config *config, const char *image,
			      const struct options *opts)
{
	free(config->kernel);
	config->kernel = image_file(image, opts);
	config->boot = !strcmp(image, "pvh") ? BOOT_PVH : BOOT_KERNEL;
}

void profile_plan_apply(struct config_matrix *matrix, const struct options *opts)
{
	for (size_t i = 0; i < matrix->count; i++) {
		struct vcts_config *config = &matrix->configs[i];
		const struct backend_arch *arch = hypervisor_arch(config->hypervisor_ops,
								  config->arch);

		if (arch && arch->boot_image)
			assign_boot_image(config, arch->boot_image, opts);
		if (opts->stand_in)
			stand_in_config(config);
	}
}
