/*
 * Host "architecture" inline accessors: the kernel's virtio core runs as
 * part of a host process, against reference devices written in C that
 * share the process's memory. The barriers are real fences, as a device
 * may be stepped from the same thread at any wait (arch_wait_a_little)
 * and the compiler must not keep ring fields in registers across it.
 *
 * Registers are plain volatile accesses, except in the register space
 * (host.h, host_bus.c): there each access is a call into the device model
 * that decodes the address, so the kernel's real transports drive modelled
 * PCI and virtio-mmio devices exactly as they drive hardware. Until a host
 * program reserves that space, host_register_space_end is 0 and no
 * address qualifies.
 */
#ifndef VCTS_HOST_ARCH_IO_H
#define VCTS_HOST_ARCH_IO_H

#include <stdbool.h>
#include <stdint.h>

extern uintptr_t host_register_space_end;
uint32_t host_register_read(uintptr_t address, int width);
void host_register_write(uintptr_t address, int width, uint32_t value);

/* Where the register space starts (its layout: host.h). */
#define HOST_REGISTER_SPACE		0xe0000000u

static inline bool host_is_register(uintptr_t address)
{
	return address >= HOST_REGISTER_SPACE && address < host_register_space_end;
}

static inline uint8_t mmio_read8(uintptr_t address)
{
	if (host_is_register(address))
		return (uint8_t)host_register_read(address, 1);
	return *(volatile uint8_t *)address;
}

static inline uint16_t mmio_read16(uintptr_t address)
{
	if (host_is_register(address))
		return (uint16_t)host_register_read(address, 2);
	return *(volatile uint16_t *)address;
}

static inline uint32_t mmio_read32(uintptr_t address)
{
	if (host_is_register(address))
		return host_register_read(address, 4);
	return *(volatile uint32_t *)address;
}

static inline void mmio_write8(uintptr_t address, uint8_t value)
{
	if (host_is_register(address))
		host_register_write(address, 1, value);
	else
		*(volatile uint8_t *)address = value;
}

static inline void mmio_write16(uintptr_t address, uint16_t value)
{
	if (host_is_register(address))
		host_register_write(address, 2, value);
	else
		*(volatile uint16_t *)address = value;
}

static inline void mmio_write32(uintptr_t address, uint32_t value)
{
	if (host_is_register(address))
		host_register_write(address, 4, value);
	else
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
