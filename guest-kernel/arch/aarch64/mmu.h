/* The identity map: RAM Normal cacheable, everything else Device-nGnRE. */
#ifndef VCTS_AARCH64_MMU_H
#define VCTS_AARCH64_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* Everything below this is mapped (as Device unless made Normal). */
#define MMU_MAPPED_LIMIT	(1ull << 40)

/* Turns the MMU on; the blocks holding the kernel and @also_ram are RAM. */
void mmu_init(uintptr_t also_ram);
/* Maps [base, base + size) as RAM (1 GiB blocks: the whole blocks it touches). */
void mmu_map_ram(uint64_t base, uint64_t size);
/* Whether [base, base + size) is mapped, and only as Device memory. */
bool mmu_is_device(uint64_t base, uint64_t size);

#endif
