/*
 * The stand-in Linux boot protocol loader (linux_loader.c): a multiboot
 * kernel that QEMU boots, carrying vcts-bzImage inside it (.incbin of
 * BZIMAGE_PATH). This file is its multiboot header, its entry and the
 * last steps (Linux Documentation/arch/x86/boot.rst): the 32-bit entry in
 * protected mode as cloud-hypervisor takes it, or long mode on the page
 * tables the C part built and the 64-bit entry as crosvm takes it; both
 * with __BOOT_CS/__BOOT_DS loaded and %esi/%rsi = boot_params.
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

/* void enter_linux32(uint32_t gdt_pointer, uint32_t entry, uint32_t boot_params) */
	.global enter_linux32
enter_linux32:
	movl 4(%esp), %eax
	lgdt (%eax)
	movl 8(%esp), %eax
	movl 12(%esp), %esi
	ljmp $BOOT_CS, $1f
1:	movl $BOOT_DS, %ecx
	movl %ecx, %ds
	movl %ecx, %es
	movl %ecx, %ss
	xorl %ebp, %ebp				/* boot.rst: %ebp, %edi, %ebx zero */
	xorl %edi, %edi
	xorl %ebx, %ebx
	jmp *%eax

/*
 * void enter_linux64(uint32_t pml4, uint32_t gdt_pointer, uint32_t entry,
 *                    uint32_t boot_params)
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
