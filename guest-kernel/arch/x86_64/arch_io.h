/* x86_64 inline accessors: port I/O, MMIO, barriers. */
#ifndef VCTS_X86_ARCH_IO_H
#define VCTS_X86_ARCH_IO_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t value;

	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

/*
 * MMIO registers of virtio and PCI are little-endian; x86 is too, so the
 * accessors are plain volatile loads and stores.
 */
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

#include "arch/common/arch_io_common.h"

/*
 * Barriers for memory shared with a device. x86 orders stores with stores
 * and loads with loads (Intel SDM vol. 3A, "Memory Ordering in P6 and More
 * Recent Processor Families"), and a device's DMA is cache-coherent, so
 * only store-then-load needs a fence; mfence is the one that holds for
 * every memory type (Linux's dma_wmb/dma_rmb/mb on x86 are the same).
 *
 * These are the barriers for hardware devices, used whether or not
 * VIRTIO_F_ORDER_PLATFORM is negotiated: 6.1 "If VIRTIO_F_ORDER_PLATFORM
 * has been negotiated, a driver MUST use the barriers suitable for
 * hardware devices", and without it "a weaker form of memory barriers is
 * sufficient" (6), not required. On x86 the SMP forms would be the same
 * compiler barriers and a locked add instead of mfence: accepting
 * ORDER_PLATFORM changes nothing here.
 */
static inline void barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

static inline void dma_wmb(void) { barrier(); }
static inline void dma_rmb(void) { barrier(); }
static inline void dma_mb(void)
{
	__asm__ volatile("mfence" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

#endif
