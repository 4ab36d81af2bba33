/*
 * Interruptions. Each class has its new PSW in the lowcore (PoP chapter
 * 6): a 64-bit mode PSW with every interruption masked, pointing at its
 * entry in entry.S. I/O interruptions go to the handler the channel code
 * registers; every other class is never expected in the test kernel and
 * becomes a crash verdict that names it, with the old PSW's address as
 * the instruction pointer, the old PSW's mask as the error code, and for
 * program interruptions the program-interruption code as the vector and
 * the translation-exception identification as the address.
 */
#include "arch/arch.h"
#include "lib/test.h"
#include "lowcore.h"
#include "traps.h"

#define STACK_SIZE	16384

struct psw {
	uint64_t mask;
	uint64_t address;
};

extern char restart_entry[], external_entry[], svc_entry[], program_entry[],
	machine_check_entry[], io_entry[];

static uint8_t io_stack[STACK_SIZE] __attribute__((aligned(16)));
static uint8_t crash_stack[STACK_SIZE] __attribute__((aligned(16)));
static io_interruption_handler_t io_handler;

static volatile uint64_t *lowcore_u64(uintptr_t offset)
{
	return (volatile uint64_t *)offset;
}

static void set_new_psw(uintptr_t offset, const char *entry)
{
	lowcore_u64(offset)[0] = PSW_MASK_64BIT;
	lowcore_u64(offset)[1] = (uintptr_t)entry;
}

void traps_init(void)
{
	*lowcore_u64(LC_IO_STACK) = (uintptr_t)(io_stack + STACK_SIZE);
	*lowcore_u64(LC_CRASH_STACK) = (uintptr_t)(crash_stack + STACK_SIZE);
	set_new_psw(LC_RESTART_NEW_PSW, restart_entry);
	set_new_psw(LC_EXT_NEW_PSW, external_entry);
	set_new_psw(LC_SVC_NEW_PSW, svc_entry);
	set_new_psw(LC_PGM_NEW_PSW, program_entry);
	set_new_psw(LC_MCCK_NEW_PSW, machine_check_entry);
	set_new_psw(LC_IO_NEW_PSW, io_entry);
}

void traps_set_io_handler(io_interruption_handler_t handler)
{
	io_handler = handler;
}

static uint16_t lowcore_u16(uintptr_t offset)
{
	return *(volatile uint16_t *)offset;
}

static uint32_t lowcore_u32(uintptr_t offset)
{
	return *(volatile uint32_t *)offset;
}

static const struct psw *old_psw(uintptr_t offset)
{
	return (const struct psw *)offset;
}

/* Program-interruption codes (PoP 6-14 and following), the common ones. */
static const char *program_check_name(unsigned int code)
{
	switch (code & 0x7f) {
	case 0x01: return "operation exception";
	case 0x02: return "privileged-operation exception";
	case 0x03: return "execute exception";
	case 0x04: return "protection exception";
	case 0x05: return "addressing exception";
	case 0x06: return "specification exception";
	case 0x07: return "data exception";
	case 0x08: return "fixed-point overflow";
	case 0x09: return "fixed-point divide exception";
	case 0x10: return "segment-translation exception";
	case 0x11: return "page-translation exception";
	case 0x15: return "operand exception";
	default: return "program interruption";
	}
}

static _Noreturn void crash_program(void)
{
	unsigned int code = lowcore_u16(LC_PGM_CODE);
	const struct psw *psw = old_psw(LC_PGM_OLD_PSW);

	test_crash((int)code, program_check_name(code), psw->address, psw->mask,
		   *lowcore_u64(LC_TRANS_EXC_CODE));
}

/*
 * The vector of a crash that is not a program check: 0x100 + the class,
 * with the class's interruption code (external, SVC) or the
 * machine-check code as the address.
 */
static _Noreturn void crash_class(int class, const char *name, uintptr_t psw_offset,
				  uint64_t code)
{
	const struct psw *psw = old_psw(psw_offset);

	test_crash(0x100 + class, name, psw->address, psw->mask, code);
}

void s390x_interruption(int class)
{
	switch (class) {
	case CLASS_IO:
		if (io_handler) {
			io_handler(lowcore_u32(LC_SUBCHANNEL_ID), lowcore_u32(LC_IO_INT_PARM),
				   lowcore_u32(LC_IO_INT_WORD));
			return;
		}
		crash_class(class, "unexpected I/O interruption", LC_IO_OLD_PSW,
			    lowcore_u32(LC_SUBCHANNEL_ID));
	case CLASS_PROGRAM:
		crash_program();
	case CLASS_EXTERNAL:
		crash_class(class, "external interruption", LC_EXT_OLD_PSW,
			    lowcore_u16(LC_EXT_INT_CODE));
	case CLASS_SVC:
		crash_class(class, "supervisor-call interruption", LC_SVC_OLD_PSW,
			    lowcore_u16(LC_SVC_CODE));
	case CLASS_MACHINE_CHECK:
		crash_class(class, "machine-check interruption", LC_MCCK_OLD_PSW,
			    *lowcore_u64(LC_MCCK_CODE));
	default:
		crash_class(class, "restart interruption", LC_RESTART_OLD_PSW, 0);
	}
}
