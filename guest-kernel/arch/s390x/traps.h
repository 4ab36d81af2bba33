#ifndef VCTS_S390X_TRAPS_H
#define VCTS_S390X_TRAPS_H

#include <stdint.h>

/* Points every new PSW of the lowcore at its entry (entry.S). */
void traps_init(void);

/*
 * The handler of I/O interruptions: the subsystem-identification word,
 * the interruption parameter and the identification word the
 * interruption stored (lowcore). NULL: none expected (a crash).
 */
typedef void (*io_interruption_handler_t)(uint32_t subchannel_id, uint32_t parameter,
					  uint32_t identification);
void traps_set_io_handler(io_interruption_handler_t handler);

/* Called by entry.S with the interruption class (lowcore.h). */
void s390x_interruption(int class);

#endif
