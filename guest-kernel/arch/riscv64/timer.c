/*
 * Time from the `time` CSR (RISC-V unprivileged spec, "Zicntr": RDTIME
 * reads a real-time counter), which counts at the platform's timebase
 * frequency; the device tree gives it as /cpus timebase-frequency
 * (Linux binding riscv/cpus.yaml). In S-mode the read works when M-mode
 * firmware allows it (mcounteren.TM), which OpenSBI does.
 */
#include "arch/arch.h"
#include "timer.h"

/* QEMU virt's ACLINT timer, should the device tree not say. */
#define FALLBACK_FREQUENCY	10000000ull

static uint64_t frequency = FALLBACK_FREQUENCY;
static uint64_t count_at_boot;

static uint64_t read_counter(void)
{
	uint64_t value;

	__asm__ volatile("rdtime %0" : "=r"(value) : : "memory");
	return value;
}

void timer_init(uint64_t timebase)
{
	if (timebase)
		frequency = timebase;
	count_at_boot = read_counter();
}

uint64_t timer_frequency(void)
{
	return frequency;
}

uint64_t arch_time_us(void)
{
	uint64_t ticks = read_counter() - count_at_boot;

	return ticks / frequency * 1000000u + ticks % frequency * 1000000u / frequency;
}
