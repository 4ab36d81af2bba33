/*
 * libFuzzer entry point: the kernel's virtqueue code (split and packed
 * rings, indirect tables, EVENT_IDX, IN_ORDER, NOTIFICATION_DATA) against
 * a reference device whose every move the input decides: serve the next
 * buffers correctly (one at a time or as an IN_ORDER batch), or write any
 * used id, length, index step or descriptor flags, scribble on a readable
 * buffer or a descriptor, interrupt for nothing, change its configuration
 * with or without a new generation. Whatever the device does, the kernel
 * must not crash, hang or trip a sanitizer; it may only say VQ_BAD.
 *
 * Oracles besides the sanitizers: a buffer the kernel returns as used
 * must be one it holds, with a length within its writable bytes; as long
 * as the device behaved, VQ_BAD is a false accusation; and the rings the
 * kernel builds must be well-formed for the device (dev->driver_error).
 *
 * Input: one byte of features (and the legacy interface), one of queue
 * size and interrupt mode, then operations of one byte each plus their
 * arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/host.h"
#include "lib/alloc.h"
#include "tests/reference/ref_device.h"
#include "virtio/virtqueue.h"

#define FUZZ_CHAINS		64
#define FUZZ_MAX_BUFFERS	12	/* more than an indirect table's first capacity */
#define FUZZ_MAX_BUFFER_BYTES	64
#define FUZZ_MAX_SETUPS		4
#define FUZZ_MAX_BATCH		4
#define FUZZ_CONFIG_BYTES	16

struct input {
	const uint8_t *data;
	size_t size, at;
};

static uint8_t take8(struct input *in)
{
	return in->at < in->size ? in->data[in->at++] : 0;
}

static uint16_t take16(struct input *in)
{
	return (uint16_t)(take8(in) | take8(in) << 8);
}

static uint32_t take32(struct input *in)
{
	return (uint32_t)take16(in) | (uint32_t)take16(in) << 16;
}

/* A buffer the fuzzer handed to the kernel; its address is the token. */
struct chain {
	bool live;
	int count;
	uint32_t writable;
	struct vq_buffer buffers[FUZZ_MAX_BUFFERS];
};

struct session {
	struct ref_device dev;
	struct virtqueue *vq;
	struct chain chains[FUZZ_CHAINS];
	bool ring_chaos;	/* the device broke a ring rule since the last set-up */
	bool config_chaos;	/* the configuration changes at every read, generation kept */
	int setups;
};

static struct session session;

/*
 * Device behaviours left out of a run (VCTS_FUZZ_EXCLUDE, comma-separated):
 * "descriptor-writes" while a kernel finding it triggers is open
 * (docs/reference-device.md, Fuzzing), so that make check stays useful.
 */
static bool descriptor_writes_excluded;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *exclude = getenv("VCTS_FUZZ_EXCLUDE");

	(void)argc, (void)argv;
	descriptor_writes_excluded = exclude && strstr(exclude, "descriptor-writes");
	return 0;
}

static _Noreturn void finding(const char *what)
{
	fprintf(stderr, "fuzz_rings: %s (vq error: %s; device: %s)\n", what,
		session.vq ? session.vq->error : "-", session.dev.driver_error);
	abort();
}

/*
 * The device type: fills every writable byte, so that a descriptor whose
 * address or length the kernel got wrong shows as an overflow. Not once
 * the device broke a ring rule: after using a buffer it never took, its
 * view of the ring is no longer the kernel's, and the buffers it still
 * thinks it holds may be gone.
 */
static uint32_t fuzz_process(struct ref_device *dev, uint16_t queue, struct ref_chain *chain)
{
	(void)dev, (void)queue;
	if (session.ring_chaos)
		return chain->writable_bytes;
	for (int i = 0; i < chain->count; i++) {
		if (chain->segments[i].writable)
			memset(chain->segments[i].address, 0x5a, chain->segments[i].length);
	}
	return chain->writable_bytes;
}

