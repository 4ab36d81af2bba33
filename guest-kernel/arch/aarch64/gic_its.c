/*
 * MSI on GICv3: the Interrupt Translation Service (ARM IHI 0069, chapter 5
 * "Locality-specific Peripheral Interrupts and the ITS", and 12.19 for
 * its registers). A device writes an EventID to GITS_TRANSLATER; the ITS
 * turns (DeviceID, EventID) into an LPI through tables it keeps in our
 * memory, and the redistributor raises the LPI if its configuration
 * byte enables it.
 *
 * arch_msi_compose does not know which device will write, so every MSI
 * vector n is EventID n on every PCI function of bus 0 (the DeviceID of
 * a PCI function is its requester ID, bus << 8 | devfn, through the host
 * bridge's msi-map on QEMU virt): one MAPTI per function per vector.
 */
#include "arch/arch.h"
#include "gic.h"
#include "lib/string.h"

/* ITS registers (IHI 0069 12.19) */
#define GITS_CTLR		0x0000
#define GITS_TYPER		0x0008
#define GITS_CBASER		0x0080
#define GITS_CWRITER		0x0088
#define GITS_CREADR		0x0090
#define GITS_BASER		0x0100
#define GITS_TRANSLATER		0x10040
#define GITS_CTLR_ENABLED	1u
#define GITS_TYPER_PTA		(1ull << 19)
#define BASER_VALID		(1ull << 63)
#define BASER_TYPE(v)		(((v) >> 56) & 7)
#define BASER_ENTRY_SIZE(v)	((((v) >> 48) & 0x1f) + 1)
#define BASER_TYPE_DEVICES	1
#define BASER_TYPE_COLLECTIONS	4
/* Inner shareable, inner read/write-allocate write-back (5.2.x cacheability). */
#define TABLE_ATTRIBUTES	((7ull << 59) | (1ull << 10))
#define CBASER_ATTRIBUTES	((7ull << 59) | (1ull << 10))

/* Redistributor LPI registers (IHI 0069 12.11) */
#define GICR_CTLR		0x0000
#define GICR_TYPER		0x0008
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define GICR_CTLR_ENABLE_LPIS	1u
#define GICR_TYPER_PLPIS	1u
#define PROPBASER_ATTRIBUTES	((7ull << 7) | (1ull << 10))
#define PENDBASER_ATTRIBUTES	((7ull << 7) | (1ull << 10))
#define PENDBASER_PTZ		(1ull << 62)

/* Commands (IHI 0069 5.3) */
#define ITS_CMD_SYNC		0x05
#define ITS_CMD_MAPD		0x08
#define ITS_CMD_MAPC		0x09
#define ITS_CMD_MAPTI		0x0a
#define ITS_CMD_INVALL		0x0d
#define ITS_CMD_SIZE		32
#define ITS_QUEUE_BYTES		4096

#define LPI_ID_BITS		14		/* LPIs 8192..16383 */
#define MAX_FUNCTIONS		16
#define ITT_BYTES		4096
#define LPI_PRIORITY_ENABLED	0xa1		/* priority 0xa0, bit 0 enable */
#define TABLE_BYTES		4096
#define SPIN_LIMIT		1000000

static uint8_t lpi_config[(1u << LPI_ID_BITS) - GIC_FIRST_LPI] __attribute__((aligned(4096)));
static uint8_t lpi_pending[1u << (LPI_ID_BITS - 3)] __attribute__((aligned(65536)));
static uint64_t command_queue[ITS_QUEUE_BYTES / 8] __attribute__((aligned(4096)));
static uint8_t its_tables[8][TABLE_BYTES] __attribute__((aligned(4096)));
static uint8_t itts[MAX_FUNCTIONS][ITT_BYTES] __attribute__((aligned(4096)));

static uintptr_t its;
static uint64_t target;		/* MAPC's RDbase field for our redistributor */
static uint32_t write_offset;
static uint32_t functions[MAX_FUNCTIONS];	/* DeviceIDs */
static int function_count;

static bool send(const uint64_t command[4])
{
	uint64_t *slot = &command_queue[write_offset / 8];

	for (int i = 0; i < 4; i++)
		slot[i] = command[i];
	write_offset = (write_offset + ITS_CMD_SIZE) % ITS_QUEUE_BYTES;
	mmio_write64(its + GITS_CWRITER, write_offset);
	for (int spins = 0; spins < SPIN_LIMIT; spins++) {
		if (mmio_read64(its + GITS_CREADR) == write_offset)
			return true;
	}
	return false;
}

