/*
 * No channel subsystem: what every architecture but s390x links, as weak
 * definitions that the s390x kernel's instructions (arch/s390x/cio.c)
 * replace. STORE SUBCHANNEL answers condition code 3, "not operational",
 * for every subchannel, which ends the transport's scan at once.
 */
#include "transports/ccw/cio.h"

#define CC_NOT_OPERATIONAL 3

__attribute__((weak)) int cio_stsch(uint32_t sid, struct schib *schib)
{
	(void)sid;
	(void)schib;
	return CC_NOT_OPERATIONAL;
}

__attribute__((weak)) int cio_msch(uint32_t sid, struct schib *schib)
{
	(void)sid;
	(void)schib;
	return CC_NOT_OPERATIONAL;
}

__attribute__((weak)) int cio_ssch(uint32_t sid, struct orb *orb)
{
	(void)sid;
	(void)orb;
	return CC_NOT_OPERATIONAL;
}

__attribute__((weak)) int cio_tsch(uint32_t sid, struct irb *irb)
{
	(void)sid;
	(void)irb;
	return CC_NOT_OPERATIONAL;
}

__attribute__((weak)) int cio_csch(uint32_t sid)
{
	(void)sid;
	return CC_NOT_OPERATIONAL;
}

__attribute__((weak)) int64_t cio_virtio_notify(uint64_t gpr2, uint64_t data, int64_t cookie)
{
	(void)gpr2;
	(void)data;
	(void)cookie;
	return -1;
}

__attribute__((weak)) bool cio_interrupts_init(cio_interrupt_handler_t handler)
{
	(void)handler;
	return false;
}

__attribute__((weak)) void cio_isc_enable(unsigned int isc)
{
	(void)isc;
}

__attribute__((weak)) bool cio_io_mask(void)
{
	return false;
}

__attribute__((weak)) void cio_io_restore(bool enabled)
{
	(void)enabled;
}
