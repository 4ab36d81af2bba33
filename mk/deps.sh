#!/bin/sh
# Installs what vcts needs on Debian 12, and nothing when it is all there.
# Usage: mk/deps.sh [--check] [--arch ARCH]
#          --check: only say what is missing, exit 1 if any
#          --arch aarch64 (or ARCH=aarch64 in the environment, as `make
#          ARCH=aarch64` passes it), --arch riscv64, --arch s390x: also the cross
#          compiler and QEMU for it; --arch may be given more than once
#        mk/deps.sh --libfdt-arm64 DIR
#          unpacks Debian's arm64 libfdt-dev (static libfdt.a and headers)
#          into DIR; libfdt-dev is not co-installable across architectures,
#          so it is downloaded and extracted, never installed
#        mk/deps.sh --libfdt-riscv64 DIR
#          the same for riscv64 from Debian 13 (trixie), with private apt
#          state: Debian 12 has no riscv64 architecture
#        mk/deps.sh --qemu-backports DIR
#          downloads QEMU 10.0 from bookworm-backports with private apt state
#          and unpacks it into DIR (DIR/usr/bin/qemu-system-x86_64 ...), with
#          DIR/vcts-qemu.env naming its module and data directories; nothing
#          is downloaded when DIR already holds it
set -eu

# apt-get/dpkg need root: as is, through sudo -n, or not at all.
need_root() {
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "vcts: need root to $1 (run 'sudo make deps')" >&2
		exit 2
	fi
}

# Debian 12 has no riscv64 architecture; trixie has libfdt-dev:riscv64.
# Downloaded with private apt state (a sources file naming trixie for
# riscv64 only, private lists, cache and dpkg status), so the system's apt
# sources, lists and architectures stay as they are, and unpacked into DIR.
LIBFDT_RISCV64_SOURCES="Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Architectures: riscv64"

fetch_libfdt_riscv64() {
	dir=$1
	lib="$dir/usr/lib/riscv64-linux-gnu/libfdt.a"
	[ -e "$lib" ] && [ -e "$dir/usr/include/libfdt.h" ] && return 0
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	chmod 755 "$work"
	mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/debs"
	chmod 777 "$work/debs"
	printf '%s\n' "$LIBFDT_RISCV64_SOURCES" >"$work/parts/trixie-riscv64.sources"
	: >"$work/status"
	set -- -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/parts" \
		-o Dir::State::Lists="$work/lists" -o Dir::State::status="$work/status" \
		-o Dir::Cache="$work/cache" \
		-o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null \
		-o APT::Architecture=riscv64 -o APT::Architectures=riscv64
	echo "vcts: downloading libfdt-dev:riscv64 from trixie into $dir" >&2
	apt-get "$@" update </dev/null >"$work/update.log" 2>&1 ||
		{ cat "$work/update.log" >&2; exit 1; }
	(cd "$work/debs" && apt-get "$@" download libfdt-dev:riscv64 </dev/null \
		>"$work/download.log" 2>&1) || { cat "$work/download.log" >&2; exit 1; }
	mkdir -p "$dir"
	dpkg-deb -x "$work"/debs/libfdt-dev_*_riscv64.deb "$dir"
	rm -rf "$work"
	trap - EXIT
	[ -e "$lib" ] || { echo "vcts: no $lib in libfdt-dev:riscv64" >&2; exit 1; }
}

fetch_libfdt_arm64() {
	dir=$1
	lib="$dir/usr/lib/aarch64-linux-gnu/libfdt.a"
	[ -e "$lib" ] && [ -e "$dir/usr/include/libfdt.h" ] && return 0
	mkdir -p "$dir"
	download=$(mktemp -d)
	if ! (cd "$download" && apt-get download -q libfdt-dev:arm64 </dev/null >/dev/null 2>&1); then
		need_root "add the arm64 package lists"
		export DEBIAN_FRONTEND=noninteractive
		dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
		$SUDO apt-get update -q </dev/null
		# apt's sandbox user must be able to write the download.
		chmod 777 "$download"
		(cd "$download" && apt-get download -q libfdt-dev:arm64 </dev/null)
	fi
	dpkg-deb -x "$download"/libfdt-dev_*_arm64.deb "$dir"
	rm -rf "$download"
	[ -e "$lib" ] || { echo "vcts: no $lib in libfdt-dev:arm64" >&2; exit 1; }
}

