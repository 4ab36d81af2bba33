#ifndef VCTS_RISCV64_TIMER_H
#define VCTS_RISCV64_TIMER_H

#include <stdint.h>

/* @frequency: the device tree's /cpus timebase-frequency (0: unknown). */
void timer_init(uint64_t frequency);
uint64_t timer_frequency(void);

#endif
