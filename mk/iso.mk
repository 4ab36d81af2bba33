# build/x86_64/vcts.iso: the x86_64 kernel behind GRUB, one image that
# boots from a CD and from a disk, under a BIOS and under UEFI
# (docs/boot-images.md). grub-mkrescue (grub-common) lays out an ISO 9660
# file system with an El Torito BIOS boot image (grub-pc-bin), an EFI
# system partition image (grub-efi-amd64-bin, formatted with mtools) and
# a hybrid MBR/GPT so that the same file boots as a hard disk; xorriso
# writes it.

ISO      := $(BUILD)/x86_64/vcts.iso
ISO_ROOT := $(BUILD)/x86_64/iso-root
ISO_GRUB_CFG := guest-kernel/boot/grub.cfg
# The modules GRUB needs for grub.cfg, on both platforms; the rest stay
# out of the image.
ISO_GRUB_MODULES := multiboot2 boot normal serial terminal echo halt \
	part_acorn part_amiga part_apple part_bsd part_dfly part_dvh part_gpt part_msdos part_plan \
	part_sun part_sunpc

.PHONY: iso
ifeq ($(ARCH),x86_64)
iso: $(ISO)

# The kernel without its debug sections: GRUB reads less from the medium.
$(ISO): $(KERNEL) $(ISO_GRUB_CFG) mk/iso.mk
	rm -rf $(ISO_ROOT)
	mkdir -p $(ISO_ROOT)/boot/grub
	$(KERNEL_OBJCOPY) --strip-debug $(KERNEL) $(ISO_ROOT)/boot/vcts-kernel.elf
	cp $(ISO_GRUB_CFG) $(ISO_ROOT)/boot/grub/grub.cfg
	grub-mkrescue --output=$@.tmp \
		--install-modules="$(ISO_GRUB_MODULES)" --locales= --fonts= --themes= \
		$(ISO_ROOT) >$@.log 2>&1 || { cat $@.log >&2; exit 1; }
	mv $@.tmp $@
else
iso:
	@$(MAKE) --no-print-directory ARCH=x86_64 iso
endif
