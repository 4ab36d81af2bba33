/*
 * The MADT's Interrupt Source Overrides (ACPI 6.4 5.2.12.5): how an ISA
 * IRQ reaches the I/O APIC when it does not reach input IRQ with ISA's
 * edge-triggered, active-high signalling. A pure function of the table's
 * bytes, so that the host unit tests run it on QEMU's own MADT; acpi.c
 * finds the table.
 */
#ifndef VCTS_X86_ACPI_MADT_H
#define VCTS_X86_ACPI_MADT_H

#include <stdbool.h>
#include <stdint.h>

/* MPS INTI flags (ACPI 6.4 Table 5.26), the two fields. */
#define ACPI_POLARITY_CONFORMS	0	/* as the bus says */
#define ACPI_POLARITY_HIGH	1
#define ACPI_POLARITY_LOW	3
#define ACPI_TRIGGER_CONFORMS	0
#define ACPI_TRIGGER_EDGE	1
#define ACPI_TRIGGER_LEVEL	3

struct acpi_isa_override {
	uint32_t gsi;		/* Global System Interrupt the IRQ arrives on */
	uint8_t polarity;	/* ACPI_POLARITY_* (2 is reserved) */
	uint8_t trigger;	/* ACPI_TRIGGER_* (2 is reserved) */
};

/*
 * Looks for the override of ISA (bus 0) @irq in @madt, a table whose
 * signature, length and checksum have been checked. Entries are walked
 * within the table's length; one whose length is shorter than its
 * header ends the walk. Returns whether there is one, with @out filled.
 */
bool acpi_madt_isa_override(const uint8_t *madt, uint8_t irq,
			    struct acpi_isa_override *out);

#endif
