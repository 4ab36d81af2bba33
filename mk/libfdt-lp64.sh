#!/bin/sh
# Makes Debian's riscv64 libfdt.a linkable into the soft-float (lp64)
# test kernel: Debian builds it for the lp64d ABI, and ld refuses to link
# double-float objects with soft-float ones (the ELF header's e_flags,
# EF_RISCV_FLOAT_ABI, "RISC-V ELF psABI", "File Header"). The ABI only
# differs in how floating-point values are passed, so an object that has
# no floating-point instruction at all is the same code under either:
# this checks that every object is such an object, then rewrites its
# float-ABI bits to soft-float. Any FP instruction stops the build.
# Usage: mk/libfdt-lp64.sh LIBFDT.A OUT.A CROSS_PREFIX
set -eu
in=$1
out=$2
cross=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
(cd "$work" && "${cross}ar" x "$in")
# FP instructions: F/D/Q mnemonics (f*, c.f*) in the disassembly's mnemonic column.
fp=$("${cross}objdump" -d --no-show-raw-insn "$work"/*.o |
	awk -F'\t' 'NF >= 2 && $2 ~ /^(c\.)?f[a-z]/ { print }' | head -n 3)
if [ -n "$fp" ]; then
	echo "vcts: $in has floating-point instructions; cannot use it in the lp64 kernel:" >&2
	echo "$fp" >&2
	exit 1
fi
# e_flags is the 32-bit word at offset 48 of an ELF64 header; its low byte
# holds RVC (0x1) and the float ABI (0x6: 0 soft, 2 single, 4 double).
for object in "$work"/*.o; do
	flags=$(od -An -tu1 -j48 -N1 "$object" | tr -d ' ')
	printf "\\$(printf '%03o' $((flags & ~6)))" |
		dd of="$object" bs=1 seek=48 count=1 conv=notrunc 2>/dev/null
done
rm -f "$out"
(cd "$work" && "${cross}ar" rcs out.a ./*.o)
mv "$work/out.a" "$out"
