/*
 * Interrupt masks and the interrupt sources s390x does not have.
 *
 * The PSW's I/O mask (bit 6) and external mask (bit 7) gate
 * interruptions; STORE THEN OR / AND SYSTEM MASK change them (PoP 10-
 * "STOSM", "STNSM"). Which I/O interruptions can come at all is control
 * register 6's per-ISC subclass mask, which the channel code sets
 * (transports/ccw): until it does, enabling changes nothing. External
 * interruptions stay masked: nothing here waits for one.
 *
 * The machine has no PCI, no virtio-mmio, no port I/O and no message-
 * signalled interrupts: devices are on the channel subsystem. The
 * functions below say so to the shared code that asks.
 */
#include "arch/arch.h"
#include "arch/common/irq_lines.h"

#define SYSTEM_MASK_IO		0x02	/* PSW bit 6 in the first byte */

void arch_irq_enable(void)
{
	uint8_t old;

	__asm__ volatile("stosm %0,%1" : "=Q"(old) : "i"(SYSTEM_MASK_IO) : "memory");
}

void arch_irq_disable(void)
{
	uint8_t old;

	__asm__ volatile("stnsm %0,%1" : "=Q"(old) : "i"(0xff & ~SYSTEM_MASK_IO) : "memory");
}

void arch_wait_a_little(void)
{
	cpu_relax();
}

int arch_msi_vector_alloc(irq_handler_t handler, void *arg)
{
	(void)handler;
	(void)arg;
	return -1;
}

void arch_msi_compose(int vector, uint64_t *address, uint32_t *data)
{
	(void)vector;
	*address = 0;
	*data = 0;
}

int irq_line_attach(uint32_t irq, irq_handler_t handler, void *arg)
{
	(void)irq;
	(void)handler;
	(void)arg;
	return -1;
}

void irq_line_unmask(uint32_t irq, int vector)
{
	(void)irq;
	(void)vector;
}

void irq_line_mask(uint32_t irq)
{
	(void)irq;
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	(void)irq;
	(void)handler;
	(void)arg;
	return ARCH_IRQ_NO_LINE;
}
