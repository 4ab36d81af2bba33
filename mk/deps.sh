#!/bin/sh
# Installs what vcts needs on Debian 12, and nothing when it is all there.
# Usage: mk/deps.sh [--check] [--arch ARCH]
#          --check: only say what is missing, exit 1 if any
#          --arch aarch64 (or ARCH=aarch64 in the environment, as `make
#          ARCH=aarch64` passes it): also the cross compiler and QEMU for it
#        mk/deps.sh --libfdt-arm64 DIR
#          unpacks Debian's arm64 libfdt-dev (static libfdt.a and headers)
#          into DIR; libfdt-dev is not co-installable across architectures,
#          so it is downloaded and extracted, never installed
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

if [ "${1:-}" = "--libfdt-arm64" ]; then
	[ -n "${2:-}" ] || { echo "usage: mk/deps.sh --libfdt-arm64 DIR" >&2; exit 2; }
	fetch_libfdt_arm64 "$2"
	exit 0
fi

CHECK=""
ARCH=${ARCH:-x86_64}
while [ $# -gt 0 ]; do
	case $1 in
	--check) CHECK=yes ;;
	--arch) ARCH=$2; shift ;;
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
libcunit1-dev:/usr/include/CUnit/CUnit.h
libjson-c-dev:/usr/include/json-c/json.h
libfdt-dev:/usr/include/libfdt.h
expect:/usr/bin/expect
clang:/usr/bin/clang
libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
chromium:/usr/bin/chromium
"
if [ "$ARCH" = aarch64 ]; then
	REQUIRED="$REQUIRED
gcc-aarch64-linux-gnu:/usr/bin/aarch64-linux-gnu-gcc
binutils-aarch64-linux-gnu:/usr/bin/aarch64-linux-gnu-ld
qemu-system-arm:/usr/bin/qemu-system-aarch64
"
fi

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
