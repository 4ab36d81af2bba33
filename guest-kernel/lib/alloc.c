#include "alloc.h"
#include "string.h"

static uintptr_t heap_next, heap_end;

void alloc_init(uintptr_t start, uintptr_t end)
{
	heap_next = start;
	heap_end = end;
}

void *alloc_zeroed(size_t size, size_t align)
{
	uintptr_t start;

	if (!align)
		align = 1;
	start = (heap_next + align - 1) & ~(uintptr_t)(align - 1);
	if (start < heap_next || start > heap_end || size > heap_end - start)
		return NULL;
	heap_next = start + size;
	memset((void *)start, 0, size);
	return (void *)start;
}

alloc_mark_t alloc_mark(void)
{
	return heap_next;
}

void alloc_release(alloc_mark_t mark)
{
	if (mark <= heap_next)
		heap_next = mark;
}

size_t alloc_free_bytes(void)
{
	return heap_end - heap_next;
}
