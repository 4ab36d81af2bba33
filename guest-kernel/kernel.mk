# The freestanding test kernel for $(ARCH). Sources: guest-kernel/,
# transports/ and tests/ (every .c below tests/ except the host-side ones).

# aarch64 cross-builds with Debian's gcc-aarch64-linux-gnu (mk/deps.sh).
ifeq ($(ARCH),aarch64)
KERNEL_CROSS   ?= aarch64-linux-gnu-
endif
# s390x cross-builds with Debian's gcc-s390x-linux-gnu.
ifeq ($(ARCH),s390x)
KERNEL_CROSS   ?= s390x-linux-gnu-
endif
# riscv64 with Debian's gcc-riscv64-linux-gnu.
ifeq ($(ARCH),riscv64)
KERNEL_CROSS   ?= riscv64-linux-gnu-
endif
KERNEL_CC      ?= $(KERNEL_CROSS)gcc
KERNEL_OBJCOPY ?= $(KERNEL_CROSS)objcopy
KERNEL_LD      ?= $(KERNEL_CROSS)ld
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

# aarch64: -mstrict-align because data accesses are Device-nGnRnE (no
# unaligned access) until the MMU is on, and device registers stay
# Device memory after; no FP/SIMD in kernel code (the exception entry
# saves general registers only). The machine comes from the device tree,
# read with Debian's prebuilt arm64 libfdt (fetched into LIBFDT_DIR).
ifeq ($(ARCH),aarch64)
LIBFDT_DIR := $(KERNEL_BUILD)/libfdt
LIBFDT_A   := $(LIBFDT_DIR)/usr/lib/aarch64-linux-gnu/libfdt.a
KERNEL_CFLAGS += -mgeneral-regs-only -mstrict-align -mno-outline-atomics \
	-mcmodel=small -fno-asynchronous-unwind-tables -fno-unwind-tables
KERNEL_LDFLAGS := -nostdlib -static --build-id=none -z max-page-size=4096 \
	-z noexecstack -T guest-kernel/arch/aarch64/kernel.ld
KERNEL_USES_FDT := yes
endif

# s390x: no floating-point or vector registers in kernel code (the
# interruption entry saves general registers only), z10 instructions at
# most (any QEMU CPU model has them), and no warnings about the lowcore's
# fields at small constant addresses (GCC 12 takes those for NULL + offset).
ifeq ($(ARCH),s390x)
KERNEL_CFLAGS += -march=z10 -msoft-float -mno-vx -fno-asynchronous-unwind-tables \
	-fno-unwind-tables --param=min-pagesize=0
KERNEL_LDFLAGS := -nostdlib -static --build-id=none -z max-page-size=4096 \
	-z noexecstack -T guest-kernel/arch/s390x/kernel.ld
endif

# riscv64: S-mode under OpenSBI, translation off. Integer-only code
# (rv64imac, the lp64 ABI: boot.S keeps sstatus.FS off, so an FP
# instruction would trap), medany so that the kernel may sit anywhere in
# RAM, no unaligned accesses. The machine comes from the device tree, read
# with Debian 13's riscv64 libfdt (fetched into LIBFDT_DIR), made
# linkable as soft-float by mk/libfdt-lp64.sh (docs/arch-riscv64.md).
ifeq ($(ARCH),riscv64)
LIBFDT_DIR := $(KERNEL_BUILD)/libfdt
LIBFDT_DEB_A := $(LIBFDT_DIR)/usr/lib/riscv64-linux-gnu/libfdt.a
LIBFDT_A   := $(KERNEL_BUILD)/libfdt-lp64.a
KERNEL_CFLAGS += -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mstrict-align \
	-fno-asynchronous-unwind-tables -fno-unwind-tables
KERNEL_LDFLAGS := -nostdlib -static --build-id=none -z max-page-size=4096 \
	-z noexecstack -T guest-kernel/arch/riscv64/kernel.ld
KERNEL_USES_FDT := yes
endif

