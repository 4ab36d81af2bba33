/*
 * SCLP commands through SERVICE CALL (SERVC, opcode B220): the command
 * word in one register, the real address of a service-call control block
 * (SCCB) in the other; the SCCB starts with a header whose response code
 * the SCLP sets when done (Linux's drivers/s390/char/sclp.h and QEMU's
 * include/hw/s390x/sclp.h describe the same layouts). QEMU completes
 * every command before SERVC returns and then makes a service-signal
 * external interruption pending; the kernel keeps external interruptions
 * disabled and reads the response code instead, within a deadline.
 *
 * An SCCB must be doubleword aligned, below 2 GiB and must not cross a
 * page boundary; READ EVENT DATA wants one of exactly 4096 bytes. So
 * there is one page-aligned page, used by one command at a time.
 */
#include "arch/arch.h"
#include "lib/string.h"
#include "sclp.h"
#include "timer.h"

#define SCLP_CMD_READ_SCP_INFO		0x00020001u
#define SCLP_CMD_READ_SCP_INFO_FORCED	0x00120001u
#define SCLP_CMD_READ_EVENT_DATA	0x00770005u
#define SCLP_CMD_WRITE_EVENT_DATA	0x00760005u
#define SCLP_CMD_WRITE_EVENT_MASK	0x00780005u

#define SCLP_RC_NORMAL_READ		0x0010
#define SCLP_RC_NORMAL			0x0020
#define SCLP_RC_NO_EVENT_BUFFERS	0x60f0

#define SCLP_FC_NORMAL_WRITE		0x00
#define SCLP_UNCONDITIONAL_READ		0x00

#define EVENT_TYPE_ASCII_CONSOLE	0x1a
/* Event type t is bit t - 1 of a mask, counted from the left. */
#define EVENT_MASK_ASCII_CONSOLE	(0x80000000u >> (EVENT_TYPE_ASCII_CONSOLE - 1))

#define SCCB_SIZE			4096u
#define SCLP_TIMEOUT_US			1000000u

struct sccb_header {
	uint16_t length;
	uint8_t function_code;
	uint8_t control_mask[3];
	uint16_t response_code;
} __attribute__((packed));

struct event_buffer_header {
	uint16_t length;
	uint8_t type;
	uint8_t flags;
	uint16_t reserved;
} __attribute__((packed));

/* WRITE EVENT MASK with 4-byte masks. */
struct write_event_mask {
	struct sccb_header header;
	uint16_t reserved;
	uint16_t mask_length;
	uint32_t cp_receive_mask;
	uint32_t cp_send_mask;
	uint32_t sclp_receive_mask;
	uint32_t sclp_send_mask;
} __attribute__((packed));

/* READ SCP INFO: the fields that give the storage size. */
struct read_info {
	struct sccb_header header;
	uint16_t rnmax;			/* 8: storage increments */
	uint8_t rnsize;			/* 10: increment size in MiB */
	uint8_t reserved[100 - 11];
	uint32_t rnsize2;		/* 100: when rnsize is 0 */
	uint64_t rnmax2;		/* 104: when rnmax is 0 */
} __attribute__((packed));

static uint8_t sccb[SCCB_SIZE] __attribute__((aligned(4096)));

static int service_call(uint32_t command, void *block)
{
	int cc;

	__asm__ volatile("	.insn	rre,0xb2200000,%1,%2\n"	/* servc */
			 "	ipm	%0\n"
			 "	srl	%0,28\n"
			 : "=&d"(cc)
			 : "d"(command), "a"((uintptr_t)block)
			 : "cc", "memory");
	return cc;
}

/*
 * Runs @command on the SCCB and returns its response code, or 0 when the
 * SCLP did not take it (cc != 0) or set no response in time.
 */
static uint16_t sclp_run(uint32_t command)
{
	struct sccb_header *header = (struct sccb_header *)sccb;
	uint64_t deadline;

	header->response_code = 0;
	if (service_call(command, sccb) != 0)
		return 0;
	deadline = timer_tod_us() + SCLP_TIMEOUT_US;
	while (*(volatile uint16_t *)&header->response_code == 0) {
		if (timer_tod_us() > deadline)
			return 0;
	}
	return header->response_code;
}

