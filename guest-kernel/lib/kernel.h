#ifndef VCTS_KERNEL_H
#define VCTS_KERNEL_H

#include "arch/arch.h"

#define VCTS_KERNEL_VERSION "0.1.0"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

_Noreturn void kernel_main(const struct boot_info *boot);

/* Milliseconds from now, as a deadline for arch_time_us(). */
static inline uint64_t deadline_after_ms(uint32_t ms)
{
	return arch_time_us() + (uint64_t)ms * 1000u;
}

static inline bool deadline_passed(uint64_t deadline)
{
	return arch_time_us() >= deadline;
}

#endif
