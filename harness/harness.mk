# The host harness: $(VCTS), objects under $(BUILD)/harness/.
#
# Headers are found with -iquote only, so that nothing in the repository
# can shadow a system header: harness code includes "util.h" and
# "guest-kernel/lib/fnv.h".

HARNESS_SRCS := $(wildcard harness/*.c) $(wildcard harness/hypervisors/*.c) \
	$(wildcard harness/host_actions/*.c)
HARNESS_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(HARNESS_SRCS))
# Everything but main(): the unit tests link against these.
HARNESS_LIB_OBJS := $(filter-out $(BUILD)/harness/main.o,$(HARNESS_OBJS))
HARNESS_CPPFLAGS := -iquote harness -iquote .
HARNESS_LIBS := -ljson-c

$(VCTS): $(HARNESS_OBJS)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ $(HARNESS_LIBS)

$(BUILD)/harness/%.o: harness/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HARNESS_CPPFLAGS) -MMD -MP -c -o $@ $<

-include $(HARNESS_OBJS:.o=.d)
