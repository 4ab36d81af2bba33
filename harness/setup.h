/*
 * Preparing the host before any VM runs: the hypervisor binary and its
 * firmware, the kernel, the output directory, the baseline and the
 * accelerator. Every problem here is a setup error (exit status 2) found
 * before time is spent.
 */
#ifndef VCTS_SETUP_H
#define VCTS_SETUP_H

#include "accel.h"
#include "baseline.h"
#include "hypervisors/qemu.h"
#include "options.h"

struct host_setup {
	struct qemu_host qemu;
	struct accel_choice accel;
	struct baseline baseline;	/* valid when have_baseline */
	bool have_baseline;
};

/*
 * 0, or -1 after printing one "vcts: " line. @configs are the
 * configurations that will run: only the kernel images they boot must exist.
 */
int host_setup_prepare(struct host_setup *setup, const struct options *opts,
		       const struct vcts_config *configs, size_t count);
void host_setup_release(struct host_setup *setup);

#endif
