/*
 * The service-call logical processor (SCLP): the machine's console and
 * its description of storage. QEMU's s390-ccw-virtio machine has an SCLP
 * event facility whose "ASCII console data" event type (0x1a, QEMU's
 * sclpconsole, what -serial gives the first serial device) carries the
 * console both ways.
 */
#ifndef VCTS_S390X_SCLP_H
#define VCTS_S390X_SCLP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Registers for console input (write event mask). False if refused. */
bool sclp_console_init(void);
/* Writes @length bytes to the ASCII console; false if the SCLP refused. */
bool sclp_console_write(const char *text, size_t length);
/*
 * Reads console input into @buffer (at most @size bytes); returns how
 * many bytes, 0 when none is waiting.
 */
size_t sclp_console_read(char *buffer, size_t size);
/* Bytes of storage (READ SCP INFO), 0 if the SCLP did not say. */
uint64_t sclp_memory_size(void);

#endif
