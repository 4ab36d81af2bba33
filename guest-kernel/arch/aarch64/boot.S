/*
 * aarch64 entry. QEMU's -kernel loader enters an ELF at e_entry in EL1
 * (EL2 with virtualization=on) with the MMU off and x0 = 0; a Linux-style
 * loader enters the Image at its first byte, in EL1 or EL2, with the
 * device tree's address in x0 (Linux Documentation/arch/arm64/booting.rst).
 * We drop from EL2 to EL1 if needed, apply our own relocations (the Image
 * is position-independent; the ELF has none), take a stack, clear .bss,
 * allow FP/SIMD (the prebuilt libfdt uses SIMD registers), install the
 * exception vectors and go to C.
 */
#define CPACR_FPEN_ALL		(3 << 20)	/* ARM ARM D17.2.30 */
#define HCR_EL2_RW		(1 << 31)	/* EL1 is AArch64 (D17.2.48) */
#define CNTHCTL_EL1_ACCESS	3		/* EL1PCTEN | EL1PCEN (D17.8.2) */
#define CPTR_EL2_NO_TRAPS	0x33ff		/* RES1 bits only: no FP/SIMD traps (D17.2.32) */
#define SCTLR_EL1_MMU_OFF	0x30d00800	/* RES1 bits of v8.0: MMU, caches off, LE (D17.2.118) */
#define ID_PFR0_GIC_SHIFT	24		/* ID_AA64PFR0_EL1.GIC: system registers (D17.2.64) */
#define ICC_SRE_EL2		S3_4_C12_C9_5
#define ICC_SRE_EL2_SRE_ENABLE	9		/* SRE | Enable: EL1 may use ICC_SRE_EL1 (ARM IHI 0069) */
#define SPSR_EL1H_MASKED	0x3c5		/* DAIF set, EL1 with SP_EL1 */
#define R_AARCH64_RELATIVE	1027		/* AAELF64, "Dynamic relocations" */

/*
 * The arm64 Image header (booting.rst, "Call the kernel image"); the ELF
 * starts with it too and branches over it. image_size covers .bss and
 * the stack; flags: little-endian, 4 KiB pages, any 2 MiB-aligned base.
 */
#define IMAGE_FLAGS_LE		(0 << 0)
#define IMAGE_FLAGS_4K_PAGES	(1 << 1)
#define IMAGE_FLAGS_ANYWHERE	(1 << 3)

	.section .text.boot, "ax"
	.global _start
_start:
	b primary_entry				/* code0 */
	.long 0					/* code1 */
	.quad 0					/* text_offset */
	.quad __kernel_image_size		/* image_size (kernel.ld) */
	.quad IMAGE_FLAGS_LE | IMAGE_FLAGS_4K_PAGES | IMAGE_FLAGS_ANYWHERE
	.quad 0, 0, 0				/* res2-res4 */
	.ascii "ARM\x64"			/* magic */
	.long 0					/* res5: no PE/COFF header */

primary_entry:
	msr daifset, #0xf
	mov x19, x0			/* the loader's device tree pointer, or 0 */
	mrs x0, CurrentEL
	lsr x0, x0, #2
	cmp x0, #2
	b.ne in_el1

	/*
	 * EL2: run the kernel in EL1 with the timer, counter, FP/SIMD and
	 * (GICv3) the CPU interface's system registers reachable, EL1's view
	 * of MIDR/MPIDR the real one, SCTLR_EL1 in a known MMU-off state.
	 */
	mov x0, #HCR_EL2_RW
	msr hcr_el2, x0
	mov x0, #CNTHCTL_EL1_ACCESS
	msr cnthctl_el2, x0
	msr cntvoff_el2, xzr
	mov x0, #CPTR_EL2_NO_TRAPS
	msr cptr_el2, x0
	mrs x0, midr_el1
	msr vpidr_el2, x0
	mrs x0, mpidr_el1
	msr vmpidr_el2, x0
	ldr x0, =SCTLR_EL1_MMU_OFF
	msr sctlr_el1, x0
	mrs x0, id_aa64pfr0_el1
	ubfx x0, x0, #ID_PFR0_GIC_SHIFT, #4
	cbz x0, 1f
	mrs x0, ICC_SRE_EL2
	mov x1, #ICC_SRE_EL2_SRE_ENABLE
	orr x0, x0, x1
	msr ICC_SRE_EL2, x0
	isb
1:	mov x0, #SPSR_EL1H_MASKED
	msr spsr_el2, x0
	adr x0, in_el1
	msr elr_el2, x0
	eret

in_el1:
	bl apply_relocations
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

/*
 * The Image is linked at 0 as a position-independent executable (kernel.mk):
 * every absolute address in its data is an R_AARCH64_RELATIVE entry of
 * .rela.dyn, applied here for where we run (link address + delta). Runs
 * with the MMU off (Device memory: the entries and their targets are
 * 8-byte aligned) and touches only x0-x5.
 */
apply_relocations:
	adrp x0, __kernel_start
	add x0, x0, :lo12:__kernel_start
	ldr x1, =KERNEL_LINK_BASE
	sub x0, x0, x1				/* delta */
	adrp x1, __rela_start
	add x1, x1, :lo12:__rela_start
	adrp x2, __rela_end
	add x2, x2, :lo12:__rela_end
1:	cmp x1, x2
	b.hs 3f
	ldp x3, x4, [x1], #16			/* r_offset, r_info */
	ldr x5, [x1], #8			/* r_addend */
	cbz w4, 1b				/* R_AARCH64_NONE: a slot the linker left unused */
	cmp w4, #R_AARCH64_RELATIVE
	b.ne 2f
	add x5, x5, x0
	str x5, [x3, x0]
	b 1b
2:	b 2b					/* no other type in a static PIE: stop */
3:	ret
	.ltorg

	.section .bss
	.balign 16
boot_stack:
	.skip 65536
	.global boot_stack_top
boot_stack_top:
