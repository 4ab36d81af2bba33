/*
 * The cloud-hypervisor profile (docs/hypervisors/cloud-hypervisor.md):
 * cloud_hypervisor.c has what it offers and its ops table,
 * cloud_hypervisor_command.c its command line.
 */
#ifndef VCTS_CLOUD_HYPERVISOR_H
#define VCTS_CLOUD_HYPERVISOR_H

#include "hypervisors/backend.h"

extern const struct hypervisor_ops cloud_hypervisor_hypervisor;

char **cloud_hypervisor_command(const struct vm_launch *launch);

#endif
