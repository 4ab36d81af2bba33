/*
 * Ending a run (docs/exits.md). The kernel has printed its `done` line;
 * now it ends the VM by the method vcts.exit names, and when that method
 * comes back (the machine is still on) by the next one, and finally halts:
 *
 *   debug-exit  QEMU's isa-debug-exit at port 0xf4: a write of v exits
 *               QEMU with status (v << 1) | 1. Only when the command line
 *               says the device exists (elsewhere the port may be anything).
 *   reset       the keyboard controller's reset pulse, then the PCI reset
 *               control register 0xcf9; only when asked for, since most
 *               machines reboot (Firecracker and kvmtool end the VM on an
 *               i8042 reset, QEMU does with -no-reboot).
 *   acpi        S5 (soft off) through the FADT and the DSDT's \_S5 (acpi.c).
 *   halt        interrupts off, hlt for ever: the harness ends the VM.
 *
 * auto (the default) is acpi when the tables and \_S5 are there, else halt.
 */
#include "arch/arch.h"
#include "acpi.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/string.h"

#define DEBUG_EXIT_PORT		0xf4
#define I8042_STATUS		0x64	/* read: status; write: command */
#define I8042_INPUT_FULL	0x02	/* status bit 1: the controller has not taken the last byte */
#define I8042_PULSE_RESET	0xfe	/* command: pulse output line 0 (CPU reset) low */
#define RESET_CONTROL		0xcf9	/* PIIX/ICH reset control register */
#define RESET_CONTROL_SYS_RST	0x02	/* 1: hard reset, 0: soft */
#define RESET_CONTROL_RST_CPU	0x04	/* 0 -> 1 starts the reset */
#define SPIN_LIMIT		100000
/* How long a method gets to end the VM before the next one is tried. */
#define METHOD_GRACE_MS		100

/* In the order they are tried; each falls through to the ones after it. */
enum exit_step { STEP_DEBUG_EXIT, STEP_RESET, STEP_ACPI, STEP_HALT, STEP_COUNT };

static const char *const step_names[STEP_COUNT] = {
	[STEP_DEBUG_EXIT] = "debug-exit",
	[STEP_RESET] = "reset",
	[STEP_ACPI] = "acpi",
	[STEP_HALT] = "halt",
};

static struct {
	bool prepared;
	enum exit_step first;	/* what vcts.exit chose, as it turned out */
	bool acpi_ready;
	bool begun;		/* arch_exit has run (and may be back after a fault) */
	enum exit_step next;	/* the step it tries next */
} state;

/* The step vcts.exit=@method names ("" and auto: acpi if it can, else halt). */
static enum exit_step step_named(const char *method)
{
	for (int step = 0; step < STEP_COUNT; step++)
		if (!strcmp(method, step_names[step]))
			return (enum exit_step)step;
	if (*method && strcmp(method, "auto"))
		printf("# exit: unknown vcts.exit=%s (x86_64: auto, debug-exit, acpi, reset, halt); using auto\n",
		       method);
	return STEP_ACPI;
}

const char *arch_exit_prepare(const char *method)
{
	if (state.prepared)
		return step_names[state.first];
	state.prepared = true;
	state.first = step_named(method);
	/* Every method but halt may fall through to ACPI. */
	if (state.first != STEP_HALT)
		state.acpi_ready = acpi_s5_prepare(options.acpi_dump);
	if (state.first == STEP_ACPI && !state.acpi_ready)
		state.first = STEP_HALT;
	printf("# exit: vcts.exit=%s: the kernel will end the VM by %s\n",
	       *method ? method : "auto", step_names[state.first]);
	return step_names[state.first];
}

static void wait_for_the_end(void)
{
	uint64_t deadline = arch_time_us() + METHOD_GRACE_MS * 1000u;

	/* The spin limit only matters if the clock does not run. */
	for (int spins = 0; spins < 10 * SPIN_LIMIT && arch_time_us() < deadline; spins++)
		cpu_relax();
}

static void keyboard_controller_reset(void)
{
	for (int spins = 0; spins < SPIN_LIMIT && (inb(I8042_STATUS) & I8042_INPUT_FULL); spins++)
		cpu_relax();
	outb(I8042_STATUS, I8042_PULSE_RESET);
	wait_for_the_end();
	printf("# exit: the keyboard controller's reset came back; trying port 0xcf9\n");
	outb(RESET_CONTROL, RESET_CONTROL_SYS_RST);
	outb(RESET_CONTROL, RESET_CONTROL_SYS_RST | RESET_CONTROL_RST_CPU);
}

/* Whether @step is one arch_exit tries after the chosen one. */
static bool step_applies(enum exit_step step)
{
	if (step == STEP_DEBUG_EXIT || step == STEP_RESET)
		return step == state.first;
	if (step == STEP_ACPI)
		return state.acpi_ready;
	return true;
}

static void try_step(enum exit_step step, int status)
{
	printf("# exit: trying %s\n", step_names[step]);
	if (step == STEP_DEBUG_EXIT)
		outl(DEBUG_EXIT_PORT, (uint32_t)status);
	else if (step == STEP_RESET)
		keyboard_controller_reset();
	else if (step == STEP_ACPI)
		acpi_s5_enter();
	wait_for_the_end();
	printf("# exit: %s did not end the VM\n", step_names[step]);
}

_Noreturn void arch_exit(int status)
{
	arch_irq_disable();
	arch_exit_prepare(options.exit);
	/* A fault in one method comes back here and goes on with the next. */
	if (!state.begun) {
		state.begun = true;
		state.next = state.first;
	}
	while (state.next < STEP_HALT) {
		enum exit_step step = state.next;

		state.next = (enum exit_step)(step + 1);

		if (step_applies(step))
			try_step(step, status);
	}
	printf("# exit: halting\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}
