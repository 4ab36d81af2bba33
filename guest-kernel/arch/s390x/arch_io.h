/*
 * s390x inline accessors: barriers, byte order, and memory accessors for
 * the shared code that expects them.
 *
 * s390x has no memory-mapped device registers here: devices are reached
 * through the channel subsystem (I/O instructions, transports/ccw) and
 * the machine has no PCI or virtio-mmio, so the mmio_* accessors below
 * are plain volatile accesses for code that is compiled everywhere and
 * never reaches a register on this machine.
 *
 * Ordering: z/Architecture storage accesses appear in program order to
 * other CPUs and to channel programs, except that a store may be
 * overtaken by a later fetch from another location (PoP 5-130,
 * "Storage-Operand Consistency"). BCR 15,0 serializes (PoP 5-138,
 * "CPU Serialization"): that is the barrier for memory shared with a
 * device, as Linux's dma_rmb/dma_wmb/mb on s390. BCR 14,0 (fast BCR
 * serialization, z196 and later) would do too; 15,0 works on every model.
 */
#ifndef VCTS_S390X_ARCH_IO_H
#define VCTS_S390X_ARCH_IO_H

#include <stdint.h>

static inline void barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

static inline void dma_mb(void)
{
	__asm__ volatile("bcr 15,0" : : : "memory");
}

static inline void dma_wmb(void)
{
	dma_mb();
}

static inline void dma_rmb(void)
{
	dma_mb();
}

static inline void cpu_relax(void)
{
	barrier();
}

static inline uint8_t mmio_read8(uintptr_t address)
{
	return *(volatile uint8_t *)address;
}

static inline uint16_t mmio_read16(uintptr_t address)
{
	return *(volatile uint16_t *)address;
}

static inline uint32_t mmio_read32(uintptr_t address)
{
	return *(volatile uint32_t *)address;
}

static inline uint64_t mmio_read64(uintptr_t address)
{
	return *(volatile uint64_t *)address;
}

static inline void mmio_write8(uintptr_t address, uint8_t value)
{
	*(volatile uint8_t *)address = value;
}

static inline void mmio_write16(uintptr_t address, uint16_t value)
{
	*(volatile uint16_t *)address = value;
}

static inline void mmio_write32(uintptr_t address, uint32_t value)
{
	*(volatile uint32_t *)address = value;
}

static inline void mmio_write64(uintptr_t address, uint64_t value)
{
	*(volatile uint64_t *)address = value;
}

#include "arch/common/arch_io_common.h"

#endif
