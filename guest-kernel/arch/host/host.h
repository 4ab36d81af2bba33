/*
 * What the host architecture offers beyond arch.h, to the host programs
 * that run kernel code (tests/reference/, tests/fuzz/): the console
 * capture, the device step behind arch_wait_a_little, interrupt delivery,
 * the heap, and a guard that turns arch_exit into a return.
 */
#ifndef VCTS_HOST_H
#define VCTS_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"

/*
 * Console: everything the kernel writes (console_write, printf) is kept
 * in a buffer of at most @limit bytes (older output is dropped beyond
 * it) and, when @fd >= 0, written to @fd as it comes.
 */
void host_console_setup(size_t limit, int fd);
void host_console_clear(void);
/* The captured text, NUL-terminated; valid until the next output. */
const char *host_console_text(size_t *length);
/*
 * @hook sees every whole line the kernel writes (without its newline),
 * as it is written; NULL: none. A line longer than 4 KiB is cut.
 */
void host_set_line_hook(void (*hook)(const char *line, size_t length, void *arg), void *arg);
/* The kernel's printf (kernel objects call it by that name): into the capture. */
int host_kernel_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Queues @text for arch_console_getc (the harness's side of the console). */
void host_console_input(const char *text, size_t length);

/*
 * Called by every arch_wait_a_little: the reference machine steps its
 * devices there, which is how the kernel's polling loops drive them.
 */
void host_set_wait_hook(void (*hook)(void *arg), void *arg);

/*
 * A heap of @size bytes for lib/alloc.c; the same arena on later calls.
 * Placed below 4 GiB when the address space allows, so that addresses
 * divided by 4096 fit the balloon's 32-bit page numbers (5.5.6).
 */
bool host_heap_setup(size_t size);
/* Whether [@address, @address + @length) lies inside the heap (a device's bounds check). */
bool host_heap_holds(uint64_t address, uint64_t length);

/*
 * Runs @function(@arg). If kernel code calls arch_exit inside it
 * (test_crash, test_fatal, or the end of a run), returns that status;
 * otherwise returns HOST_RETURNED. Not nested.
 */
#define HOST_RETURNED (-1)
int host_run_guarded(void (*function)(void *arg), void *arg);

/*
 * Device side of interrupts. An MSI is the address/data pair that
 * arch_msi_compose gave the driver; it calls the vector's handler now,
 * or when interrupts are enabled again. INTx calls every registered
 * handler once (the line is level-triggered: the device raises it again
 * while its ISR says so).
 */
void host_msi_signal(uint64_t address, uint32_t data);
void host_intx_signal(void);
/* Forgets every vector, INTx and wired-line handler (a fresh machine). */
void host_irq_reset(void);

/*
 * Devices modelled register by register (host_bus.c): their registers
 * appear in the register space (HOST_REGISTER_SPACE, arch_io.h), a range
 * below 4 GiB (32-bit BARs) that is reserved and never memory: arch_io.h
 * sends accesses there to host_register_read/write, which offer them to
 * the attached devices.
 * Its first part is the PCI memory window (arch_pci_windows), the rest
 * is for platform windows (virtio-mmio) the host program places.
 */
#define HOST_REGISTER_SPACE_SIZE	0x04000000u
#define HOST_PLATFORM_WINDOWS		(HOST_REGISTER_SPACE + 0x02000000u)
/* Wired interrupt lines arch_wired_irq_register accepts: 8 from here. */
#define HOST_FIRST_WIRED_IRQ		5

/* Reserves the register space; false when the address range is taken. */
bool host_register_space_setup(void);

/*
 * One modelled device. Memory and port accesses are offered to every
 * device in turn: each returns true for an address it decodes (its BARs
 * as its configuration space places them, or its platform window).
 * PCI functions also answer configuration dwords at @bdf.
 * Any callback may be NULL.
 */
struct host_bus_device {
	bool (*mem_read)(void *model, uint64_t address, int width, uint32_t *value);
	bool (*mem_write)(void *model, uint64_t address, int width, uint32_t value);
	bool (*io_read)(void *model, uint16_t port, int width, uint32_t *value);
	bool (*io_write)(void *model, uint16_t port, int width, uint32_t value);
	uint32_t (*config_read32)(void *model, uint16_t offset);
	void (*config_write32)(void *model, uint16_t offset, uint32_t value);
};
/* Attaches @model (a PCI function at @bdf when @ops has config callbacks). */
bool host_bus_attach(const struct host_bus_device *ops, void *model, uint32_t bdf);
void host_bus_detach_all(void);

/*
 * A platform device asserts wired line @irq: every handler registered on
 * it is asked (held back while interrupts are disabled; level-triggered,
 * so the device signals again while the line stays asserted).
 */
void host_wired_signal(uint32_t irq);
/* Whether arch_irq_enable is in force. */
bool host_irq_enabled(void);

#endif
