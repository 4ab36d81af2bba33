/*
 * The hypervisor backends the harness knows, and the questions the plan
 * asks of any of them. A new hypervisor is one more ops table here.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/backend.h"
#include "hypervisors/qemu/qemu.h"

static const struct hypervisor_ops *const hypervisors[] = {
	&qemu_hypervisor,
};

const struct hypervisor_ops *hypervisor_find(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(hypervisors); i++)
		if (!strcmp(hypervisors[i]->name, name))
			return hypervisors[i];
	return NULL;
}

char *hypervisor_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(hypervisors); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", hypervisors[i]->name);
	return strbuf_detach(&sb);
}

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

void argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}
