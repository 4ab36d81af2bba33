/* SBI calls (sbi.h). */
#include "sbi.h"

struct sbi_result sbi_call(uint32_t extension, uint32_t function, unsigned long arg0,
			   unsigned long arg1, unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = function;
	register unsigned long a7 __asm__("a7") = extension;

	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
	return (struct sbi_result){ .error = (long)a0, .value = (long)a1 };
}

long sbi_legacy_call(uint32_t extension, unsigned long arg0)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a7 __asm__("a7") = extension;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "a1", "memory");
	return (long)a0;
}

bool sbi_has_extension(uint32_t extension)
{
	struct sbi_result result = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, extension, 0, 0);

	return result.error == 0 && result.value != 0;
}
