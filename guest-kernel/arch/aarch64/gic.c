/*
 * The GIC distributor and dispatch. Every SPI starts disabled, priority
 * 0xa0, routed to this CPU; a line is configured and enabled when the
 * interrupt code hands it a handler. GICv2's CPU interface is memory
 * mapped (GICC); GICv3's is system registers (gic_v3.c).
 */
#include "arch/arch.h"
#include "gic.h"
#include "lib/kernel.h"
#include "lib/string.h"
#include "lib/test.h"
#include "traps.h"

/* Distributor (IHI 0048B 4.1.2, IHI 0069 12.8) */
#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IGROUPR		0x080
#define GICD_ICENABLER		0x180
#define GICD_ISENABLER		0x100
#define GICD_ICPENDR		0x280
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_IROUTER		0x6000
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_V2_ENABLE	1u
/* With security disabled (DS = 1): EnableGrp0, EnableGrp1, ARE. */
#define GICD_CTLR_V3_ENABLE	((1u << 0) | (1u << 1) | (1u << 4))

/* GICv2 CPU interface (IHI 0048B 4.1.3) */
#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

/* GICv2m MSI frame (Linux irq-gic-v2m.c; ARM SBSA GICv2m) */
#define V2M_MSI_TYPER		0x008
#define V2M_MSI_SETSPI_NS	0x040

#define SPI_PRIORITY		0xa0
#define PRIORITY_MASK		0xf0
#define MAX_INTID		1020

struct handler_slot {
	irq_handler_t handler;
	void *arg;
};

static int version;
static uintptr_t distributor, cpu_interface;
static uint32_t line_limit = GIC_FIRST_SPI;
static uint64_t v2m_frame, its_frame;
static struct handler_slot handlers[MAX_INTID];
static struct handler_slot lpi_handlers[1u << EVENT_ID_BITS];

static void dist_write(uint32_t offset, uint32_t value)
{
	mmio_write32(distributor + offset, value);
}

static uint32_t dist_read(uint32_t offset)
{
	return mmio_read32(distributor + offset);
}

/* GICv3 12.9.4: distributor register writes take effect when RWP clears. */
static void dist_wait(void)
{
	for (int spins = 0; version == 3 && spins < 1000000; spins++) {
		if (!(dist_read(GICD_CTLR) & GICD_CTLR_RWP))
			return;
	}
}

static void dist_setup_spis(void)
{
	for (uint32_t intid = GIC_FIRST_SPI; intid < line_limit; intid += 32) {
		dist_write(GICD_ICENABLER + intid / 8, 0xffffffffu);
		dist_write(GICD_ICPENDR + intid / 8, 0xffffffffu);
		/* Group 1 (GICv3: non-secure IRQs); on GICv2 without security, RAZ/WI or group 0. */
		dist_write(GICD_IGROUPR + intid / 8, version == 3 ? 0xffffffffu : 0);
	}
	dist_wait();
	for (uint32_t intid = GIC_FIRST_SPI; intid < line_limit; intid++) {
		mmio_write8(distributor + GICD_IPRIORITYR + intid, SPI_PRIORITY);
		if (version == 2)
			mmio_write8(distributor + GICD_ITARGETSR + intid, 0x01);
		else
			mmio_write64(distributor + GICD_IROUTER + 8 * intid, gic_v3_affinity_route());
	}
}

static void v2_cpu_init(void)
{
	mmio_write32(cpu_interface + GICC_PMR, PRIORITY_MASK);
	mmio_write32(cpu_interface + GICC_BPR, 0);
	mmio_write32(cpu_interface + GICC_CTLR, 1);
}

static bool is_compatible(const char *compatible, const char *const *names, int count)
{
	for (int i = 0; i < count; i++) {
		if (!strcmp(compatible, names[i]))
			return true;
	}
	return false;
}

static int version_of(const struct fdt_intc *intc)
{
	static const char *const v2[] = { "arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic",
					  "arm,cortex-a7-gic", "arm,arm11mp-gic", "arm,pl390" };
	static const char *const v3[] = { "arm,gic-v3" };

	if (!intc->present || intc->reg_count < 2)
		return 0;
	if (is_compatible(intc->compatible, v2, (int)ARRAY_SIZE(v2)))
		return 2;
	if (is_compatible(intc->compatible, v3, (int)ARRAY_SIZE(v3)))
		return 3;
	return 0;
}

/* MSI frames: GICv2m (Linux arm,gic-v2m-frame), GICv3 ITS (arm,gic-v3-its). */
static void find_msi_frames(const struct fdt_intc *intc)
{
	for (int i = 0; i < intc->msi_count; i++) {
		if (!v2m_frame && !strcmp(intc->msi[i].compatible, "arm,gic-v2m-frame") &&
		    intc->msi[i].reg.size >= V2M_MSI_SETSPI_NS + 4)
			v2m_frame = intc->msi[i].reg.base;
		if (!its_frame && version == 3 &&
		    !strcmp(intc->msi[i].compatible, "arm,gic-v3-its") &&
		    intc->msi[i].reg.size >= 0x20000)
			its_frame = intc->msi[i].reg.base;
	}
}

