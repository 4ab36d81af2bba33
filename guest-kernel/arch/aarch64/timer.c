/*
 * Time from the generic timer's virtual counter (ARM ARM D11.1, "The
 * Generic Timer"): CNTVCT_EL0 counts at CNTFRQ_EL0 Hz, which firmware
 * (here QEMU) sets; no calibration needed.
 */
#include "arch/arch.h"
#include "timer.h"

/* What QEMU 7.2's virt machine uses, should CNTFRQ_EL0 read 0. */
#define FALLBACK_FREQUENCY	62500000ull

static uint64_t frequency = FALLBACK_FREQUENCY;
static uint64_t count_at_boot;

static uint64_t read_counter(void)
{
	uint64_t value;

	/* ISB: the read is not hoisted above earlier instructions (D11.2.2). */
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(value) : : "memory");
	return value;
}

void timer_init(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(value));
	if (value)
		frequency = value;
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
