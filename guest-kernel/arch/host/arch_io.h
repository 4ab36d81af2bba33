/*
 * Host "architecture" inline accessors: the kernel's virtio core runs as
 * part of a host process, against a reference device written in C that
 * shares the process's memory. Registers are plain volatile accesses and
 * the barriers are real fences, as the device may be stepped from the
 * same thread at any wait (arch_wait_a_little) and the compiler must not
 * keep ring fields in registers across it.
 */
#ifndef VCTS_HOST_ARCH_IO_H
#define VCTS_HOST_ARCH_IO_H

#include <stdint.h>

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

static inline void barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

static inline void dma_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void dma_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
static inline void dma_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

static inline void cpu_relax(void)
{
	barrier();
}

#endif
