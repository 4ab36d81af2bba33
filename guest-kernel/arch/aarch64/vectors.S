/*
 * The exception vector table (ARM ARM D1.10.2, "Exception vectors"):
 * 16 entries of 0x80 bytes, 2 KiB aligned, in four groups: current EL
 * with SP_EL0, current EL with SP_ELx, lower EL AArch64, lower EL
 * AArch32; each with synchronous, IRQ, FIQ and SError. Every entry
 * saves the general registers, ELR and SPSR in a struct trap_frame
 * (traps.h) and calls aarch64_exception(frame, entry index).
 */
#define FRAME_SIZE	272	/* x0-x30, ELR, SPSR, pad: 34 * 8 */

	.macro entry index
	.balign 0x80
	sub sp, sp, #FRAME_SIZE
	stp x0, x1, [sp, #0]
	mov x0, #\index
	b save_and_dispatch
	.endm

	.section .text
	.balign 2048
	.global exception_vectors
exception_vectors:
	entry 0
	entry 1
	entry 2
	entry 3
	entry 4
	entry 5
	entry 6
	entry 7
	entry 8
	entry 9
	entry 10
	entry 11
	entry 12
	entry 13
	entry 14
	entry 15

save_and_dispatch:
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	stp x16, x17, [sp, #128]
	stp x18, x19, [sp, #144]
	stp x20, x21, [sp, #160]
	stp x22, x23, [sp, #176]
	stp x24, x25, [sp, #192]
	stp x26, x27, [sp, #208]
	stp x28, x29, [sp, #224]
	mrs x1, elr_el1
	stp x30, x1, [sp, #240]
	mrs x1, spsr_el1
	str x1, [sp, #256]
	mov x1, x0
	mov x0, sp
	bl aarch64_exception
	ldr x1, [sp, #256]
	msr spsr_el1, x1
	ldp x30, x1, [sp, #240]
	msr elr_el1, x1
	ldp x28, x29, [sp, #224]
	ldp x26, x27, [sp, #208]
	ldp x24, x25, [sp, #192]
	ldp x22, x23, [sp, #176]
	ldp x20, x21, [sp, #160]
	ldp x18, x19, [sp, #144]
	ldp x16, x17, [sp, #128]
	ldp x14, x15, [sp, #112]
	ldp x12, x13, [sp, #96]
	ldp x10, x11, [sp, #80]
	ldp x8, x9, [sp, #64]
	ldp x6, x7, [sp, #48]
	ldp x4, x5, [sp, #32]
	ldp x2, x3, [sp, #16]
	ldp x0, x1, [sp, #0]
	add sp, sp, #FRAME_SIZE
	eret
