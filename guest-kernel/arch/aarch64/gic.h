/*
 * The Generic Interrupt Controller, versions 2 and 3 (ARM IHI 0048B "GIC
 * architecture specification v2", ARM IHI 0069 "GIC v3 and v4"): the
 * distributor for shared peripheral interrupts (SPIs), this CPU's
 * interface, and GICv2m MSI frames. Lines are numbered by INTID.
 */
#ifndef VCTS_AARCH64_GIC_H
#define VCTS_AARCH64_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/arch.h"
#include "fdt/fdt_platform.h"

#define GIC_FIRST_SPI		32
#define GIC_FIRST_LPI		8192
/* MSI vectors through the ITS: EventIDs 0..255, LPIs 8192..8447. */
#define EVENT_ID_BITS		8
#define GIC_SPURIOUS_FIRST	1020

/* Sets the controller the device tree describes up; false if it is none we drive. */
bool gic_init(const struct fdt_intc *intc);
/* "v2", "v3" or "none". */
const char *gic_name(void);
/* One past the last SPI INTID the distributor implements. */
uint32_t gic_line_limit(void);

/* The INTID of a GIC interrupt specifier (3 cells: type, number, flags), or 0. */
uint32_t gic_intid_of(const struct fdt_irq *irq);

void gic_set_handler(uint32_t intid, irq_handler_t handler, void *arg);
/* Level-sensitive (false) or edge-triggered (true): GICD_ICFGR. */
void gic_configure(uint32_t intid, bool edge);
void gic_enable(uint32_t intid);
void gic_disable(uint32_t intid);

/*
 * The GICv2m frame: where a device writes an SPI's INTID to raise it,
 * and the SPIs the frame may raise. False if there is no frame.
 */
bool gic_msi_frame(uint64_t *doorbell, uint32_t *first_intid, uint32_t *count);

/* The GICv3 ITS the device tree names ("arm,gic-v3-its"), or 0. */
uint64_t gic_its_base(void);

/* GICv3 CPU interface and redistributor (gic_v3.c). */
bool gic_v3_cpu_init(uint64_t redistributor_base, uint64_t redistributor_size);
uintptr_t gic_v3_redistributor(void);
uint32_t gic_v3_acknowledge(void);
void gic_v3_end(uint32_t iar);
uint64_t gic_v3_affinity_route(void);

/* The GICv3 ITS (gic_its.c), once PCI configuration space is reachable. */
bool gic_its_init(uint64_t base, uintptr_t redistributor);
uint64_t gic_its_doorbell(void);
/* Maps EventID @event of every PCI function on bus 0 to LPI GIC_FIRST_LPI + @event. */
bool gic_its_map_event(uint32_t event);

#endif