# QEMU from bookworm-backports, downloaded and unpacked into DIR, never
# installed: a private sources file and private apt lists, cache and dpkg
# status, so the system's apt sources, lists and installed QEMU stay as they
# are. No root needed (as root, apt's sandbox user _apt must reach the
# private directories).
QEMU_BPO_SOURCES="deb http://deb.debian.org/debian bookworm-backports main"
QEMU_BPO_PACKAGES="qemu-system-x86 qemu-system-arm qemu-system-common qemu-system-data"
# The modules of this build that the four packages above lack. QEMU looks
# for a module in $QEMU_MODULE_DIR first, then in its compiled-in
# /usr/lib/<multiarch>/qemu, where the system's QEMU keeps modules of the
# same names; loading one of another build aborts QEMU (e.g. -device help).
# With these, every module this build knows is found in its own directory.
QEMU_BPO_MODULE_PACKAGES="qemu-system-modules-opengl qemu-system-modules-spice qemu-system-gui"
# The upstream major.minor wanted; backports carries one build of it.
QEMU_BPO_VERSION=10.0

qemu_backports_complete() {
	[ -x "$1/usr/bin/qemu-system-x86_64" ] && [ -x "$1/usr/bin/qemu-system-aarch64" ] &&
		[ -e "$1/usr/share/qemu/qboot.rom" ] && [ -e "$1/vcts-qemu.env" ]
}

fetch_qemu_backports() {
	dir=$1
	qemu_backports_complete "$dir" && return 0
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	chmod 755 "$work"
	mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
	chmod 777 "$work/debs"
	echo "$QEMU_BPO_SOURCES" >"$work/sources.list"
	: >"$work/status"
	set -- -q -o Dir::Etc::SourceList="$work/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$work/lists" \
		-o Dir::State::status="$work/status" \
		-o Dir::Cache="$work/cache" \
		-o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null \
		-o APT::Architectures="$(dpkg --print-architecture)"
	echo "vcts: downloading QEMU $QEMU_BPO_VERSION from bookworm-backports into $dir" >&2
	apt-get "$@" update </dev/null >"$work/update.log" 2>&1 ||
		{ cat "$work/update.log" >&2; exit 1; }
	version=$(apt-cache "$@" show qemu-system-common 2>/dev/null | sed -n 's/^Version: //p' |
		grep "^1:$(echo "$QEMU_BPO_VERSION" | sed 's/\./\\./g')\.[0-9][^~]*~bpo12+" | head -n 1)
	[ -n "$version" ] ||
		{ echo "vcts: bookworm-backports has no QEMU $QEMU_BPO_VERSION.x" >&2; exit 1; }
	debs=""
	for package in $QEMU_BPO_PACKAGES $QEMU_BPO_MODULE_PACKAGES; do
		debs="$debs $package=$version"
	done
	# shellcheck disable=SC2086
	(cd "$work/debs" && apt-get "$@" download $debs </dev/null >"$work/download.log" 2>&1) ||
		{ cat "$work/download.log" >&2; exit 1; }
	mkdir -p "$dir"
	for deb in "$work"/debs/*.deb; do
		dpkg-deb -x "$deb" "$dir"
	done
	qemu_backports_describe "$dir" "$version"
	rm -rf "$work"
	trap - EXIT
}

# DIR/vcts-qemu.env: what a harness needs besides the binary to run this
# QEMU and only this one: its own module directory and its own data
# (firmware) directory, to pass as -L.
qemu_backports_describe() {
	dir=$(cd "$1" && pwd)
	moddir=""
	for candidate in "$dir"/usr/lib/*-linux-*/qemu; do
		if [ -d "$candidate" ]; then
			moddir=$candidate
			break
		fi
	done
	if [ -z "$moddir" ] || [ -z "$(find "$moddir" -maxdepth 1 -name '*.so' | head -n 1)" ]; then
		echo "vcts: no QEMU module directory under $dir/usr/lib" >&2
		exit 1
	fi
	[ -e "$dir/usr/share/qemu/qboot.rom" ] ||
		{ echo "vcts: no $dir/usr/share/qemu/qboot.rom" >&2; exit 1; }
	printf 'QEMU_MODULE_DIR=%s\nQEMU_DATA_DIR=%s\n' "$moddir" "$dir/usr/share/qemu" \
		>"$dir/vcts-qemu.env.tmp"
	mv "$dir/vcts-qemu.env.tmp" "$dir/vcts-qemu.env"
	echo "vcts: QEMU $2 in $dir (see $dir/vcts-qemu.env)" >&2
}

