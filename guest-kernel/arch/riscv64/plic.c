/*
 * The PLIC (plic.h). Register map from the PLIC Specification v1.0.0,
 * chapter 3 "Memory Map": priority of source n at 4n, enables of context
 * c at 0x2000 + 0x80c (one bit per source), the priority threshold of
 * context c at 0x200000 + 0x1000c and its claim/complete register 4
 * bytes after. A source interrupts a context when it is enabled there
 * and its priority is above the context's threshold.
 */
#include "arch/arch.h"
#include "lib/printf.h"
#include "lib/test.h"
#include "plic.h"

#define PLIC_PRIORITY(source)		(4u * (source))
#define PLIC_ENABLE(context, source)	(0x2000u + 0x80u * (context) + 4u * ((source) / 32))
#define PLIC_THRESHOLD(context)		(0x200000u + 0x1000u * (context))
#define PLIC_CLAIM(context)		(PLIC_THRESHOLD(context) + 4)
/* The specification allows up to 1023 sources; QEMU virt has 95 (+ 0). */
#define PLIC_MAX_SOURCES		1023
#define HANDLED_SOURCES			128
#define PRIORITY_ON			1

struct plic_handler {
	irq_handler_t handler;
	void *arg;
};

static uintptr_t plic_base;
static uint32_t context;
static uint32_t sources;
static struct plic_handler handlers[HANDLED_SOURCES];

bool plic_init(const struct riscv_platform *platform)
{
	if (!platform->has_plic || platform->plic_context < 0)
		return false;
	plic_base = (uintptr_t)platform->plic.base;
	context = (uint32_t)platform->plic_context;
	sources = platform->plic_sources;
	if (!sources || sources > PLIC_MAX_SOURCES)
		sources = PLIC_MAX_SOURCES;
	if (sources >= HANDLED_SOURCES)
		sources = HANDLED_SOURCES - 1;
	for (uint32_t source = 1; source <= sources; source++) {
		plic_disable(source);
		mmio_write32(plic_base + PLIC_PRIORITY(source), 0);
	}
	mmio_write32(plic_base + PLIC_THRESHOLD(context), 0);
	return true;
}

uint32_t plic_source_count(void)
{
	return sources;
}

uint32_t plic_source_of(const struct fdt_irq *irq)
{
	return irq->count == 1 ? irq->cells[0] : 0;
}

void plic_set_handler(uint32_t source, irq_handler_t handler, void *arg)
{
	if (source && source <= sources) {
		handlers[source].arg = arg;
		handlers[source].handler = handler;
	}
}

static void set_enable(uint32_t source, bool on)
{
	uintptr_t reg = plic_base + PLIC_ENABLE(context, source);
	uint32_t bits = mmio_read32(reg);

	bits = on ? bits | (1u << (source % 32)) : bits & ~(1u << (source % 32));
	mmio_write32(reg, bits);
}

void plic_enable(uint32_t source)
{
	if (!source || source > sources)
		return;
	mmio_write32(plic_base + PLIC_PRIORITY(source), PRIORITY_ON);
	set_enable(source, true);
}

void plic_disable(uint32_t source)
{
	if (source && source <= sources)
		set_enable(source, false);
}

/*
 * Claim (spec 3.11): reading gives the highest-priority pending source
 * and clears its pending bit; 0 means none. Complete: writing the source
 * back lets the gateway forward it again.
 */
void plic_handle_irq(void)
{
	uint32_t source;

	while ((source = mmio_read32(plic_base + PLIC_CLAIM(context))) != 0) {
		if (source <= sources && handlers[source].handler) {
			handlers[source].handler(handlers[source].arg);
		} else {
			/* Nobody asked for it: keep it from coming back. */
			plic_disable(source);
			test_unexpected_interrupt((int)source);
		}
		mmio_write32(plic_base + PLIC_CLAIM(context), source);
	}
}
