/* Local APIC, I/O APIC and the legacy 8259 PICs. */
#ifndef VCTS_X86_APIC_H
#define VCTS_X86_APIC_H

#include <stdbool.h>
#include <stdint.h>

void apic_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);
/*
 * Routes I/O APIC input @pin to @vector, unmasked: level- or
 * edge-triggered, active low or high.
 */
void ioapic_route(unsigned int pin, int vector, bool level, bool active_low);
void ioapic_mask(unsigned int pin);
unsigned int ioapic_pin_count(void);
/* The PCI INTx lines, as the chipset routes them (interrupts.c). */
void interrupts_init(void);
/*
 * The inputs of an I/O APIC at @base that the kernel does not drive (0
 * if none answers there): QEMU microvm's second one, for instance.
 */
unsigned int ioapic_pins_at(uintptr_t base);

#endif
