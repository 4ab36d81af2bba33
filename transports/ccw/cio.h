/*
 * The channel subsystem as the CCW transport sees it: the architected
 * control blocks (z/Architecture Principles of Operation, SA22-7832,
 * chapter 15 "Basic I/O Functions" and 16 "I/O Interruptions": SCHIB,
 * ORB, CCW, IRB) and the I/O instructions that take them (chapter 14),
 * as functions. Every field is big-endian, as the architecture defines
 * it; the structures are byte-exact, so a little-endian host (the
 * reference models) reads them through the be*_to_cpu helpers too.
 *
 * The functions are the s390x kernel's (guest-kernel/arch/s390x/cio.c:
 * the instructions themselves); cio_absent.c gives every other
 * architecture weak ones that find no channel subsystem, so the CCW
 * transport is built and linked everywhere and finds nothing where there
 * is nothing.
 */
#ifndef VCTS_CIO_H
#define VCTS_CIO_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Subsystem-identification word of subchannel @number in subchannel set
 * @ssid of the default channel subsystem: bit 15 ("one") set, the set in
 * bits 13-14, the number in bits 16-31 (PoP 14-3).
 */
#define CIO_SID(ssid, number)	(0x00010000u | ((uint32_t)(ssid) << 17) | (number))
#define CIO_SID_NUMBER(sid)	((sid) & 0xffffu)

/* Path-management-control word (PoP 15-3), the first 28 bytes of the SCHIB. */
struct pmcw {
	uint32_t intparm;		/* interruption parameter */
	uint16_t flags;			/* ISC, E(nabled), LM, MM, D, T, V */
	uint16_t devno;
	uint8_t lpm, pnom, lpum, pim;
	uint16_t mbi;
	uint8_t pom, pam;
	uint8_t chpid[8];
	uint32_t chars;			/* ... concurrent sense */
} __attribute__((packed));

#define PMCW_FLAGS_ISC_SHIFT	11
#define PMCW_FLAGS_ISC_MASK	0x3800
#define PMCW_FLAGS_ENABLED	0x0080
#define PMCW_FLAGS_DNV		0x0001	/* device number valid */
#define PMCW_CHARS_CSENSE	0x00000001u

/* Subchannel-status word (PoP 16-6). */
struct scsw {
	uint16_t flags;
	uint16_t ctrl;			/* function, activity and status control */
	uint32_t cpa;			/* CCW address */
	uint8_t dstat;			/* device status */
	uint8_t cstat;			/* subchannel status */
	uint16_t count;			/* residual count */
} __attribute__((packed));

#define SCSW_FLAGS_CC_MASK	0x0300	/* deferred condition code */
#define SCSW_FLAGS_CC_SHIFT	8
#define SCSW_FCTL_START		0x4000
#define SCSW_FCTL_HALT		0x2000
#define SCSW_FCTL_CLEAR		0x1000
#define SCSW_FCTL_MASK		0x7000
#define SCSW_STCTL_ALERT	0x0010
#define SCSW_STCTL_INTERMEDIATE	0x0008
#define SCSW_STCTL_PRIMARY	0x0004
#define SCSW_STCTL_SECONDARY	0x0002
#define SCSW_STCTL_PENDING	0x0001

#define DSTAT_ATTENTION		0x80
#define DSTAT_CHANNEL_END	0x08
#define DSTAT_DEVICE_END	0x04
#define DSTAT_UNIT_CHECK	0x02
#define DSTAT_UNIT_EXCEPTION	0x01

#define CSTAT_PCI		0x80
#define CSTAT_INCORRECT_LENGTH	0x40
#define CSTAT_PROGRAM_CHECK	0x20
#define CSTAT_PROTECTION_CHECK	0x10
#define CSTAT_DATA_CHECK	0x08
#define CSTAT_CONTROL_CHECK	0x04
#define CSTAT_INTERFACE_CHECK	0x02
#define CSTAT_CHAINING_CHECK	0x01

struct schib {
	struct pmcw pmcw;
	struct scsw scsw;
	uint8_t model[12];
} __attribute__((packed, aligned(4)));

