#ifndef VCTS_S390X_TIMER_H
#define VCTS_S390X_TIMER_H

#include <stdint.h>

/* Remembers the TOD clock at boot: arch_time_us() counts from there. */
void timer_init(void);
/* The TOD clock in microseconds (since its epoch, not since boot). */
uint64_t timer_tod_us(void);

#endif
