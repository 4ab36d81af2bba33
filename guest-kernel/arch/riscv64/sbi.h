/*
 * Calls into the SBI implementation (OpenSBI under QEMU): RISC-V
 * Supervisor Binary Interface specification v1.0, chapter 3 "Binary
 * Encoding": ECALL with the extension id in a7, the function id in a6,
 * arguments in a0-a5; the error comes back in a0 and the value in a1.
 */
#ifndef VCTS_RISCV64_SBI_H
#define VCTS_RISCV64_SBI_H

#include <stdbool.h>
#include <stdint.h>

#define SBI_EXT_BASE			0x10
#define SBI_EXT_SRST			0x53525354	/* "SRST", spec chapter 10 */
#define SBI_LEGACY_CONSOLE_PUTCHAR	0x01		/* spec 5.2 (legacy extensions) */
#define SBI_LEGACY_CONSOLE_GETCHAR	0x02		/* spec 5.3 */

#define SBI_BASE_PROBE_EXTENSION	3		/* spec 4.8 */
#define SBI_SRST_SYSTEM_RESET		0		/* spec 10.1 */
#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_FAILURE		1

struct sbi_result {
	long error;
	long value;
};

struct sbi_result sbi_call(uint32_t extension, uint32_t function, unsigned long arg0,
			   unsigned long arg1, unsigned long arg2);
/* Legacy extensions return their value in a0 only. */
long sbi_legacy_call(uint32_t extension, unsigned long arg0);
/* Base extension: does the implementation have @extension? */
bool sbi_has_extension(uint32_t extension);

#endif