static void sccb_clear(uint16_t length)
{
	memset(sccb, 0, sizeof(sccb));
	((struct sccb_header *)sccb)->length = length;
}

bool sclp_console_init(void)
{
	struct write_event_mask *mask = (struct write_event_mask *)sccb;

	sccb_clear(sizeof(*mask));
	mask->mask_length = 4;
	mask->cp_receive_mask = EVENT_MASK_ASCII_CONSOLE;
	mask->cp_send_mask = EVENT_MASK_ASCII_CONSOLE;
	return sclp_run(SCLP_CMD_WRITE_EVENT_MASK) == SCLP_RC_NORMAL;
}

bool sclp_console_write(const char *text, size_t length)
{
	struct event_buffer_header *event =
		(struct event_buffer_header *)(sccb + sizeof(struct sccb_header));
	size_t room = SCCB_SIZE - sizeof(struct sccb_header) - sizeof(*event);

	while (length) {
		size_t piece = length < room ? length : room;

		sccb_clear((uint16_t)(sizeof(struct sccb_header) + sizeof(*event) + piece));
		((struct sccb_header *)sccb)->function_code = SCLP_FC_NORMAL_WRITE;
		event->length = (uint16_t)(sizeof(*event) + piece);
		event->type = EVENT_TYPE_ASCII_CONSOLE;
		memcpy(event + 1, text, piece);
		if (sclp_run(SCLP_CMD_WRITE_EVENT_DATA) != SCLP_RC_NORMAL)
			return false;
		text += piece;
		length -= piece;
	}
	return true;
}

/*
 * READ EVENT DATA returns event buffers after the header; an ASCII
 * console buffer's data starts with a 0 byte (QEMU's sclpconsole). Every
 * length is checked against the page before it is used.
 */
size_t sclp_console_read(char *buffer, size_t size)
{
	size_t offset = sizeof(struct sccb_header), total = 0;
	uint16_t length;

	sccb_clear(SCCB_SIZE);
	((struct sccb_header *)sccb)->function_code = SCLP_UNCONDITIONAL_READ;
	if (sclp_run(SCLP_CMD_READ_EVENT_DATA) != SCLP_RC_NORMAL)
		return 0;
	length = ((struct sccb_header *)sccb)->length;
	if (length > SCCB_SIZE)
		length = SCCB_SIZE;
	while (offset + sizeof(struct event_buffer_header) <= length) {
		struct event_buffer_header *event = (struct event_buffer_header *)(sccb + offset);
		size_t data = sizeof(*event) + 1;

		if (event->length < sizeof(*event) || offset + event->length > length)
			break;
		if (event->type == EVENT_TYPE_ASCII_CONSOLE && event->length > data) {
			size_t count = event->length - data;

			if (count > size - total)
				count = size - total;
			memcpy(buffer + total, sccb + offset + data, count);
			total += count;
		}
		offset += event->length;
	}
	return total;
}

uint64_t sclp_memory_size(void)
{
	struct read_info *info = (struct read_info *)sccb;
	uint64_t increments, increment_mib;
	uint16_t rc;

	sccb_clear(SCCB_SIZE);
	rc = sclp_run(SCLP_CMD_READ_SCP_INFO_FORCED);
	if (rc != SCLP_RC_NORMAL && rc != SCLP_RC_NORMAL_READ) {
		sccb_clear(SCCB_SIZE);
		rc = sclp_run(SCLP_CMD_READ_SCP_INFO);
		if (rc != SCLP_RC_NORMAL && rc != SCLP_RC_NORMAL_READ)
			return 0;
	}
	increments = info->rnmax ? info->rnmax : info->rnmax2;
	increment_mib = info->rnsize ? info->rnsize : info->rnsize2;
	return increments * increment_mib << 20;
}
