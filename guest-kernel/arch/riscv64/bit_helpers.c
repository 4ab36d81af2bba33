/*
 * The libgcc routines GCC calls for __builtin_ctz/clz on a RISC-V
 * without the Zbb bit-manipulation extension (rv64imac has none). The
 * kernel links no libgcc: Debian's cross libgcc is built for the lp64d
 * ABI. Semantics as GCC documents them ("Integer library routines"): the
 * result for 0 is undefined, and callers never pass 0.
 */
int __ctzdi2(unsigned long long value);
int __clzdi2(unsigned long long value);

int __ctzdi2(unsigned long long value)
{
	int count = 0;

	while (count < 64 && !(value & 1)) {
		value >>= 1;
		count++;
	}
	return count;
}

int __clzdi2(unsigned long long value)
{
	int count = 0;

	while (count < 64 && !(value & (1ull << 63))) {
		value <<= 1;
		count++;
	}
	return count;
}
