/*
 * A stand-in for the Linux boot protocol loaders of cloud-hypervisor and
 * crosvm (Linux Documentation/arch/x86/boot.rst, "32-bit BOOT PROTOCOL"
 * and "64-bit BOOT PROTOCOL", and zero-page.rst), so that `make check`
 * runs the bzImage's 32-bit and 64-bit entries the way they do, under
 * QEMU, which itself only takes the 16-bit one. QEMU boots this as a
 * multiboot kernel; it then does what those hypervisors do before their
 * first instruction:
 *
 * - loads the protected-mode part (syssize * 16 bytes after the setup
 *   sectors): for the 64-bit entry at 2 MiB, crosvm's address for every
 *   bzImage; for the 32-bit entry at code32_start, as cloud-hypervisor
 *   does; `linux-loader.load=0xADDRESS` on its command line overrides;
 * - builds boot_params at 0x7000: the image's setup header,
 *   type_of_loader 0xff, the command line (its own, passed on) at 0x20000,
 *   the e820 map from multiboot's memory map, acpi_rsdp_addr from the
 *   BIOS area's RSDP;
 * - loads a GDT at 0x500 with __BOOT_CS 0x10 and __BOOT_DS 0x18 and
 *   enters the 64-bit entry (load address + 0x200) in long mode on an
 *   identity map of the first GiB (2 MiB pages; PML4 0x9000, PDPT
 *   0xa000, PD 0xb000), or with `linux-loader.entry=32` the 32-bit entry
 *   (the load address) in protected mode without paging; %rsi/%esi =
 *   boot_params (linux_loader_entry.S).
 *
 * Built as 32-bit freestanding code; runs at 16 MiB, out of the way.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MULTIBOOT_LOADER_MAGIC	0x2badb002
#define MB_INFO_CMDLINE		(1u << 2)
#define MB_INFO_MMAP		(1u << 6)

#define HDRS			0x53726448	/* "HdrS" */
#define XLF_KERNEL_64		0x0001
#define ZERO_PAGE		0x7000u
#define CMDLINE			0x20000u
#define GDT			0x500u
#define PML4			0x9000u
#define PDPT			0xa000u
#define PD			0xb000u
#define LOAD_64			0x200000u	/* crosvm's KERNEL_START_OFFSET */
#define ENTRY64_OFFSET		0x200u
#define E820_MAX		128
#define COM1			0x3f8

/* Setup header and boot_params offsets (boot.rst, zero-page.rst) */
#define HDR_SETUP_SECTS		0x1f1
#define HDR_SYSSIZE		0x1f4
#define HDR_JUMP		0x200
#define HDR_MAGIC		0x202
#define HDR_VERSION		0x206
#define HDR_TYPE_OF_LOADER	0x210
#define HDR_CODE32_START	0x214
#define HDR_CMD_LINE_PTR	0x228
#define HDR_XLOADFLAGS		0x236
#define HDR_CMDLINE_SIZE	0x238
#define BP_ACPI_RSDP_ADDR	0x070
#define BP_E820_ENTRIES		0x1e8
#define BP_E820_TABLE		0x2d0

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower_kib, mem_upper_kib, boot_device;
	uint32_t cmdline;
	uint32_t unused[6];
	uint32_t mmap_length, mmap_addr;
};

struct __attribute__((packed)) multiboot_mmap_entry {
	uint32_t size;		/* of the rest of the entry */
	uint64_t address, length;
	uint32_t type;
};

struct __attribute__((packed)) e820_entry {
	uint64_t address, size;
	uint32_t type;
};

extern const uint8_t bzimage_start[], bzimage_end[];
void loader_main(uint32_t magic, const struct multiboot_info *info);
void enter_linux32(uint32_t gdt_pointer, uint32_t entry, uint32_t boot_params)
	__attribute__((noreturn));
void enter_linux64(uint32_t pml4, uint32_t gdt_pointer, uint32_t entry, uint32_t boot_params)
	__attribute__((noreturn));

