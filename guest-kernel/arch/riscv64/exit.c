/*
 * Ending a run (docs/exits.md). The kernel has printed its `done` line;
 * now it ends the VM by the method vcts.exit names, and when that method
 * comes back by the next one, and finally waits for interrupts that never
 * come:
 *
 *   sifive-test  QEMU's SiFive test finisher ("sifive,test0" in the device
 *                tree; hw/misc/sifive_test.c): a 32-bit write of 0x5555
 *                ends QEMU with status 0, 0x3333 | code << 16 with status
 *                code. Carries the kernel's exit value.
 *   sbi          SBI System Reset (SRST, SBI spec chapter 10): a shutdown,
 *                with reason "system failure" for a non-zero status; QEMU
 *                exits with status 0 whatever the verdict.
 *   halt         interrupts masked, wfi for ever: the harness ends the VM.
 *
 * auto (the default) is sbi when OpenSBI has SRST, else halt: the test
 * device is QEMU's own, so only when the command line names it.
 */
#include "arch/arch.h"
#include "exit.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "sbi.h"

#define FINISHER_PASS		0x5555u
#define FINISHER_FAIL		0x3333u

enum exit_step { STEP_SIFIVE_TEST, STEP_SBI, STEP_HALT, STEP_COUNT };

static const char *const step_names[STEP_COUNT] = {
	[STEP_SIFIVE_TEST] = "sifive-test",
	[STEP_SBI] = "sbi",
	[STEP_HALT] = "halt",
};

static struct {
	bool has_test_device;
	uintptr_t test_device;
	bool has_srst;
	bool prepared;
	enum exit_step first;
	bool begun;		/* arch_exit has run (and may be back after a fault) */
	enum exit_step next;	/* the step it tries next */
} state;

void exit_init(const struct riscv_platform *platform)
{
	state.has_test_device = platform->has_test_device;
	state.test_device = (uintptr_t)platform->test_device;
}

static enum exit_step step_named(const char *method)
{
	for (int step = 0; step < STEP_COUNT; step++)
		if (!strcmp(method, step_names[step]))
			return (enum exit_step)step;
	if (*method && strcmp(method, "auto"))
		printf("# exit: unknown vcts.exit=%s (riscv64: auto, sifive-test, sbi, halt); using auto\n",
		       method);
	return STEP_SBI;
}

static bool step_applies(enum exit_step step)
{
	if (step == STEP_SIFIVE_TEST)
		return state.has_test_device;
	if (step == STEP_SBI)
		return state.has_srst;
	return true;
}

const char *arch_exit_prepare(const char *method)
{
	if (state.prepared)
		return step_names[state.first];
	state.prepared = true;
	/* Asked here: a crash before exit_init still finds SRST. */
	state.has_srst = sbi_has_extension(SBI_EXT_SRST);
	state.first = step_named(method);
	if (state.first == STEP_SIFIVE_TEST && !state.has_test_device) {
		printf("# exit: the device tree describes no sifive,test0 device\n");
		state.first = STEP_SBI;
	}
	if (state.first == STEP_SBI && !state.has_srst) {
		printf("# exit: the SBI implementation has no System Reset extension\n");
		state.first = STEP_HALT;
	}
	printf("# exit: vcts.exit=%s: the kernel will end the VM by %s\n",
	       *method ? method : "auto", step_names[state.first]);
	return step_names[state.first];
}

static void sifive_test_exit(int status)
{
	uint32_t code = status ? FINISHER_FAIL | ((uint32_t)status << 16) : FINISHER_PASS;

	mmio_write32(state.test_device, code);
}

static void sbi_shutdown(int status)
{
	sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN,
		 status ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0);
}

/* The device needs no time to act: a method that is back has failed. */
static void wait_for_the_end(void)
{
	uint64_t until = arch_time_us() + 100000;

	while (arch_time_us() < until)
		cpu_relax();
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
		if (step == STEP_SIFIVE_TEST)
			sifive_test_exit(status);
		else
			sbi_shutdown(status);
		wait_for_the_end();
		printf("# exit: %s did not end the VM\n", step_names[step]);
	}
	printf("# exit: halting\n");
	for (;;)
		__asm__ volatile("wfi");
}
