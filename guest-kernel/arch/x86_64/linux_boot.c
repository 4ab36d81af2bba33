/*
 * Reading the Linux boot protocol's boot_params (linux_boot.h): the
 * command line, the RSDP and the e820 memory map. The loader fills the
 * zero page (64-bit and 32-bit entries), or our setup code does from the
 * header and the BIOS's E820 (16-bit entry, bzimage/setup.S).
 */
#include "linux_boot.h"
#include "lib/string.h"

#define ONE_MIB		0x100000u

static uint32_t read32(const uint8_t *params, unsigned int offset)
{
	uint32_t value;

	memcpy(&value, params + offset, sizeof(value));
	return value;
}

static uint64_t read64(const uint8_t *params, unsigned int offset)
{
	uint64_t value;

	memcpy(&value, params + offset, sizeof(value));
	return value;
}

/* The end of the RAM range that holds 1 MiB (where the kernel runs). */
static uint64_t ram_end_from_e820(const uint8_t *params)
{
	unsigned int count = params[BP_E820_ENTRIES];

	if (count > BP_E820_MAX)
		count = BP_E820_MAX;
	for (unsigned int i = 0; i < count; i++) {
		unsigned int entry = BP_E820_TABLE + i * 20;
		uint64_t address = read64(params, entry);
		uint64_t size = read64(params, entry + 8);

		if (read32(params, entry + 16) == E820_TYPE_RAM && address <= ONE_MIB &&
		    address + size > ONE_MIB)
			return address + size;
	}
	return 0;
}

struct linux_boot_facts linux_boot_read(uint32_t boot_params)
{
	const uint8_t *params = (const uint8_t *)(uintptr_t)boot_params;
	struct linux_boot_facts facts = { 0 };

	facts.cmdline = read32(params, HDR_CMD_LINE_PTR) |
			(uint64_t)read32(params, BP_EXT_CMD_LINE_PTR) << 32;
	facts.rsdp = read64(params, BP_ACPI_RSDP_ADDR);
	facts.ram_end = ram_end_from_e820(params);
	return facts;
}
