/*
 * aarch64 entry. QEMU's -kernel loader enters an ELF at e_entry in EL1
 * (EL2 with virtualization=on) with the MMU off and x0 = 0; a Linux-style
 * loader passes the device tree's address in x0. We drop from EL2 to EL1
 * if needed, take a stack, clear .bss, allow FP/SIMD (the prebuilt libfdt
 * uses SIMD registers), install the exception vectors and go to C.
 */
#define CPACR_FPEN_ALL		(3 << 20)	/* ARM ARM D17.2.30 */
#define HCR_EL2_RW		(1 << 31)	/* EL1 is AArch64 (D17.2.48) */
#define CNTHCTL_EL1_ACCESS	3		/* EL1PCTEN | EL1PCEN (D17.8.2) */
#define SPSR_EL1H_MASKED	0x3c5		/* DAIF set, EL1 with SP_EL1 */

	.section .text.boot, "ax"
	.global _start
_start:
	msr daifset, #0xf
	mov x19, x0			/* the loader's device tree pointer, or 0 */
	mrs x0, CurrentEL
	lsr x0, x0, #2
	cmp x0, #2
	b.ne in_el1

	/* EL2: run the kernel in EL1 with the timer and counter reachable. */
	mov x0, #HCR_EL2_RW
	msr hcr_el2, x0
	mov x0, #CNTHCTL_EL1_ACCESS
	msr cnthctl_el2, x0
	msr cntvoff_el2, xzr
	mov x0, #SPSR_EL1H_MASKED
	msr spsr_el2, x0
	adr x0, in_el1
	msr elr_el2, x0
	eret

in_el1:
	msr spsel, #1
	adrp x0, boot_stack_top
	add x0, x0, :lo12:boot_stack_top
	mov sp, x0
	mov x29, xzr
	mov x30, xzr

	/* .bss is 16-byte aligned at both ends (kernel.ld). */
	adrp x0, __bss_start
	add x0, x0, :lo12:__bss_start
	adrp x1, __bss_end
	add x1, x1, :lo12:__bss_end
1:	cmp x0, x1
	b.hs 2f
	stp xzr, xzr, [x0], #16
	b 1b

2:	mov x0, #CPACR_FPEN_ALL
	msr cpacr_el1, x0
	adrp x0, exception_vectors
	add x0, x0, :lo12:exception_vectors
	msr vbar_el1, x0
	isb
	mov x0, x19
	bl aarch64_start
3:	wfi
	b 3b

	.section .bss
	.balign 16
boot_stack:
	.skip 65536
	.global boot_stack_top
boot_stack_top:
