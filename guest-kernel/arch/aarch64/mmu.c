/*
 * Translation tables for an identity map of the first TiB of physical
 * address space (VMSAv8-64, ARM ARM chapter D8; 4 KiB granule, 48-bit
 * virtual addresses, lookup from level 0): two level-1 tables of 1 GiB
 * blocks. Every block starts as Device-nGnRE, never executable; the
 * blocks holding RAM are made Normal write-back cacheable once the
 * device tree says where RAM is. Device memory is never accessed
 * speculatively and never merged or reordered (B2.8.2), which is what
 * register accesses need; Normal memory gives the weak ordering the
 * ring code must cope with through its barriers.
 *
 * With the MMU off (at entry) every data access is Device-nGnRnE, so
 * unaligned accesses fault: the kernel is built with -mstrict-align, and
 * the prebuilt libfdt (built without it) runs only once the MMU is on.
 */
#include "arch/arch.h"
#include "mmu.h"

#define ENTRIES			512
#define BLOCK_SHIFT		30			/* level 1: 1 GiB */
#define BLOCK_SIZE		(1ull << BLOCK_SHIFT)
#define L1_TABLES		(int)(MMU_MAPPED_LIMIT >> (BLOCK_SHIFT + 9))

/* Descriptor fields (D8.3.1, D8.3.2) */
#define DESC_BLOCK		1ull
#define DESC_TABLE		3ull
#define DESC_ATTR_INDEX(n)	((uint64_t)(n) << 2)
#define DESC_SH_INNER		(3ull << 8)
#define DESC_AF			(1ull << 10)
#define DESC_PXN		(1ull << 53)
#define DESC_UXN		(1ull << 54)

/* MAIR_EL1 (D17.2.97): index 0 Device-nGnRE, index 1 Normal WB RW-allocate. */
#define ATTR_DEVICE		0
#define ATTR_NORMAL		1
#define MAIR_VALUE		(0x04ull << (8 * ATTR_DEVICE) | 0xffull << (8 * ATTR_NORMAL))

/* TCR_EL1 (D17.2.131) */
#define TCR_T0SZ_48		16ull
#define TCR_IRGN0_WBWA		(1ull << 8)
#define TCR_ORGN0_WBWA		(1ull << 10)
#define TCR_SH0_INNER		(3ull << 12)
#define TCR_TG0_4K		(0ull << 14)
#define TCR_EPD1		(1ull << 23)	/* no walks through TTBR1 */
#define TCR_IPS_SHIFT		32

/* SCTLR_EL1 (D17.2.118) */
#define SCTLR_M			(1ull << 0)
#define SCTLR_A			(1ull << 1)
#define SCTLR_C			(1ull << 2)
#define SCTLR_I			(1ull << 12)
#define SCTLR_WXN		(1ull << 19)
#define SCTLR_EE		(1ull << 25)

static uint64_t level0[ENTRIES] __attribute__((aligned(4096)));
static uint64_t level1[L1_TABLES][ENTRIES] __attribute__((aligned(4096)));

extern char __kernel_start[];

static uint64_t *block_entry(uint64_t address)
{
	uint64_t index = address >> BLOCK_SHIFT;

	return &level1[index / ENTRIES][index % ENTRIES];
}

static uint64_t device_block(uint64_t address)
{
	return address | DESC_AF | DESC_ATTR_INDEX(ATTR_DEVICE) | DESC_PXN | DESC_UXN |
	       DESC_BLOCK;
}

static uint64_t ram_block(uint64_t address)
{
	return address | DESC_AF | DESC_SH_INNER | DESC_ATTR_INDEX(ATTR_NORMAL) | DESC_UXN |
	       DESC_BLOCK;
}

static bool is_ram_block(uint64_t entry)
{
	return ((entry >> 2) & 7) == ATTR_NORMAL;
}

static uint64_t read_sctlr(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(value));
	return value;
}

/* TCR_EL1.IPS: as large as the CPU implements (ID_AA64MMFR0_EL1.PARange). */
static uint64_t physical_address_size(void)
{
	uint64_t mmfr0;

	__asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
	return (mmfr0 & 7) > 5 ? 5 : (mmfr0 & 7);
}

void mmu_init(uintptr_t also_ram)
{
	uint64_t tcr = TCR_T0SZ_48 | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
		       TCR_TG0_4K | TCR_EPD1 | physical_address_size() << TCR_IPS_SHIFT;
	uint64_t sctlr;

	for (int t = 0; t < L1_TABLES; t++) {
		level0[t] = (uint64_t)(uintptr_t)level1[t] | DESC_TABLE;
		for (int i = 0; i < ENTRIES; i++)
			level1[t][i] = device_block(((uint64_t)t * ENTRIES + (uint64_t)i) << BLOCK_SHIFT);
	}
	*block_entry((uintptr_t)__kernel_start) = ram_block((uintptr_t)__kernel_start &
							   ~(BLOCK_SIZE - 1));
	if (also_ram && also_ram < MMU_MAPPED_LIMIT)
		*block_entry(also_ram) = ram_block(also_ram & ~(BLOCK_SIZE - 1));

	__asm__ volatile("msr mair_el1, %0" : : "r"(MAIR_VALUE));
	__asm__ volatile("msr tcr_el1, %0" : : "r"(tcr));
	__asm__ volatile("msr ttbr0_el1, %0" : : "r"((uint64_t)(uintptr_t)level0));
	/* D8.14 (TLB maintenance): tables written before the walker may use them. */
	__asm__ volatile("dsb ish\n\ttlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
	sctlr = read_sctlr();
	sctlr &= ~(SCTLR_A | SCTLR_WXN | SCTLR_EE);
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I;
	__asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
}

/*
 * Break-before-make (D8.14.1): a valid Device block becomes a Normal one
 * only through an invalid entry and a TLB invalidation. Never used on
 * the block the kernel runs from (it is RAM from the start).
 */
static void remap_as_ram(uint64_t *entry, uint64_t address)
{
	*entry = 0;
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish" : : : "memory");
	*entry = ram_block(address);
	__asm__ volatile("dsb ishst\n\tisb" : : : "memory");
}

void mmu_map_ram(uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	if (end > MMU_MAPPED_LIMIT || end < base)
		end = MMU_MAPPED_LIMIT;
	for (uint64_t block = base & ~(BLOCK_SIZE - 1); block < end; block += BLOCK_SIZE) {
		uint64_t *entry = block_entry(block);

		if (!is_ram_block(*entry))
			remap_as_ram(entry, block);
	}
}

bool mmu_is_device(uint64_t base, uint64_t size)
{
	if (base >= MMU_MAPPED_LIMIT || size > MMU_MAPPED_LIMIT - base)
		return false;
	for (uint64_t block = base & ~(BLOCK_SIZE - 1); block < base + size; block += BLOCK_SIZE) {
		if (is_ram_block(*block_entry(block)))
			return false;
	}
	return true;
}
