/*
 * The inline accessors every arch_io.h shares, built on its own
 * mmio_read8/16/32 and mmio_write8/16/32: include it after those.
 */
#ifndef VCTS_ARCH_IO_COMMON_H
#define VCTS_ARCH_IO_COMMON_H

#include <stdint.h>

/*
 * One access of @width bytes (1, 2 or 4; any other width is done as 4),
 * for registers whose width the caller only knows at run time: device
 * configuration fields, BAR accesses on behalf of a test.
 */
static inline uint32_t mmio_read_sized(uintptr_t address, int width)
{
	if (width == 1)
		return mmio_read8(address);
	if (width == 2)
		return mmio_read16(address);
	return mmio_read32(address);
}

static inline void mmio_write_sized(uintptr_t address, int width, uint32_t value)
{
	if (width == 1)
		mmio_write8(address, (uint8_t)value);
	else if (width == 2)
		mmio_write16(address, (uint16_t)value);
	else
		mmio_write32(address, value);
}

/*
 * Little-endian memory shared with devices (rings). x86 and the aarch64
 * kernel (SCTLR_EL1.EE = 0, mmu.c) are little-endian, as is every host
 * this builds on, but say so; on aarch64 legacy virtio's "native" byte
 * order is LE too.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static inline uint16_t cpu_to_le16(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t cpu_to_le32(uint32_t v) { return __builtin_bswap32(v); }
static inline uint64_t cpu_to_le64(uint64_t v) { return __builtin_bswap64(v); }
#else
static inline uint16_t cpu_to_le16(uint16_t v) { return v; }
static inline uint32_t cpu_to_le32(uint32_t v) { return v; }
static inline uint64_t cpu_to_le64(uint64_t v) { return v; }
#endif
static inline uint16_t le16_to_cpu(uint16_t v) { return cpu_to_le16(v); }
static inline uint32_t le32_to_cpu(uint32_t v) { return cpu_to_le32(v); }
static inline uint64_t le64_to_cpu(uint64_t v) { return cpu_to_le64(v); }

#endif
