/*
 * Ending a run (docs/exits.md). The kernel has printed its `done` line;
 * now it ends the VM by the method vcts.exit names, and when that method
 * comes back by the next one, and finally waits for interrupts that never
 * come:
 *
 *   semihosting  SYS_EXIT (0x18; "Semihosting for AArch32 and AArch64"
 *                6.5.2) with the parameter block
 *                {ADP_Stopped_ApplicationExit, status}, which on AArch64
 *                carries an exit code. Only when asked for: without QEMU's
 *                -semihosting the HLT is an undefined instruction.
 *   psci         PSCI SYSTEM_OFF (ARM DEN 0022 5.1.9, function 0x84000008)
 *                through the conduit the device tree names; QEMU exits
 *                with status 0 whatever the verdict.
 *   halt         interrupts masked, wfi for ever: the harness ends the VM.
 *
 * auto (the default) is psci when the device tree describes PSCI, else halt.
 */
#include "arch/arch.h"
#include "exit.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/string.h"

#define PSCI_SYSTEM_OFF			0x84000008u
#define SEMIHOSTING_SYS_EXIT		0x18u
#define ADP_STOPPED_APPLICATION_EXIT	0x20026u

/* In the order they are tried; each falls through to the ones after it. */
enum exit_step { STEP_SEMIHOSTING, STEP_PSCI, STEP_HALT, STEP_COUNT };

static const char *const step_names[STEP_COUNT] = {
	[STEP_SEMIHOSTING] = "semihosting",
	[STEP_PSCI] = "psci",
	[STEP_HALT] = "halt",
};

enum psci_conduit { PSCI_NONE, PSCI_HVC, PSCI_SMC };

static struct {
	enum psci_conduit conduit;
	bool prepared;
	enum exit_step first;
	bool begun;		/* arch_exit has run (and may be back after a fault) */
	enum exit_step next;	/* the step it tries next */
} state;

void exit_init(const char *psci_method)
{
	if (!strcmp(psci_method, "hvc"))
		state.conduit = PSCI_HVC;
	else if (!strcmp(psci_method, "smc"))
		state.conduit = PSCI_SMC;
}

static enum exit_step step_named(const char *method)
{
	for (int step = 0; step < STEP_COUNT; step++)
		if (!strcmp(method, step_names[step]))
			return (enum exit_step)step;
	if (*method && strcmp(method, "auto"))
		printf("# exit: unknown vcts.exit=%s (aarch64: auto, psci, semihosting, halt); using auto\n",
		       method);
	return STEP_PSCI;
}

const char *arch_exit_prepare(const char *method)
{
	if (state.prepared)
		return step_names[state.first];
	state.prepared = true;
	state.first = step_named(method);
	if (state.first == STEP_PSCI && state.conduit == PSCI_NONE) {
		printf("# exit: the device tree describes no PSCI\n");
		state.first = STEP_HALT;
	}
	printf("# exit: vcts.exit=%s: the kernel will end the VM by %s\n",
	       *method ? method : "auto", step_names[state.first]);
	return step_names[state.first];
}

static void semihosting_exit(int status)
{
	uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint64_t)status };
	register uint64_t x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

static void psci_system_off(void)
{
	register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;

	if (state.conduit == PSCI_SMC)
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

static bool step_applies(enum exit_step step)
{
	if (step == STEP_SEMIHOSTING)
		return state.first == STEP_SEMIHOSTING;
	if (step == STEP_PSCI)
		return state.conduit != PSCI_NONE;
	return true;
}

_Noreturn void arch_exit(int status)
{
	arch_irq_disable();
	arch_exit_prepare(options.exit);
	/* An exception in one method comes back here and goes on with the next. */
	if (!state.begun) {
		state.begun = true;
		state.next = state.first;
	}
	while (state.next < STEP_HALT) {
		enum exit_step step = state.next;

		state.next = (enum exit_step)(step + 1);

		if (!step_applies(step))
			continue;
		printf("# exit: trying %s\n", step_names[step]);
		if (step == STEP_SEMIHOSTING)
			semihosting_exit(status);
		else
			psci_system_off();
		printf("# exit: %s did not end the VM\n", step_names[step]);
	}
	printf("# exit: halting\n");
	for (;;)
		__asm__ volatile("wfi");
}
