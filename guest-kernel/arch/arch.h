/*
 * What every architecture provides to the rest of the kernel. The
 * implementation lives in arch/<arch>/; inline accessors (MMIO, barriers)
 * come from arch/<arch>/arch_io.h, found through the include path.
 */
#ifndef VCTS_ARCH_H
#define VCTS_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "arch_io.h"

/* What the boot loader told us, in a loader-neutral form. */
struct boot_info {
	const char *protocol;		/* "multiboot", "pvh", ... */
	const char *cmdline;		/* never NULL */
	uintptr_t heap_start;		/* free RAM the kernel may allocate from */
	uintptr_t heap_end;
};

typedef void (*irq_handler_t)(void *arg);

extern const char arch_name[];

/* Console: the first serial port. */
void arch_console_putc(char c);
/* Returns the next input byte, or -1 if none arrived within @timeout_ms. */
int arch_console_getc(uint32_t timeout_ms);

/*
 * How the VM will end (docs/exits.md): @method is vcts.exit's value ("" is
 * auto); the architecture looks at what the platform offers (ACPI tables,
 * PSCI) and returns the name of the method it will try first, for the
 * `done` line. The first call decides; later ones return the same name.
 */
const char *arch_exit_prepare(const char *method);
/*
 * Ends the run; @status 0 = all passed, 1 = failures, 2 = crash (carried by
 * the methods that can: debug-exit, semihosting). Falls through to the next
 * method when one comes back, and halts in the end.
 */
_Noreturn void arch_exit(int status);

/* Monotonic time since boot. */
uint64_t arch_time_us(void);

void arch_irq_enable(void);
void arch_irq_disable(void);
/* Waits for the next interrupt (or a short while): for polling loops. */
void arch_wait_a_little(void);

/*
 * Message-signalled interrupts: allocate a CPU vector that calls
 * @handler, and compose the address/data pair a device writes to raise it.
 * Returns a negative value when no vector is left.
 */
int arch_msi_vector_alloc(irq_handler_t handler, void *arg);
void arch_msi_compose(int vector, uint64_t *address, uint32_t *data);

/*
 * Legacy PCI INTx: @handler is called for every level-triggered PCI
 * interrupt; it returns true when its device claimed the interrupt.
 */
typedef bool (*intx_handler_t)(void *arg);
int arch_pci_intx_register(intx_handler_t handler, void *arg);
void arch_pci_intx_unregister(intx_handler_t handler, void *arg);
uint32_t arch_pci_intx_unclaimed(void);

/*
 * Wired interrupt lines of platform devices (virtio-mmio): @irq is the
 * line as the platform numbers it (x86: the I/O APIC input, i.e. the GSI;
 * aarch64: the GIC INTID, SPI n = 32 + n), routed level-triggered and
 * active-high. Every handler registered on the line is asked on each
 * interrupt and returns true when its device claimed it; a line nobody
 * claims a thousand times in a row is masked. The line is unmasked while
 * it has a handler and masked when the last one goes.
 * Returns 0, ARCH_IRQ_NO_LINE when the kernel cannot route @irq (no such
 * input on an interrupt controller it drives), or ARCH_IRQ_BUSY when no
 * vector or handler slot is left.
 */
#define ARCH_IRQ_NO_LINE	(-1)
#define ARCH_IRQ_BUSY		(-2)
int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg);
void arch_wired_irq_unregister(uint32_t irq, intx_handler_t handler, void *arg);
/* Interrupts of @irq that no handler claimed, since boot. */
uint32_t arch_wired_irq_unclaimed(uint32_t irq);

/*
 * Port I/O, where the architecture has a separate I/O space (x86). Returns
 * false from arch_has_port_io() elsewhere; PCI I/O BARs are then
 * memory-mapped through the host bridge window (arch_pci_windows).
 */
bool arch_has_port_io(void);
uint32_t arch_port_read(uint16_t port, int width);
void arch_port_write(uint16_t port, int width, uint32_t value);

/*
 * virtio-mmio windows where the machine has them at fixed places and says
 * so nowhere else (QEMU microvm with ACPI); returns how many.
 */
struct mmio_window {
	uint64_t base;
	uint32_t size;
	uint32_t irq;
};
/* In the order devices should be named (the order the machine fills them). */
int arch_mmio_default_windows(struct mmio_window *windows, int max);
/*
 * Whether those windows are described by the platform (a device tree)
 * rather than guessed at fixed places: described windows are probed even
 * on a machine with a PCI host bridge, guessed ones only without PCI.
 * An architecture's arch_io.h defines it to 1 when they are described.
 */
#ifndef ARCH_MMIO_WINDOWS_DESCRIBED
#define ARCH_MMIO_WINDOWS_DESCRIBED 0
#endif
/*
 * Whether the kernel can receive message-signalled interrupts here at all
 * (arch_msi_vector_alloc can succeed). An architecture's arch_io.h defines
 * it to 0 where it cannot: MSI-X tests then skip saying so.
 */
#ifndef ARCH_HAS_MSI
#define ARCH_HAS_MSI 1
#endif
/* Whether the kernel can access @size bytes of registers at physical @base. */
bool arch_mmio_accessible(uint64_t base, uint64_t size);

/* PCI configuration space (the first 256 bytes of every function). */
uint32_t arch_pci_config_read32(uint32_t bdf, uint16_t offset);
void arch_pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value);

/* Address windows in which the kernel may place PCI BARs. */
struct pci_windows {
	uint64_t mem32_base, mem32_limit;	/* limit is exclusive */
	uint64_t io_base, io_limit;
	bool io_is_port_space;			/* x86: in/out instructions */
	uint64_t io_cpu_base;			/* elsewhere: where I/O space is mapped */
};
void arch_pci_windows(struct pci_windows *windows);

#endif