if [ "${1:-}" = "--qemu-backports" ]; then
	[ -n "${2:-}" ] || { echo "usage: mk/deps.sh --qemu-backports DIR" >&2; exit 2; }
	fetch_qemu_backports "$2"
	exit 0
fi

if [ "${1:-}" = "--libfdt-riscv64" ]; then
	[ -n "${2:-}" ] || { echo "usage: mk/deps.sh --libfdt-riscv64 DIR" >&2; exit 2; }
	fetch_libfdt_riscv64 "$2"
	exit 0
fi

if [ "${1:-}" = "--libfdt-arm64" ]; then
	[ -n "${2:-}" ] || { echo "usage: mk/deps.sh --libfdt-arm64 DIR" >&2; exit 2; }
	fetch_libfdt_arm64 "$2"
	exit 0
fi

CHECK=""
ARCHES=" ${ARCH:-x86_64} "
while [ $# -gt 0 ]; do
	case $1 in
	--check) CHECK=yes ;;
	--arch) ARCHES="$ARCHES$2 "; shift ;;
	*) echo "usage: mk/deps.sh [--check] [--arch ARCH]" >&2; exit 2 ;;
	esac
	shift
done

# package:file-that-proves-it-is-installed
REQUIRED="
gcc:/usr/bin/gcc
libc6-dev:/usr/include/stdio.h
make:/usr/bin/make
binutils:/usr/bin/objcopy
qemu-system-x86:/usr/bin/qemu-system-x86_64
qemu-system-data:/usr/share/qemu/qboot.rom
seabios:/usr/share/seabios/bios.bin
libcunit1-dev:/usr/include/CUnit/CUnit.h
libjson-c-dev:/usr/include/json-c/json.h
libfdt-dev:/usr/include/libfdt.h
expect:/usr/bin/expect
socat:/usr/bin/socat
clang:/usr/bin/clang
libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
chromium:/usr/bin/chromium
seabios:/usr/share/seabios/bios-256k.bin
ovmf:/usr/share/ovmf/OVMF.fd
grub-common:/usr/bin/grub-mkrescue
grub-pc-bin:/usr/lib/grub/i386-pc/multiboot2.mod
grub-efi-amd64-bin:/usr/lib/grub/x86_64-efi/multiboot2.mod
xorriso:/usr/bin/xorriso
mtools:/usr/bin/mformat
"
case $ARCHES in *" aarch64 "*)
	REQUIRED="$REQUIRED
gcc-aarch64-linux-gnu:/usr/bin/aarch64-linux-gnu-gcc
binutils-aarch64-linux-gnu:/usr/bin/aarch64-linux-gnu-ld
qemu-system-arm:/usr/bin/qemu-system-aarch64
"
;;
esac
case $ARCHES in *" riscv64 "*)
	REQUIRED="$REQUIRED
gcc-riscv64-linux-gnu:/usr/bin/riscv64-linux-gnu-gcc
binutils-riscv64-linux-gnu:/usr/bin/riscv64-linux-gnu-ld
qemu-system-misc:/usr/bin/qemu-system-riscv64
"
;;
esac
# s390x: Debian ships qemu-system-s390x in qemu-system-misc.
case $ARCHES in *" s390x "*)
	REQUIRED="$REQUIRED
gcc-s390x-linux-gnu:/usr/bin/s390x-linux-gnu-gcc
binutils-s390x-linux-gnu:/usr/bin/s390x-linux-gnu-ld
qemu-system-misc:/usr/bin/qemu-system-s390x
"
;;
esac

missing=""
for entry in $REQUIRED; do
	package=${entry%%:*}
	file=${entry#*:}
	[ -e "$file" ] || missing="$missing $package"
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ -n "$CHECK" ]; then
	echo "vcts: missing packages:$missing (run 'make deps')" >&2
	exit 1
fi

echo "vcts: installing:$missing" >&2
need_root "install$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q </dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing </dev/null
