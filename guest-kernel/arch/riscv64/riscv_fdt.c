/*
 * The riscv64 parts of the device tree (riscv_fdt.h). Bindings: Linux
 * riscv/cpus.yaml (timebase-frequency, the per-hart "riscv,cpu-intc"
 * node), interrupt-controller/sifive,plic-1.0.0.yaml (the PLIC: reg,
 * riscv,ndev, interrupts-extended whose n-th entry is context n), and
 * power/reset/syscon-poweroff with QEMU's "sifive,test0" device.
 */
#include <libfdt.h>

#include "riscv_fdt.h"

/* scause code of the supervisor external interrupt (privileged spec 10.1.9). */
#define IRQ_S_EXTERNAL		9

static int find_first_compatible(const void *fdt, const char *const *names, int count)
{
	for (int i = 0; i < count; i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, names[i]);

		if (node >= 0)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

static void read_timebase(const void *fdt, struct riscv_platform *out)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int length;
	const fdt32_t *value = cpus >= 0 ? fdt_getprop(fdt, cpus, "timebase-frequency", &length) : 0;

	if (value && (length == 4 || length == 8))
		out->timebase_frequency = fdt_read_cells(value, length / 4);
}

/* The phandle of hart @hartid's local interrupt controller, or 0. */
static uint32_t hart_intc_phandle(const void *fdt, unsigned long hartid)
{
	int cpu = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "cpu", 4);
	int length;

	for (; cpu >= 0; cpu = fdt_node_offset_by_prop_value(fdt, cpu, "device_type", "cpu", 4)) {
		const fdt32_t *reg = fdt_getprop(fdt, cpu, "reg", &length);
		int child;

		/* The hart id, in /cpus' #address-cells (1 or 2); no translation. */
		if (!reg || (length != 4 && length != 8) ||
		    fdt_read_cells(reg, length / 4) != hartid)
			continue;
		fdt_for_each_subnode(child, fdt, cpu) {
			if (!fdt_node_check_compatible(fdt, child, "riscv,cpu-intc"))
				return fdt_get_phandle(fdt, child);
		}
	}
	return 0;
}

/* interrupts-extended: <phandle irq> per context, in context order. */
static int plic_context_of(const void *fdt, int plic, uint32_t intc)
{
	int length;
	const fdt32_t *cells = fdt_getprop(fdt, plic, "interrupts-extended", &length);

	if (!cells || !intc)
		return -1;
	for (int context = 0; (context + 1) * 8 <= length; context++) {
		if (fdt32_ld(&cells[2 * context]) == intc &&
		    fdt32_ld(&cells[2 * context + 1]) == IRQ_S_EXTERNAL)
			return context;
	}
	return -1;
}

static int read_plic(const void *fdt, unsigned long hartid, struct riscv_platform *out)
{
	static const char *const names[] = { "sifive,plic-1.0.0", "riscv,plic0" };
	int plic = find_first_compatible(fdt, names, 2);
	const fdt32_t *ndev;
	int error;

	out->plic_context = -1;
	if (plic < 0)
		return plic == -FDT_ERR_NOTFOUND ? 0 : plic;
	error = fdt_read_reg(fdt, plic, 0, &out->plic);
	if (error)
		return error;
	ndev = fdt_getprop(fdt, plic, "riscv,ndev", NULL);
	out->plic_sources = ndev ? fdt32_ld(ndev) : 0;
	out->plic_node = plic;
	out->plic_phandle = fdt_get_phandle(fdt, plic);
	out->plic_context = plic_context_of(fdt, plic, hart_intc_phandle(fdt, hartid));
	out->has_plic = true;
	return 0;
}

static void read_test_device(const void *fdt, struct riscv_platform *out)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "sifive,test0");
	struct fdt_range reg;

	if (node >= 0 && fdt_node_enabled(fdt, node) && !fdt_read_reg(fdt, node, 0, &reg)) {
		out->has_test_device = true;
		out->test_device = reg.base;
	}
}

int riscv_fdt_read(const void *fdt, unsigned long hartid, struct riscv_platform *out)
{
	*out = (struct riscv_platform){ .plic_context = -1 };
	read_timebase(fdt, out);
	read_test_device(fdt, out);
	out->has_imsic = fdt_node_offset_by_compatible(fdt, -1, "riscv,imsics") >= 0;
	return read_plic(fdt, hartid, out);
}
