#!/bin/sh
# Installs what vcts needs on Debian 12, and nothing when it is all there.
# Usage: mk/deps.sh [--check]   (--check: only say what is missing, exit 1 if any)
set -eu

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
"

missing=""
for entry in $REQUIRED; do
	package=${entry%%:*}
	file=${entry#*:}
	[ -e "$file" ] || missing="$missing $package"
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	echo "vcts: missing packages:$missing (run 'make deps')" >&2
	exit 1
fi

echo "vcts: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "vcts: need root to install$missing (run 'sudo make deps')" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q </dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing </dev/null
