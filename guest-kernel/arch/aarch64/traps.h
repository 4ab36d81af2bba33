/* aarch64 exceptions: the frame vectors.S builds, and the IRQ hook. */
#ifndef VCTS_AARCH64_TRAPS_H
#define VCTS_AARCH64_TRAPS_H

#include <stdint.h>

struct trap_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

/* Called for every IRQ exception (gic.c). */
void gic_handle_irq(void);

#endif
