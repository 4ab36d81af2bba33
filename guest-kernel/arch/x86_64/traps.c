/*
 * The IDT. Exceptions are never expected in the test kernel: each one is
 * reported as a crash verdict with where it happened, and ends the run.
 * Device vectors call the handler registered for them and acknowledge the
 * local APIC.
 */
#include "traps.h"
#include "apic.h"
#include "lib/test.h"

struct idt_entry {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attributes;
	uint16_t offset_middle;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

struct vector_handler {
	void (*handler)(void *arg);
	void *arg;
};

extern const char trap_entries[];

static struct idt_entry idt[256] __attribute__((aligned(16)));
static struct vector_handler vector_handlers[256];

static const char *const exception_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved 15",
	"#MF x87 error", "#AC alignment check", "#MC machine check",
	"#XM SIMD error", "#VE virtualization", "#CP control protection",
};

void traps_init(void)
{
	struct idt_pointer pointer = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };

	for (int vector = 0; vector < 256; vector++) {
		uint64_t address = (uint64_t)(uintptr_t)(trap_entries + 16 * vector);

		idt[vector] = (struct idt_entry){
			.offset_low = (uint16_t)address,
			.selector = 0x08,
			.type_attributes = 0x8e,	/* present, ring 0, interrupt gate */
			.offset_middle = (uint16_t)(address >> 16),
			.offset_high = (uint32_t)(address >> 32),
		};
	}
	__asm__ volatile("lidt %0" : : "m"(pointer));
}

void traps_set_handler(int vector, void (*handler)(void *arg), void *arg)
{
	vector_handlers[vector].arg = arg;
	vector_handlers[vector].handler = handler;
}

static uint64_t read_cr2(void)
{
	uint64_t value;

	__asm__ volatile("mov %%cr2, %0" : "=r"(value));
	return value;
}

static _Noreturn void report_exception(const struct trap_frame *frame)
{
	const char *name = exception_names[frame->vector];
	uint64_t address = frame->vector == 14 ? read_cr2() : 0;

	test_crash((int)frame->vector, name ? name : "reserved exception",
		   frame->rip, frame->error_code, address);
}

void x86_trap(struct trap_frame *frame);
void x86_trap(struct trap_frame *frame)
{
	unsigned int vector = (unsigned int)frame->vector;
	struct vector_handler *entry;

	if (vector < 32)
		report_exception(frame);
	if (vector == SPURIOUS_VECTOR)
		return;			/* no EOI for spurious interrupts */
	entry = &vector_handlers[vector];
	if (entry->handler)
		entry->handler(entry->arg);
	else
		test_unexpected_interrupt((int)vector);
	lapic_eoi();
}