/* Operation-request block, format 1 CCWs (PoP 15-23). */
struct orb {
	uint32_t intparm;
	uint16_t ctrl0;			/* key, S, C, M, Y, F(ormat 1), P(refetch), I, A, U */
	uint8_t lpm;			/* logical-path mask */
	uint8_t ctrl1;			/* L(ength suppression), D, ... X */
	uint32_t cpa;			/* channel-program address, 31 bits */
	uint8_t reserved[20];
} __attribute__((packed, aligned(4)));

#define ORB_CTRL0_FORMAT1	0x0080
#define ORB_CTRL0_PREFETCH	0x0040

/* Format-1 channel-command word (PoP 15-26): 31-bit data address. */
struct ccw1 {
	uint8_t cmd;
	uint8_t flags;
	uint16_t count;
	uint32_t cda;
} __attribute__((packed, aligned(8)));

#define CCW_FLAG_CD		0x80	/* chain data */
#define CCW_FLAG_CC		0x40	/* chain command */
#define CCW_FLAG_SLI		0x20	/* suppress length indication */
#define CCW_FLAG_SKIP		0x10
#define CCW_FLAG_PCI		0x08
#define CCW_FLAG_IDA		0x04
#define CCW_FLAG_SUSPEND	0x02

/* Basic channel commands every device answers (virtio 1.2 4.3.1). */
#define CCW_CMD_NOOP		0x03
#define CCW_CMD_BASIC_SENSE	0x04
#define CCW_CMD_TIC		0x08
#define CCW_CMD_SENSE_ID	0xe4

/* Sense byte 0: command reject (the answer to an unsupported command). */
#define SENSE_COMMAND_REJECT	0x80

/* Interruption-response block (PoP 16-6): SCSW, ESW, ECW (sense), EMW. */
struct irb {
	struct scsw scsw;
	uint32_t esw[5];
	uint8_t ecw[32];
	uint32_t emw[8];
} __attribute__((packed, aligned(4)));

/* ESW word 1 of a format-0 ESW: ERW; bit 7 (0x01000000) says the ECW holds sense. */
#define ESW1_SENSE_STORED	0x01000000u

/* SENSE ID data (Common I/O Device Commands, "Sense ID"). */
struct sense_id {
	uint8_t reserved;		/* 0xff */
	uint16_t cu_type;
	uint8_t cu_model;
	uint16_t dev_type;
	uint8_t dev_model;
	uint8_t unused;
} __attribute__((packed));

/*
 * The I/O instructions: each returns its condition code (0-3, PoP chapter
 * 14), with the block it stores or takes at @block (below 2 GiB, word
 * aligned). STORE SUBCHANNEL, MODIFY SUBCHANNEL, START SUBCHANNEL, TEST
 * SUBCHANNEL.
 */
int cio_stsch(uint32_t sid, struct schib *schib);
int cio_msch(uint32_t sid, struct schib *schib);
int cio_ssch(uint32_t sid, struct orb *orb);
int cio_tsch(uint32_t sid, struct irb *irb);
/* CLEAR SUBCHANNEL. */
int cio_csch(uint32_t sid);

/*
 * DIAGNOSE 0x500 subcode 3, the virtio-ccw available-buffer notification
 * (virtio 1.2 4.3.3.2): GPR2 the subchannel id (in bits 32-63; the device
 * ignores bits 0-31), GPR3 the notification
 * data, GPR4 the host cookie. Returns what the hypervisor left in GPR2
 * (the next cookie, or a negative error).
 */
int64_t cio_virtio_notify(uint64_t gpr2, uint64_t data, int64_t cookie);

/*
 * I/O interruptions: @handler is called with the subsystem-identification
 * word, interruption parameter and interruption-identification word (an
 * adapter interruption has bit 0 set there, PoP 16-4) of each I/O
 * interruption of an enabled subclass; cio_isc_enable()
 * turns subclass @isc on (control register 6). Returns false where the
 * kernel takes no I/O interruptions (they stay pending: TEST SUBCHANNEL
 * still finds the status).
 */
typedef void (*cio_interrupt_handler_t)(uint32_t sid, uint32_t parameter, uint32_t identification);
bool cio_interrupts_init(cio_interrupt_handler_t handler);
void cio_isc_enable(unsigned int isc);
/* Masks I/O interruptions; returns whether they were enabled, for cio_io_restore. */
bool cio_io_mask(void);
void cio_io_restore(bool enabled);

#endif
