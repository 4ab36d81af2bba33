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
#include "util.h"

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

/* UEFI firmware for x86_64 (Debian's ovmf package). */
#define QEMU_OVMF_FILE "/usr/share/ovmf/OVMF.fd"

/* boot.c: which machine and firmware boot which image, and how. */
int qemu_check_boot(const char *machine, const char *image, const char *firmware,
		    char *why, size_t size);
/* The -bios file of @config, or NULL for QEMU's own (SeaBIOS). */
const char *qemu_firmware_file(const struct backend *host, const struct vcts_config *config);
/* -kernel and -append, or the ISO as a CD or disk. */
void qemu_add_boot(struct strlist *args, const struct vcts_config *config,
		   const char *cmdline);

/* How the kernel's exit value reaches QEMU's exit status. */
enum qemu_exit_method {
	QEMU_EXIT_ISA_DEBUG,	/* x86: isa-debug-exit, status (v << 1) | 1 */
	QEMU_EXIT_SEMIHOSTING,	/* aarch64: semihosting SYS_EXIT, status v */
	QEMU_EXIT_DISABLED_WAIT,	/* s390x: a disabled-wait PSW, status 0 or 1 (qemu.c) */
	QEMU_EXIT_SIFIVE_TEST,	/* riscv64: the SiFive test device, status v */
};

enum qemu_exit_method qemu_exit_method(const char *arch);
/* Does @machine set @property ("gic-version")? */
bool qemu_machine_has_property(const char *machine, const char *property);

/* install.c: fills @backend's binary, version, firmware, data and modules. */
int qemu_install_prepare(struct backend *backend, const char *binary,
			 const char *binary_source);
void qemu_install_release(struct backend *backend);
/* @name as given if it has a slash, else the first match in $PATH (free() it); NULL if none. */
char *qemu_search_path(const char *name);
/* qboot.rom next to the binary's installation or in the usual places (x86). */
char *qemu_find_firmware(const char *binary);

/* command.c */
char **qemu_command(const struct vm_launch *launch);
/* SOCKETS/qmp-CONFIG.sock: the VM's QMP socket (free() it). */
char *qemu_qmp_socket(const struct vcts_config *config);
/* SOCKETS/console-CONFIG.sock: the console port org.vcts.0's chardev (free() it). */
char *qemu_console_socket(const struct vcts_config *config);
/*
 * The UNIX datagram sockets of the net device's backend: SOCKETS/net-CONFIG.sock
 * (QEMU's end, @peer false) and SOCKETS/net-CONFIG-peer.sock (the harness's).
 */
char *qemu_net_socket(const struct vcts_config *config, bool peer);

/*
 * vhost_user.c: the back-end daemons of the vhost-user set. Are they
 * installed, and may this user run them (virtiofsd needs root)?
 */
bool qemu_vhost_user_available(const char *type, char *why, size_t why_size);
bool qemu_is_vhost_user(const struct device_instance *dev);
bool qemu_config_uses_vhost_user(const struct vcts_config *config);
/* -chardev for @dev's back end, and its -device value started in @device. */
void qemu_vhost_user_add_device(struct strlist *args, const struct vcts_config *config,
				const struct device_instance *dev, struct strbuf *device);
/* @s inside a QEMU option string, where a literal comma is written ",,". */
void qemu_add_escaped(struct strbuf *sb, const char *s);
extern const struct host_action_module qemu_vhost_user_daemons;
/* SOCKETS/vhost-CONFIG-INSTANCE.sock: where @dev's back end listens (free() it). */
char *qemu_vhost_user_socket(const struct vcts_config *config,
			     const struct device_instance *dev);
/* OUTPUT/images/INSTANCE: the directory virtiofsd shares (free() it). */
char *qemu_vhost_user_fs_dir(const struct vcts_config *config,
			     const struct device_instance *dev);

/* actions_*.c: one module per device type, and the QMP socket's own. */
extern const struct host_action_module qemu_actions_qmp;
extern const struct host_action_module qemu_actions_blk;
extern const struct host_action_module qemu_actions_console;
extern const struct host_action_module qemu_actions_balloon;
extern const struct host_action_module qemu_actions_scsi;
extern const struct host_action_module qemu_actions_net;

#endif
