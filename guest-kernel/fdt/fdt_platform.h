/*
 * The machine as its flattened device tree describes it (Devicetree
 * Specification v0.4, "DTSpec" below), read once at boot with libfdt into
 * plain structures: RAM, the command line, the console, virtio-mmio
 * transports, the PCI host bridge, the interrupt controller and PSCI.
 *
 * Architecture-neutral: interrupt specifiers are kept as the raw cells of
 * the interrupt parent's format (#interrupt-cells); the arch code that
 * drives that controller turns them into its line numbers.
 */
#ifndef VCTS_FDT_PLATFORM_H
#define VCTS_FDT_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#define FDT_MAX_MEMORY		8
#define FDT_MAX_MMIO		64
#define FDT_MAX_REGS		4
#define FDT_MAX_IRQ_CELLS	4
#define FDT_MAX_INTX		32
#define FDT_MAX_MSI_FRAMES	4
#define FDT_CMDLINE_MAX		2048
#define FDT_COMPATIBLE_MAX	32

struct fdt_range {
	uint64_t base;
	uint64_t size;
};

/* One interrupt specifier in the format of its interrupt parent. */
struct fdt_irq {
	uint32_t cells[FDT_MAX_IRQ_CELLS];
	uint8_t count;		/* 0: the node has no interrupt */
};

struct fdt_mmio_node {
	struct fdt_range reg;
	struct fdt_irq irq;
};

/* PCI address spaces of the `ranges` property (PCI Bus Binding 2.2.1.1). */
struct fdt_pci_window {
	uint64_t cpu_base;
	uint64_t pci_base;
	uint64_t size;		/* 0: the host has no such window */
};

/* One `interrupt-map` row after the mask: device, INTx pin -> parent line. */
struct fdt_intx_route {
	uint32_t device;	/* PCI device number (phys.hi bits 15:11) */
	uint32_t pin;		/* 1 = INTA .. 4 = INTD */
	struct fdt_irq parent;
};

struct fdt_pci_host {
	bool present;
	struct fdt_range ecam;		/* pci-host-ecam-generic `reg` */
	uint32_t bus_first, bus_last;	/* `bus-range` */
	struct fdt_pci_window io;	/* space code 01 */
	struct fdt_pci_window mem32;	/* space code 10 */
	struct fdt_pci_window mem64;	/* space code 11 */
	struct fdt_intx_route intx[FDT_MAX_INTX];
	int intx_count;
};

/* The interrupt controller the root's interrupt-parent names, and its MSI frames. */
struct fdt_intc {
	bool present;
	char compatible[FDT_COMPATIBLE_MAX];	/* its first compatible string */
	struct fdt_range regs[FDT_MAX_REGS];
	int reg_count;
	struct {
		char compatible[FDT_COMPATIBLE_MAX];
		struct fdt_range reg;
	} msi[FDT_MAX_MSI_FRAMES];		/* children with `msi-controller` */
	int msi_count;
};

struct fdt_platform {
	char cmdline[FDT_CMDLINE_MAX];		/* /chosen bootargs, "" if none */
	struct fdt_range memory[FDT_MAX_MEMORY];
	int memory_count;
	/* The stdout-path node: its first reg and first compatible string. */
	struct fdt_range console;
	char console_compatible[FDT_COMPATIBLE_MAX];
	struct fdt_mmio_node mmio[FDT_MAX_MMIO];	/* "virtio,mmio", DT order */
	int mmio_count;
	struct fdt_pci_host pci;
	struct fdt_intc intc;
	char psci_method[8];			/* "hvc", "smc" or "" */
};

/*
 * Reads @fdt (a blob whose header libfdt accepts) into @platform.
 * Returns 0, or a negative libfdt error code (FDT_ERR_*).
 */
int fdt_platform_read(const void *fdt, struct fdt_platform *platform);
/* Whether a valid blob header is at @address (magic and version checks). */
bool fdt_platform_valid(const void *address);
/* The blob's total size, from its header. */
uint32_t fdt_platform_size(const void *fdt);
const char *fdt_platform_error(int error);

/* Parts of fdt_platform_read in fdt_pci.c and fdt_util.c. */
int fdt_read_pci_host(const void *fdt, struct fdt_pci_host *pci);
int fdt_read_reg(const void *fdt, int node, int index, struct fdt_range *range);
int fdt_read_first_irq(const void *fdt, int node, struct fdt_irq *irq);
int fdt_interrupt_cells(const void *fdt, int controller);
int fdt_interrupt_parent(const void *fdt, int node);
uint64_t fdt_read_cells(const void *cells, int count);
bool fdt_node_enabled(const void *fdt, int node);

#endif
