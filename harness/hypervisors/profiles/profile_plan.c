/*
 * The profiles' part of the plan (profile_plan.h): the stand-in
 * configurations. (Their boot images and exit methods come from their
 * arch tables through plan/config.c like QEMU's.)
 */
#include <stdlib.h>
#include <string.h>

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
	if (!strcmp(config->firmware, "default"))
		config->firmware = stand_in_firmware_option(
			hypervisor_arch(profile, config->arch)->firmware);
	tag = machine_tag(config->machine);
	free(config->name);
	config->name = xasprintf("%s-%s-%s-%s-%s%s%s-as-%s", config->hypervisor, config->arch, tag,
				 config->transport, config->mode, config->device_set ? "-" : "",
				 config->device_set ? config->device_set : "", profile->name);
	free(tag);
}

void profile_plan_apply(struct config_matrix *matrix, const struct options *opts)
{
	for (size_t i = 0; i < matrix->count; i++) {
		struct vcts_config *config = &matrix->configs[i];

		if (opts->stand_in)
			stand_in_config(config);
	}
}
