/*
 * The hypervisor backends the harness knows (backend_offers.c answers
 * what any of them offers). A new hypervisor is one more ops table here.
 * QEMU runs here; the profiles after it are the hypervisors of
 * docs/hypervisors/, each of which QEMU can stand in for (--stand-in).
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/backend.h"
#include "hypervisors/command/command.h"
#include "hypervisors/bhyve/bhyve.h"
#include "hypervisors/cloud_hypervisor/cloud_hypervisor.h"
#include "hypervisors/crosvm/crosvm.h"
#include "hypervisors/firecracker/firecracker.h"
#include "hypervisors/kvmtool/kvmtool.h"
#include "hypervisors/qemu/qemu.h"
#include "hypervisors/virtualbox/virtualbox.h"
#include "hypervisors/vmm/vmm.h"

static const struct hypervisor_ops *const hypervisors[] = {
	&qemu_hypervisor,
	&command_hypervisor,
	&bhyve_hypervisor,
	&vmm_hypervisor,
	&virtualbox_hypervisor,
	&firecracker_hypervisor,
	&cloud_hypervisor_hypervisor,
	&kvmtool_hypervisor,
	&crosvm_hypervisor,
};

size_t hypervisor_count(void)
{
	return ARRAY_SIZE(hypervisors);
}

const struct hypervisor_ops *hypervisor_at(size_t index)
{
	return index < ARRAY_SIZE(hypervisors) ? hypervisors[index] : NULL;
}

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

void argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}
