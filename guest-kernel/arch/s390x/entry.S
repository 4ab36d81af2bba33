/*
 * Interruption entry points, one per class; lowcore.c puts their
 * addresses into the new PSWs. An interruption stores the old PSW and
 * loads the new one (PoP chapter 6, "Interruptions"): the general
 * registers are the interrupted code's, so each entry saves them into
 * the lowcore (base register 0: no register needed to address it),
 * switches to a stack of its own and calls s390x_interruption(class).
 *
 * Only I/O interruptions come back: the registers are restored and the
 * old PSW reloaded. Every other class is never expected in the test
 * kernel and ends the run with a crash verdict (traps.c), on a stack of
 * its own so that even a stack overflow is reported. The kernel uses no
 * floating-point or vector registers (-msoft-float -mno-vx), so the
 * general registers are all there is to save.
 */
#include "lowcore.h"

	.section .text

	.macro CRASH_ENTRY name, class
	.globl \name
\name:
	stmg	%r0, %r15, LC_SAVE_AREA_CRASH
	lg	%r15, LC_CRASH_STACK
	aghi	%r15, -160
	xc	0(8, %r15), 0(%r15)
	lghi	%r2, \class
	brasl	%r14, s390x_interruption
0:	j	0b
	.endm

	CRASH_ENTRY restart_entry, CLASS_RESTART
	CRASH_ENTRY external_entry, CLASS_EXTERNAL
	CRASH_ENTRY svc_entry, CLASS_SVC
	CRASH_ENTRY program_entry, CLASS_PROGRAM
	CRASH_ENTRY machine_check_entry, CLASS_MACHINE_CHECK

	.globl io_entry
io_entry:
	stmg	%r0, %r15, LC_SAVE_AREA_IO
	lg	%r15, LC_IO_STACK
	aghi	%r15, -160
	xc	0(8, %r15), 0(%r15)
	lghi	%r2, CLASS_IO
	brasl	%r14, s390x_interruption
	lmg	%r0, %r15, LC_SAVE_AREA_IO
	lpswe	LC_IO_OLD_PSW