/* GITS_BASER<n>: one page for the device and collection tables each. */
static bool setup_tables(void)
{
	bool devices = false, collections = false;

	for (int n = 0; n < 8; n++) {
		uintptr_t reg = its + GITS_BASER + 8 * (uintptr_t)n;
		uint64_t baser = mmio_read64(reg);
		uint64_t type = BASER_TYPE(baser);

		if (type != BASER_TYPE_DEVICES && type != BASER_TYPE_COLLECTIONS)
			continue;
		/* 256 DeviceIDs (bus 0) and a few collections fit one page. */
		if (BASER_ENTRY_SIZE(baser) * 256 > TABLE_BYTES)
			return false;
		mmio_write64(reg, BASER_VALID | TABLE_ATTRIBUTES | (baser & (0x1full << 48)) |
			     (uint64_t)(uintptr_t)its_tables[n]);
		if (!(mmio_read64(reg) & BASER_VALID))
			return false;
		devices |= type == BASER_TYPE_DEVICES;
		collections |= type == BASER_TYPE_COLLECTIONS;
	}
	return devices && collections;
}

/* LPI configuration and pending tables of our redistributor (5.1.1, 5.1.2). */
static bool setup_redistributor(uintptr_t redistributor)
{
	if (!(mmio_read64(redistributor + GICR_TYPER) & GICR_TYPER_PLPIS))
		return false;
	mmio_write32(redistributor + GICR_CTLR,
		     mmio_read32(redistributor + GICR_CTLR) & ~GICR_CTLR_ENABLE_LPIS);
	mmio_write64(redistributor + GICR_PROPBASER, (uint64_t)(uintptr_t)lpi_config |
		     PROPBASER_ATTRIBUTES | (LPI_ID_BITS - 1));
	mmio_write64(redistributor + GICR_PENDBASER, (uint64_t)(uintptr_t)lpi_pending |
		     PENDBASER_ATTRIBUTES | PENDBASER_PTZ);
	mmio_write32(redistributor + GICR_CTLR,
		     mmio_read32(redistributor + GICR_CTLR) | GICR_CTLR_ENABLE_LPIS);
	return true;
}

/* The PCI functions of bus 0: the DeviceIDs that may write. */
static void find_functions(void)
{
	for (uint32_t device = 0; device < 32; device++) {
		uint32_t functions_here = 1;

		for (uint32_t function = 0; function < functions_here; function++) {
			uint32_t bdf = device << 3 | function;

			if ((arch_pci_config_read32(bdf, 0) & 0xffff) == 0xffff)
				continue;
			if (!function && (arch_pci_config_read32(bdf, 0x0c) & 0x00800000u))
				functions_here = 8;
			if (function_count < MAX_FUNCTIONS)
				functions[function_count++] = bdf;
		}
	}
}

static bool map_devices(void)
{
	uint64_t mapc[4] = { ITS_CMD_MAPC, 0, 1ull << 63 | target | 0, 0 };
	uint64_t sync[4] = { ITS_CMD_SYNC, 0, target, 0 };

	if (!send(mapc))
		return false;
	for (int i = 0; i < function_count; i++) {
		uint64_t mapd[4] = { ITS_CMD_MAPD | (uint64_t)functions[i] << 32,
				     EVENT_ID_BITS - 1,
				     1ull << 63 | (uint64_t)(uintptr_t)itts[i], 0 };

		if (!send(mapd))
			return false;
	}
	return send(sync);
}

bool gic_its_init(uint64_t base, uintptr_t redistributor)
{
	uint64_t typer;

	its = (uintptr_t)base;
	typer = mmio_read64(its + GITS_TYPER);
	/* RDbase: the redistributor's address, or its processor number. */
	target = typer & GITS_TYPER_PTA ? (uint64_t)redistributor & 0xfffffffff0000ull :
		 ((mmio_read64(redistributor + GICR_TYPER) >> 8) & 0xffff) << 16;
	mmio_write32(its + GITS_CTLR, 0);
	if (!setup_tables() || !setup_redistributor(redistributor))
		return false;
	mmio_write64(its + GITS_CBASER, 1ull << 63 | CBASER_ATTRIBUTES |
		     (uint64_t)(uintptr_t)command_queue | (ITS_QUEUE_BYTES / 4096 - 1));
	mmio_write64(its + GITS_CWRITER, 0);
	mmio_write32(its + GITS_CTLR, GITS_CTLR_ENABLED);
	find_functions();
	return map_devices();
}

uint64_t gic_its_doorbell(void)
{
	return (uint64_t)its + GITS_TRANSLATER;
}

/* LPI GIC_FIRST_LPI + @event, enabled, for EventID @event of every function. */
bool gic_its_map_event(uint32_t event)
{
	uint64_t invall[4] = { ITS_CMD_INVALL, 0, 0, 0 };
	uint64_t sync[4] = { ITS_CMD_SYNC, 0, target, 0 };

	if (!its || event >= (1u << EVENT_ID_BITS))
		return false;
	lpi_config[event] = LPI_PRIORITY_ENABLED;
	dma_wmb();
	for (int i = 0; i < function_count; i++) {
		uint64_t mapti[4] = { ITS_CMD_MAPTI | (uint64_t)functions[i] << 32,
				      event | (uint64_t)(GIC_FIRST_LPI + event) << 32, 0, 0 };

		if (!send(mapti))
			return false;
	}
	return send(invall) && send(sync);
}
