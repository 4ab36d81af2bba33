/*
 * Preparing the host before any VM runs: for each arch the configurations
 * have, the hypervisor binary and its firmware, the kernel images, the
 * accelerator and the baseline; and the output directory. Every problem
 * here is a setup error (exit status 2) found before time is spent.
 */
#ifndef VCTS_SETUP_H
#define VCTS_SETUP_H

#include "hypervisors/accel.h"
#include "results/baseline.h"
#include "hypervisors/qemu/qemu.h"
#include "cli/options.h"

/* What the VMs of one arch share. */
struct arch_host {
	const char *arch;
	struct qemu_host qemu;
	struct accel_choice accel;
};

struct host_setup {
	struct arch_host *hosts;	/* in the order the configurations have them */
	size_t host_count;
	struct baseline *baselines;	/* those loaded, chained through next */
	size_t baseline_count;
	struct baseline *baseline;	/* the first of the chain, or NULL: none */
};

/*
 * 0, or -1 after printing one "vcts: " line. @configs are the
 * configurations that will run: only the kernel images and QEMU binaries
 * they need must exist.
 */
int host_setup_prepare(struct host_setup *setup, const struct options *opts,
		       const struct vcts_config *configs, size_t count);
/* The host of @arch (one of the configurations'), or NULL. */
const struct arch_host *host_setup_for(const struct host_setup *setup,
				       const char *arch);
void host_setup_release(struct host_setup *setup);

#endif
