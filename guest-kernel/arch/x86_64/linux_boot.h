/*
 * The Linux x86 boot protocol as the kernel sees it (Linux
 * Documentation/arch/x86/boot.rst and zero-page.rst): the entries in
 * boot_linux.S record LINUX_BOOT_MAGIC and the address of the loader's
 * boot_params ("zero page"); linux_boot.c reads what we need from it.
 * Offsets are shared with the setup code (bzimage/setup.S).
 */
#ifndef VCTS_X86_LINUX_BOOT_H
#define VCTS_X86_LINUX_BOOT_H

/* What the Linux entries store in boot_magic: "HdrS", the header's magic. */
#define LINUX_BOOT_MAGIC		0x53726448

/* boot_params offsets (zero-page.rst) */
#define BP_ACPI_RSDP_ADDR		0x070	/* u64, boot protocol 2.14 */
#define BP_EXT_CMD_LINE_PTR		0x0c8	/* u32: bits 63:32 of the command line */
#define BP_SCRATCH			0x1e4	/* u32 scratch for the kernel's entry */
#define BP_E820_ENTRIES			0x1e8	/* u8 */
#define BP_HDR				0x1f1	/* the setup header, as in the image */
#define BP_E820_TABLE			0x2d0	/* 20-byte entries */
#define BP_E820_MAX			128
#define BP_SIZE				0x1000

/* Setup header offsets (boot.rst, "The real-mode kernel header") */
#define HDR_SETUP_SECTS			0x1f1
#define HDR_SYSSIZE			0x1f4
#define HDR_BOOT_FLAG			0x1fe
#define HDR_JUMP			0x200
#define HDR_MAGIC			0x202
#define HDR_VERSION			0x206
#define HDR_LOADFLAGS			0x211
#define HDR_CODE32_START		0x214
#define HDR_CMD_LINE_PTR		0x228
#define HDR_KERNEL_ALIGNMENT		0x230
#define HDR_XLOADFLAGS			0x236
#define HDR_CMDLINE_SIZE		0x238
#define HDR_PREF_ADDRESS		0x258
#define HDR_INIT_SIZE			0x260
#define HDR_END				0x268	/* protocol 2.12-2.14: handover_offset ends here */

#define LOADFLAGS_LOADED_HIGH		0x01
#define XLF_KERNEL_64			0x0001
#define E820_TYPE_RAM			1

/* The 64-bit entry is this far after the 32-bit one (boot.rst, "64-bit BOOT PROTOCOL"). */
#define LINUX_ENTRY64_OFFSET		0x200

/* GDT selectors the 32-bit boot protocol names (__BOOT_CS, __BOOT_DS). */
#define BOOT_CS				0x10
#define BOOT_DS				0x18

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What boot_params said, in the form x86_start wants it. */
struct linux_boot_facts {
	uint64_t cmdline;	/* physical address of the command line, 0 if none */
	uint64_t rsdp;		/* acpi_rsdp_addr, 0 if the loader left it */
	uint64_t ram_end;	/* end of the e820 RAM range holding 1 MiB, 0 if none */
};

struct linux_boot_facts linux_boot_read(uint32_t boot_params);
#endif

#endif
