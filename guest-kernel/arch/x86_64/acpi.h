/*
 * ACPI, as far as the kernel needs it: finding the tables (the loader may
 * say where the RSDP is; otherwise the BIOS areas are searched, ACPI 6.4
 * 5.2.5.1) and powering the machine off through the FADT's PM1 control
 * registers with the sleep type of the DSDT's \_S5 object (ACPI 6.4 7.4.2).
 */
#ifndef VCTS_X86_ACPI_H
#define VCTS_X86_ACPI_H

#include <stdint.h>

/*
 * The RSDP's physical address as a boot protocol gave it (PVH start_info,
 * a multiboot2 ACPI tag, Linux boot_params.acpi_rsdp_addr), or 0.
 */
void acpi_set_rsdp(uint64_t physical);
uint64_t acpi_rsdp_hint(void);

#endif
