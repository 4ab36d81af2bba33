/*
 * The QEMU backend (hypervisors/backend.h): qemu.c has what it offers and
 * its ops table, install.c finds an installation (binary, version,
 * firmware, its own module and data directories), command.c spells a
 * configuration as a command line, actions_*.c perform host actions
 * through QMP and the sockets the command line sets up.
 */
#ifndef VCTS_QEMU_H
#define VCTS_QEMU_H

#include <stdbool.h>
#include <stddef.h>

#include "hypervisors/backend.h"
#include "plan/config.h"

extern const struct hypervisor_ops qemu_hypervisor;

/*
 * The guest's RAM (-m), in MiB. The balloon's host action derives its
 * targets from it (QMP balloon takes the guest size the balloon leaves).
 */
#define QEMU_GUEST_RAM_MIB 128

/*
 * The net device's backend: a UNIX datagram socket pair whose other end is
 * the harness (actions_net.c, which sets its link by this id), so that
 * every frame the guest sees or sends is one the harness made or checks.
 */
#define QEMU_NETDEV_ID "n0"

/* How the kernel's exit value reaches QEMU's exit status. */
enum qemu_exit_method {
	QEMU_EXIT_ISA_DEBUG,	/* x86: isa-debug-exit, status (v << 1) | 1 */
	QEMU_EXIT_SEMIHOSTING,	/* aarch64: semihosting SYS_EXIT, status v */
};

enum qemu_exit_method qemu_exit_method(const char *arch);
/* Does @machine set @property ("gic-version")? */
bool qemu_machine_has_property(const char *machine, const char *property);

/* install.c: fills @backend's binary, version, firmware, data and modules. */
int qemu_install_prepare(struct backend *backend, const char *binary,
			 const char *binary_source);
void qemu_install_release(struct backend *backend);
/* qboot.rom next to the binary's installation or in the usual places (x86). */
char *qemu_find_firmware(const char *binary);

/* command.c */
char **qemu_command(const struct vm_launch *launch);
/* OUTPUT/qmp-CONFIG.sock: the VM's QMP socket (free() it). */
char *qemu_qmp_socket(const struct vcts_config *config);
/* OUTPUT/console-CONFIG.sock: the console port org.vcts.0's chardev (free() it). */
char *qemu_console_socket(const struct vcts_config *config);
/*
 * The UNIX datagram sockets of the net device's backend: OUTPUT/net-CONFIG.sock
 * (QEMU's end, @peer false) and OUTPUT/net-CONFIG-peer.sock (the harness's).
 */
char *qemu_net_socket(const struct vcts_config *config, bool peer);

/* actions_*.c: one module per device type, and the QMP socket's own. */
extern const struct host_action_module qemu_actions_qmp;
extern const struct host_action_module qemu_actions_blk;
extern const struct host_action_module qemu_actions_console;
extern const struct host_action_module qemu_actions_balloon;
extern const struct host_action_module qemu_actions_scsi;
extern const struct host_action_module qemu_actions_net;

#endif
