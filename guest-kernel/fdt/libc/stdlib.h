/* What libfdt's libfdt_env.h wants from <stdlib.h>: strtoul (lib/string.c). */
#ifndef VCTS_FDT_LIBC_STDLIB_H
#define VCTS_FDT_LIBC_STDLIB_H
#include "lib/string.h"
#endif
