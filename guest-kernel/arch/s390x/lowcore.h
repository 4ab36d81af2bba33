/*
 * The z/Architecture lowcore (prefix area) fields the kernel uses, as
 * real addresses: the old/new PSW pairs of each interruption class and
 * the interruption codes stored with them (z/Architecture Principles of
 * Operation, SA22-7832, chapter 3 "Assigned Storage Locations"), and a
 * few words of the OS-defined part that the interruption entry code
 * (entry.S) reaches with base register 0.
 */
#ifndef VCTS_S390X_LOWCORE_H
#define VCTS_S390X_LOWCORE_H

/* Interruption codes (PoP "Assigned Storage Locations"). */
#define LC_EXT_PARAMS		0x080	/* u32 external-interruption parameter */
#define LC_EXT_CPU_ADDR		0x084	/* u16 */
#define LC_EXT_INT_CODE		0x086	/* u16 external-interruption code */
#define LC_SVC_ILC		0x088	/* u16 */
#define LC_SVC_CODE		0x08a	/* u16 */
#define LC_PGM_ILC		0x08c	/* u16 instruction-length code */
#define LC_PGM_CODE		0x08e	/* u16 program-interruption code */
#define LC_TRANS_EXC_CODE	0x0a8	/* u64 translation-exception identification */
#define LC_SUBCHANNEL_ID	0x0b8	/* u32 subsystem-identification word */
#define LC_IO_INT_PARM		0x0bc	/* u32 I/O-interruption parameter */
#define LC_IO_INT_WORD		0x0c0	/* u32 I/O-interruption-identification word */
#define LC_MCCK_CODE		0x0e8	/* u64 machine-check-interruption code */

/* Old PSWs (stored by the interruption) and new PSWs (loaded by it). */
#define LC_RESTART_OLD_PSW	0x120
#define LC_EXT_OLD_PSW		0x130
#define LC_SVC_OLD_PSW		0x140
#define LC_PGM_OLD_PSW		0x150
#define LC_MCCK_OLD_PSW		0x160
#define LC_IO_OLD_PSW		0x170
#define LC_RESTART_NEW_PSW	0x1a0
#define LC_EXT_NEW_PSW		0x1b0
#define LC_SVC_NEW_PSW		0x1c0
#define LC_PGM_NEW_PSW		0x1d0
#define LC_MCCK_NEW_PSW		0x1e0
#define LC_IO_NEW_PSW		0x1f0

/*
 * OS-defined words between the architected fields (0x200-0x11ff is the
 * program's to use): the general registers an interruption found, and
 * the stacks the entry code switches to.
 */
#define LC_SAVE_AREA_IO		0x200	/* 16 x u64: registers at an I/O interruption */
#define LC_SAVE_AREA_CRASH	0x280	/* 16 x u64: registers at any other */
#define LC_IO_STACK		0x300	/* u64: top of the I/O interruption stack */
#define LC_CRASH_STACK		0x308	/* u64: top of the crash stack */

/* Interruption classes, as entry.S passes them to s390x_interruption(). */
#define CLASS_RESTART		0
#define CLASS_EXTERNAL		1
#define CLASS_SVC		2
#define CLASS_PROGRAM		3
#define CLASS_MACHINE_CHECK	4
#define CLASS_IO		5

/*
 * PSW mask bits (PoP 4.3 "Program-Status Word", bit n of the 64-bit mask
 * is 1 << (63 - n)): I/O (6) and external (7) interruption masks,
 * machine-check mask (13), wait state (14), extended (31) and basic (32)
 * addressing mode: both set is 64-bit mode.
 */
#define PSW_MASK_IO		0x0200000000000000ull
#define PSW_MASK_EXT		0x0100000000000000ull
#define PSW_MASK_MCHECK		0x0004000000000000ull
#define PSW_MASK_WAIT		0x0002000000000000ull
#define PSW_MASK_64BIT		0x0000000180000000ull

#endif
