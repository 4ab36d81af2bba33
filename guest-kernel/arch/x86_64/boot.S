/*
 * x86_64 entry. The image is linked as ELF64 and converted to ELF32 so that
 * QEMU's multiboot loader takes it (it refuses ELF64); the PVH note gives a
 * second entry that Firecracker, cloud-hypervisor and QEMU's microvm use.
 * Both loaders enter in 32-bit protected mode with paging off and ebx
 * pointing at their boot information; we build identity page tables for the
 * low 4 GiB and jump to long mode.
 */
#include "boot_defs.h"

	.section .multiboot, "a"
	.align 4
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

	/* Xen ELF note XEN_ELFNOTE_PHYS32_ENTRY: the PVH entry point. */
	.section .note.pvh, "a", @note
	.align 4
	.long 4			/* name size: "Xen\0" */
	.long 4			/* descriptor size */
	.long 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long pvh_entry

	.section .text.boot, "ax"
	.code32
	.global multiboot_entry
multiboot_entry:
	cli
	movl %eax, boot_magic
	movl %ebx, boot_info_address
	jmp enter_long_mode

	.global pvh_entry
pvh_entry:
	/* Some loaders put a multiboot magic in eax here too: record PVH. */
	cli
	movl $PVH_START_MAGIC, boot_magic
	movl %ebx, boot_info_address

	.global enter_long_mode		/* also the Linux entries' (boot_linux.S) */
enter_long_mode:
	/* Loaders zero .bss, but the page tables must not depend on it. */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	cld
	rep stosb
	movl $boot_stack_top, %esp
	lgdt gdt_pointer

	/* PML4[0] -> PDPT, PDPT[0..3] -> four page directories of 2 MiB pages. */
	movl $page_pml4, %edi
	movl $page_pdpt, %eax
	orl $(PTE_PRESENT | PTE_WRITE), %eax
	movl %eax, (%edi)

	movl $page_pdpt, %edi
	movl $page_directories, %eax
	orl $(PTE_PRESENT | PTE_WRITE), %eax
	movl $4, %ecx
1:	movl %eax, (%edi)
	addl $4096, %eax
	addl $8, %edi
	loop 1b

	/*
	 * 2048 entries, one per 2 MiB. RAM and firmware live below 3 GiB; the
	 * top gigabyte (PCI windows, IOAPIC, LAPIC) is mapped uncached.
	 */
	movl $page_directories, %edi
	xorl %ebx, %ebx			/* entry index */
2:	movl %ebx, %eax
	shll $21, %eax
	orl $(PTE_PRESENT | PTE_WRITE | PTE_LARGE), %eax
	cmpl $1536, %ebx
	jb 3f
	orl $(PTE_WRITE_THROUGH | PTE_CACHE_DISABLE), %eax
3:	movl %eax, (%edi)
	movl $0, 4(%edi)
	addl $8, %edi
	incl %ebx
	cmpl $2048, %ebx
	jb 2b

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $page_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_PE), %eax
	movl %eax, %cr0
	ljmp $GDT_CODE64, $long_mode_entry

	.code64
long_mode_entry:
	movw $GDT_DATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_stack_top, %rsp
	xorq %rbp, %rbp
	movl boot_magic, %edi
	movl boot_info_address, %esi
	call x86_start
	/* x86_start never returns; stop here if it does. */
4:	cli
	hlt
	jmp 4b

	.section .rodata
	.align 16
gdt:
	.quad 0				/* null */
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
gdt_end:
gdt_pointer:
	.word gdt_end - gdt - 1
	.quad gdt

	.section .data
	.global boot_magic, boot_info_address
boot_magic:
	.long 0
boot_info_address:
	.long 0

	.section .bss
	.align 4096
page_pml4:
	.skip 4096
page_pdpt:
	.skip 4096
page_directories:
	.skip 4 * 4096
	.align 16
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:
