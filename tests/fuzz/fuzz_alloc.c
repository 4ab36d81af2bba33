/*
 * lib/alloc.h for the fuzzer: every allocation its own malloc, so that
 * AddressSanitizer puts redzones around each ring, table and queue the
 * kernel allocates. lib/alloc.c carves them out of one arena, where an
 * index one past a ring lands in the next allocation and goes unseen.
 * Same contract: zeroed, aligned, released in bulk back to a mark.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/alloc.h"

#define FUZZ_MAX_ALLOCATIONS 4096

static void *allocations[FUZZ_MAX_ALLOCATIONS];
static size_t allocation_count;

void alloc_init(uintptr_t start, uintptr_t end)
{
	(void)start, (void)end;
	alloc_release(0);
}

void *alloc_zeroed(size_t size, size_t align)
{
	void *memory;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (allocation_count == FUZZ_MAX_ALLOCATIONS ||
	    posix_memalign(&memory, align, size ? size : 1))
		return NULL;
	memset(memory, 0, size);
	allocations[allocation_count++] = memory;
	return memory;
}

alloc_mark_t alloc_mark(void)
{
	return allocation_count;
}

void alloc_release(alloc_mark_t mark)
{
	while (allocation_count > mark)
		free(allocations[--allocation_count]);
}

size_t alloc_free_bytes(void)
{
	return (FUZZ_MAX_ALLOCATIONS - allocation_count) * 4096;
}
