/*
 * s390x entry. QEMU's -kernel loader starts an ELF whose entry point is
 * 0x10000 like a Linux image (hw/s390x/ipl.c): the CPU runs from 0x10000
 * in 64-bit addressing mode, DAT off, every interruption disabled, and
 * QEMU has copied the -append string to 0x10480, no longer than the u64
 * at 0x10430 allows. So the first bytes of the kernel are a jump over
 * that parameter area. We switch to 64-bit mode anyway (sam64: a loader
 * that starts us in 31-bit mode is fine too), take a stack, clear .bss
 * and go to C.
 */
#define CMDLINE_SIZE	4096	/* also in start.c */

	.section .text.head, "ax"
	.globl _start
_start:
	jg	start64

	/* The kernel's parameter area, as QEMU fills it for a Linux image. */
	.org	0x430
	.quad	CMDLINE_SIZE
	.org	0x480
	.globl	boot_cmdline
boot_cmdline:
	.fill	CMDLINE_SIZE, 1, 0

start64:
	sam64
	larl	%r15, boot_stack_top
	aghi	%r15, -160
	xc	0(8, %r15), 0(%r15)

	/* .bss is 16-byte aligned at both ends (kernel.ld). */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
1:	clgr	%r2, %r3
	jhe	2f
	xc	0(16, %r2), 0(%r2)
	aghi	%r2, 16
	j	1b

2:	brasl	%r14, s390x_start
3:	j	3b

	.section .bss
	.balign 16
boot_stack:
	.skip 65536
	.globl boot_stack_top
boot_stack_top:
