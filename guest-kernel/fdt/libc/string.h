/* What libfdt's libfdt_env.h wants from <string.h>: the kernel's own. */
#ifndef VCTS_FDT_LIBC_STRING_H
#define VCTS_FDT_LIBC_STRING_H
#include "lib/string.h"
#endif
