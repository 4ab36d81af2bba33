/*
 * Preparing the host before any VM runs: for each arch the configurations
 * have, the hypervisor's installation (its backend prepares it), the
 * kernel images, the accelerator and the baseline; and the output
 * directory. Every problem
 * here is a setup error (exit status 2) found before time is spent.
 */
#ifndef VCTS_SETUP_H
#define VCTS_SETUP_H

#include "cli/options.h"
#include "hypervisors/backend.h"
#include "plan/config.h"
#include "results/baseline.h"

struct host_setup {
	/* One installation per arch, in the order the configurations have them. */
	struct backend *backends;
	size_t backend_count;
	struct baseline *baselines;	/* those loaded, chained through next */
	size_t baseline_count;
	struct baseline *baseline;	/* the first of the chain, or NULL: none */
};

/*
 * 0, or -1 after printing one "vcts: " line. @configs are the
 * configurations that will run: only the kernel images and hypervisor binaries
 * they need must exist.
 */
int host_setup_prepare(struct host_setup *setup, const struct options *opts,
		       const struct vcts_config *configs, size_t count);
/* The installation for @arch (one of the configurations'), or NULL. */
const struct backend *host_setup_for(const struct host_setup *setup, const char *arch);
void host_setup_release(struct host_setup *setup);

#endif
