/*
 * aarch64 inline accessors: MMIO, barriers, byte order.
 *
 * Device registers are mapped Device-nGnRE (mmu.c) and accessed with
 * single plain LDR/STR instructions of the register's width and no
 * writeback addressing, so that a hypervisor can emulate every access
 * from the syndrome alone (ARM ARM D17.2.37, ESR_ELx ISS for data aborts:
 * ISV is 0 for writeback and pair instructions).
 *
 * Ordering with memory shared with devices (rings): like Linux's
 * readl/writel, a write to a register is ordered after earlier writes to
 * memory (DMB OSHST before it), and a read of a register before later
 * reads of memory (DMB OSHLD after it). ARM ARM B2.3 (ordering of
 * memory accesses), B2.3.12 (DMB): the outer shareable domain covers
 * the observers a device's DMA belongs to.
 */
#ifndef VCTS_AARCH64_ARCH_IO_H
#define VCTS_AARCH64_ARCH_IO_H

#include <stdint.h>

/*
 * virtio-mmio transports on this architecture come from the device tree,
 * which describes them even on a machine with PCI: main.c probes them
 * whenever the command line names none (arch.h).
 */
#define ARCH_MMIO_WINDOWS_DESCRIBED 1

static inline void barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

/*
 * Barriers for memory shared with a device: stores, loads, both. DMB in
 * the outer shareable domain, the one a device's DMA observes from (ARM
 * ARM B2.3.12), not the inner shareable DMB ISH that orders memory only
 * for the other CPUs: these are the barriers for hardware devices, the
 * same Linux uses for dma_wmb/dma_rmb/__dma_mb. So the kernel already
 * does what 6.1 asks once VIRTIO_F_ORDER_PLATFORM is negotiated ("a
 * driver MUST use the barriers suitable for hardware devices"), and does
 * it without the feature too, where "a weaker form of memory barriers is
 * sufficient" (6) but not required: accepting ORDER_PLATFORM changes
 * nothing here. A DSB (Linux's mb()) would also wait for the accesses to
 * complete, which memory-to-memory ordering with a device does not need.
 * The kernel assumes cache-coherent DMA, which QEMU's virt machine
 * declares (dma-coherent on its PCIe host and virtio-mmio nodes); a
 * device behind a non-coherent path would need cache maintenance too,
 * which no code here does.
 */
static inline void dma_wmb(void)
{
	__asm__ volatile("dmb oshst" : : : "memory");
}

static inline void dma_rmb(void)
{
	__asm__ volatile("dmb oshld" : : : "memory");
}

static inline void dma_mb(void)
{
	__asm__ volatile("dmb osh" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("yield" : : : "memory");
}

static inline uint8_t mmio_read8(uintptr_t address)
{
	uint8_t value;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(value) : "r"(address) : "memory");
	dma_rmb();
	return value;
}

static inline uint16_t mmio_read16(uintptr_t address)
{
	uint16_t value;

	__asm__ volatile("ldrh %w0, [%1]" : "=r"(value) : "r"(address) : "memory");
	dma_rmb();
	return value;
}

static inline uint32_t mmio_read32(uintptr_t address)
{
	uint32_t value;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(value) : "r"(address) : "memory");
	dma_rmb();
	return value;
}

static inline void mmio_write8(uintptr_t address, uint8_t value)
{
	dma_wmb();
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(value), "r"(address) : "memory");
}

static inline void mmio_write16(uintptr_t address, uint16_t value)
{
	dma_wmb();
	__asm__ volatile("strh %w0, [%1]" : : "rZ"(value), "r"(address) : "memory");
}

static inline void mmio_write32(uintptr_t address, uint32_t value)
{
	dma_wmb();
	__asm__ volatile("str %w0, [%1]" : : "rZ"(value), "r"(address) : "memory");
}

/* 64-bit registers of the interrupt controller (GICD_IROUTER, GICR_TYPER). */
static inline uint64_t mmio_read64(uintptr_t address)
{
	uint64_t value;

	__asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(address) : "memory");
	dma_rmb();
	return value;
}

static inline void mmio_write64(uintptr_t address, uint64_t value)
{
	dma_wmb();
	__asm__ volatile("str %x0, [%1]" : : "rZ"(value), "r"(address) : "memory");
}

#include "arch/common/arch_io_common.h"

#endif