uint64_t gic_its_base(void)
{
	return its_frame;
}

bool gic_init(const struct fdt_intc *intc)
{
	uint32_t lines;

	version = version_of(intc);
	if (!version)
		return false;
	distributor = (uintptr_t)intc->regs[0].base;
	dist_write(GICD_CTLR, 0);
	dist_wait();
	lines = 32 * ((dist_read(GICD_TYPER) & 0x1f) + 1);
	line_limit = lines > MAX_INTID ? MAX_INTID : lines;
	if (version == 3 && !gic_v3_cpu_init(intc->regs[1].base, intc->regs[1].size)) {
		version = 0;
		return false;
	}
	dist_setup_spis();
	dist_write(GICD_CTLR, version == 2 ? GICD_CTLR_V2_ENABLE : GICD_CTLR_V3_ENABLE);
	dist_wait();
	if (version == 2) {
		cpu_interface = (uintptr_t)intc->regs[1].base;
		v2_cpu_init();
	}
	find_msi_frames(intc);
	return true;
}

const char *gic_name(void)
{
	return version == 2 ? "v2" : version == 3 ? "v3" : "none";
}

uint32_t gic_line_limit(void)
{
	return line_limit;
}

/* Linux arm,gic.yaml: cell 0 is 0 for an SPI, 1 for a PPI; cell 1 the number. */
uint32_t gic_intid_of(const struct fdt_irq *irq)
{
	if (irq->count < 2)
		return 0;
	if (irq->cells[0] == 0 && irq->cells[1] < MAX_INTID - GIC_FIRST_SPI)
		return GIC_FIRST_SPI + irq->cells[1];
	if (irq->cells[0] == 1 && irq->cells[1] < 16)
		return 16 + irq->cells[1];
	return 0;
}

static struct handler_slot *slot_of(uint32_t intid)
{
	if (intid < MAX_INTID)
		return &handlers[intid];
	if (intid >= GIC_FIRST_LPI && intid - GIC_FIRST_LPI < ARRAY_SIZE(lpi_handlers))
		return &lpi_handlers[intid - GIC_FIRST_LPI];
	return 0;
}

void gic_set_handler(uint32_t intid, irq_handler_t handler, void *arg)
{
	struct handler_slot *slot = slot_of(intid);

	if (!slot)
		return;
	slot->arg = arg;
	slot->handler = handler;
}

/* GICD_ICFGR: two bits per INTID, bit 1 of the pair set for edge. */
void gic_configure(uint32_t intid, bool edge)
{
	uint32_t offset = GICD_ICFGR + 4 * (intid / 16), shift = 2 * (intid % 16) + 1;
	uint32_t value;

	if (!version || intid < GIC_FIRST_SPI || intid >= line_limit)
		return;
	value = dist_read(offset) & ~(1u << shift);
	dist_write(offset, value | (edge ? 1u << shift : 0));
	dist_wait();
}

void gic_enable(uint32_t intid)
{
	if (!version || intid < GIC_FIRST_SPI || intid >= line_limit)
		return;
	dist_write(GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
}

void gic_disable(uint32_t intid)
{
	if (!version || intid < GIC_FIRST_SPI || intid >= line_limit)
		return;
	dist_write(GICD_ICENABLER + 4 * (intid / 32), 1u << (intid % 32));
	dist_wait();
}

bool gic_msi_frame(uint64_t *doorbell, uint32_t *first_intid, uint32_t *count)
{
	uint32_t typer;

	if (!v2m_frame)
		return false;
	typer = mmio_read32((uintptr_t)v2m_frame + V2M_MSI_TYPER);
	*doorbell = v2m_frame + V2M_MSI_SETSPI_NS;
	*first_intid = (typer >> 16) & 0x3ff;
	*count = typer & 0x3ff;
	return *count > 0 && *first_intid >= GIC_FIRST_SPI;
}

static void dispatch(uint32_t intid)
{
	struct handler_slot *slot = slot_of(intid);

	if (slot && slot->handler)
		slot->handler(slot->arg);
	else
		test_unexpected_interrupt((int)intid);
}

/* Acknowledge, run the handler, end: one interrupt per exception. */
void gic_handle_irq(void)
{
	uint32_t iar, intid;

	if (version == 3) {
		iar = gic_v3_acknowledge();
		intid = iar & 0xffffff;
	} else if (version == 2) {
		iar = mmio_read32(cpu_interface + GICC_IAR);
		intid = iar & 0x3ff;
	} else {
		return;
	}
	if (intid >= GIC_SPURIOUS_FIRST && intid < 1024)
		return;		/* spurious: nothing to end */
	dispatch(intid);
	if (version == 3)
		gic_v3_end(iar);
	else
		mmio_write32(cpu_interface + GICC_EOIR, iar);
}
