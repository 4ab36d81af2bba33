# The kernel's virtio core, drivers and a set of its tests built for the
# host (guest-kernel/arch/host), run against the reference device with
# and without faults: $(BUILD)/host/reference-tests (CUnit).
# docs/reference-device.md says how it works and how to add a fault.

HOST_KERNEL_BUILD    := $(BUILD)/host
HOST_KERNEL_CPPFLAGS := -I guest-kernel -I guest-kernel/arch/host -I .

# The parts of the kernel with no hardware under them. lib/printf.c and
# lib/string.c are left out: the host libc has them.
HOST_KERNEL_CORE := guest-kernel/arch/host/host.c \
	$(wildcard guest-kernel/virtio/*.c) guest-kernel/lib/alloc.c
HOST_KERNEL_RUNNER := guest-kernel/lib/test_runner.c guest-kernel/lib/test_scope.c \
	guest-kernel/lib/report_line.c \
	guest-kernel/lib/host_request.c \
	guest-kernel/lib/cmdline.c $(wildcard guest-kernel/drivers/*.c)
# The kernel's PCI scan and transports: on a reference machine with a
# transport (ref_attach.c) they drive the register models; on one with the
# "reference" ops tests that ask pci_modern_of / mmio_of are told no.
HOST_KERNEL_TRANSPORTS := $(wildcard guest-kernel/pci/*.c transports/*/*.c)
# Every kernel test, as kernel.mk builds them: the transport tests run on
# the reference machines with a register model, the self-tests that crash
# and hang on purpose only when a filter names them.
HOST_KERNEL_TESTS := $(wildcard tests/common/*.c tests/legacy/*.c tests/modern/*.c \
	tests/devices/*/*.c tests/selftest/*.c)
REF_DEVICE_SRCS := $(addprefix tests/reference/,ref_device.c ref_registers.c ref_transport.c ref_queue.c \
	ref_pci.c ref_pci_modern.c ref_pci_legacy.c ref_mmio.c \
	ref_split.c ref_packed.c ref_rng.c ref_blk.c ref_ccw.c ref_ccw_commands.c) \
	$(wildcard tests/reference/ref_net*.c tests/reference/ref_console*.c \
		   tests/reference/ref_balloon*.c tests/reference/ref_scsi*.c)
REF_TEST_SRCS := $(addprefix tests/reference/,ref_machine.c ref_attach.c ref_host_actions.c ref_run.c \
	ref_cases.c ref_score.c test_transports.c test_faults.c test_platform.c \
	test_containment.c main.c)

HOST_KERNEL_SOURCES := $(filter-out guest-kernel/arch/host/host.c,$(HOST_KERNEL_CORE)) \
	$(HOST_KERNEL_RUNNER) $(HOST_KERNEL_TRANSPORTS) $(HOST_KERNEL_TESTS)
HOST_KERNEL_OBJS := $(patsubst %.c,$(HOST_KERNEL_BUILD)/%.o,$(HOST_KERNEL_SOURCES))
REF_OBJS := $(patsubst %.c,$(HOST_KERNEL_BUILD)/%.o,guest-kernel/arch/host/host.c \
	guest-kernel/arch/host/host_bus.c \
	$(REF_DEVICE_SRCS) $(REF_TEST_SRCS))
# The harness's own line parser reads the results and its encoder answers
# host actions.
REF_HARNESS_OBJS := $(BUILD)/harness/protocol/line_parser.o $(BUILD)/harness/protocol/line_encode.o \
	$(BUILD)/harness/util.o

REFERENCE_TESTS := $(HOST_KERNEL_BUILD)/reference-tests
# What each fault case came to in the last CUnit run (written whole at its
# end): what the mutation score counts.
REFERENCE_RECORD := $(HOST_KERNEL_BUILD)/fault-cases.txt

.PHONY: reference-tests mutation-score

reference-tests: $(REFERENCE_TESTS)
	$(REFERENCE_TESTS) --record $(REFERENCE_RECORD)

# From the record of the last run of this binary, or a quiet run of its
# own when there is none: per area of test ids, the fault cases caught by
# their test with their clause, and the tests that have one
# (docs/reference-device.md). Fails below REF_SCORE_TARGET_PERCENT.
mutation-score: $(REFERENCE_RECORD)
	$(REFERENCE_TESTS) --mutation-score $(REFERENCE_RECORD)

$(REFERENCE_RECORD): $(REFERENCE_TESTS)
	$(REFERENCE_TESTS) --record $@ > $(HOST_KERNEL_BUILD)/reference-tests.log || \
		{ echo "reference-tests failed: see $(HOST_KERNEL_BUILD)/reference-tests.log"; exit 1; }

$(REFERENCE_TESTS): $(HOST_KERNEL_OBJS) $(REF_OBJS) $(REF_HARNESS_OBJS)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ -lcunit

# Kernel code prints through printf, which must reach the console capture
# (host.c) and not the host's stdout: the references are renamed in the
# kernel objects, and the compiler must not turn them into puts first.
HOST_KERNEL_PRINTF := -fno-builtin-printf
HOST_OBJCOPY       ?= objcopy
HOST_KERNEL_RENAME = $(HOST_OBJCOPY) --redefine-sym printf=host_kernel_printf $@

$(HOST_KERNEL_OBJS): $(HOST_KERNEL_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HOST_KERNEL_CPPFLAGS) $(HOST_KERNEL_PRINTF) -MMD -MP -c -o $@ $<
	$(HOST_KERNEL_RENAME)

# The harness headers they include (harness/protocol/line_encode.h) name
# their own neighbours from the harness root ("util.h"): -iquote only, as
# in harness.mk, so that nothing there can shadow a kernel or system header.
$(REF_OBJS): $(HOST_KERNEL_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HOST_KERNEL_CPPFLAGS) -iquote harness -MMD -MP -c -o $@ $<

-include $(HOST_KERNEL_OBJS:.o=.d) $(REF_OBJS:.o=.d)
