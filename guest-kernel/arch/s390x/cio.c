/*
 * The channel subsystem's I/O instructions (PoP chapter 14) for the CCW
 * transport (transports/ccw/cio.h): general register 1 holds the
 * subsystem-identification word, the second operand addresses the block
 * (real address, DAT is off). The condition code comes back through
 * IPM. And the I/O interruption side: control register 6's subclass mask
 * (PoP 6-37, "I/O-Interruption Subclass Mask": bit 32 + isc) and the I/O
 * new PSW's handler (traps.c).
 */
#include "arch/arch.h"
#include "traps.h"
#include "transports/ccw/cio.h"

#define SYSTEM_MASK_IO		0x02

#define IO_INSTRUCTION(name, mnemonic, type)					\
	int name(uint32_t sid, type *block)					\
	{									\
		register unsigned long r1 __asm__("1") = sid;			\
		int cc;								\
										\
		__asm__ volatile(mnemonic "	0(%2)\n"			\
				 "	ipm	%0\n"				\
				 "	srl	%0,28\n"			\
				 : "=d"(cc), "+d"(r1)				\
				 : "a"(block)					\
				 : "cc", "memory");				\
		return cc;							\
	}

IO_INSTRUCTION(cio_stsch, "stsch", struct schib)
IO_INSTRUCTION(cio_msch, "msch", struct schib)
IO_INSTRUCTION(cio_ssch, "ssch", struct orb)
IO_INSTRUCTION(cio_tsch, "tsch", struct irb)

int cio_csch(uint32_t sid)
{
	register unsigned long r1 __asm__("1") = sid;
	int cc;

	__asm__ volatile("	csch\n"
			 "	ipm	%0\n"
			 "	srl	%0,28\n"
			 : "=d"(cc), "+d"(r1) : : "cc", "memory");
	return cc;
}

/* DIAGNOSE 0x500, subcode 3 in GPR1 (virtio 1.2 4.3.3.2). */
int64_t cio_virtio_notify(uint64_t gpr2, uint64_t data, int64_t cookie)
{
	register unsigned long r1 __asm__("1") = 3;
	register unsigned long r2 __asm__("2") = gpr2;
	register unsigned long r3 __asm__("3") = data;
	register long r4 __asm__("4") = cookie;

	__asm__ volatile("diag	2,4,0x500"
			 : "+d"(r2)
			 : "d"(r1), "d"(r3), "d"(r4)
			 : "cc", "memory");
	return (int64_t)r2;
}

static cio_interrupt_handler_t interrupt_handler;

static void io_interruption(uint32_t sid, uint32_t parameter, uint32_t identification)
{
	interrupt_handler(sid, parameter, identification);
}

bool cio_interrupts_init(cio_interrupt_handler_t handler)
{
	interrupt_handler = handler;
	traps_set_io_handler(io_interruption);
	return true;
}

void cio_isc_enable(unsigned int isc)
{
	uint64_t cr6;

	__asm__ volatile("stctg	6,6,%0" : "=Q"(cr6));
	cr6 |= 0x80000000ull >> (isc & 7);
	__asm__ volatile("lctlg	6,6,%0" : : "Q"(cr6) : "memory");
}

bool cio_io_mask(void)
{
	uint8_t old;

	__asm__ volatile("stnsm	%0,%1" : "=Q"(old) : "i"(0xff & ~SYSTEM_MASK_IO) : "memory");
	return old & SYSTEM_MASK_IO;
}

void cio_io_restore(bool enabled)
{
	uint8_t old;

	if (enabled)
		__asm__ volatile("stosm	%0,%1" : "=Q"(old) : "i"(SYSTEM_MASK_IO) : "memory");
}
