/*
 * The guest architectures the harness knows, and their machines: which
 * machine each transport runs on, which kernel image it boots, where
 * virtio-mmio slots sit, and how the kernel's exit value reaches the host.
 * QEMU's spelling of all this is in hypervisors/qemu.c.
 */
#ifndef VCTS_ARCH_H
#define VCTS_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum exit_method {
	EXIT_ISA_DEBUG,		/* x86: isa-debug-exit, status (v << 1) | 1 */
	EXIT_SEMIHOSTING,	/* aarch64: semihosting SYS_EXIT, status v */
};

/* A machine's virtio-mmio slots: slot i at base + i * stride. */
struct mmio_layout {
	uint64_t base;
	uint64_t stride;
	size_t slots;
};

struct arch_desc {
	const char *name;		/* x86_64, as in build/ARCH/ and qemu-system-ARCH */
	const char *const *machines;	/* for --machine; the first is the default */
	size_t machine_count;
	/*
	 * The machine the mmio transports run on whatever --machine says, or
	 * NULL when they run on the --machine list like the PCI ones.
	 */
	const char *mmio_machine;
	/* Do the mmio transports boot --kernel-pvh instead of --kernel? */
	bool mmio_boots_pvh;
	struct mmio_layout mmio;	/* where the mmio transports' devices go */
	enum exit_method exit;
	const char *build_command;	/* what builds its kernel */
	const char *qemu_package;	/* Debian package of qemu-system-ARCH */
};

const struct arch_desc *arch_find(const char *name);
size_t arch_count(void);
const struct arch_desc *arch_at(size_t index);
/* "x86_64, aarch64" */
char *arch_names(void);

/*
 * The length of the "ARCH=" that starts @value when ARCH is a known arch
 * (the per-arch form of --kernel and --qemu), else 0.
 */
size_t arch_value_prefix(const char *value);

/* Is the machine part of @machine ("virt" of "virt,gic-version=3") @arch's? */
bool machine_of_arch(const char *arch, const char *machine);
/*
 * Check the properties after the machine name: 0, or -1 with one line in
 * @why. Only those the harness knows are accepted (gic-version on virt).
 */
int machine_check_properties(const char *machine, char *why, size_t size);
/* "q35, pc", "virt, virt,gic-version=2|3|host|max" */
char *machine_names(const char *arch);
/* @machine for a configuration name: "virt,gic-version=3" -> "virt-gic-version-3" */
char *machine_tag(const char *machine);
/* Does @machine set @property ("gic-version")? */
bool machine_has_property(const char *machine, const char *property);

/* The host status QEMU exits with when the kernel exits with @value. */
int arch_exit_status(const char *arch, int value);

#endif
