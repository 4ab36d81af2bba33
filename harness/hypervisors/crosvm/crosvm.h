/*
 * The crosvm profile (docs/hypervisors/crosvm.md): crosvm.c has what it
 * offers and its ops table, crosvm_command.c its `crosvm run` command line.
 */
#ifndef VCTS_CROSVM_H
#define VCTS_CROSVM_H

#include "hypervisors/backend.h"

extern const struct hypervisor_ops crosvm_hypervisor;

char **crosvm_command(const struct vm_launch *launch);

#endif
