/*
 * GICv3: this CPU's redistributor (woken so that it forwards interrupts,
 * IHI 0069 12.11.42 GICR_WAKER) and the system-register CPU interface
 * (ICC_*_EL1, IHI 0069 12.2). System registers are named by encoding, so
 * any assembler takes them.
 */
#include "arch/arch.h"
#include "gic.h"

#define GICR_TYPER		0x008
#define GICR_WAKER		0x014
#define GICR_WAKER_SLEEP	(1u << 1)
#define GICR_WAKER_ASLEEP	(1u << 2)
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_TYPER_VLPIS	(1u << 1)
#define GICR_FRAME_V3		0x20000		/* RD_base + SGI_base */
#define GICR_FRAME_V4		0x40000		/* + VLPI_base + reserved */
#define GICR_SGI_BASE		0x10000
#define GICR_ICENABLER0		0x180
#define GICR_IGROUPR0		0x080

#define ICC_PMR_EL1		"S3_0_C4_C6_0"
#define ICC_IAR1_EL1		"S3_0_C12_C12_0"
#define ICC_EOIR1_EL1		"S3_0_C12_C12_1"
#define ICC_BPR1_EL1		"S3_0_C12_C12_3"
#define ICC_CTLR_EL1		"S3_0_C12_C12_4"
#define ICC_SRE_EL1		"S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1		"S3_0_C12_C12_7"

#define PRIORITY_MASK		0xf0

static uintptr_t our_redistributor;

static uint64_t read_mpidr(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(value));
	return value;
}

/* GICD_IROUTER: Aff3.Aff2.Aff1.Aff0 of this CPU, Interrupt_Routing_Mode 0. */
uint64_t gic_v3_affinity_route(void)
{
	uint64_t mpidr = read_mpidr();

	return (mpidr & 0xffffffull) | ((mpidr >> 32) & 0xff) << 32;
}

/* GICR_TYPER[63:32] holds the affinity as Aff3.Aff2.Aff1.Aff0. */
static uint32_t affinity_value(void)
{
	uint64_t mpidr = read_mpidr();

	return (uint32_t)(mpidr & 0xffffff) | (uint32_t)((mpidr >> 32) & 0xff) << 24;
}

static uintptr_t find_redistributor(uint64_t base, uint64_t size)
{
	uint64_t offset = 0;

	while (offset + GICR_FRAME_V3 <= size) {
		uintptr_t frame = (uintptr_t)(base + offset);
		uint64_t typer = mmio_read64(frame + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == affinity_value())
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
		offset += (typer & GICR_TYPER_VLPIS) ? GICR_FRAME_V4 : GICR_FRAME_V3;
	}
	return 0;
}

static bool wake(uintptr_t redistributor)
{
	uint32_t waker = mmio_read32(redistributor + GICR_WAKER);

	mmio_write32(redistributor + GICR_WAKER, waker & ~GICR_WAKER_SLEEP);
	for (int spins = 0; spins < 1000000; spins++) {
		if (!(mmio_read32(redistributor + GICR_WAKER) & GICR_WAKER_ASLEEP))
			return true;
	}
	return false;
}

bool gic_v3_cpu_init(uint64_t redistributor_base, uint64_t redistributor_size)
{
	uintptr_t redistributor = find_redistributor(redistributor_base, redistributor_size);
	uint64_t sre;

	if (!redistributor || !wake(redistributor))
		return false;
	our_redistributor = redistributor;
	/* SGIs and PPIs: none used; off, in group 1. */
	mmio_write32(redistributor + GICR_SGI_BASE + GICR_ICENABLER0, 0xffffffffu);
	mmio_write32(redistributor + GICR_SGI_BASE + GICR_IGROUPR0, 0xffffffffu);

	__asm__ volatile("mrs %0, " ICC_SRE_EL1 : "=r"(sre));
	__asm__ volatile("msr " ICC_SRE_EL1 ", %0\n\tisb" : : "r"(sre | 1));
	__asm__ volatile("msr " ICC_PMR_EL1 ", %0" : : "r"((uint64_t)PRIORITY_MASK));
	__asm__ volatile("msr " ICC_BPR1_EL1 ", %0" : : "r"(0ull));
	__asm__ volatile("msr " ICC_CTLR_EL1 ", %0" : : "r"(0ull));	/* EOImode 0 */
	__asm__ volatile("msr " ICC_IGRPEN1_EL1 ", %0\n\tisb" : : "r"(1ull));
	return true;
}

uintptr_t gic_v3_redistributor(void)
{
	return our_redistributor;
}

uint32_t gic_v3_acknowledge(void)
{
	uint64_t iar;

	__asm__ volatile("mrs %0, " ICC_IAR1_EL1 : "=r"(iar) : : "memory");
	return (uint32_t)iar;
}

void gic_v3_end(uint32_t iar)
{
	__asm__ volatile("msr " ICC_EOIR1_EL1 ", %0\n\tisb" : : "r"((uint64_t)iar) : "memory");
}
