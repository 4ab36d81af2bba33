# The freestanding test kernel for $(ARCH). Sources: guest-kernel/,
# transports/ and tests/ (every .c below tests/ except the host-side ones).

KERNEL_CC      ?= gcc
KERNEL_OBJCOPY ?= objcopy
KERNEL_LD      ?= ld
KERNEL_BUILD   := $(BUILD)/$(ARCH)

KERNEL_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g \
	-ffreestanding -fno-builtin -fno-stack-protector -fno-pic -fno-pie \
	-fno-common -fno-omit-frame-pointer -nostdinc \
	-isystem $(shell $(KERNEL_CC) -print-file-name=include) \
	-I guest-kernel -I guest-kernel/arch/$(ARCH) -I .

ifeq ($(ARCH),x86_64)
KERNEL_CFLAGS += -m64 -mno-red-zone -mgeneral-regs-only -mcmodel=kernel -mno-mmx -mno-sse
KERNEL_LDFLAGS := -nostdlib -static --build-id=none -z max-page-size=4096 \
	-z noexecstack -T guest-kernel/arch/x86_64/kernel.ld
endif

KERNEL_SOURCES := $(wildcard guest-kernel/arch/$(ARCH)/*.c guest-kernel/arch/$(ARCH)/*.S) \
	$(wildcard guest-kernel/*.c guest-kernel/lib/*.c guest-kernel/pci/*.c \
		   guest-kernel/virtio/*.c guest-kernel/drivers/*.c) \
	$(wildcard transports/*/*.c) \
	$(wildcard tests/common/*.c tests/legacy/*.c tests/modern/*.c tests/devices/*/*.c \
		   tests/selftest/*.c)
KERNEL_OBJECTS := $(patsubst %,$(KERNEL_BUILD)/%.o,$(KERNEL_SOURCES))

$(KERNEL_BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(KERNEL_BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

# Linked as ELF64, shipped as ELF32: QEMU's multiboot loader refuses ELF64.
$(KERNEL): $(KERNEL_OBJECTS) guest-kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_LD) $(KERNEL_LDFLAGS) $(KERNEL_OBJECTS) -o $(KERNEL_BUILD)/vcts-kernel64.elf
	$(KERNEL_OBJCOPY) -O elf32-i386 $(KERNEL_BUILD)/vcts-kernel64.elf $@

-include $(KERNEL_OBJECTS:.o=.d)

# The same kernel without the multiboot header: loaders take the PVH entry
# (QEMU on every machine, Firecracker, cloud-hypervisor). Tests boot both.
KERNEL_PVH := $(KERNEL_BUILD)/vcts-kernel-pvh.elf
$(KERNEL_PVH): $(KERNEL)
	$(KERNEL_OBJCOPY) -O elf32-i386 -R .multiboot $(KERNEL_BUILD)/vcts-kernel64.elf $@
