/*
 * The "system" <limits.h> that GCC's own limits.h includes next (through
 * syslimits.h) in a hosted-style lookup; GCC's header defines everything
 * libfdt uses (INT_MAX, UINT_MAX), so this one adds nothing.
 */
#ifndef VCTS_FDT_LIBC_LIMITS_H
#define VCTS_FDT_LIBC_LIMITS_H
#endif