static void fuzz_config_access(struct ref_device *dev, uint32_t offset, int width)
{
	static uint32_t accesses;

	(void)offset, (void)width;
	if (session.config_chaos)
		dev->config[accesses++ % FUZZ_CONFIG_BYTES] ^= 1;	/* no new generation */
}

static const struct ref_device_type fuzz_type = {
	.name = "fuzz",
	.device_id = VIRTIO_ID_RNG,
	.queue_count = 1,
	.config_size = FUZZ_CONFIG_BYTES,
	.config_access = fuzz_config_access,
	.process = fuzz_process,
};

static void step(void *arg)
{
	(void)arg;
	ref_device_step(&session.dev);
}

static void drop_chains(void)
{
	for (int i = 0; i < FUZZ_CHAINS; i++) {
		for (int b = 0; b < session.chains[i].count; b++)
			free(session.chains[i].buffers[b].address);
		session.chains[i] = (struct chain){ 0 };
	}
}

/* Negotiation and one queue, as the input's first two bytes choose. */
static bool set_up(struct input *in)
{
	static const enum virtio_irq_mode modes[] = {
		VIRTIO_IRQ_POLL, VIRTIO_IRQ_MSIX, VIRTIO_IRQ_INTX, VIRTIO_IRQ_POLL,
	};
	static const unsigned int feature_bits[] = {
		VIRTIO_F_RING_PACKED, VIRTIO_F_EVENT_IDX, VIRTIO_F_INDIRECT_DESC,
		VIRTIO_F_IN_ORDER, VIRTIO_F_NOTIFICATION_DATA,
	};
	uint8_t choice = take8(in), size_choice = take8(in);
	struct virtio_setup setup = {
		.queue_count = 1,
		.queue_size = (uint16_t)(1u << (size_choice % 9)),
		.irq_mode = modes[(size_choice >> 4) & 3],
	};
	const char *why = NULL;

	for (unsigned int i = 0; i < sizeof(feature_bits) / sizeof(feature_bits[0]); i++) {
		if (choice >> i & 1)
			setup.features |= 1ull << feature_bits[i];
	}
	/* The legacy interface (bit 5): one 32-bit feature word, the 0.9.5 ring layout. */
	session.dev.vdev.legacy = choice >> 5 & 1;
	session.dev.vdev.legacy_queue_align = 4096;
	session.ring_chaos = session.config_chaos = false;
	session.vq = NULL;
	if (virtio_setup(&session.dev.vdev, &setup, &why))
		session.vq = session.dev.vdev.queues[0];
	session.setups++;
	return session.vq != NULL;
}

static void add_chain(struct input *in)
{
	struct chain *chain = NULL;
	uint8_t shape = take8(in);
	int count = 1 + shape % FUZZ_MAX_BUFFERS, result;
	int indirect_from = shape & 0x80 ? (shape >> 4) % count : -1;
	int writable_from = (shape >> 2) % (count + 1);

	for (int i = 0; i < FUZZ_CHAINS && !chain; i++) {
		if (!session.chains[i].live && !session.chains[i].count)
			chain = &session.chains[i];
	}
	if (!chain)
		return;
	chain->writable = 0;
	for (int b = 0; b < count; b++) {
		uint32_t length = 1 + take8(in) % FUZZ_MAX_BUFFER_BYTES;
		uint8_t *memory = malloc(length);

		if (!memory)
			abort();
		memset(memory, 0xc3, length);
		/* Readable before writable (2.7.4.2): the kernel asks no less. */
		chain->buffers[b] = (struct vq_buffer){ memory, length, b >= writable_from };
		if (b >= writable_from)
			chain->writable += length;
	}
	chain->count = count;
	result = vq_add_buffers(session.vq, chain->buffers, count, indirect_from, chain);
	if (result == 0) {
		chain->live = true;
		return;
	}
	for (int b = 0; b < count; b++)
		free(chain->buffers[b].address);
	*chain = (struct chain){ 0 };
}

static void judge(enum vq_result result, void *token, uint32_t length)
{
	struct chain *chain = token;

	if (result == VQ_BAD) {
		if (!session.vq->error[0] ||
		    strnlen(session.vq->error, sizeof(session.vq->error)) == sizeof(session.vq->error))
			finding("VQ_BAD without a reason");
		if (!session.ring_chaos)
			finding("VQ_BAD against a device that broke no ring rule");
		return;
	}
	if (result != VQ_USED)
		return;
	if (chain < session.chains || chain >= session.chains + FUZZ_CHAINS ||
	    (size_t)((uint8_t *)chain - (uint8_t *)session.chains) % sizeof(*chain))
		finding("a used buffer whose token the fuzzer never gave");
	if (!chain->live)
		finding("a used buffer the kernel did not hold");
	if (length > chain->writable)
		finding("a used length beyond the buffer's writable bytes");
	for (int b = 0; b < chain->count; b++)
		free(chain->buffers[b].address);
	*chain = (struct chain){ 0 };
}

static struct chain *some_live_chain(struct input *in)
{
	int start = take8(in) % FUZZ_CHAINS;

	for (int i = 0; i < FUZZ_CHAINS; i++) {
		struct chain *chain = &session.chains[(start + i) % FUZZ_CHAINS];

		if (chain->live)
			return chain;
	}
	return NULL;
}

/*
 * The device serves the next available buffers as the specification
 * says: one, or with IN_ORDER a batch under one used element whose
 * hidden buffers are used completely (2.7.9, 2.8.8).
 */
static void device_serves(struct input *in)
{
	uint8_t how = take8(in);
	int batch = ref_negotiated(&session.dev, VIRTIO_F_IN_ORDER) ? 1 + how % FUZZ_MAX_BATCH : 1;
	uint32_t mark = ref_queue_used_mark(&session.dev, 0);
	struct ref_chain chain;
	uint16_t slots = 0;
	int taken = 0;

	while (taken < batch && ref_queue_take(&session.dev, 0, &chain)) {
		fuzz_process(&session.dev, 0, &chain);
		slots = (uint16_t)(slots + chain.slots);
		taken++;
		if (taken < batch && !ref_queue_more(&session.dev, 0))
			break;
	}
	if (!taken)
		return;
	ref_queue_put_batch(&session.dev, 0, &chain,
			    chain.writable_bytes ? take32(in) % (chain.writable_bytes + 1) : 0,
			    (uint16_t)taken, slots);
	if (how & 0x80)
		ref_queue_interrupt_if_wanted(&session.dev, 0, mark);
}

/*
 * After writing into descriptors (a scribble, or a packed used descriptor
 * where the input said), the device model would read what it wrote as the
 * driver's: addresses and lengths of nothing. It stops taking buffers, as
 * a device that lost track of its ring would; raw writes go on.
 */
static void lose_track_of_descriptors(void)
{
	session.dev.queues[0].stalled = true;
}

/* The device writes whatever the input says where the next used element goes. */
static void device_writes_anything(struct input *in)
{
	session.ring_chaos = true;
	if (!session.dev.queues[0].enabled)
		return;
	if (ref_negotiated(&session.dev, VIRTIO_F_RING_PACKED))
		lose_track_of_descriptors();
	if (ref_negotiated(&session.dev, VIRTIO_F_RING_PACKED))
		ref_packed_write_used(&session.dev, 0, take16(in), take32(in), take16(in),
				      (uint16_t)(take8(in) % 4));
	else
		ref_split_write_used(&session.dev, 0, take32(in), take32(in),
				     (uint16_t)(take8(in) & 0x80 ? take16(in) : take8(in) % 4));
}

/* A byte of a readable buffer, or of the descriptor ring, changes under the kernel. */
static void device_scribbles(struct input *in)
{
	uint8_t where = take8(in);
	struct chain *chain = some_live_chain(in);

	if ((where & 1) && !descriptor_writes_excluded) {
		uint32_t bytes = session.vq->size * 16u;	/* both layouts: 16-byte descriptors */

		session.ring_chaos = true;
		lose_track_of_descriptors();
		((uint8_t *)(uintptr_t)session.vq->desc_area)[take16(in) % bytes] ^= (uint8_t)(1u << (where >> 5));
		return;
	}
	if (!chain || chain->buffers[0].device_writable)
		return;
	session.ring_chaos = true;
	((uint8_t *)chain->buffers[0].address)[take8(in) % chain->buffers[0].length] ^= 0x40;
}

/* The device's own event structure (packed) or used flags (split): any value. */
static void device_suppresses(struct input *in)
{
	uint64_t area = session.vq->device_area;
	uint16_t value = take16(in);

	if (ref_negotiated(&session.dev, VIRTIO_F_RING_PACKED)) {
		memcpy((void *)(uintptr_t)area, &value, sizeof(value));	/* off_wrap */
		value = take16(in);
		memcpy((void *)(uintptr_t)(area + 2), &value, sizeof(value));
	} else {
		value &= 1;	/* VRING_USED_F_NO_NOTIFY or not: other bits are chaos */
		memcpy((void *)(uintptr_t)area, &value, sizeof(value));
	}
}

static void driver_reads_config(struct input *in)
{
	uint8_t buffer[FUZZ_CONFIG_BYTES + 8];
	uint32_t offset = take8(in) % (FUZZ_CONFIG_BYTES + 4);
	uint32_t size = take8(in) % (sizeof(buffer) + 1);

	/* The kernel refuses ranges beyond config_size; the buffer is big enough for the rest. */
	if (virtio_config_read_stable(&session.dev.vdev, offset, buffer, size) &&
	    offset + size > FUZZ_CONFIG_BYTES)
		finding("a configuration read beyond config_size succeeded");
}

/*
 * The device found the kernel's rings malformed. While the device behaves
 * that is the kernel's doing. Not after it broke a ring rule: a device that
 * used a buffer it never took still reads the old available entries, which
 * the kernel has since reused, and lags behind the available index.
 */
static void check_driver_rings(void)
{
	if (session.dev.driver_error[0] && !session.ring_chaos)
		finding("the kernel made a malformed ring");
}

static void one_operation(struct input *in)
{
	void *token = NULL;
	uint32_t length = 0;
	uint8_t op = take8(in);

	switch (op % 16) {
	case 0:
	case 1:
		add_chain(in);
		break;
	case 2:
		vq_kick(session.vq);
		break;
	case 3:
	case 4:
		judge(vq_get_used(session.vq, &token, &length), token, length);
		break;
	case 5:
		judge(vq_wait_used(session.vq, 0, &token, &length), token, length);
		break;
	case 6:
	case 7:
		device_serves(in);
		break;
	case 8:
		arch_wait_a_little();
		break;
	case 9:
		device_writes_anything(in);
		break;
	case 10:
		device_scribbles(in);
		break;
	case 11:
		if (op & 0x80)
			device_suppresses(in);
		else
			vq_set_interrupts(session.vq, op & 0x40);
		break;
	case 12:
		vq_set_used_event(session.vq, take16(in));
		break;
	case 13:
		if (op & 0x80)
			ref_queue_interrupt(&session.dev, 0);
		else
			ref_config_changed(&session.dev, op & 0x40);
		break;
	case 14:
		session.config_chaos = op & 0x80;
		driver_reads_config(in);
		break;
	case 15:
		/* Reset and start over, as tests do between steps. */
		if (session.setups < FUZZ_MAX_SETUPS && virtio_reset(&session.dev.vdev, 10)) {
			drop_chains();
			if (!set_up(in))
				in->at = in->size;
		}
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };

	alloc_init(0, 0);	/* fuzz_alloc.c: frees the last input's rings */
	host_irq_reset();
	host_console_setup(4096, -1);
	ref_device_init(&session.dev, &fuzz_type, "fuzz0", NULL);
	session.setups = 0;
	host_set_wait_hook(step, NULL);
	arch_irq_enable();
	if (set_up(&in)) {
		while (in.at < in.size) {
			one_operation(&in);
			check_driver_rings();
		}
	}
	virtio_reset(&session.dev.vdev, 10);
	drop_chains();
	session.vq = NULL;
	return 0;
}
