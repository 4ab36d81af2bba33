/*
 * riscv64 entry. OpenSBI (QEMU's default -bios on virt) starts the next
 * stage in S-mode with a0 = this hart's id and a1 = the device tree's
 * address (RISC-V SBI spec 1.0, and Linux Documentation/arch/riscv/
 * boot.rst "Pre-kernel requirements"), translation off, interrupts off
 * (sstatus.SIE = 0). Only the boot hart runs: the others wait in
 * OpenSBI's hart state management until started, which we never do.
 * We take a stack, clear .bss, install the trap vector and go to C.
 */
#define SSTATUS_SIE		(1 << 1)	/* privileged spec 10.1.1 */
#define SSTATUS_FS		(3 << 13)

	.section .text.boot, "ax"
	.global _start
_start:
	/* No gp-relative relaxation: the linker script defines no __global_pointer$. */
	.option push
	.option norelax
	csrci sstatus, SSTATUS_SIE
	csrw sie, zero
	/* FS = Off: a stray FP instruction traps (and is reported) instead of running. */
	li t0, SSTATUS_FS
	csrc sstatus, t0
	mv s0, a0			/* hart id */
	mv s1, a1			/* device tree */
	la sp, boot_stack_top
	/* .bss is 16-byte aligned at both ends (kernel.ld). */
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	sd zero, 8(t0)
	addi t0, t0, 16
	j 1b
2:	la t0, trap_entry
	csrw stvec, t0			/* direct mode: the low two bits are 0 (trap.S aligns) */
	mv a0, s0
	mv a1, s1
	li fp, 0
	li ra, 0
	call riscv64_start
3:	wfi
	j 3b
	.option pop

	.section .bss
	.balign 16
boot_stack:
	.skip 65536
	.global boot_stack_top
boot_stack_top:
