/*
 * A channel subsystem with one virtio-ccw proxy subchannel in front of
 * each reference device (virtio 1.2 4.3): the host build's strong
 * definitions of the kernel's I/O instructions (transports/ccw/cio.h), so
 * that the kernel's own CCW transport and its tests run against the
 * reference devices, with one fault at a time (ref_faults_ccw.h).
 *
 * ref_ccw.c is the channel subsystem (STORE, MODIFY, START, TEST and
 * CLEAR SUBCHANNEL, the IRB, I/O interruptions, the notification
 * hypercall); ref_ccw_commands.c interprets the channel commands.
 */
#ifndef VCTS_REF_CCW_H
#define VCTS_REF_CCW_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/reference/ref_device.h"
#include "transports/ccw/ccw.h"

struct ref_ccw {
	struct ref_device *dev;
	uint16_t number;		/* subchannel number in set 0 */
	uint16_t devno;
	int max_revision;		/* 2, or 0 for a legacy-only device */
	/* The subchannel (PMCW). */
	bool enabled, concurrent_sense;
	uint8_t isc;
	uint32_t intparm;
	/* The status the last function left (SCSW), pending until TEST SUBCHANNEL. */
	bool pending, interrupt_pending;
	uint16_t ctrl;
	uint8_t dstat, cstat, sense0;
	uint16_t residual;
	uint32_t cpa;
	/* virtio-ccw: the revision (-1 unset) and what the driver set up. */
	int revision;
	bool implicit_revision;		/* a legacy driver's command came first (4.3.2.1.2) */
	uint8_t status_before_write;	/* for a fault that reads back a stale status */
	uint64_t indicators, config_indicators;
	bool thinint;
	uint64_t summary, adapter_indicators, bit_nr;
	uint8_t adapter_isc;
};

/*
 * Puts subchannel @number, device number @devno, in front of @dev,
 * offering revisions up to 2 (0 on a legacy machine). False when there is
 * no room.
 */
bool ref_ccw_create(struct ref_ccw *cc, struct ref_device *dev, uint16_t number,
		    uint16_t devno, bool legacy_only);

/* ref_ccw_commands.c: one CCW; CCW_OK, or how it ends the channel program. */
enum ref_ccw_end {
	REF_CCW_DONE,			/* channel end, device end */
	REF_CCW_REJECT,			/* unit check, command reject */
	REF_CCW_INCORRECT_LENGTH,
	REF_CCW_PROGRAM_CHECK,
	REF_CCW_CHECK_CONDITION,	/* not enough data with SLI: unit check */
};
enum ref_ccw_end ref_ccw_execute(struct ref_ccw *cc, const struct ccw1 *ccw, uint16_t *residual);

/* The driver reset the device: the transport's side of it (VDEV_RESET, status 0). */
void ref_ccw_device_reset(struct ref_ccw *cc);

#endif
