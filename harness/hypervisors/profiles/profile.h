/*
 * What the hypervisor profiles (bhyve, vmm, virtualbox, firecracker,
 * cloud-hypervisor, kvmtool, crosvm; docs/hypervisors/) share: finding
 * their program and its version, the boot images they load, the files
 * their commands write next to the console logs, where the hypervisor
 * places devices the configuration cannot pin, and which device types
 * run on which transport.
 */
#ifndef VCTS_PROFILE_H
#define VCTS_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "hypervisors/backend.h"
#include "plan/config.h"

/* The guest's RAM in MiB, as every profile spells it. */
#define PROFILE_GUEST_RAM_MIB 128

/*
 * The tap interface a profile's net device uses: the hypervisors need a
 * host interface and vcts brings none (each docs/hypervisors/NAME.md
 * says how to create it).
 */
#define PROFILE_TAP "vcts-tap0"
/* The net device's address, the one the net tests expect (net_harness_mac). */
#define PROFILE_NET_MAC "52:54:00:12:34:56"

/*
 * prepare(): @backend->arch->binary, or @given (from @source:
 * "--hypervisor-binary "), found on PATH; its version from the first
 * line @version_args prints (NULL: the host's uname, for hypervisors
 * without a version option), and the boot image checked. 0, or -1
 * after one `vcts:` line.
 */
int profile_prepare(struct backend *backend, const char *given, const char *source,
		    const char *const *version_args);
void profile_release(struct backend *backend);

/*
 * Is the boot image of @arch built (plan/boot_image.c: its file under
 * build/ARCH/)? 0, or -1 after one `vcts:` line that names the missing
 * image and what builds it; @who names the hypervisor or the stand-in.
 * The ELF kernels are left to plan/setup.c, since --kernel and
 * --kernel-pvh may name other files.
 */
int profile_check_boot_image(const struct backend_arch *arch, const char *who);

/* OUTPUT/logs/CONFIG-SUFFIX: a file a profile's command writes (free() it). */
char *profile_output_file(const struct vcts_config *config, const char *suffix);
/*
 * Write @text to @path; a failure is one `vcts:` line (the hypervisor
 * then says what is missing, and the run records it).
 */
void profile_write_file(const char *path, const char *text);
/*
 * @path as an absolute path (the current directory in front of a
 * relative one), for a hypervisor whose server process does not share
 * the harness's current directory (VirtualBox's VBoxSVC). Allocated.
 */
char *profile_absolute_path(const char *path);
/* IMAGE_DIR/IMAGE: the backing file of @dev (free() it). */
char *profile_image_path(const char *image_dir, const struct device_instance *dev);
/* The kernel command line with @extra words after it (free() it). */
char *profile_cmdline(const struct vm_launch *launch, const char *extra);

/*
 * Where the console of @config goes for a hypervisor that routes it by
 * @route: OUTPUT/logs/CONFIG-serial.txt for a file,
 * SOCKETS/serial-CONFIG.sock for a UNIX socket; NULL for stdio and a pty
 * (the hypervisor names it on its output). Allocated.
 */
char *profile_console_path(const struct vcts_config *config, enum console_route route);
/* The `console` op of every profile: its ops' route, at those places. */
void profile_console(const struct vm_launch *launch, struct console_spec *console);

/* Does @config attach a device of @type? */
bool profile_has_type(const struct vcts_config *config, const char *type);

/*
 * A hypervisor that attaches devices in an order of its own (by type,
 * then in the order they were given): how many devices of @config come
 * before device @index, types ranked by @order (types not in it last).
 */
size_t profile_attach_rank(const struct vcts_config *config, size_t index,
			   const char *const *order, size_t order_count);

/* One device type on one transport, in one driver mode (NULL: any). */
struct device_transport {
	const char *type;
	const char *transport;
	const char *mode;
};

/* Is (@type, @transport, @mode) in @table? */
bool profile_table_runs(const struct device_transport *table, size_t count,
			const char *type, const char *transport, const char *mode);

#endif
