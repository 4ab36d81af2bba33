/*
 * The Multiboot2 boot information (Multiboot2 Specification 3.6): a
 * total size, then tags, each 8-byte aligned, up to an end tag. Read once
 * at boot, before the heap can overwrite it; every size is checked
 * against the total, so a bad structure ends the walk, never the kernel.
 */
#include "acpi.h"
#include "multiboot2.h"
#include "lib/string.h"

#define E820_RAM		1	/* 3.6.8: type 1 is available RAM */
#define ONE_MIB			0x100000u
/* Only the first 3 GiB are mapped cacheable (boot.S): nothing above is read or used. */
#define MAPPED_LIMIT		0xc0000000u
#define INFO_MAX_SIZE		(1u << 20)
#define RSDP_V1_SIZE		20	/* ACPI 6.4 5.2.5.3: the 1.0 RSDP */
#define RSDP_MAX_SIZE		36	/* and the 2.0 one */

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_mmap {
	struct mb2_tag tag;
	uint32_t entry_size;
	uint32_t entry_version;
};

struct mb2_mmap_entry {
	uint64_t address;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

struct mb2_meminfo {
	struct mb2_tag tag;
	uint32_t mem_lower_kib;
	uint32_t mem_upper_kib;
};

/* The RSDP tags carry a copy of the structure, not its address: keep it. */
static uint8_t rsdp_copy[RSDP_MAX_SIZE] __attribute__((aligned(16)));
static uint32_t rsdp_copy_size;

static void keep_rsdp(const struct mb2_tag *tag)
{
	uint32_t size = tag->size - (uint32_t)sizeof(*tag);

	/* 3.6.11, 3.6.12: GRUB may give both; the 2.0 RSDP (XSDT) wins. */
	if (rsdp_copy_size > RSDP_V1_SIZE && tag->type == MULTIBOOT2_TAG_ACPI_OLD)
		return;
	if (size < RSDP_V1_SIZE || memcmp(tag + 1, "RSD PTR ", 8))
		return;
	if (size > RSDP_MAX_SIZE)
		size = RSDP_MAX_SIZE;
	memcpy(rsdp_copy, tag + 1, size);
	rsdp_copy_size = size;
	acpi_set_rsdp((uintptr_t)rsdp_copy);
}

static void copy_cmdline(const struct mb2_tag *tag, char *cmdline, size_t size)
{
	size_t len = tag->size - sizeof(*tag);

	if (len >= size)
		len = size - 1;
	memcpy(cmdline, tag + 1, len);
	/* The string ends at its own NUL, inside the tag, or here at the latest. */
	cmdline[len] = '\0';
}

/*
 * The heap: the largest available block at or above *@heap_start (the
 * kernel's end), within the mapped range; *@heap_start moves to its
 * start. Under OVMF the block that holds the kernel ends at 8 MiB (the
 * firmware's own data follows) while hundreds of MiB lie above it.
 * Returns the block's end, 0 if there is none.
 */
static uint64_t heap_from_mmap(const struct mb2_mmap *mmap, uintptr_t *heap_start)
{
	const uint8_t *entry = (const uint8_t *)(mmap + 1);
	const uint8_t *end = (const uint8_t *)mmap + mmap->tag.size;
	uint64_t best_start = 0, best_end = 0;

	if (mmap->entry_size < sizeof(struct mb2_mmap_entry))
		return 0;
	for (; entry + mmap->entry_size <= end; entry += mmap->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)entry;
		uint64_t start = e->address, stop = e->address + e->length;

		if (e->type != E820_RAM || stop < start)
			continue;
		if (start < *heap_start)
			start = *heap_start;
		if (stop > MAPPED_LIMIT)
			stop = MAPPED_LIMIT;
		if (stop > start && stop - start > best_end - best_start) {
			best_start = start;
			best_end = stop;
		}
	}
	if (best_end)
		*heap_start = (uintptr_t)best_start;
	return best_end;
}

uint64_t multiboot2_parse(uint32_t address, char *cmdline, size_t size, uintptr_t *heap_start)
{
	const uint8_t *info = (const uint8_t *)(uintptr_t)address;
	uint32_t total, offset = 8;
	uint64_t heap_end = 0, meminfo_end = 0;

	if (!address || address >= MAPPED_LIMIT || (address & 7))
		return 0;
	total = *(const uint32_t *)info;
	if (total > INFO_MAX_SIZE || total > MAPPED_LIMIT - address)
		return 0;
	while (offset + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(info + offset);

		if (tag->type == MULTIBOOT2_TAG_END || tag->size < sizeof(*tag) ||
		    tag->size > total - offset)
			break;
		if (tag->type == MULTIBOOT2_TAG_CMDLINE)
			copy_cmdline(tag, cmdline, size);
		else if (tag->type == MULTIBOOT2_TAG_MMAP && tag->size >= sizeof(struct mb2_mmap))
			heap_end = heap_from_mmap((const void *)tag, heap_start);
		else if (tag->type == MULTIBOOT2_TAG_BASIC_MEMINFO &&
			 tag->size >= sizeof(struct mb2_meminfo))
			meminfo_end = ONE_MIB +
				(uint64_t)((const struct mb2_meminfo *)tag)->mem_upper_kib * 1024;
		else if (tag->type == MULTIBOOT2_TAG_ACPI_OLD || tag->type == MULTIBOOT2_TAG_ACPI_NEW)
			keep_rsdp(tag);
		offset += (tag->size + 7) & ~7u;
	}
	/* 3.6.8: the memory map, when given, is the whole truth; else mem_upper. */
	return heap_end ? heap_end : meminfo_end;
}
