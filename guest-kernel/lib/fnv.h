/*
 * FNV-1a, 32 bit: the checksum of result lines and the generator of the
 * block-device data pattern. Shared, as a header only, by the test kernel
 * and the host harness so that both sides compute exactly the same values.
 */
#ifndef VCTS_FNV_H
#define VCTS_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A32_INIT 0x811c9dc5u

static inline uint32_t fnv1a32_update(uint32_t hash, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		hash ^= p[i];
		hash *= 0x01000193u;
	}
	return hash;
}

static inline uint32_t fnv1a32_u64(uint32_t hash, uint64_t value)
{
	/* Byte by byte, least significant first, whatever the CPU's order. */
	for (int i = 0; i < 8; i++) {
		hash ^= (uint8_t)(value >> (8 * i));
		hash *= 0x01000193u;
	}
	return hash;
}

/*
 * The byte at offset @offset of sector @lba in a pattern written with
 * @seed: see docs/result-protocol.md, "Host checks".
 */
static inline uint8_t pattern_byte(uint32_t seed, uint64_t lba, uint32_t offset)
{
	uint32_t hash = FNV1A32_INIT;

	hash = fnv1a32_u64(hash, seed);
	hash = fnv1a32_u64(hash, lba);
	hash = fnv1a32_u64(hash, offset);
	return (uint8_t)hash;
}

#endif
