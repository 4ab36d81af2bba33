#ifndef VCTS_X86_SERIAL_H
#define VCTS_X86_SERIAL_H
void serial_init(void);
#endif
