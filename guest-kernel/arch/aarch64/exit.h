#ifndef VCTS_AARCH64_EXIT_H
#define VCTS_AARCH64_EXIT_H

/*
 * How arch_exit ends the VM: @psci_method is the device tree's ("hvc",
 * "smc" or ""), @cmdline may ask for vcts.exit=semihosting.
 */
void exit_init(const char *psci_method, const char *cmdline);

#endif
