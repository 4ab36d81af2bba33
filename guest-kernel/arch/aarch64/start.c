/*
 * From boot.S to kernel_main: find the device tree, turn the MMU on, read
 * the machine from the tree, bring up the console, the interrupt
 * controller and the clock.
 *
 * QEMU's virt machine with an ELF kernel passes x0 = 0 and leaves the
 * tree at the start of RAM (0x40000000) when it fits below the kernel;
 * a Linux-style loader passes its address in x0. Either way the blob is
 * recognised by its header (magic 0xd00dfeed, DTSpec 5.2).
 */
#include "arch/arch.h"
#include "console.h"
#include "exit.h"
#include "gic.h"
#include "interrupts.h"
#include "lib/kernel.h"
#include "lib/string.h"
#include "lib/test.h"
#include "mmu.h"
#include "platform.h"
#include "timer.h"

#define FDT_MAGIC_BIG_ENDIAN	0xedfe0dd0u	/* 0xd00dfeed as a little-endian load */
#define VIRT_RAM_BASE		0x40000000u

const char arch_name[] = "aarch64";

extern char __kernel_start[], __kernel_end[];

static struct fdt_platform platform;

/* With the MMU off only aligned loads are safe: read the magic alone. */
static uintptr_t find_fdt(uint64_t x0)
{
	if (x0 && !(x0 & 7) && mmio_read32((uintptr_t)x0) == FDT_MAGIC_BIG_ENDIAN)
		return (uintptr_t)x0;
	if (mmio_read32(VIRT_RAM_BASE) == FDT_MAGIC_BIG_ENDIAN)
		return VIRT_RAM_BASE;
	return 0;
}

/* The RAM range holding the kernel: the heap runs from its end to the range's end. */
static uint64_t heap_end(void)
{
	uint64_t kernel = (uintptr_t)__kernel_start;

	for (int i = 0; i < platform.memory_count; i++) {
		const struct fdt_range *ram = &platform.memory[i];

		if (kernel >= ram->base && kernel - ram->base < ram->size)
			return ram->base + ram->size;
	}
	return 0;
}

static void read_platform(uintptr_t fdt)
{
	int error;

	if (!fdt)
		test_fatal("no device tree at x0 or at %#x", VIRT_RAM_BASE);
	if (!fdt_platform_valid((const void *)fdt))
		test_fatal("bad device tree header at %#lx", (unsigned long)fdt);
	error = fdt_platform_read((const void *)fdt, &platform);
	if (error)
		test_fatal("device tree at %#lx: %s", (unsigned long)fdt,
			   fdt_platform_error(error));
	for (int i = 0; i < platform.memory_count; i++)
		mmu_map_ram(platform.memory[i].base, platform.memory[i].size);
}

static bool is_pl011(const char *compatible)
{
	return !strcmp(compatible, "arm,pl011");
}

void aarch64_start(uint64_t x0);
void aarch64_start(uint64_t x0)
{
	struct boot_info boot = { .protocol = x0 ? "linux" : "elf", .cmdline = platform.cmdline };
	uintptr_t fdt = find_fdt(x0);

	console_init(PL011_DEFAULT_BASE);
	mmu_init(fdt);
	timer_init();
	read_platform(fdt);
	if (is_pl011(platform.console_compatible) && platform.console.base != PL011_DEFAULT_BASE &&
	    mmu_is_device(platform.console.base, 0x1000))
		console_init((uintptr_t)platform.console.base);
	exit_init(platform.psci_method);
	if (!gic_init(&platform.intc))
		test_fatal("interrupt controller \"%s\" is no GICv2/v3 we drive",
			   platform.intc.compatible);
	platform_init(&platform);
	interrupts_init(&platform);
	/* SErrors from here on are reported (traps.c); IRQs wait for kernel_main. */
	__asm__ volatile("msr daifclr, #4" : : : "memory");
	boot.heap_start = (uintptr_t)__kernel_end;
	boot.heap_end = (uintptr_t)heap_end();
	if (boot.heap_end <= boot.heap_start)
		test_fatal("no RAM after the kernel in the device tree's memory nodes");
	kernel_main(&boot);
}
