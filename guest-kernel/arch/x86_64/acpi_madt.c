/* The MADT's Interrupt Source Overrides (acpi_madt.h); ACPI 6.4 5.2.12. */
#include "acpi_madt.h"

#define MADT_ENTRIES		44	/* after the header, LAPIC address, flags */
#define ENTRY_HEADER		2	/* Type, Length */
#define TYPE_SOURCE_OVERRIDE	2
#define OVERRIDE_LENGTH		10	/* Table 5.25 */
#define BUS_ISA			0

static uint32_t le32_at(const uint8_t *bytes)
{
	return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

bool acpi_madt_isa_override(const uint8_t *madt, uint8_t irq,
			    struct acpi_isa_override *out)
{
	uint32_t length = le32_at(madt + 4);

	for (uint32_t at = MADT_ENTRIES; at + ENTRY_HEADER <= length;) {
		const uint8_t *entry = madt + at;
		uint8_t entry_length = entry[1];

		if (entry_length < ENTRY_HEADER || at + entry_length > length)
			return false;
		if (entry[0] == TYPE_SOURCE_OVERRIDE && entry_length >= OVERRIDE_LENGTH &&
		    entry[2] == BUS_ISA && entry[3] == irq) {
			/* Flags, offset 8: polarity in bits 1:0, trigger mode in 3:2. */
			out->gsi = le32_at(entry + 4);
			out->polarity = entry[8] & 3;
			out->trigger = (entry[8] >> 2) & 3;
			return true;
		}
		at += entry_length;
	}
	return false;
}
