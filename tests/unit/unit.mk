# Host unit tests: one CUnit binary, $(BUILD)/unit-tests, built from
# tests/unit/*.c and the harness objects (all but main()).

UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRCS))
UNIT_LIBS := -lcunit -ljson-c

.PHONY: unit-tests

unit-tests: $(BUILD)/unit-tests
	$(BUILD)/unit-tests

$(BUILD)/unit-tests: $(UNIT_OBJS) $(HARNESS_LIB_OBJS)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ $(UNIT_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HARNESS_CPPFLAGS) -MMD -MP -c -o $@ $<

-include $(UNIT_OBJS:.o=.d)
