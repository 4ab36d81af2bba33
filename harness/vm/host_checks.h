/*
 * Checks the kernel asks the host to make after the VM has exited
 * (`host-check` lines), e.g. that a disk image holds what the guest wrote.
 */
#ifndef VCTS_HOST_CHECKS_H
#define VCTS_HOST_CHECKS_H

#include "protocol/run_state.h"

/*
 * Run every host check @rs collected; @image_dir holds the backing files.
 * Each outcome is folded into the kernel's result for the same test and
 * device (created if the kernel printed none). @on_result is called for
 * every result a check touched.
 */
void host_checks_run(struct run_state *rs, const char *image_dir,
		     result_ready_fn on_result, void *ctx);

/*
 * The configuration's instance behind the kernel's device @name (by the
 * location of its `device` line; on PCI also by name), or NULL.
 */
struct device_instance;
const struct device_instance *host_backing_device(const struct run_state *rs,
						 const char *name);

#endif
