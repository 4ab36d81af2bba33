/*
 * A hypervisor backend: everything the harness knows about one hypervisor,
 * behind one ops table (docs/hypervisors.md). What it offers (arches and
 * their machines, transports, device types, boot images, host actions),
 * how it prepares itself on this host, how it spells one configuration as
 * a command line, and what its exit status means. Nothing above this
 * layer names a hypervisor: the plan asks the table what can run, vm/
 * starts what the table spells, and the results never look back.
 *
 * A `struct backend` is one installation of a hypervisor for one guest
 * arch (QEMU 7.2's qemu-system-x86_64, QEMU 10.0's from build/), with its
 * version, firmware and accelerator, prepared once per run.
 */
#ifndef VCTS_BACKEND_H
#define VCTS_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypervisors/accel.h"
#include "util.h"

struct vcts_config;
struct run_settings;
struct host_action_module;

/* A machine's virtio-mmio slots: slot i at base + i * stride. */
struct mmio_layout {
	uint64_t base;
	uint64_t stride;
	size_t slots;
};

/*
 * The family of what runs before the kernel: nothing (the hypervisor
 * loads the kernel itself), qboot, SeaBIOS (or another legacy PC BIOS),
 * OVMF (UEFI, EDK II). A stand-in (profiles/stand_in.c) runs QEMU with
 * firmware of the same family.
 */
enum firmware_family {
	FIRMWARE_NONE,
	FIRMWARE_QBOOT,
	FIRMWARE_SEABIOS,
	FIRMWARE_OVMF,
};

/* What a backend offers on one guest arch. */
struct backend_arch {
	const char *arch;		/* x86_64, as in build/ARCH/ */
	const char *const *machines;	/* for --machine; the first is the default */
	size_t machine_count;
	/*
	 * The machine the mmio transports run on whatever --machine says, or
	 * NULL when they run on the --machine list like the PCI ones.
	 */
	const char *mmio_machine;
	/* The boot image (plan/boot_image.c) it loads by default. */
	const char *boot_image;
	/* The one the mmio transports' machine loads instead, or NULL: the same. */
	const char *mmio_boot_image;
	struct mmio_layout mmio;	/* where the mmio transports' devices go */
	/* vcts.exit when --exit does not say (plan/exit_method.c); NULL: auto. */
	const char *exit_method;
	const char *package;		/* what provides it: a Debian package */
	/* The program prepare() looks for on PATH: qemu-system-x86_64, firecracker. */
	const char *binary;
	enum firmware_family firmware;	/* what it runs before the kernel */
	/* The transports it runs on this arch, or NULL: all of the ops' list. */
	const char *const *transports;
	size_t transport_count;
};

/* One exit status of the hypervisor's process and what it means. */
struct exit_meaning {
	int status;
	const char *meaning;
};

/* One installation of a hypervisor for one arch, ready to start VMs. */
struct backend {
	const struct hypervisor_ops *ops;
	const struct backend_arch *arch;
	char *binary;		/* resolved path */
	char *version;		/* as it prints it: "QEMU emulator version 7.2.22 (...)" */
	char *firmware;		/* what it boots before the kernel, or NULL: its default */
	char *data_dir;		/* where its firmware and data live, or NULL: built in */
	/* NAME=VALUE pairs its processes need (QEMU_MODULE_DIR=...). */
	struct strlist environment;
	struct accel_choice accel;
};

/*
 * Where the guest's serial console goes, as the hypervisor is told to
 * route it (vm/ connects to it): the process's standard input and output,
 * a file it writes (output only), a UNIX socket or TCP port it listens on,
 * or a pseudo-terminal it opens and names on its output.
 */
enum console_route {
	CONSOLE_STDIO,
	CONSOLE_FILE,
	CONSOLE_UNIX_SOCKET,
	CONSOLE_PTY,
	CONSOLE_TCP,
};

struct console_spec {
	enum console_route route;
	char *path;		/* file, socket or pty; NULL for a pty: from its output */
	char *host;		/* TCP */
	unsigned int port;	/* TCP */
};

/* What one VM start needs to be spelt. */
struct vm_launch {
	const struct backend *backend;
	const struct vcts_config *config;
	const char *image_dir;	/* the configuration's disk images */
	bool list_mode;		/* vcts.list: only the registry, no host actions */
	const char *kernel_cmdline;	/* vm/kernel_cmdline.c; the backend may add words */
	/* Where vm/ connects to the console (ops->console, completed), or NULL: stdio. */
	const struct console_spec *console;
};

struct hypervisor_ops {
	const char *name;	/* qemu: --hypervisor, config names, baselines */
	const char *doc;	/* how to run vcts there: docs/hypervisors/NAME.md */
	const struct backend_arch *arches;
	size_t arch_count;
	/* Transport names (plan/config.c's table) it runs. */
	const char *const *transports;
	size_t transport_count;
	/* Device types (plan/config.c's table) it can attach. */
	const char *const *device_types;
	size_t device_type_count;
	/* The boot images it loads, by their docs/boot-images.md names. */
	const char *const *boot_images;
	size_t boot_image_count;
	/* The host actions it can perform (vm/host_actions.c dispatches). */
	const struct host_action_module *const *host_actions;
	size_t host_action_count;

