/*
 * Time from the TOD clock: STORE CLOCK FAST gives the 64-bit TOD clock,
 * whose bit 51 ticks once a microsecond (PoP 4-37, "Time-of-Day Clock"),
 * so the clock shifted right by 12 counts microseconds. Unlike STORE
 * CLOCK it need not make the value unique across CPUs, which nothing here
 * needs. The clock runs whether or not the CPU waits.
 */
#include "arch/arch.h"
#include "timer.h"

static uint64_t boot_tod_us;

uint64_t timer_tod_us(void)
{
	uint64_t tod;

	__asm__ volatile("stckf %0" : "=Q"(tod) : : "cc");
	return tod >> 12;
}

void timer_init(void)
{
	boot_tod_us = timer_tod_us();
}

uint64_t arch_time_us(void)
{
	return timer_tod_us() - boot_tod_us;
}
