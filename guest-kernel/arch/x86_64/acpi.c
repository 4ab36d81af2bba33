/* ACPI: where the boot protocol said the RSDP is (acpi.h). */
#include "acpi.h"

static uint64_t rsdp_from_loader;

void acpi_set_rsdp(uint64_t physical)
{
	rsdp_from_loader = physical;
}

uint64_t acpi_rsdp_hint(void)
{
	return rsdp_from_loader;
}
