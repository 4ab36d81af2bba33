/*
 * The kvmtool profile (docs/hypervisors/kvmtool.md): kvmtool.c has what
 * it offers, its ops table and where it places devices;
 * kvmtool_command.c its `lkvm run` command line.
 */
#ifndef VCTS_KVMTOOL_H
#define VCTS_KVMTOOL_H

#include "hypervisors/backend.h"

extern const struct hypervisor_ops kvmtool_hypervisor;

char **kvmtool_command(const struct vm_launch *launch);

#endif
