/*
 * The Multiboot2 header (Multiboot2 Specification 3.1): within the first
 * 32 KiB of the image, 8-byte aligned, every tag 8-byte aligned. GRUB
 * prefers it to the multiboot (v1) header of boot.S; QEMU's -kernel
 * knows only v1 and ignores this one.
 *
 * No EFI boot services tag (3.1.13) and no EFI entry tags: GRUB then
 * exits UEFI's boot services itself and enters us like a BIOS boot, in
 * 32-bit protected mode with paging off, eax = MULTIBOOT2_LOADER_MAGIC
 * and ebx = the boot information (3.3), at the entry below, which is
 * boot.S's 32-bit entry: it records eax and ebx for start.c.
 */
#include "multiboot2.h"

	.section .multiboot2, "a"
	.align 8
multiboot2_header:
	.long MULTIBOOT2_HEADER_MAGIC
	.long MULTIBOOT2_ARCH_I386
	.long multiboot2_header_end - multiboot2_header
	.long -(MULTIBOOT2_HEADER_MAGIC + MULTIBOOT2_ARCH_I386 + \
		(multiboot2_header_end - multiboot2_header))

	/*
	 * 3.1.4: the information we need. Flags 0: a loader that cannot give
	 * one of them must refuse to boot us, rather than let us run without
	 * a command line or RAM size.
	 */
	.align 8
info_request:
	.short MULTIBOOT2_HEADER_TAG_INFO_REQUEST
	.short 0
	.long info_request_end - info_request
	.long MULTIBOOT2_TAG_CMDLINE
	.long MULTIBOOT2_TAG_MMAP
info_request_end:

	/*
	 * ACPI: optional (flags bit 0). A BIOS machine without ACPI tables
	 * still boots; GRUB gives whichever RSDP it finds.
	 */
	.align 8
acpi_request:
	.short MULTIBOOT2_HEADER_TAG_INFO_REQUEST
	.short 1
	.long acpi_request_end - acpi_request
	.long MULTIBOOT2_TAG_ACPI_OLD
	.long MULTIBOOT2_TAG_ACPI_NEW
acpi_request_end:

	/* 3.1.6: where to enter; a 32-bit physical address. */
	.align 8
entry_address:
	.short MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS
	.short 0
	.long 12
	.long multiboot_entry

	.align 8
	.short MULTIBOOT2_HEADER_TAG_END
	.short 0
	.long 8
multiboot2_header_end:
