/*
 * The virtio-ccw transport (virtio 1.2 4.3, "Virtio Over Channel I/O"): a
 * virtio device behind a channel-attached control unit of type 0x3832,
 * driven through channel commands on its subchannel. Two ops tables:
 * "ccw-modern" for revisions 1 and 2 (the 1.x interface; revision 2 adds
 * READ_STATUS) and "ccw-legacy" for revision 0 (the legacy interface:
 * guest-native byte order, the legacy SET_VQ block). Completion of a
 * channel program is polled with TEST SUBCHANNEL within a deadline; used
 * buffer and configuration notifications come through classic
 * indicators (SET_IND, SET_CONF_IND) and the subchannel's I/O
 * interruptions when a test asks for interrupts.
 */
#ifndef VCTS_CCW_H
#define VCTS_CCW_H

#include "transports/ccw/cio.h"
#include "virtio/virtio.h"

/* virtio 1.2 4.3.1: the control unit type of every virtio-ccw proxy device. */
#define VIRTIO_CCW_CU_TYPE		0x3832

/* 4.3.1.2 Channel Commands for Virtio */
#define CCW_CMD_SET_VQ			0x13
#define CCW_CMD_VDEV_RESET		0x33
#define CCW_CMD_SET_IND			0x43
#define CCW_CMD_SET_CONF_IND		0x53
#define CCW_CMD_SET_IND_ADAPTER		0x73
#define CCW_CMD_READ_FEAT		0x12
#define CCW_CMD_WRITE_FEAT		0x11
#define CCW_CMD_READ_CONF		0x22
#define CCW_CMD_WRITE_CONF		0x21
#define CCW_CMD_WRITE_STATUS		0x31
#define CCW_CMD_READ_VQ_CONF		0x32
#define CCW_CMD_SET_VIRTIO_REV		0x83
#define CCW_CMD_READ_STATUS		0x72

/* The highest revision the kernel drives (4.3.2.1: 2 adds READ_STATUS). */
#define VIRTIO_CCW_MAX_REVISION		2

/* The I/O interruption subclass of every virtio subchannel. */
#define VIRTIO_CCW_ISC			3

/* 4.3.2.1 */
struct virtio_rev_info {
	uint16_t revision;		/* be16 */
	uint16_t length;		/* be16 */
} __attribute__((packed));

/* 4.3.2.2 */
struct vq_config_block {
	uint16_t index;			/* be16 */
	uint16_t max_num;		/* be16 */
} __attribute__((packed));

struct vq_info_block {
	uint64_t desc;			/* be64 */
	uint32_t res0;
	uint16_t index;			/* be16 */
	uint16_t num;			/* be16 */
	uint64_t driver;		/* be64 */
	uint64_t device;		/* be64 */
} __attribute__((packed));

/* 4.3.2.2.1 Legacy Interface: revision 0's SET_VQ block. */
struct vq_info_block_legacy {
	uint64_t queue;			/* be64 */
	uint32_t align;			/* be32 */
	uint16_t index;			/* be16 */
	uint16_t num;			/* be16 */
} __attribute__((packed));

/* 4.3.2.4: exactly 5 bytes; the features are little-endian. */
struct virtio_feature_desc {
	uint32_t features;		/* le32 */
	uint8_t index;
} __attribute__((packed));

/* 4.3.2.6.3: exactly 25 bytes. */
struct virtio_thinint_area {
	uint64_t summary_indicator;	/* be64 */
	uint64_t indicator;		/* be64 */
	uint64_t bit_nr;		/* be64 */
	uint8_t isc;
} __attribute__((packed));

/* How one channel program ended. */
enum ccw_outcome {
	CCW_OK,			/* channel end and device end, nothing else */
	CCW_REJECTED,		/* unit check with command reject in the sense data */
	CCW_FAILED,		/* any other status: see the result */
	CCW_NOT_STARTED,	/* START SUBCHANNEL's condition code was not 0 */
	CCW_TIMEOUT,		/* no primary status within the deadline */
};

struct ccw_result {
	enum ccw_outcome outcome;
	int cc;			/* of START SUBCHANNEL */
	uint8_t dstat, cstat;	/* device and subchannel status */
	uint16_t residual;	/* residual count */
	uint16_t deferred_cc;	/* from the SCSW */
	bool sense_valid;
	uint8_t sense0;		/* sense byte 0 with a unit check */
};

/* Where a channel program and its data live: below 2 GiB, word aligned. */
struct ccw_io_area {
	struct ccw1 ccw[4];
	struct orb orb;
	struct irb irb;
	struct schib schib;
	uint8_t data[256] __attribute__((aligned(8)));
};

#define VIRTIO_CCW_CONFIG_MAX		4096u

struct virtio_ccw {
	struct virtio_device *dev;		/* the device this is the transport of */
	uint32_t sid;			/* subsystem-identification word */
	uint16_t devno;
	struct sense_id id;		/* as SENSE ID returned it */
	int revision;			/* negotiated: 0, 1, 2 */
	uint8_t status;			/* what WRITE_STATUS last set */
	uint32_t config_len;		/* configuration bytes (probed) */
	uint8_t *config;		/* VIRTIO_CCW_CONFIG_MAX bytes: READ_CONF's buffer */
	uint8_t *config_seen;		/* the last configuration read, for the generation */
	uint32_t generation;		/* bumped whenever the configuration changed */
	int64_t cookie;			/* the host cookie of the last notification */
	struct ccw_io_area *io;
	/* Classic indicators (4.3.2.6.1, 4.3.2.6.2): 64 bits each, big-endian. */
	volatile uint64_t *indicators;
	volatile uint64_t *config_indicators;
	bool indicators_set;		/* SET_IND and SET_CONF_IND done since the reset */
	bool interrupts_on;		/* I/O interruptions of this subchannel expected */
	/* Unsolicited (alert) statuses seen, and I/O interruptions taken. */
	volatile uint32_t alerts;
	volatile uint32_t interrupts;
	struct ccw_result last;		/* of the last command */
	/*
	 * Test hooks: res0 of the SET_VQ blocks (4.3.2.2: the device MUST
	 * ignore it), and bits 0-31 of GPR2 in notifications (4.3.3.2: the
	 * device MUST ignore them). 0 for every driver use.
	 */
	uint32_t set_vq_res0;
	uint32_t notify_gpr2_high;
};

extern const struct virtio_transport_ops ccw_modern_ops, ccw_legacy_ops;

/* The transport state of @dev, or NULL if @dev is not on virtio-ccw. */
struct virtio_ccw *ccw_of(struct virtio_device *dev);

/*
 * Discovery (ccw_probe.c): the subchannels of subchannel set 0, in
 * order; each virtio device found (control unit type 0x3832) that the
 * mode allows is enabled, its revision set and described in @devices.
 * Returns how many, and prints a comment line for each that is not
 * driven.
 */
int ccw_discover(struct virtio_device *devices, int max);

/* ccw_io.c: one channel program of @count CCWs at cd->io->ccw. */
enum ccw_outcome ccw_run(struct virtio_ccw *cd, struct ccw_result *result);
/*
 * One command: @data (below 2 GiB) of @count bytes, with @flags (SLI,
 * ...). The result also lands in cd->last.
 */
enum ccw_outcome ccw_command(struct virtio_ccw *cd, uint8_t cmd, uint8_t flags, void *data,
			     uint16_t count, struct ccw_result *result);
/* MODIFY SUBCHANNEL: enabled (with concurrent sense and our ISC) or disabled. */
bool ccw_subchannel_enable(struct virtio_ccw *cd, bool enable);
/* Clears every pending status of the subchannel (TEST SUBCHANNEL). */
void ccw_drain_status(struct virtio_ccw *cd);
/* "unit check, command reject" ... for messages. */
const char *ccw_result_describe(const struct ccw_result *result);

/* ccw_commands.c: the virtio-ccw commands. */
enum ccw_outcome ccw_set_revision(struct virtio_ccw *cd, uint16_t revision, uint16_t length,
				  uint16_t count);
enum ccw_outcome ccw_read_features(struct virtio_ccw *cd, uint8_t index, uint32_t *features);
enum ccw_outcome ccw_write_features(struct virtio_ccw *cd, uint8_t index, uint32_t features);
enum ccw_outcome ccw_read_config(struct virtio_ccw *cd, uint32_t count, uint8_t flags);
enum ccw_outcome ccw_write_config(struct virtio_ccw *cd, uint32_t count);
enum ccw_outcome ccw_write_status(struct virtio_ccw *cd, uint8_t status);
enum ccw_outcome ccw_read_status(struct virtio_ccw *cd, uint8_t *status);
enum ccw_outcome ccw_read_vq_conf(struct virtio_ccw *cd, uint16_t index, uint16_t *max);
enum ccw_outcome ccw_set_vq(struct virtio_ccw *cd, const struct vq_info_block *info);
enum ccw_outcome ccw_set_vq_legacy(struct virtio_ccw *cd, const struct vq_info_block_legacy *info);
enum ccw_outcome ccw_set_indicators(struct virtio_ccw *cd, uint8_t cmd, volatile uint64_t *where);
enum ccw_outcome ccw_vdev_reset(struct virtio_ccw *cd);
enum ccw_outcome ccw_set_ind_adapter(struct virtio_ccw *cd, const struct virtio_thinint_area *area);
enum ccw_outcome ccw_sense_id(struct virtio_ccw *cd, struct sense_id *id);

/* The transport's interrupt side (ccw_irq.c). */
int ccw_irq_setup(struct virtio_device *dev, enum virtio_irq_mode mode);
void ccw_irq_teardown(struct virtio_device *dev);
/* Takes the indicator bits the device set, counting them on the queues. */
void ccw_take_indicators(struct virtio_device *dev);
/* What a TEST SUBCHANNEL found pending: unsolicited statuses are notifications. */
void ccw_note_status(struct virtio_ccw *cd, const struct irb *irb);
/*
 * Adapter I/O interruptions (4.3.3.1.2): those taken since boot, whatever
 * their subclass; ccw_adapter_interrupts_enable() turns on subclass @isc.
 * False where the kernel takes no I/O interruptions.
 */
extern volatile uint32_t ccw_adapter_interrupts;
bool ccw_adapter_interrupts_enable(unsigned int isc);

#endif
