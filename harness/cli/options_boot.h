/* Checking --boot-image and --firmware against the hypervisor (options_boot.c). */
#ifndef VCTS_OPTIONS_BOOT_H
#define VCTS_OPTIONS_BOOT_H

#include <stddef.h>

#include "cli/options.h"

struct hypervisor_ops;

/* 0, or -1 with one line in @err. */
int options_check_boot(const struct hypervisor_ops *hv, const struct options *opts,
		       char *err, size_t size);

#endif
