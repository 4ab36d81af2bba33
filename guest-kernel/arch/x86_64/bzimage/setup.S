/*
 * The real-mode part of vcts-bzImage (Linux Documentation/arch/x86/boot.rst;
 * docs/boot-images.md): the boot sector with the setup header at 0x1f1,
 * then the 16-bit entry. Linked by setup.ld against the kernel's symbols,
 * which give the header's sizes.
 *
 * The 16-bit entry is the path of QEMU's linuxboot option ROMs, qboot
 * and kvmtool: the loader put this block at X (a paragraph boundary
 * below 640 KiB), patched the header (cmd_line_ptr, type_of_loader, ...),
 * loaded the kernel at code32_start and jumps to X + 0x200 in real mode
 * with %ds = %es = %ss = X >> 4. Like Linux's own setup we then build
 * boot_params (the "zero page") ourselves: a copy of the header plus the
 * BIOS's E820 memory map. It lives inside X..X+0x8000, which boot.rst
 * gives the real-mode code, so no loader's data is overwritten. Then
 * protected mode with the GDT the 32-bit protocol names, and the 32-bit
 * entry with %esi = boot_params.
 */
#include "../linux_boot.h"

#define BOOT_PARAMS		0x4000	/* offset in the setup segment */
#define SETUP_STACK_TOP		0x8000
#define SMAP			0x534d4150	/* "SMAP" (ACPI 6.4, 15.1) */
#define E820_ENTRY_SIZE		20
#define PORT_A20		0x92	/* System Control Port A */
#define PORT_A20_ENABLE		0x02
#define PORT_A20_RESET		0x01

	.section .setup, "ax"
	.code16

	/* A BIOS booting this as a disk runs the boot sector: stop there. */
	.global boot_sector		/* setup.ld: the entry of its ELF */
boot_sector:
	cli
1:	hlt
	jmp 1b

	.org HDR_SETUP_SECTS
	.byte linux_setup_sects		/* setup.ld */
	.word 0				/* root_flags */
	.long linux_syssize		/* 16-byte units of the protected-mode part */
	.word 0				/* ram_size (obsolete) */
	.word 0xffff			/* vid_mode: "normal" */
	.word 0				/* root_dev */
	.word 0xaa55			/* boot_flag */
	/* 0x200: the 16-bit entry jumps over the rest of the header. */
	.byte 0xeb, real_mode_entry - 1f
1:	.ascii "HdrS"
	.word 0x020c			/* version 2.12: xloadflags */
	.long 0				/* realmode_swtch */
	.word 0				/* start_sys_seg (obsolete) */
	.word kernel_version - 0x200
	.byte 0				/* type_of_loader: the loader's */
	.byte LOADFLAGS_LOADED_HIGH	/* protected-mode part at 0x100000 */
	.word 0				/* setup_move_size */
	.long __kernel_start		/* code32_start: the 32-bit entry */
	.long 0				/* ramdisk_image */
	.long 0				/* ramdisk_size */
	.long 0				/* bootsect_kludge */
	.word 0				/* heap_end_ptr */
	.byte 0				/* ext_loader_ver */
	.byte 0				/* ext_loader_type */
	.long 0				/* cmd_line_ptr: the loader's */
	.long 0x7fffffff		/* initrd_addr_max: we take no initrd */
	.long 0x100000			/* kernel_alignment */
	.byte 0				/* relocatable_kernel: load at pref_address */
	.byte 20			/* min_alignment: 1 MiB */
	.word XLF_KERNEL_64		/* xloadflags: the 64-bit entry exists */
	.long 2047			/* cmdline_size: kernel copy is 2 KiB with the NUL */
	.long 0				/* hardware_subarch: PC */
	.quad 0				/* hardware_subarch_data */
	.long 0				/* payload_offset: not compressed */
	.long 0				/* payload_length */
	.quad 0				/* setup_data: the loader's */
	.quad __kernel_start		/* pref_address */
	.long linux_init_size		/* memory from the load address: image, .bss, stack */
	.long 0				/* handover_offset: no EFI handover */
	.global setup_header_end		/* setup.ld checks where it is */
setup_header_end:

kernel_version:
	.asciz "vcts test kernel"

real_mode_entry:
	cli
	cld
	/* %cs is X >> 4 + 0x20 (QEMU, qboot) or X >> 4 (kvmtool): use %ds. */
	movw %ds, %ax
	movw %ax, %es
	movw %ax, %ss
	movw $SETUP_STACK_TOP, %sp
	pushw %ax
	pushw $1f
	lretw
1:	call build_boot_params
	call read_e820
	call enable_a20
	jmp enter_protected_mode

/* boot_params: zeroed, with the header as the loader left it. */
build_boot_params:
	movw $BOOT_PARAMS, %di
	xorw %ax, %ax
	movw $BP_SIZE / 2, %cx
	rep stosw
	movw $BP_HDR, %si
	movw $BOOT_PARAMS + BP_HDR, %di
	movw $HDR_END - BP_HDR, %cx
	rep movsb
	ret

/* The BIOS's memory map (INT 15h, EAX=E820h) into boot_params.e820_table. */
read_e820:
	xorl %ebx, %ebx
	movw $BOOT_PARAMS + BP_E820_TABLE, %di
1:	movl $0xe820, %eax
	movl $E820_ENTRY_SIZE, %ecx
	movl $SMAP, %edx
	int $0x15
	jc 2f
	cmpl $SMAP, %eax
	jne 2f
	addw $E820_ENTRY_SIZE, %di
	incb BOOT_PARAMS + BP_E820_ENTRIES
	testl %ebx, %ebx
	jz 2f
	cmpb $BP_E820_MAX, BOOT_PARAMS + BP_E820_ENTRIES
	jb 1b
2:	ret

/* Firmware that loaded the kernel at 1 MiB had A20 on; make sure. */
enable_a20:
	inb $PORT_A20, %al
	testb $PORT_A20_ENABLE, %al
	jnz 1f
	orb $PORT_A20_ENABLE, %al
	andb $~PORT_A20_RESET, %al
	outb %al, $PORT_A20
1:	ret

enter_protected_mode:
	xorl %ebx, %ebx
	movw %ds, %bx
	shll $4, %ebx				/* X, the linear base of this block */
	leal gdt(%ebx), %eax
	movl %eax, gdt_pointer + 2
	leal protected_mode(%ebx), %eax
	movl %eax, protected_mode_pointer
	lgdtl gdt_pointer
	movl %cr0, %eax
	orb $1, %al				/* CR0.PE */
	movl %eax, %cr0
	ljmpl *protected_mode_pointer

	.code32
protected_mode:
	movl $BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %fs
	movl %eax, %gs
	movl %eax, %ss
	leal BOOT_PARAMS(%ebx), %esi
	movl HDR_CODE32_START(%esi), %eax	/* the loader may have moved the kernel */
	xorl %ebx, %ebx
	xorl %ebp, %ebp
	xorl %edi, %edi
	jmp *%eax

	/* __BOOT_CS and __BOOT_DS of the 32-bit boot protocol, flat 4 GiB. */
	.balign 8
gdt:
	.quad 0
	.quad 0
	.quad 0x00cf9a000000ffff		/* 0x10: 32-bit code */
	.quad 0x00cf92000000ffff		/* 0x18: data */
gdt_end:
gdt_pointer:
	.word gdt_end - gdt - 1
	.long 0					/* linear address, patched */
protected_mode_pointer:
	.long 0					/* linear address, patched */
	.word BOOT_CS
