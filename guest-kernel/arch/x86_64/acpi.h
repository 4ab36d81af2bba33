/*
 * ACPI, as far as the kernel needs it: finding the tables (the loader may
 * say where the RSDP is; otherwise the BIOS areas are searched, ACPI 6.4
 * 5.2.5.1) and powering the machine off through the FADT's PM1 control
 * registers with the sleep type of the DSDT's \_S5 object (ACPI 6.4 7.4.2,
 * 16.1.7), or through the sleep control register of a hardware-reduced
 * platform (4.8.3.7). docs/exits.md tells the whole story.
 */
#ifndef VCTS_X86_ACPI_H
#define VCTS_X86_ACPI_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The RSDP's physical address as a boot protocol gave it (PVH start_info,
 * a multiboot2 ACPI tag, Linux boot_params.acpi_rsdp_addr, a UEFI
 * configuration table), or 0.
 */
void acpi_set_rsdp(uint64_t physical);
uint64_t acpi_rsdp_hint(void);

/*
 * Finds the RSDP, the FADT, the DSDT and its \_S5, checking every
 * signature, length and checksum on the way, and says on the console
 * ("# exit: acpi: ...") what it found or why it gave up. With @dump every
 * table it accepted is printed in hex too ("# acpi TABLE OFFSET: HEX").
 * Returns whether acpi_s5_enter() has something to write. Runs once; later
 * calls return the first answer.
 */
bool acpi_s5_prepare(bool dump);

/*
 * The first table with @signature ("APIC" for the MADT) that the RSDT or
 * XSDT lists and whose length and checksum are right, or NULL. Finds the
 * root tables first if the exit has not (the messages are the exit's).
 */
const uint8_t *acpi_table(const char *signature);

/*
 * Writes SLP_TYPx | SLP_EN to the control register(s) acpi_s5_prepare()
 * found. On a machine that powers off, it does not come back for long.
 */
void acpi_s5_enter(void);

#endif
