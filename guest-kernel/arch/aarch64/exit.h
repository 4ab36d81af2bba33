#ifndef VCTS_AARCH64_EXIT_H
#define VCTS_AARCH64_EXIT_H

/*
 * The PSCI conduit the device tree names ("hvc", "smc", or "": no PSCI),
 * for arch_exit (exit.c); vcts.exit chooses the method.
 */
void exit_init(const char *psci_method);

#endif
