/*
 * From boot.S to kernel_main: interruption entries, console, clock, the
 * storage size, the command line QEMU left in the parameter area.
 *
 * Storage: the SCLP's READ SCP INFO gives its size; the heap is what lies
 * between the kernel's end and that, capped at 2 GiB because channel
 * programs (format-1 CCWs) address 31 bits and every buffer a device is
 * given comes from the heap.
 */
#include "arch/arch.h"
#include "console.h"
#include "lib/kernel.h"
#include "lib/test.h"
#include "sclp.h"
#include "timer.h"
#include "traps.h"

#define CMDLINE_SIZE		4096	/* boot.S */
#define CHANNEL_ADDRESS_LIMIT	(1ull << 31)

const char arch_name[] = "s390x";

extern char __kernel_end[];
extern char boot_cmdline[CMDLINE_SIZE];

void s390x_start(void);
void s390x_start(void)
{
	struct boot_info boot = { .protocol = "elf", .cmdline = boot_cmdline };
	uint64_t memory;

	traps_init();
	timer_init();
	console_init();
	/* QEMU copies at most CMDLINE_SIZE bytes with the NUL; never trust that. */
	boot_cmdline[CMDLINE_SIZE - 1] = 0;
	memory = sclp_memory_size();
	if (memory > CHANNEL_ADDRESS_LIMIT)
		memory = CHANNEL_ADDRESS_LIMIT;
	boot.heap_start = (uintptr_t)__kernel_end;
	boot.heap_end = (uintptr_t)memory;
	if (boot.heap_end <= boot.heap_start)
		test_fatal("no storage after the kernel: the SCLP reports %llu bytes",
			   (unsigned long long)memory);
	kernel_main(&boot);
}
