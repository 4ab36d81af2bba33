/*
 * What the prebuilt libfdt.a (Debian's libfdt-dev) needs besides the
 * string functions of lib/string.c: it was built with -fstack-protector,
 * which on aarch64 reads a global canary and calls __stack_chk_fail on a
 * smashed frame.
 */
#include <stdint.h>
#include "lib/test.h"

void __stack_chk_fail(void);

uintptr_t __stack_chk_guard = (uintptr_t)0x5bd1e995c0ffee17ull;

_Noreturn void __stack_chk_fail(void)
{
	test_fatal("libfdt: stack protector: a frame was overwritten");
}
