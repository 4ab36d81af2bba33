#ifndef VCTS_S390X_CONSOLE_H
#define VCTS_S390X_CONSOLE_H

/* Registers the kernel for console input; output works without it. */
void console_init(void);
/* Sends what arch_console_putc() has buffered. */
void console_flush(void);

#endif
