/*
 * The stand-in for a 64-bit Linux loader (linux64_loader.c): a multiboot
 * kernel that QEMU boots, carrying vcts-bzImage inside it (.incbin of
 * BZIMAGE_PATH). This file is its multiboot header, its 32-bit entry and
 * the last step: long mode on the page tables and GDT the C part built,
 * then the bzImage's 64-bit entry with %rsi = boot_params, as crosvm and
 * cloud-hypervisor do (Linux Documentation/arch/x86/boot.rst, "64-bit
 * BOOT PROTOCOL").
 */
#define MULTIBOOT_MAGIC		0x1badb002
#define MULTIBOOT_FLAGS		0x00000003	/* page-aligned modules, memory map */
#define CR0_PG			0x80000000
#define CR4_PAE			0x00000020
#define MSR_EFER		0xc0000080
#define EFER_LME		0x00000100
#define BOOT_CS			0x10		/* boot.rst: __BOOT_CS, __BOOT_DS */
#define BOOT_DS			0x18

	.section .multiboot, "a"
	.align 4
	.long MULTIBOOT_MAGIC
	.long MULTIBOOT_FLAGS
	.long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

	.section .text.entry, "ax"
	.code32
	.global loader_entry
loader_entry:
	cli
	cld
	movl $loader_stack_top, %esp
	pushl %ebx				/* multiboot information */
	pushl %eax				/* multiboot magic */
	call loader_main			/* never returns */
1:	hlt
	jmp 1b

/*
 * void enter_linux64(uint32_t pml4, uint32_t gdt_pointer, uint32_t entry,
 *                    uint32_t boot_params): never returns.
 */
	.global enter_linux64
enter_linux64:
	movl 4(%esp), %eax
	movl %eax, %cr3
	movl 8(%esp), %eax
	lgdt (%eax)
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $CR0_PG, %eax
	movl %eax, %cr0
	ljmp $BOOT_CS, $long_mode

	.code64
long_mode:
	movl $BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %edi, %edi				/* zero-extend both */
	movl %esi, %esi
	xorl %ebp, %ebp
	xorl %ebx, %ebx
	jmp *%rdi

	.section .rodata.bzimage, "a"
	.global bzimage_start, bzimage_end
	.balign 16
bzimage_start:
	.incbin BZIMAGE_PATH
bzimage_end:

	.section .bss
	.balign 16
	.skip 16384
loader_stack_top:
