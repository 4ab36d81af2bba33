/*
 * From boot.S to kernel_main: read the machine from the device tree that
 * OpenSBI passes in a1, bring up the console, the clock, the PLIC and the
 * buses. The tree lies in RAM above the kernel (QEMU puts it near the top
 * of the first RAM bank): it is read once here, and the heap stops below
 * it all the same.
 */
#include "arch/arch.h"
#include "console.h"
#include "exit.h"
#include "interrupts.h"
#include "lib/kernel.h"
#include "lib/string.h"
#include "lib/test.h"
#include "platform.h"
#include "plic.h"
#include "riscv_fdt.h"
#include "timer.h"

const char arch_name[] = "riscv64";

extern char __kernel_start[], __kernel_end[];

static struct fdt_platform platform;
static struct riscv_platform riscv;

/* The RAM range holding the kernel, up to the device tree if it lies above us. */
static uint64_t heap_end(uintptr_t fdt)
{
	uint64_t kernel = (uintptr_t)__kernel_start;

	for (int i = 0; i < platform.memory_count; i++) {
		const struct fdt_range *ram = &platform.memory[i];
		uint64_t end = ram->base + ram->size;

		if (kernel < ram->base || kernel - ram->base >= ram->size)
			continue;
		if (fdt > (uintptr_t)__kernel_end && fdt < end)
			end = fdt & ~0xfffull;
		return end;
	}
	return 0;
}

static void read_platform(uintptr_t fdt, unsigned long hartid)
{
	int error;

	if (!fdt || (fdt & 7))
		test_fatal("no device tree in a1 (%#lx)", (unsigned long)fdt);
	if (!fdt_platform_valid((const void *)fdt))
		test_fatal("bad device tree header at %#lx", (unsigned long)fdt);
	error = fdt_platform_read((const void *)fdt, &platform);
	if (!error)
		error = riscv_fdt_read((const void *)fdt, hartid, &riscv);
	if (error)
		test_fatal("device tree at %#lx: %s", (unsigned long)fdt,
			   fdt_platform_error(error));
}

/* The console the tree names if it is a 16550, else the SBI console. */
static void choose_console(void)
{
	const char *compatible = platform.console_compatible;

	if (!strcmp(compatible, "ns16550a") || !strcmp(compatible, "ns16550"))
		console_init((uintptr_t)platform.console.base);
	else if (*compatible)
		console_init(0);
}

void riscv64_start(unsigned long hartid, uintptr_t fdt);
void riscv64_start(unsigned long hartid, uintptr_t fdt)
{
	struct boot_info boot = { .protocol = "sbi", .cmdline = platform.cmdline };

	console_init(UART_DEFAULT_BASE);
	read_platform(fdt, hartid);
	choose_console();
	timer_init(riscv.timebase_frequency);
	exit_init(&riscv);
	if (!plic_init(&riscv))
		test_fatal("no PLIC with an S-mode context for hart %lu in the device tree", hartid);
	platform_init(&platform);
	interrupts_init(&platform, &riscv);
	boot.heap_start = (uintptr_t)__kernel_end;
	boot.heap_end = (uintptr_t)heap_end(fdt);
	if (boot.heap_end <= boot.heap_start)
		test_fatal("no RAM after the kernel in the device tree's memory nodes");
	kernel_main(&boot);
}
