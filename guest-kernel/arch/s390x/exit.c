/*
 * Ending a run: a disabled-wait PSW (wait state with I/O, external and
 * machine-check interruptions masked), after which the CPU never runs
 * again. QEMU's s390-ccw-virtio turns a CPU's disabled wait into:
 *  - a shutdown, exit status 0, when the PSW address ends in 0xfff (its
 *    "special wait PSW", target/s390x: s390_handle_wait,
 *    is_special_wait_psw; Linux's "signal quiesce" uses it), and
 *  - a guest panic otherwise, which with `-action panic=exit-failure`
 *    ends QEMU with status 1 (and without it with 0).
 * So the kernel's 0 (all passed) becomes 0 and 1 (failures) or 2 (crash)
 * become 1; the address of the wait PSW carries the kernel's value for
 * whoever reads the panic event (QMP GUEST_PANICKED: psw-addr).
 */
#include "arch/arch.h"
#include "console.h"
#include "lowcore.h"

#define SPECIAL_WAIT_ADDRESS	0xfffull

struct psw {
	uint64_t mask;
	uint64_t address;
} __attribute__((aligned(8)));

_Noreturn void arch_exit(int status)
{
	static struct psw wait;

	arch_irq_disable();
	console_flush();
	wait.mask = PSW_MASK_WAIT | PSW_MASK_64BIT;
	wait.address = status == 0 ? SPECIAL_WAIT_ADDRESS : (uint64_t)(unsigned int)status;
	__asm__ volatile("lpswe %0" : : "Q"(wait) : "memory");
	for (;;)
		;
}
