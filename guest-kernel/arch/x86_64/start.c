/*
 * From long mode to kernel_main: read what the loader passed, bring up the
 * console, exceptions, interrupt controllers and the clock.
 */
#include "arch/arch.h"
#include "boot_defs.h"
#include "acpi.h"
#include "apic.h"
#include "linux_boot.h"
#include "multiboot2.h"
#include "serial.h"
#include "timer.h"
#include "traps.h"
#include "lib/kernel.h"
#include "lib/string.h"

#define MULTIBOOT_INFO_MEMORY	(1u << 0)
#define MULTIBOOT_INFO_CMDLINE	(1u << 2)
#define MULTIBOOT_INFO_MMAP	(1u << 6)
#define E820_RAM		1
#define ONE_MIB			0x100000u
/* Only the first 3 GiB are mapped cacheable (boot.S). */
#define HEAP_LIMIT		0xc0000000u

const char arch_name[] = "x86_64";

extern char __kernel_end[];
static char cmdline_copy[2048];

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower_kib;
	uint32_t mem_upper_kib;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t unused[6];
	uint32_t mmap_length;
	uint32_t mmap_addr;
};

struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct pvh_memmap_entry {
	uint64_t address;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

static void copy_cmdline(uint64_t address)
{
	/* The loader's copy may sit where our heap starts: keep our own. */
	if (address && address < HEAP_LIMIT)
		strlcpy(cmdline_copy, (const char *)(uintptr_t)address,
			sizeof(cmdline_copy));
}

static uint64_t ram_end_from_pvh(const struct pvh_start_info *info)
{
	const struct pvh_memmap_entry *entries;

	if (info->version < 1 || !info->memmap_paddr)
		return 0;
	entries = (const struct pvh_memmap_entry *)(uintptr_t)info->memmap_paddr;
	for (uint32_t i = 0; i < info->memmap_entries && i < 128; i++) {
		if (entries[i].type == E820_RAM && entries[i].address <= ONE_MIB &&
		    entries[i].address + entries[i].size > ONE_MIB)
			return entries[i].address + entries[i].size;
	}
	return 0;
}

static uint64_t parse_boot_info(uint32_t magic, uint32_t address,
				struct boot_info *boot)
{
	const struct pvh_start_info *pvh = (const void *)(uintptr_t)address;
	const struct multiboot_info *multiboot = (const void *)(uintptr_t)address;

	if (address && magic == LINUX_BOOT_MAGIC) {
		struct linux_boot_facts facts = linux_boot_read(address);

		boot->protocol = "linux";
		copy_cmdline(facts.cmdline);
		acpi_set_rsdp(facts.rsdp);
		return facts.ram_end;
	}
	/* Some loaders pass a multiboot magic into the PVH entry: look at ebx. */
	if (address && (magic == PVH_START_MAGIC || pvh->magic == PVH_START_MAGIC)) {
		boot->protocol = "pvh";
		copy_cmdline(pvh->cmdline_paddr);
		acpi_set_rsdp(pvh->rsdp_paddr);
		return ram_end_from_pvh(pvh);
	}
	if (address && magic == MULTIBOOT_LOADER_MAGIC) {
		boot->protocol = "multiboot";
		if (multiboot->flags & MULTIBOOT_INFO_CMDLINE)
			copy_cmdline(multiboot->cmdline);
		if (multiboot->flags & MULTIBOOT_INFO_MEMORY)
			return ONE_MIB + (uint64_t)multiboot->mem_upper_kib * 1024;
		return 0;
	}
	if (address && magic == MULTIBOOT2_LOADER_MAGIC) {
		boot->protocol = "multiboot2";
		return multiboot2_parse(address, cmdline_copy, sizeof(cmdline_copy),
					&boot->heap_start);
	}
	boot->protocol = "unknown";
	return 0;
}

void x86_start(uint32_t magic, uint32_t info_address);
void x86_start(uint32_t magic, uint32_t info_address)
{
	struct boot_info boot = { .cmdline = cmdline_copy };
	uint64_t ram_end;

	serial_init();
	traps_init();
	boot.heap_start = (uintptr_t)__kernel_end;
	ram_end = parse_boot_info(magic, info_address, &boot);
	if (!ram_end)
		ram_end = 64 * ONE_MIB;	/* the least any configuration gives us */
	if (ram_end > HEAP_LIMIT)
		ram_end = HEAP_LIMIT;
	boot.heap_end = (uintptr_t)ram_end;
	apic_init();
	interrupts_init();
	timer_init();
	kernel_main(&boot);
}