	/*
	 * Does device type @type run on @transport in driver @mode (NULL: every
	 * type everywhere)? The plan leaves it out of configurations where not.
	 */
	bool (*device_runs_on)(const char *type, const char *transport, const char *mode);
	/*
	 * Can this host provide @type at all (a helper program installed, the
	 * rights it needs)? NULL: always. false with @why set: the default
	 * device list leaves it out with a note; asking for it is an error.
	 */
	bool (*device_available)(const char *type, char *why, size_t why_size);
	/*
	 * Check the properties after a machine's name ("virt,gic-version=3"):
	 * 0, or -1 with one line in @why.
	 */
	int (*check_machine)(const char *machine, char *why, size_t size);
	/* "virt,gic-version=2|3|host|max" after the plain names, or NULL. */
	char *(*machine_help)(const char *machine);
	/*
	 * Can @machine boot @image (NULL: its default one) with @firmware
	 * ("default", "qboot", ...)? NULL: anything. 0, or -1 with one line
	 * in @why.
	 */
	int (*check_boot)(const char *machine, const char *image, const char *firmware,
			  char *why, size_t size);
	/*
	 * Find the installation for @backend->arch and fill @backend: @binary
	 * is what the user named (NULL: the default one), @binary_source how
	 * ("--qemu", "VCTS_QEMU") for messages. 0, or -1 after one `vcts:` line.
	 */
	int (*prepare)(struct backend *backend, const char *binary,
		       const char *binary_source);
	void (*release)(struct backend *backend);
	/* The argument vector of one VM (NULL-terminated; argv_free()). */
	char **(*command)(const struct vm_launch *launch);
	/*
	 * Where the console of the VM @launch spells goes (fields allocated;
	 * the caller frees them), or NULL: standard input and output.
	 */
	void (*console)(const struct vm_launch *launch, struct console_spec *console);
	/*
	 * The exit status the process ends with when the kernel exits with
	 * @value; asked only for the exit methods that carry it
	 * (debug-exit, semihosting: plan/exit_method.c), which only QEMU has;
	 * NULL when its status means nothing (the generic command backend:
	 * verdicts come from the console alone).
	 */
	int (*exit_status)(const struct backend *backend, int value);

	/* Where its console goes (the `console` op fills in the paths). */
	enum console_route console_route;
	/* What its exit statuses mean, for `vcts list --hypervisors` and the docs. */
	const struct exit_meaning *exit_meanings;
	size_t exit_meaning_count;
	/* How a guest ends the VM there, in a few words. */
	const char *vm_ending;
	/*
	 * Can QEMU stand in for it (vcts run --stand-in, profiles/stand_in.c)?
	 * QEMU itself cannot.
	 */
	bool has_stand_in;
	/*
	 * Where the hypervisor puts device @index of @config, spelt as the
	 * kernel's `device` lines spell locations ("00:04.0",
	 * "mmio@0xc0001000"), when the configuration cannot pin it; "" when it
	 * has no place. NULL: the plan's placement (plan/device_location.c).
	 */
	void (*device_location)(const struct vcts_config *config, size_t index,
				char *buf, size_t size);
};

const struct hypervisor_ops *hypervisor_find(const char *name);
/* "qemu, ..." for messages. */
char *hypervisor_names(void);

/* What @ops offers on @arch, or NULL. */
const struct backend_arch *hypervisor_arch(const struct hypervisor_ops *ops,
					   const char *arch);
bool hypervisor_offers_transport(const struct hypervisor_ops *ops, const char *transport);
/* Does @ops run @transport on @arch (its arch list, else the ops' list)? */
bool hypervisor_arch_offers_transport(const struct hypervisor_ops *ops, const char *arch,
				      const char *transport);
bool hypervisor_offers_device(const struct hypervisor_ops *ops, const char *type);
/* Is the machine part of @machine ("virt" of "virt,gic-version=3") one of @arch's? */
bool hypervisor_has_machine(const struct hypervisor_ops *ops, const char *arch,
			    const char *machine);
/* "q35, pc" or "virt, virt,gic-version=2|3|host|max" */
char *hypervisor_machine_names(const struct hypervisor_ops *ops, const char *arch);

void argv_free(char **argv);

/* backend_offers.c: "qboot"; "none" for FIRMWARE_NONE. */
const char *firmware_family_name(enum firmware_family family);
/* "stdio", "file", "unix", "pty", "tcp": the --console spellings (vm/console_spec.c). */
const char *console_route_name(enum console_route route);
/* The registry in its order (backends.c), for listings. */
size_t hypervisor_count(void);
const struct hypervisor_ops *hypervisor_at(size_t index);

#endif
