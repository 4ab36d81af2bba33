/*
 * The virtio-ccw checks of both interfaces (virtio 1.2 4.3): the tests in
 * tests/modern/ccw_*.c (revision 1 or 2) and tests/legacy/ccw_*.c
 * (revision 0) call these bodies, the rules being the transport's and
 * not the interface's. The helpers drive channel commands directly
 * through the transport (transports/ccw/ccw.h) and report what the
 * subchannel said in every failed check.
 */
#ifndef VCTS_TESTS_CCW_CHECKS_H
#define VCTS_TESTS_CCW_CHECKS_H

#include <stdbool.h>

#include "drivers/rng.h"
#include "lib/alloc.h"
#include "lib/kernel.h"
#include "lib/test.h"
#include "transports/ccw/ccw.h"

/*
 * The transport of @dev: the test's scope (a *.ccw.* id) puts it on
 * virtio-ccw; NULL after a failed check if not.
 */
struct virtio_ccw *ccw_checked_of(struct virtio_device *dev);

/*
 * Disables and enables the subchannel: the revision is unset from then
 * on (4.3.2.1.1). ccw_revision_restore() sets the one the kernel drives
 * the device with again, which every test that unsets it MUST do before
 * it ends (the runner resets the device through the transport after
 * the test). Both return false after a failed check.
 */
bool ccw_revision_unset(struct virtio_ccw *cd);
bool ccw_revision_restore(struct virtio_ccw *cd);

/* One command of @count bytes at @data with @flags; the result in @result. */
enum ccw_outcome ccw_try(struct virtio_ccw *cd, uint8_t cmd, uint8_t flags, void *data,
			 uint16_t count, struct ccw_result *result);

/* The bodies of the tests both interfaces have (ccw_basic.c, ccw_operation.c). */
void ccw_check_sense_id(struct virtio_device *dev);
void ccw_check_basic_commands(struct virtio_device *dev);
void ccw_check_unknown_command_rejected(struct virtio_device *dev);
void ccw_check_wrong_length_without_sli(struct virtio_device *dev);
void ccw_check_short_data_with_sli(struct virtio_device *dev);
void ccw_check_long_buffer_with_sli(struct virtio_device *dev);
void ccw_check_adapter_after_classic_rejected(struct virtio_device *dev);
void ccw_check_notify_ignores_gpr2_high(struct virtio_device *dev);
void ccw_check_quiet_after_reset(struct virtio_device *dev);
void ccw_check_classic_indicator_bits(struct virtio_device *dev);

#endif
