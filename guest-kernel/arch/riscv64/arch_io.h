/*
 * riscv64 inline accessors: MMIO, barriers, byte order.
 *
 * Device registers are accessed with single loads and stores of the
 * register's width (lb/lh/lw/ld, sb/sh/sw/sd), so that a hypervisor
 * decoding the trapped instruction sees exactly one access.
 *
 * Ordering (RISC-V unprivileged spec, chapter 17 "RVWMO" and 2.7
 * "Memory Ordering Instructions"): FENCE orders the predecessor set
 * before the successor set, where I/O accesses (I, O) and memory
 * accesses (R, W) are separate classes. Like Linux's writel/readl:
 * "fence w,o" before a register write orders earlier writes to memory
 * shared with the device (rings, buffers) before it; "fence i,r" after a
 * register read orders it before later reads of that memory. Between
 * memory accesses that a device observes through DMA, "fence w,w",
 * "fence r,r" and "fence rw,rw" (Linux's dma_wmb, dma_rmb, mb). The
 * kernel assumes cache-coherent DMA, which QEMU's virt machine has.
 */
#ifndef VCTS_RISCV64_ARCH_IO_H
#define VCTS_RISCV64_ARCH_IO_H

#include <stdint.h>

/*
 * virtio-mmio transports come from the device tree, which describes them
 * even on a machine with PCI: main.c probes them whenever the command
 * line names none (arch.h).
 */
#define ARCH_MMIO_WINDOWS_DESCRIBED 1

/*
 * No MSIs: the PLIC has no message interface, and the AIA's IMSIC (QEMU
 * virt,aia=aplic-imsic) is not driven (interrupts.c). PCI devices
 * interrupt through INTx; MSI-X tests skip (arch.h).
 */
#define ARCH_HAS_MSI 0

static inline void barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

static inline void dma_wmb(void)
{
	__asm__ volatile("fence w,w" : : : "memory");
}

static inline void dma_rmb(void)
{
	__asm__ volatile("fence r,r" : : : "memory");
}

static inline void dma_mb(void)
{
	__asm__ volatile("fence rw,rw" : : : "memory");
}

/* Zihintpause's PAUSE is a FENCE hint (pred = W, succ = 0): a no-op where unknown. */
static inline void cpu_relax(void)
{
	__asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010" : : : "memory");
}

static inline void io_before_write(void)
{
	__asm__ volatile("fence w,o" : : : "memory");
}

static inline void io_after_read(void)
{
	__asm__ volatile("fence i,r" : : : "memory");
}

static inline uint8_t mmio_read8(uintptr_t address)
{
	uint8_t value;

	__asm__ volatile("lbu %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
	io_after_read();
	return value;
}

static inline uint16_t mmio_read16(uintptr_t address)
{
	uint16_t value;

	__asm__ volatile("lhu %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
	io_after_read();
	return value;
}

static inline uint32_t mmio_read32(uintptr_t address)
{
	uint32_t value;

	__asm__ volatile("lw %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
	io_after_read();
	return value;
}

static inline uint64_t mmio_read64(uintptr_t address)
{
	uint64_t value;

	__asm__ volatile("ld %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
	io_after_read();
	return value;
}

static inline void mmio_write8(uintptr_t address, uint8_t value)
{
	io_before_write();
	__asm__ volatile("sb %z0, 0(%1)" : : "rJ"(value), "r"(address) : "memory");
}

static inline void mmio_write16(uintptr_t address, uint16_t value)
{
	io_before_write();
	__asm__ volatile("sh %z0, 0(%1)" : : "rJ"(value), "r"(address) : "memory");
}

static inline void mmio_write32(uintptr_t address, uint32_t value)
{
	io_before_write();
	__asm__ volatile("sw %z0, 0(%1)" : : "rJ"(value), "r"(address) : "memory");
}

static inline void mmio_write64(uintptr_t address, uint64_t value)
{
	io_before_write();
	__asm__ volatile("sd %z0, 0(%1)" : : "rJ"(value), "r"(address) : "memory");
}

#include "arch/common/arch_io_common.h"

#endif
