/*
 * The kernel's entries for the Linux x86 boot protocol (Linux
 * Documentation/arch/x86/boot.rst; docs/boot-images.md). kernel.ld puts
 * this section first, at the load address 0x100000, so that:
 *
 * - the 32-bit entry is the load address (code32_start): protected mode,
 *   paging off, flat __BOOT_CS/__BOOT_DS, %esi = boot_params. Our setup
 *   code (bzimage/setup.S) comes here from QEMU's and kvmtool's 16-bit
 *   entry; a 32-bit loader (cloud-hypervisor) comes directly.
 * - the 64-bit entry is the load address + 0x200: long mode, the loader's
 *   identity-mapped page tables and GDT, %rsi = boot_params (crosvm). It
 *   leaves long mode for 32-bit protected mode (its own GDT, paging off),
 *   so that the multiboot/PVH path of boot.S builds the page tables we
 *   run on. A loader that put the image somewhere
 *   else than 0x100000 (crosvm loads every bzImage at 2 MiB) gets it
 *   copied to 0x100000 first: the kernel is linked there. The copy must
 *   not overlap the image where it was loaded.
 *
 * Both record LINUX_BOOT_MAGIC and boot_params for x86_start. boot_params,
 * the command line and the loaded image must lie below 4 GiB.
 */
#include "boot_defs.h"
#include "linux_boot.h"

#define ENTRY_GDT_CODE32	0x08
#define ENTRY_GDT_DATA		0x10

	.section .linux_entry, "ax"
	.code32
	.global linux32_entry
linux32_entry:
	cli
	movl $LINUX_BOOT_MAGIC, boot_magic
	movl %esi, boot_info_address
	jmp enter_long_mode

	.org LINUX_ENTRY64_OFFSET, 0xcc
	.code64
	.global linux64_entry
linux64_entry:
	cli
	cld
	movl %esi, %ebx				/* boot_params, kept across the switch */
	leaq linux32_entry(%rip), %rbp		/* where the image was loaded */
	/* Our GDT and our 32-bit code, at the addresses we run at now. */
	leaq entry_gdt(%rip), %rax
	movq %rax, entry_gdt_pointer + 2(%rip)
	lgdt entry_gdt_pointer(%rip)
	leaq leave_long_mode(%rip), %rax
	movl %eax, entry_code32_pointer(%rip)
	ljmpl *entry_code32_pointer(%rip)

	/*
	 * Compatibility mode, still on the loader's identity map: turning
	 * paging off leaves long mode (Intel SDM vol. 3, 9.8.5.4).
	 */
	.code32
leave_long_mode:
	movl $ENTRY_GDT_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %cr0, %eax
	andl $~CR0_PG, %eax
	movl %eax, %cr0
	movl $MSR_EFER, %ecx
	rdmsr
	andl $~EFER_LME, %eax
	wrmsr

	/* Physical addresses from here: move the image to its link address. */
	movl $__kernel_start, %edi
	cmpl %edi, %ebp
	je 2f
	movl $__bss_start, %ecx
	subl %edi, %ecx				/* the file's part; .bss is zeroed later */
	movl %ebp, %eax
	subl %edi, %eax
	jae 1f
	negl %eax
1:	cmpl %ecx, %eax
	jb overlapping_load			/* this very code would be overwritten */
	movl %ebp, %esi
	rep movsb
2:	movl %ebx, %esi
	movl $linux32_entry, %eax
	jmp *%eax

overlapping_load:
	hlt
	jmp overlapping_load

	/* Flat segments for leaving long mode; patched with where we run. */
	.balign 8
entry_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff		/* 0x08: 32-bit code */
	.quad 0x00cf92000000ffff		/* 0x10: data */
entry_gdt_end:
entry_gdt_pointer:
	.word entry_gdt_end - entry_gdt - 1
	.quad 0
entry_code32_pointer:
	.long 0
	.word ENTRY_GDT_CODE32
