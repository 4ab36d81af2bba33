/*
 * Exceptions. An IRQ goes to the interrupt controller; anything else is
 * never expected in the test kernel and becomes a crash verdict with the
 * syndrome (ESR_EL1, ARM ARM D17.2.37), the faulting instruction
 * (ELR_EL1) and the faulting address (FAR_EL1, valid for aborts and
 * alignment faults), and ends the run.
 */
#include "arch/arch.h"
#include "lib/test.h"
#include "traps.h"

/* Vector table entry kinds, by index modulo 4 (ARM ARM D1.10.2). */
#define KIND_SYNC	0
#define KIND_IRQ	1
#define KIND_FIQ	2
#define KIND_SERROR	3

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)

struct ec_name {
	uint8_t ec;
	const char *name;
};

/* Exception classes (ESR_ELx.EC, ARM ARM D17.2.37). */
static const struct ec_name ec_names[] = {
	{ 0x00, "unknown reason (undefined instruction)" },
	{ 0x01, "WFI/WFE trapped" },
	{ 0x07, "FP/SIMD access trapped" },
	{ 0x0e, "illegal execution state" },
	{ 0x15, "SVC instruction" },
	{ 0x16, "HVC instruction" },
	{ 0x17, "SMC instruction" },
	{ 0x18, "system register access trapped" },
	{ 0x20, "instruction abort from a lower EL" },
	{ 0x21, "instruction abort" },
	{ 0x22, "PC alignment fault" },
	{ 0x24, "data abort from a lower EL" },
	{ 0x25, "data abort" },
	{ 0x26, "SP alignment fault" },
	{ 0x2f, "SError" },
	{ 0x30, "breakpoint from a lower EL" },
	{ 0x31, "breakpoint" },
	{ 0x32, "software step from a lower EL" },
	{ 0x33, "software step" },
	{ 0x34, "watchpoint from a lower EL" },
	{ 0x35, "watchpoint" },
	{ 0x3c, "BRK instruction" },
};

static uint64_t read_esr(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, esr_el1" : "=r"(value));
	return value;
}

static uint64_t read_far(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, far_el1" : "=r"(value));
	return value;
}

static const char *exception_name(unsigned int kind, uint64_t esr)
{
	if (kind == KIND_FIQ)
		return "FIQ";
	if (kind == KIND_SERROR)
		return "SError";
	for (unsigned int i = 0; i < sizeof(ec_names) / sizeof(ec_names[0]); i++) {
		if (ec_names[i].ec == ESR_EC(esr))
			return ec_names[i].name;
	}
	return "synchronous exception";
}

/* FAR_EL1 is meaningful for aborts, alignment and watchpoint exceptions. */
static bool far_valid(unsigned int kind, uint64_t esr)
{
	unsigned int ec = (unsigned int)ESR_EC(esr);

	return kind == KIND_SYNC && ((ec >= 0x20 && ec <= 0x25) || ec == 0x34 || ec == 0x35);
}

void aarch64_exception(struct trap_frame *frame, unsigned int index);
void aarch64_exception(struct trap_frame *frame, unsigned int index)
{
	unsigned int kind = index % 4;
	uint64_t esr;

	/* IRQs taken from EL1 with SP_EL1 (entry 5) are the only expected ones. */
	if (kind == KIND_IRQ && index < 8) {
		gic_handle_irq();
		return;
	}
	esr = read_esr();
	/*
	 * "vector" is the exception class for synchronous exceptions and
	 * SErrors (what a reader looks up in the ARM ARM), and 0x100 + the
	 * vector table entry for the others.
	 */
	test_crash(kind == KIND_SYNC || kind == KIND_SERROR ? (int)ESR_EC(esr) : 0x100 + (int)index,
		   exception_name(kind, esr), frame->elr, esr,
		   far_valid(kind, esr) ? read_far() : 0);
}
