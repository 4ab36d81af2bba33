/* Constants shared by the x86_64 boot assembly and C code. */
#ifndef VCTS_X86_BOOT_DEFS_H
#define VCTS_X86_BOOT_DEFS_H

#define MULTIBOOT_HEADER_MAGIC	0x1badb002
/* Bit 0: page-align modules, bit 1: give us the memory map. */
#define MULTIBOOT_HEADER_FLAGS	0x00000003
#define MULTIBOOT_LOADER_MAGIC	0x2badb002
#define PVH_START_MAGIC		0x336ec578

#define PTE_PRESENT		0x001
#define PTE_WRITE		0x002
#define PTE_WRITE_THROUGH	0x008
#define PTE_CACHE_DISABLE	0x010
#define PTE_LARGE		0x080

#define CR0_PE			0x00000001
#define CR0_PG			0x80000000
#define CR4_PAE			0x00000020
#define MSR_EFER		0xc0000080
#define EFER_LME		0x00000100

#define GDT_CODE64		0x08
#define GDT_DATA		0x10

#define BOOT_STACK_SIZE		65536

#endif
