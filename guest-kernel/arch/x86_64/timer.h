#ifndef VCTS_X86_TIMER_H
#define VCTS_X86_TIMER_H
#include <stdbool.h>
#include <stdint.h>
void timer_init(void);
bool timer_calibrated(void);
uint64_t timer_tsc_per_us(void);
#endif
