/*
 * The one function of hypervisors/backends.c that the console fuzzer's
 * code needs (plan/device_location.c asks it for a machine's mmio slots).
 * backends.c itself names every backend's ops table, and linking it would
 * bring in the whole QEMU backend; the fuzzer has an ops table of its own.
 * The same lookup as there.
 */
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
