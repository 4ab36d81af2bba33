/*
 * Time from the TSC, calibrated once against the PIT: channel 2, gated
 * and watched through port 0x61, where that port exists (pc, q35);
 * otherwise channel 0, read back with latch commands. QEMU's microvm has
 * the PIT but no port 0x61 (it reads 0xff, so OUT2 looks high at once,
 * and a channel-2 calibration would make the clock run hundreds of times
 * too fast: every timeout far too short).
 */
#include "arch/arch.h"
#include "timer.h"

#define PIT_HZ			1193182u
#define PIT_CHANNEL0		0x40
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

/* Channel 2 through the speaker gate: TSC cycles in CALIBRATION_MS, or 0. */
static uint64_t calibrate_channel2(void)
{
	uint16_t count = (uint16_t)(PIT_HZ / (1000 / CALIBRATION_MS));
	uint8_t gate = inb(PIT_GATE_PORT);
	uint64_t start, end;
	uint32_t polls = 0;

	outb(PIT_GATE_PORT, (uint8_t)((gate & ~PIT_SPEAKER) | PIT_GATE));
	outb(PIT_COMMAND, 0xb0);	/* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CHANNEL2, (uint8_t)count);
	outb(PIT_CHANNEL2, (uint8_t)(count >> 8));
	start = read_tsc();
	while (!(inb(PIT_GATE_PORT) & PIT_OUT2) && ++polls < PIT_POLL_LIMIT)
		;
	end = read_tsc();
	outb(PIT_GATE_PORT, gate);
	return polls < PIT_POLL_LIMIT && end > start ? end - start : 0;
}

static uint16_t channel0_count(void)
{
	uint8_t low, high;

	outb(PIT_COMMAND, 0x00);	/* latch channel 0 */
	low = inb(PIT_CHANNEL0);
	high = inb(PIT_CHANNEL0);
	return (uint16_t)(low | high << 8);
}

/*
 * Channel 0 free-running (mode 2, period 65536 ticks, its interrupt
 * masked at both controllers): the ticks between two reads are their
 * difference modulo 65536, as long as reads come faster than 55 ms.
 */
static uint64_t calibrate_channel0(void)
{
	uint32_t target = PIT_HZ / (1000 / CALIBRATION_MS), ticks = 0, polls = 0;
	uint16_t last, now;
	uint64_t start;

	outb(PIT_COMMAND, 0x34);	/* channel 0, lobyte/hibyte, mode 2 */
	outb(PIT_CHANNEL0, 0);
	outb(PIT_CHANNEL0, 0);
	last = channel0_count();
	start = read_tsc();
	while (ticks < target && ++polls < PIT_POLL_LIMIT) {
		now = channel0_count();
		ticks += (uint16_t)(last - now);
		last = now;
	}
	if (polls >= PIT_POLL_LIMIT || !ticks)
		return 0;
	/* Scaled to CALIBRATION_MS, whatever the overshoot. */
	return (read_tsc() - start) * target / ticks;
}

void timer_init(void)
{
	uint64_t cycles;

	tsc_at_boot = read_tsc();
	if (inb(PIT_GATE_PORT) != 0xff)
		cycles = calibrate_channel2();
	else
		cycles = calibrate_channel0();
	if (cycles) {
		tsc_per_us = cycles / (CALIBRATION_MS * 1000u);
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