/* gcc may call these for copies and clears even when freestanding. */
void *memcpy(void *dest, const void *src, size_t n);
void *memset(void *dest, int value, size_t n);

void *memcpy(void *dest, const void *src, size_t n)
{
	uint8_t *d = dest;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dest;
}

void *memset(void *dest, int value, size_t n)
{
	uint8_t *d = dest;

	while (n--)
		*d++ = (uint8_t)value;
	return dest;
}

static void put_string(const char *s)
{
	for (; *s; s++)
		__asm__ volatile("outb %0, %1" : : "a"(*s), "Nd"((uint16_t)COM1));
}

/*
 * A line on COM1 (QEMU's serial needs no set-up), then a triple fault (an
 * empty IDT and an exception), which ends the VM under -no-reboot: the run
 * fails at once and its log says why.
 */
static __attribute__((noreturn)) void fail(const char *why)
{
	static const struct __attribute__((packed)) { uint16_t limit; uint32_t base; } no_idt;

	put_string("linux-loader: ");
	put_string(why);
	put_string("\n");
	__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	for (;;)
		__asm__ volatile("cli; hlt");
}

static uint32_t read32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void write32(uint8_t *p, uint32_t value)
{
	memcpy(p, &value, sizeof(value));
}

/* @s past @prefix if it starts with it, else NULL. */
static const char *after_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

/* What follows @prefix in the word of @cmdline that starts with it, or NULL. */
static const char *option(const char *cmdline, const char *prefix)
{
	for (const char *p = cmdline; p && *p; p++)
		if ((p == cmdline || p[-1] == ' ') && after_prefix(p, prefix))
			return after_prefix(p, prefix);
	return NULL;
}

