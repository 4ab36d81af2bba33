# The host harness: $(VCTS), objects under $(BUILD)/harness/.
#
# The folders follow the data flow (docs/architecture.md): cli/ reads the
# command line, plan/ resolves it into configurations, hypervisors/ spells
# and starts them, vm/ runs one VM, protocol/ reads its lines, results/
# holds what came out, reports/ writes it down.
#
# Headers are found with -iquote only, so that nothing in the repository
# can shadow a system header: harness code includes "results/results.h"
# and "guest-kernel/lib/fnv.h".

HARNESS_DIRS := cli plan hypervisors hypervisors/qemu hypervisors/command hypervisors/profiles \
	hypervisors/bhyve hypervisors/vmm hypervisors/virtualbox hypervisors/firecracker \
	hypervisors/cloud_hypervisor hypervisors/kvmtool hypervisors/crosvm \
	vm protocol results reports
HARNESS_SRCS := $(wildcard harness/*.c) $(foreach d,$(HARNESS_DIRS),$(wildcard harness/$(d)/*.c))
HARNESS_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(HARNESS_SRCS))
# Everything but main(): the unit tests link against these.
HARNESS_LIB_OBJS := $(filter-out $(BUILD)/harness/cli/main.o,$(HARNESS_OBJS))
HARNESS_CPPFLAGS := -iquote harness -iquote .
HARNESS_LIBS := -ljson-c

$(VCTS): $(HARNESS_OBJS)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ $(HARNESS_LIBS)

$(BUILD)/harness/%.o: harness/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HARNESS_CPPFLAGS) -MMD -MP -c -o $@ $<

-include $(HARNESS_OBJS:.o=.d)