KERNEL_SOURCES := $(wildcard guest-kernel/arch/$(ARCH)/*.c guest-kernel/arch/$(ARCH)/*.S) \
	$(wildcard guest-kernel/arch/common/*.c) \
	$(wildcard guest-kernel/*.c guest-kernel/lib/*.c guest-kernel/pci/*.c \
		   guest-kernel/virtio/*.c guest-kernel/drivers/*.c) \
	$(wildcard transports/*/*.c) \
	$(wildcard tests/common/*.c tests/legacy/*.c tests/modern/*.c tests/devices/*/*.c \
		   tests/selftest/*.c)
ifeq ($(KERNEL_USES_FDT),yes)
KERNEL_SOURCES += $(wildcard guest-kernel/fdt/*.c)
endif
KERNEL_OBJECTS := $(patsubst %,$(KERNEL_BUILD)/%.o,$(KERNEL_SOURCES))

$(KERNEL_BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(KERNEL_BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

ifeq ($(ARCH),x86_64)
# Linked as ELF64, shipped as ELF32: QEMU's multiboot loader refuses ELF64.
$(KERNEL): $(KERNEL_OBJECTS) guest-kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_LD) $(KERNEL_LDFLAGS) $(KERNEL_OBJECTS) -o $(KERNEL_BUILD)/vcts-kernel64.elf
	$(KERNEL_OBJCOPY) -O elf32-i386 $(KERNEL_BUILD)/vcts-kernel64.elf $@
endif

-include $(KERNEL_OBJECTS:.o=.d)

ifeq ($(ARCH),x86_64)
# The same kernel without the multiboot header: loaders take the PVH entry
# (QEMU on every machine, Firecracker, cloud-hypervisor). Tests boot both.
KERNEL_PVH := $(KERNEL_BUILD)/vcts-kernel-pvh.elf
$(KERNEL_PVH): $(KERNEL)
	$(KERNEL_OBJCOPY) -O elf32-i386 -R .multiboot $(KERNEL_BUILD)/vcts-kernel64.elf $@
endif

ifeq ($(ARCH),aarch64)
# An ELF64 that QEMU's -kernel enters at _start (docs/arch-aarch64.md).
$(KERNEL): $(KERNEL_OBJECTS) $(LIBFDT_A) guest-kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_LD) $(KERNEL_LDFLAGS) $(KERNEL_OBJECTS) $(LIBFDT_A) -o $@

# libfdt's headers come from the same package as the library; the shim
# libc headers it includes map to lib/string.h.
$(KERNEL_BUILD)/guest-kernel/fdt/%.c.o: KERNEL_CFLAGS += \
	-isystem guest-kernel/fdt/libc -isystem $(LIBFDT_DIR)/usr/include
$(KERNEL_OBJECTS): | $(LIBFDT_A)

$(LIBFDT_A):
	sh mk/deps.sh --libfdt-arm64 $(LIBFDT_DIR)
endif

ifeq ($(ARCH),s390x)
# A big-endian ELF64 that QEMU's -kernel starts at 0x10000 (docs/arch-s390x.md).
$(KERNEL): $(KERNEL_OBJECTS) guest-kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_LD) $(KERNEL_LDFLAGS) $(KERNEL_OBJECTS) -o $@
endif

ifeq ($(ARCH),x86_64)
# The Linux boot protocol image (docs/boot-images.md): the real-mode setup
# block (bzimage/setup.S, its header sized from the kernel's symbols), then
# the same kernel as a flat binary for 0x100000, padded to where .bss
# starts so that syssize counts it exactly.
KERNEL_NM          ?= $(KERNEL_CROSS)nm
KERNEL_LINUX_IMAGE := $(KERNEL_BUILD)/vcts-bzImage
BZIMAGE_DIR        := guest-kernel/arch/x86_64/bzimage

$(KERNEL_BUILD)/bzimage/setup.o: $(BZIMAGE_DIR)/setup.S guest-kernel/arch/x86_64/linux_boot.h
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_BUILD)/bzimage/setup.bin: $(KERNEL_BUILD)/bzimage/setup.o $(BZIMAGE_DIR)/setup.ld $(KERNEL)
	$(KERNEL_LD) -nostdlib -static --build-id=none -z noexecstack -T $(BZIMAGE_DIR)/setup.ld \
		-R $(KERNEL_BUILD)/vcts-kernel64.elf $< -o $(@:.bin=.elf)
	$(KERNEL_OBJCOPY) -O binary $(@:.bin=.elf) $@

$(KERNEL_LINUX_IMAGE): $(KERNEL_BUILD)/bzimage/setup.bin $(KERNEL)
	$(KERNEL_OBJCOPY) -O binary --pad-to=0x$$($(KERNEL_NM) $(KERNEL_BUILD)/vcts-kernel64.elf | \
		sed -n 's/ [A-Za-z] __bss_start$$//p') $(KERNEL_BUILD)/vcts-kernel64.elf \
		$(KERNEL_BUILD)/bzimage/kernel.bin
	cat $(KERNEL_BUILD)/bzimage/setup.bin $(KERNEL_BUILD)/bzimage/kernel.bin >$@

# The integration tests' stand-in for the Linux boot protocol loaders of
# cloud-hypervisor (32-bit entry) and crosvm (64-bit entry)
# (tests/boot/linux_loader.c): a 32-bit multiboot ELF carrying the bzImage,
# which QEMU boots.
LINUX_LOADER := $(KERNEL_BUILD)/linux-loader.elf
LINUX_LOADER_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -m32 -march=i686 -ffreestanding \
	-fno-builtin -fno-stack-protector -fno-pic -fno-pie -mgeneral-regs-only -nostdinc \
	-isystem $(shell $(KERNEL_CC) -print-file-name=include)

$(KERNEL_BUILD)/linux-loader/linux_loader.o: tests/boot/linux_loader.c
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(LINUX_LOADER_CFLAGS) -c $< -o $@

$(KERNEL_BUILD)/linux-loader/linux_loader_entry.o: tests/boot/linux_loader_entry.S $(KERNEL_LINUX_IMAGE)
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(LINUX_LOADER_CFLAGS) -DBZIMAGE_PATH='"$(KERNEL_LINUX_IMAGE)"' -c $< -o $@

$(LINUX_LOADER): $(KERNEL_BUILD)/linux-loader/linux_loader_entry.o \
		$(KERNEL_BUILD)/linux-loader/linux_loader.o tests/boot/linux_loader.ld
	$(KERNEL_LD) -m elf_i386 -nostdlib -static --build-id=none -z noexecstack \
		-T tests/boot/linux_loader.ld $(filter %.o,$^) -o $@
endif

ifeq ($(ARCH),aarch64)
# The arm64 Linux Image (docs/arch-aarch64.md): the same objects linked as
# a static position-independent executable at 0, so that boot.S's
# relocation runs wherever a loader puts it (QEMU virt: RAM + 2 MiB;
# kvmtool and crosvm have RAM at 2 GiB); the file is its flat binary,
# starting with the header boot.S puts first.
KERNEL_LINUX_IMAGE := $(KERNEL_BUILD)/vcts-Image

$(KERNEL_BUILD)/vcts-Image.elf: $(KERNEL_OBJECTS) $(LIBFDT_A) guest-kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_LD) $(KERNEL_LDFLAGS) -pie --no-dynamic-linker --defsym=KERNEL_LINK_BASE=0 \
		$(KERNEL_OBJECTS) $(LIBFDT_A) -o $@

$(KERNEL_LINUX_IMAGE): $(KERNEL_BUILD)/vcts-Image.elf
	$(KERNEL_OBJCOPY) -O binary $< $@
endif

ifeq ($(ARCH),riscv64)
# An ELF64 that QEMU's -kernel loads and OpenSBI enters at its lowest
# address, 0x80200000 (docs/arch-riscv64.md).
$(KERNEL): $(KERNEL_OBJECTS) $(LIBFDT_A) guest-kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_LD) $(KERNEL_LDFLAGS) $(KERNEL_OBJECTS) $(LIBFDT_A) -o $@

# libfdt's headers for the device tree readers (the shared ones and
# riscv_fdt.c); the shim libc headers it includes map to lib/string.h.
$(KERNEL_BUILD)/guest-kernel/fdt/%.c.o $(KERNEL_BUILD)/guest-kernel/arch/riscv64/riscv_fdt.c.o: \
	KERNEL_CFLAGS += -isystem guest-kernel/fdt/libc -isystem $(LIBFDT_DIR)/usr/include
$(KERNEL_OBJECTS): | $(LIBFDT_DEB_A)

$(LIBFDT_DEB_A):
	sh mk/deps.sh --libfdt-riscv64 $(LIBFDT_DIR)

$(LIBFDT_A): $(LIBFDT_DEB_A) mk/libfdt-lp64.sh
	sh mk/libfdt-lp64.sh $(LIBFDT_DEB_A) $@ $(KERNEL_CROSS)
endif
