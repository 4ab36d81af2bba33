/*
 * The test kernel's command line (docs/kernel-options.md) for one VM: the
 * same for every hypervisor; a backend may add words of its own.
 */
#ifndef VCTS_KERNEL_CMDLINE_H
#define VCTS_KERNEL_CMDLINE_H

#include <stdbool.h>

#include "plan/config.h"

/*
 * seed, mode, transport, filter, the user's --kernel-arg words and the
 * configuration's vcts.exit (docs/exits.md); vcts.list
 * in @list_mode; vcts.resume=TEST/DEVICE when @resume_test is not NULL.
 */
char *kernel_cmdline(const struct vcts_config *config, bool list_mode,
		     const char *resume_test, const char *resume_device);

#endif