/* `linux-loader.load=0xHEX`, else @fallback. */
static uint32_t load_address(const char *cmdline, uint32_t fallback)
{
	const char *p = option(cmdline, "linux-loader.load=0x");
	uint32_t value = 0;

	if (!p)
		return fallback;
	for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
		value = value << 4 | (uint32_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	return value;
}

/* The RSDP in the BIOS read-only area (ACPI 6.4, 5.2.5.1), or 0. */
static uint32_t find_rsdp(void)
{
	for (uint32_t address = 0xe0000; address < 0x100000; address += 16)
		if (after_prefix((const char *)address, "RSD PTR "))
			return address;
	return 0;
}

/* Our command line, cut to the image's cmdline_size, at 0x20000. */
static void copy_cmdline(uint8_t *zero_page, const char *cmdline)
{
	uint32_t max = read32(zero_page + HDR_CMDLINE_SIZE);
	char *dest = (char *)CMDLINE;
	uint32_t n = 0;

	for (; cmdline && cmdline[n] && n < max; n++)
		dest[n] = cmdline[n];
	dest[n] = 0;
	write32(zero_page + HDR_CMD_LINE_PTR, CMDLINE);
}

static void copy_e820(uint8_t *zero_page, const struct multiboot_info *info)
{
	uint32_t offset = 0, count = 0;
	struct e820_entry entry;

	if (!(info->flags & MB_INFO_MMAP))
		return;
	while (offset < info->mmap_length && count < E820_MAX) {
		const struct multiboot_mmap_entry *mb = (const void *)(info->mmap_addr + offset);

		entry.address = mb->address;
		entry.size = mb->length;
		entry.type = mb->type;
		memcpy(zero_page + BP_E820_TABLE + count * sizeof(entry), &entry, sizeof(entry));
		count++;
		offset += mb->size + sizeof(mb->size);
	}
	zero_page[BP_E820_ENTRIES] = (uint8_t)count;
}

/* boot_params as a loader leaves it: the header, our fields, the rest zero. */
static void build_zero_page(const uint8_t *image, const struct multiboot_info *info,
			    const char *cmdline)
{
	uint8_t *zero_page = (uint8_t *)ZERO_PAGE;
	uint32_t rsdp = find_rsdp();
	uint32_t header_end = HDR_JUMP + 2 + image[HDR_JUMP + 1];

	memset(zero_page, 0, 4096);
	memcpy(zero_page + HDR_SETUP_SECTS, image + HDR_SETUP_SECTS, header_end - HDR_SETUP_SECTS);
	zero_page[HDR_TYPE_OF_LOADER] = 0xff;
	copy_cmdline(zero_page, cmdline);
	copy_e820(zero_page, info);
	memcpy(zero_page + BP_ACPI_RSDP_ADDR, &rsdp, sizeof(rsdp));
}

/* Identity map of the first GiB with 2 MiB pages. */
static void build_page_tables(void)
{
	uint64_t *pml4 = (uint64_t *)PML4, *pdpt = (uint64_t *)PDPT, *pd = (uint64_t *)PD;

	memset(pml4, 0, 4096);
	memset(pdpt, 0, 4096);
	pml4[0] = PDPT | 3;
	pdpt[0] = PD | 3;
	for (uint32_t i = 0; i < 512; i++)
		pd[i] = (uint64_t)i << 21 | 0x83;	/* present, writable, 2 MiB */
}

/* The GDT at 0x500, __BOOT_CS a 64-bit or a 32-bit code segment; returns its pointer. */
static uint32_t build_gdt(bool long_mode)
{
	uint64_t gdt[] = {
		0, 0,
		long_mode ? 0x00af9b000000ffffull : 0x00cf9b000000ffffull,	/* 0x10: code */
		0x00cf93000000ffffull,						/* 0x18: data */
	};
	uint8_t gdt_pointer[6] = { sizeof(gdt) - 1, 0 };

	write32(gdt_pointer + 2, GDT);
	memcpy((void *)GDT, gdt, sizeof(gdt));
	memcpy((void *)(GDT + sizeof(gdt)), gdt_pointer, sizeof(gdt_pointer));
	return GDT + sizeof(gdt);
}

/* What crosvm checks, and the version and flag that promise the 64-bit entry. */
static const char *header_problem(const uint8_t *image, uint32_t file_size, bool entry64)
{
	uint32_t setup_sects = image[HDR_SETUP_SECTS] ? image[HDR_SETUP_SECTS] : 4;

	if (read32(image + HDR_MAGIC) != HDRS)
		return "no \"HdrS\" at 0x202: not a Linux boot protocol image";
	if ((image[HDR_VERSION] | image[HDR_VERSION + 1] << 8) < 0x20c)
		return "boot protocol older than 2.12: no xloadflags";
	if (entry64 && !(image[HDR_XLOADFLAGS] & XLF_KERNEL_64))
		return "xloadflags lacks XLF_KERNEL_64: no 64-bit entry";
	if ((setup_sects + 1) * 512 + read32(image + HDR_SYSSIZE) * 16 > file_size)
		return "setup_sects and syssize reach past the end of the image";
	return NULL;
}

void loader_main(uint32_t magic, const struct multiboot_info *info)
{
	const uint8_t *image = bzimage_start;
	const char *cmdline = NULL, *problem, *entry;
	uint32_t setup_size, load;
	bool entry64;

	if (magic != MULTIBOOT_LOADER_MAGIC)
		fail("not started by a multiboot loader");
	if (info->flags & MB_INFO_CMDLINE)
		cmdline = (const char *)info->cmdline;
	entry = option(cmdline, "linux-loader.entry=");
	entry64 = !entry || !after_prefix(entry, "32");
	problem = header_problem(image, (uint32_t)(bzimage_end - bzimage_start), entry64);
	if (problem)
		fail(problem);
	setup_size = ((image[HDR_SETUP_SECTS] ? image[HDR_SETUP_SECTS] : 4) + 1) * 512;
	load = load_address(cmdline, entry64 ? LOAD_64 : read32(image + HDR_CODE32_START));
	memcpy((void *)load, image + setup_size, read32(image + HDR_SYSSIZE) * 16);
	build_zero_page(image, info, cmdline);
	if (!entry64)
		enter_linux32(build_gdt(false), load, ZERO_PAGE);
	build_page_tables();
	enter_linux64(PML4, build_gdt(true), load + ENTRY64_OFFSET, ZERO_PAGE);
}
