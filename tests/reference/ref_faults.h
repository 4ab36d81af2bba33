/*
 * The rules a reference device can be told to break, one at a time
 * (docs/reference-device.md has the table of which kernel check catches
 * each). REF_FAULT_NONE is a device that follows the specification.
 */
#ifndef VCTS_REF_FAULTS_H
#define VCTS_REF_FAULTS_H

#include "tests/reference/ref_faults_balloon.h"
#include "tests/reference/ref_faults_ccw.h"
#include "tests/reference/ref_faults_console.h"
#include "tests/reference/ref_faults_mmio.h"
#include "tests/reference/ref_faults_net.h"
#include "tests/reference/ref_faults_pci.h"
#include "tests/reference/ref_faults_pci_legacy.h"
#include "tests/reference/ref_faults_scsi.h"

enum ref_fault {
	REF_FAULT_NONE,
	/* Used ring (2.7.8) and packed used descriptors (2.8.21). */
	REF_FAULT_USED_ID_OUT_OF_RANGE,		/* id = queue size */
	REF_FAULT_USED_ID_NOT_OUTSTANDING,	/* id = the next descriptor, not a head */
	REF_FAULT_USED_LEN_TOO_LARGE,		/* len = writable bytes + 1 */
	REF_FAULT_USED_IDX_JUMPS,		/* split: idx += 2 for one element */
	REF_FAULT_USED_TWICE,			/* every buffer used twice */
	REF_FAULT_USED_ID_SWAPPED,		/* two buffers used at once trade ids */
	REF_FAULT_OUT_OF_ORDER,			/* two buffers used at once, the later first */
	REF_FAULT_WRITES_READABLE,		/* flips a byte of a device-readable buffer */
	REF_FAULT_WRITES_DESCRIPTOR,		/* flips a bit of a descriptor or indirect table */
	REF_FAULT_IGNORES_NOTIFY,		/* never uses a buffer */
	REF_FAULT_SHORT_CHAINS_ONLY,		/* stalls on a chain of more than 4 descriptors */
	REF_FAULT_NO_INDIRECT_AFTER_DIRECT,	/* stalls on direct descriptors then a table */
	REF_FAULT_INDIRECT_WRITE_FLAG_HONOURED,	/* stalls on WRITE in a table's descriptor */
	REF_FAULT_INDIRECT_MIXED_REFUSED,	/* stalls on a table mixing readable, writable */
	REF_FAULT_RNG_SHORT_WRITE,		/* reports more bytes than it wrote */
	/* Packed ring (2.8). */
	REF_FAULT_PACKED_WRONG_WRAP,		/* used flags of the other wrap counter */
	REF_FAULT_PACKED_AVAIL_USED_DIFFER,	/* used descriptor with AVAIL != USED */
	REF_FAULT_PACKED_ID_FROM_FIRST,		/* buffer id of the first descriptor of a list */
	REF_FAULT_PACKED_WRONG_SKIP,		/* skips one descriptor too many */
	REF_FAULT_PACKED_WRITES_FREE_SLOT,	/* marks used a slot it was not given */
	REF_FAULT_PACKED_DEVICE_EVENT_RESERVED,	/* device event flags 0x3 */
	REF_FAULT_PACKED_EVENT_DISABLE_STICKS,	/* DISABLE stays, ENABLE written or not */
	/* Used buffer notifications (2.7.10, 2.8.10). */
	REF_FAULT_MISSING_INTERRUPT,
	REF_FAULT_SPURIOUS_INTERRUPT,		/* queue interrupts with nothing used */
	REF_FAULT_IGNORES_SUPPRESSION,		/* interrupts whatever flags/used_event say */
	REF_FAULT_EVENT_IDX_OFF_BY_ONE,		/* notifies one entry after used_event */
	REF_FAULT_USED_EVENT_WITHOUT_FEATURE,	/* honours used_event without EVENT_IDX */
	REF_FAULT_USED_FLAGS_RESERVED,		/* used ring flags 2 */
	/* Available buffer notifications (2.7.10, 2.9). */
	REF_FAULT_SPURIOUS_NOTIFY_BREAKS,	/* NEEDS_RESET on a notification with nothing new */
	REF_FAULT_NOTIFICATION_DATA_AS_INDEX,	/* takes the 32-bit value for the queue index */
	/* Status, features, reset (2.1, 2.2, 2.4). */
	REF_FAULT_FEATURES_OK_ACCEPTS_UNOFFERED,
	REF_FAULT_FEATURES_OK_REFUSES_SUBSET,
	REF_FAULT_FEATURES_OK_ONLY_ONCE,	/* refused after the first acceptance */
	REF_FAULT_STATUS_NOT_ZERO_AFTER_RESET,
	REF_FAULT_DRIVER_OK_NOT_RETAINED,	/* status reads without DRIVER_OK */
	REF_FAULT_VERSION_1_NOT_OFFERED,
	/* Configuration space (2.5). */
	REF_FAULT_CONFIG_CHANGE_WITHOUT_GENERATION,
	REF_FAULT_GENERATION_NEVER_STABLE,
	/* Queues (2.6, transport). */
	REF_FAULT_QUEUE_SIZE_NOT_POWER_OF_TWO,
	REF_FAULT_QUEUE_SIZE_ZERO,
	/* Entropy device (5.4). */
	REF_FAULT_RNG_ZERO_BYTES,
	REF_FAULT_RNG_CONSTANT_BYTES,
	/* Block device (5.2). */
	REF_FAULT_BLK_LEN_WITHOUT_STATUS,	/* used len counts the data only */
	REF_FAULT_BLK_BAD_STATUS,		/* status byte 7 */
	REF_FAULT_BLK_READS_PAST_END,
	REF_FAULT_BLK_UNKNOWN_TYPE_AS_READ,
	REF_FAULT_BLK_PADDING_NONZERO,
	REF_FAULT_BLK_WCE_WITHOUT_FLUSH,	/* offers CONFIG_WCE, not FLUSH */
	REF_FAULT_BLK_WRITEBACK_WITHOUT_FLUSH,
	REF_FAULT_BLK_WRITES_DESPITE_RO,
	REF_FAULT_BLK_GET_ID_UNPADDED,
	REF_FAULT_BLK_CAPACITY_ZERO,
	REF_FAULT_BLK_BAD_BLK_SIZE,
	REF_FAULT_BLK_FLUSH_FAILS,
	REF_FAULT_BLK_WRONG_DATA,		/* reads return zeros */
	REF_FAULT_BLK_WRITES_LOST,
	REF_FAULT_CONFIG_CHANGE_WITHOUT_NOTIFICATION,	/* a resize changes the capacity silently */
	REF_FAULT_BLK_RESIZE_IGNORED,		/* a resize changes nothing but the generation */
	REF_FAULT_BLK_GET_ID_WRONG_SERIAL,	/* GET_ID answers another disk's serial */
	REF_FAULT_BLK_DISCARD_SEG_ZERO,		/* offers DISCARD with max_discard_seg 0 */
	REF_FAULT_BLK_WRITE_ZEROES_IGNORED,	/* write zeroes: OK, sectors unchanged */
	REF_FAULT_BLK_DISCARD_FAILS,		/* discards end with IOERR */
	REF_FAULT_BLK_DISCARD_ACCEPTS_UNMAP,	/* discards with unmap set end with OK */
	REF_FAULT_BLK_MQ_QUEUE1_WRONG_DATA,	/* reads on queue 1 return zeros */
	REF_FAULT_BLK_TOPOLOGY_UNSTABLE,	/* generation moves on every topology read */
	REF_FAULT_USED_IDX_WRAPS_AT_SIZE,	/* split: used idx shown modulo the queue size */
	REF_FAULT_BLK_SUB_BLOCK_MISPLACED,	/* a read inside a block served from the block's start */
	REF_FAULT_IOMMU_UNDESCRIBED,		/* access_platform: the kernel is not told of the IOMMU */
	/* The other device types, each in its own list (ref_faults_TYPE.h). */
#define REF_FAULT_ENUMERATOR(id, name) REF_FAULT_##id,
	REF_FAULTS_NET(REF_FAULT_ENUMERATOR)
	REF_FAULTS_CONSOLE(REF_FAULT_ENUMERATOR)
	REF_FAULTS_BALLOON(REF_FAULT_ENUMERATOR)
	REF_FAULTS_SCSI(REF_FAULT_ENUMERATOR)
	REF_FAULTS_PCI(REF_FAULT_ENUMERATOR)
	REF_FAULTS_MMIO(REF_FAULT_ENUMERATOR)
	REF_FAULTS_PCI_LEGACY(REF_FAULT_ENUMERATOR)
	REF_FAULTS_CCW(REF_FAULT_ENUMERATOR)
#undef REF_FAULT_ENUMERATOR
	REF_FAULT_COUNT
};

/* "used-id-out-of-range", ...: for messages and the docs' table. */
const char *ref_fault_name(enum ref_fault fault);

#endif
