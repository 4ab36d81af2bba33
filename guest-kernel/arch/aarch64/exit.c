/*
 * Ending a run. By default PSCI SYSTEM_OFF (ARM DEN 0022 "Arm Power State
 * Coordination Interface" 5.1.9, function 0x84000008) through the
 * conduit the device tree names: QEMU exits with status 0 whatever the
 * verdict; the harness reads the summary line. With vcts.exit=semihosting
 * (QEMU run with -semihosting) the status travels: semihosting SYS_EXIT
 * (0x18; "Semihosting for AArch32 and AArch64" 6.5.2) with the
 * parameter block {ADP_Stopped_ApplicationExit, status}, which on AArch64
 * carries an exit code. Without -semihosting the HLT would be an
 * undefined instruction, so it is used only when asked for.
 */
#include "arch/arch.h"
#include "exit.h"
#include "lib/string.h"

#define PSCI_SYSTEM_OFF			0x84000008u
#define SEMIHOSTING_SYS_EXIT		0x18u
#define ADP_STOPPED_APPLICATION_EXIT	0x20026u

enum exit_method { EXIT_PSCI_HVC, EXIT_PSCI_SMC, EXIT_SEMIHOSTING };

static enum exit_method method = EXIT_PSCI_HVC;

/* Whether @cmdline has the word @word (space-separated). */
static bool has_word(const char *cmdline, const char *word)
{
	size_t length = strlen(word);

	for (const char *p = cmdline; *p; p++) {
		if ((p == cmdline || p[-1] == ' ') && !strncmp(p, word, length) &&
		    (p[length] == 0 || p[length] == ' '))
			return true;
	}
	return false;
}

void exit_init(const char *psci_method, const char *cmdline)
{
	if (!strcmp(psci_method, "smc"))
		method = EXIT_PSCI_SMC;
	if (has_word(cmdline, "vcts.exit=semihosting"))
		method = EXIT_SEMIHOSTING;
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

	if (method == EXIT_PSCI_SMC)
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

_Noreturn void arch_exit(int status)
{
	arch_irq_disable();
	if (method == EXIT_SEMIHOSTING)
		semihosting_exit(status);
	psci_system_off();
	/* Nothing answered: stop here; the harness has the summary line. */
	for (;;)
		__asm__ volatile("wfi");
}
