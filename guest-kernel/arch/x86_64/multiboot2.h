/*
 * Multiboot2 (the Multiboot2 Specification, version 2.0): the header GRUB
 * looks for (boot_multiboot2.S) and the boot information it hands over
 * (multiboot2.c). GRUB under UEFI loads us this way: a multiboot (v1)
 * kernel gets no ACPI pointer there, and no BIOS area holds the RSDP.
 */
#ifndef VCTS_X86_MULTIBOOT2_H
#define VCTS_X86_MULTIBOOT2_H

/* 3.1.1: the header's magic; 3.3: what the loader leaves in eax. */
#define MULTIBOOT2_HEADER_MAGIC		0xe85250d6
#define MULTIBOOT2_ARCH_I386		0	/* 32-bit protected mode */
#define MULTIBOOT2_LOADER_MAGIC		0x36d76289

/* 3.1.3: header tag types. */
#define MULTIBOOT2_HEADER_TAG_END		0
#define MULTIBOOT2_HEADER_TAG_INFO_REQUEST	1
#define MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS	3

/* 3.6: boot information tag types. */
#define MULTIBOOT2_TAG_END		0
#define MULTIBOOT2_TAG_CMDLINE		1
#define MULTIBOOT2_TAG_BASIC_MEMINFO	4
#define MULTIBOOT2_TAG_MMAP		6
#define MULTIBOOT2_TAG_ACPI_OLD		14
#define MULTIBOOT2_TAG_ACPI_NEW		15

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"

/*
 * Reads the boot information at @address: the command line into @cmdline
 * (@size bytes) and the RSDP (a copy kept in the kernel, given to
 * acpi_set_rsdp()). The heap goes into the largest available RAM block
 * at or above *@heap_start (the kernel's end): *@heap_start moves to its
 * start and its end is returned; 0 if the loader said nothing about memory.
 */
uint64_t multiboot2_parse(uint32_t address, char *cmdline, size_t size, uintptr_t *heap_start);
#endif

#endif
