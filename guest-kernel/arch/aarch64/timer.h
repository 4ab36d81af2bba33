#ifndef VCTS_AARCH64_TIMER_H
#define VCTS_AARCH64_TIMER_H

#include <stdint.h>

void timer_init(void);
uint64_t timer_frequency(void);

#endif
