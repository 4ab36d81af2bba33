/*
 * The guest architectures the suite builds a kernel for. What a
 * hypervisor offers on each (machines, where virtio-mmio slots sit) is the
 * backend's (hypervisors/backend.h).
 */
#ifndef VCTS_ARCH_H
#define VCTS_ARCH_H

#include <stdbool.h>
#include <stddef.h>

struct arch_desc {
	const char *name;		/* x86_64, as in build/ARCH/ */
	const char *build_command;	/* what builds its kernel */
};

const struct arch_desc *arch_find(const char *name);
size_t arch_count(void);
const struct arch_desc *arch_at(size_t index);
/* "x86_64, aarch64, riscv64, s390x" */
char *arch_names(void);

/*
 * The length of the "ARCH=" that starts @value when ARCH is a known arch
 * (the per-arch form of --kernel and --qemu), else 0.
 */
size_t arch_value_prefix(const char *value);

/* @machine for a configuration name: "virt,gic-version=3" -> "virt-gic-version-3" */
char *machine_tag(const char *machine);

#endif
