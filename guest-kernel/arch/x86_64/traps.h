/* x86_64 exceptions and interrupt dispatch. */
#ifndef VCTS_X86_TRAPS_H
#define VCTS_X86_TRAPS_H

#include <stdint.h>

/* The stack layout built by traps.S, lowest address first. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

#define FIRST_DEVICE_VECTOR	0x30
#define LAST_DEVICE_VECTOR	0xef
#define SPURIOUS_VECTOR		0xff

void traps_init(void);
/* Installs @handler for @vector (device vectors only). */
void traps_set_handler(int vector, void (*handler)(void *arg), void *arg);

#endif
