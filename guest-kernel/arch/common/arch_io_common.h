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
 * Byte order of memory shared with devices. Little-endian: 1.x rings and
 * configuration (virtio 1.2, 1.4 "Structure Specifications"). x86 and the
 * aarch64 kernel (SCTLR_EL1.EE = 0, mmu.c) are little-endian, so there
 * legacy virtio's "native" byte order is LE too; s390x is big-endian, so a
 * legacy device there presents rings and configuration big-endian, and
 * the channel subsystem's structures (SCHIB, ORB, CCW, IRB) and the
 * virtio-ccw command blocks are big-endian everywhere (virtio 1.2 4.3).
 *
 * The swaps are spelt in shifts, not __builtin_bswap*: GCC turns the
 * pattern into a byte-swap instruction where there is one, and on a
 * riscv64 without Zbb the builtins become libgcc calls (__bswapsi2), and
 * the kernel links no libgcc (arch/riscv64/bit_helpers.c).
 */
static inline uint16_t swab16(uint16_t v)
{
	return (uint16_t)((v << 8) | (v >> 8));
}

static inline uint32_t swab32(uint32_t v)
{
	return (v << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

static inline uint64_t swab64(uint64_t v)
{
	return ((uint64_t)swab32((uint32_t)v) << 32) | swab32((uint32_t)(v >> 32));
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static inline uint16_t cpu_to_le16(uint16_t v) { return swab16(v); }
static inline uint32_t cpu_to_le32(uint32_t v) { return swab32(v); }
static inline uint64_t cpu_to_le64(uint64_t v) { return swab64(v); }
#else
static inline uint16_t cpu_to_le16(uint16_t v) { return v; }
static inline uint32_t cpu_to_le32(uint32_t v) { return v; }
static inline uint64_t cpu_to_le64(uint64_t v) { return v; }
#endif
static inline uint16_t le16_to_cpu(uint16_t v) { return cpu_to_le16(v); }
static inline uint32_t le32_to_cpu(uint32_t v) { return cpu_to_le32(v); }
static inline uint64_t le64_to_cpu(uint64_t v) { return cpu_to_le64(v); }

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static inline uint16_t cpu_to_be16(uint16_t v) { return v; }
static inline uint32_t cpu_to_be32(uint32_t v) { return v; }
static inline uint64_t cpu_to_be64(uint64_t v) { return v; }
#else
static inline uint16_t cpu_to_be16(uint16_t v) { return swab16(v); }
static inline uint32_t cpu_to_be32(uint32_t v) { return swab32(v); }
static inline uint64_t cpu_to_be64(uint64_t v) { return swab64(v); }
#endif
static inline uint16_t be16_to_cpu(uint16_t v) { return cpu_to_be16(v); }
static inline uint32_t be32_to_cpu(uint32_t v) { return cpu_to_be32(v); }
static inline uint64_t be64_to_cpu(uint64_t v) { return cpu_to_be64(v); }

/* Whether the CPU is big-endian: the byte order of legacy virtio there. */
static inline int cpu_is_big_endian(void)
{
	return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
}

#endif
