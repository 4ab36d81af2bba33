/*
 * Traps (trap.S saves the frame). The supervisor external interrupt goes
 * to the PLIC; anything else is never expected in the test kernel and
 * becomes a crash verdict: "vector" is the scause exception code (0x100 +
 * the code for interrupts), "rip" sepc, "error code" scause itself and
 * "address" stval (RISC-V privileged spec 10.1.9-10.1.11, table 10.2).
 */
#include "arch/arch.h"
#include "lib/test.h"
#include "plic.h"

#define SCAUSE_INTERRUPT	(1ull << 63)
#define SCAUSE_CODE(scause)	((scause) & ~SCAUSE_INTERRUPT)
#define IRQ_S_EXTERNAL		9

struct trap_frame {
	uint64_t x[31];		/* x1..x31 */
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t pad;
};

static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store/AMO address misaligned",
	[7] = "store/AMO access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store/AMO page fault",
};

static const char *const interrupt_names[] = {
	[1] = "supervisor software interrupt",
	[5] = "supervisor timer interrupt",
	[9] = "supervisor external interrupt",
};

static const char *trap_name(uint64_t scause)
{
	uint64_t code = SCAUSE_CODE(scause);

	if (scause & SCAUSE_INTERRUPT) {
		if (code < sizeof(interrupt_names) / sizeof(interrupt_names[0]) &&
		    interrupt_names[code])
			return interrupt_names[code];
		return "interrupt";
	}
	if (code < sizeof(exception_names) / sizeof(exception_names[0]) && exception_names[code])
		return exception_names[code];
	return "exception";
}

void riscv64_trap(struct trap_frame *frame);
void riscv64_trap(struct trap_frame *frame)
{
	uint64_t scause, stval;

	__asm__ volatile("csrr %0, scause" : "=r"(scause));
	if (scause == (SCAUSE_INTERRUPT | IRQ_S_EXTERNAL)) {
		plic_handle_irq();
		return;
	}
	__asm__ volatile("csrr %0, stval" : "=r"(stval));
	test_crash(scause & SCAUSE_INTERRUPT ? 0x100 + (int)SCAUSE_CODE(scause) :
					       (int)SCAUSE_CODE(scause),
		   trap_name(scause), frame->sepc, scause, stval);
}
