/*
 * Ending a run (docs/exits.md, docs/arch-s390x.md). The kernel has
 * printed its `done` line; now it ends the VM by the method vcts.exit
 * names:
 *
 *   disabled-wait  a wait-state PSW with I/O, external and machine-check
 *                  interruptions masked: the CPU never runs again. QEMU's
 *                  s390-ccw-virtio turns it into a shutdown (status 0)
 *                  when the PSW address ends in 0xfff (its "special wait
 *                  PSW", target/s390x s390_handle_wait,
 *                  is_special_wait_psw; Linux's "signal quiesce" uses it),
 *                  and into a guest panic otherwise, which ends QEMU with
 *                  status 1 under `-action panic=exit-failure` (0 without).
 *                  So the kernel's 0 uses address 0xfff, and 1 (failures)
 *                  or 2 (a crash) the value itself, which QMP's
 *                  GUEST_PANICKED event shows as psw-addr.
 *   halt           an enabled wait with no interruption subclass enabled:
 *                  the CPU waits for ever and QEMU goes on; the harness
 *                  ends the VM.
 *
 * auto (the default) is disabled-wait: every s390x machine has it.
 */
#include "arch/arch.h"
#include "console.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lowcore.h"

#define SPECIAL_WAIT_ADDRESS	0xfffull

enum exit_step { STEP_DISABLED_WAIT, STEP_HALT, STEP_COUNT };

static const char *const step_names[STEP_COUNT] = {
	[STEP_DISABLED_WAIT] = "disabled-wait",
	[STEP_HALT] = "halt",
};

struct psw {
	uint64_t mask;
	uint64_t address;
} __attribute__((aligned(8)));

static struct {
	bool prepared;
	enum exit_step first;
} state;

const char *arch_exit_prepare(const char *method)
{
	if (state.prepared)
		return step_names[state.first];
	state.prepared = true;
	state.first = STEP_DISABLED_WAIT;
	if (!strcmp(method, "halt"))
		state.first = STEP_HALT;
	else if (*method && strcmp(method, "auto") && strcmp(method, "disabled-wait"))
		printf("# exit: unknown vcts.exit=%s (s390x: auto, disabled-wait, halt); using auto\n",
		       method);
	printf("# exit: vcts.exit=%s: the kernel will end the VM by %s\n",
	       *method ? method : "auto", step_names[state.first]);
	return step_names[state.first];
}

static _Noreturn void load_wait_psw(uint64_t mask, uint64_t address)
{
	static struct psw wait;

	wait.mask = mask;
	wait.address = address;
	__asm__ volatile("lpswe %0" : : "Q"(wait) : "memory");
	for (;;)
		;
}

/* No I/O subclass enabled (control register 6), then wait with I/O "enabled". */
static _Noreturn void halt(void)
{
	uint64_t cr6 = 0;

	__asm__ volatile("lctlg	6,6,%0" : : "Q"(cr6) : "memory");
	load_wait_psw(PSW_MASK_WAIT | PSW_MASK_IO | PSW_MASK_64BIT, 0);
}

_Noreturn void arch_exit(int status)
{
	arch_irq_disable();
	arch_exit_prepare(options.exit);
	printf("# exit: trying %s\n", step_names[state.first]);
	console_flush();
	if (state.first == STEP_HALT)
		halt();
	load_wait_psw(PSW_MASK_WAIT | PSW_MASK_64BIT,
		      status == 0 ? SPECIAL_WAIT_ADDRESS : (uint64_t)(unsigned int)status);
}
