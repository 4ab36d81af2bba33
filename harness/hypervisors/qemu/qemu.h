/*
 * The QEMU backend: finding the binary and its firmware, and spelling a
 * configuration as a QEMU command line.
 */
#ifndef VCTS_QEMU_H
#define VCTS_QEMU_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/config.h"
#include "cli/options.h"

/*
 * The guest's RAM (-m), in MiB. The balloon's host action derives its
 * targets from it (QMP balloon takes the guest size the balloon leaves).
 */
#define QEMU_GUEST_RAM_MIB 128

/*
 * The net device's backend: a UNIX datagram socket pair whose other end is
 * the harness (host_action_net.c, which sets its link by this id), so that
 * every frame the guest sees or sends is one the harness made or checks.
 */
#define QEMU_NETDEV_ID "n0"

/* Everything that is the same for every VM of one `vcts run`. */
struct qemu_host {
	char *binary;		/* resolved path */
	char *firmware;		/* qboot.rom, or NULL for QEMU's default */
	const char *accel;	/* "kvm" or "tcg" */
	char *version;		/* first line of `qemu --version` */
};

/*
 * Resolve @arch's --qemu, $VCTS_QEMU (when the run has one arch) or
 * qemu-system-ARCH from PATH. Returns NULL with a one-line explanation in
 * @err when there is none.
 */
char *qemu_find_binary(const struct options *opts, const char *arch, char *err,
		       size_t err_size);
/* Is $VCTS_QEMU set and used? Not when --arch names several arches. */
bool qemu_env_applies(const struct options *opts);

/* qboot.rom next to the binary's installation or in the usual places (x86). */
char *qemu_find_firmware(const char *binary);

/* The kernel command line for @config (vcts.list added in @list_mode). */
char *qemu_kernel_cmdline(const struct vcts_config *config,
			  const struct options *opts, bool list_mode);

/*
 * The whole argument vector for one VM (NULL-terminated; free with
 * argv_free()). @image_dir holds the disk images of @config.
 */
/* OUTPUT/qmp-CONFIG.sock: the VM's QMP socket (free() it). */
char *qemu_qmp_socket(const struct vcts_config *config, const struct options *opts);
/* OUTPUT/console-CONFIG.sock: the console port org.vcts.0's chardev (free() it). */
char *qemu_console_socket(const struct vcts_config *config, const struct options *opts);
/*
 * The UNIX datagram sockets of the net device's backend: OUTPUT/net-CONFIG.sock
 * (QEMU's end, @peer false) and OUTPUT/net-CONFIG-peer.sock (the harness's).
 */
char *qemu_net_socket(const struct vcts_config *config, const struct options *opts, bool peer);
char **qemu_command(const struct qemu_host *host, const struct vcts_config *config,
		    const struct options *opts, const char *image_dir,
		    bool list_mode);

void argv_free(char **argv);

#endif
