/*
 * What the device tree says that only riscv64 needs, beside the
 * architecture-neutral fdt_platform: the timebase, the PLIC and this
 * hart's S-mode context on it, and the SiFive test device.
 */
#ifndef VCTS_RISCV64_FDT_H
#define VCTS_RISCV64_FDT_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/fdt_platform.h"

struct riscv_platform {
	uint64_t timebase_frequency;	/* /cpus timebase-frequency, 0 if absent */
	bool has_plic;
	int plic_node;			/* its node offset, to match interrupt parents */
	uint32_t plic_phandle;
	struct fdt_range plic;
	uint32_t plic_sources;		/* riscv,ndev: sources 1..ndev */
	int plic_context;		/* this hart's S-mode external context, -1 if none */
	bool has_test_device;
	uint64_t test_device;		/* "sifive,test0" reg base */
	bool has_imsic;			/* aia=aplic-imsic: not driven, said why */
};

/* Reads @fdt for hart @hartid; 0, or a negative libfdt error. */
int riscv_fdt_read(const void *fdt, unsigned long hartid, struct riscv_platform *out);


#endif
