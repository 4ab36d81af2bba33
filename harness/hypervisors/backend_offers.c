/*
 * The questions the plan asks of any backend's ops table: its arches and
 * machines, the transports and device types it offers, and the names of
 * its firmware families and console routes. Apart from the
 * registry (backends.c), so that code which only asks them links without
 * every backend.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/backend.h"

const struct backend_arch *hypervisor_arch(const struct hypervisor_ops *ops,
					   const char *arch)
{
	for (size_t i = 0; ops && i < ops->arch_count; i++)
		if (!strcmp(ops->arches[i].arch, arch))
			return &ops->arches[i];
	return NULL;
}

static bool listed(const char *const *names, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

bool hypervisor_offers_transport(const struct hypervisor_ops *ops, const char *transport)
{
	return listed(ops->transports, ops->transport_count, transport);
}

bool hypervisor_arch_offers_transport(const struct hypervisor_ops *ops, const char *arch,
				      const char *transport)
{
	const struct backend_arch *a = hypervisor_arch(ops, arch);

	if (!a || !hypervisor_offers_transport(ops, transport))
		return false;
	return !a->transports || listed(a->transports, a->transport_count, transport);
}

bool hypervisor_offers_device(const struct hypervisor_ops *ops, const char *type)
{
	return listed(ops->device_types, ops->device_type_count, type);
}

bool hypervisor_has_machine(const struct hypervisor_ops *ops, const char *arch,
			    const char *machine)
{
	const struct backend_arch *a = hypervisor_arch(ops, arch);
	size_t base = strcspn(machine, ",");

	for (size_t i = 0; a && i < a->machine_count; i++)
		if (strlen(a->machines[i]) == base && !strncmp(a->machines[i], machine, base))
			return true;
	return false;
}

char *hypervisor_machine_names(const struct hypervisor_ops *ops, const char *arch)
{
	const struct backend_arch *a = hypervisor_arch(ops, arch);
	struct strbuf sb = { 0 };

	for (size_t i = 0; a && i < a->machine_count; i++) {
		char *help = ops->machine_help ? ops->machine_help(a->machines[i]) : NULL;

		strbuf_addf(&sb, "%s%s", i ? ", " : "", a->machines[i]);
		if (help)
			strbuf_addf(&sb, ", %s", help);
		free(help);
	}
	return strbuf_detach(&sb);
}

const char *firmware_family_name(enum firmware_family family)
{
	static const char *const names[] = {
		[FIRMWARE_NONE] = "none",
		[FIRMWARE_QBOOT] = "qboot",
		[FIRMWARE_SEABIOS] = "seabios",
		[FIRMWARE_OVMF] = "ovmf",
	};

	return (size_t)family < ARRAY_SIZE(names) ? names[family] : "unknown";
}

