/*
 * Time from the TSC, calibrated once against PIT channel 2 (present on
 * every PC-compatible machine QEMU offers, microvm included).
 */
#include "arch/arch.h"
#include "timer.h"

#define PIT_HZ			1193182u
#define PIT_CHANNEL2		0x42
#define PIT_COMMAND		0x43
#define PIT_GATE_PORT		0x61
#define PIT_GATE		0x01
#define PIT_SPEAKER		0x02
#define PIT_OUT2		0x20
#define CALIBRATION_MS		10
/* Fallback if the PIT never answers: assume 1 GHz and say so. */
#define FALLBACK_TSC_PER_US	1000u
#define PIT_POLL_LIMIT		50000000u

static uint64_t tsc_per_us = FALLBACK_TSC_PER_US;
static uint64_t tsc_at_boot;
static bool calibrated;

static uint64_t read_tsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

void timer_init(void)
{
	uint16_t count = (uint16_t)(PIT_HZ / (1000 / CALIBRATION_MS));
	uint8_t gate = inb(PIT_GATE_PORT);
	uint64_t start, end;
	uint32_t polls = 0;

	tsc_at_boot = read_tsc();
	outb(PIT_GATE_PORT, (uint8_t)((gate & ~PIT_SPEAKER) | PIT_GATE));
	outb(PIT_COMMAND, 0xb0);	/* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CHANNEL2, (uint8_t)count);
	outb(PIT_CHANNEL2, (uint8_t)(count >> 8));
	start = read_tsc();
	while (!(inb(PIT_GATE_PORT) & PIT_OUT2) && ++polls < PIT_POLL_LIMIT)
		;
	end = read_tsc();
	outb(PIT_GATE_PORT, gate);
	if (polls < PIT_POLL_LIMIT && end > start) {
		tsc_per_us = (end - start) / (CALIBRATION_MS * 1000u);
		calibrated = tsc_per_us > 0;
	}
	if (!tsc_per_us)
		tsc_per_us = FALLBACK_TSC_PER_US;
}

bool timer_calibrated(void)
{
	return calibrated;
}

uint64_t timer_tsc_per_us(void)
{
	return tsc_per_us;
}

uint64_t arch_time_us(void)
{
	return (read_tsc() - tsc_at_boot) / tsc_per_us;
}
