/*
 * Memory for rings and buffers: a bump allocator over identity-mapped RAM
 * (virtual = physical). A device is given such memory's bus address, which
 * only the virtio core computes (virtio_dma_address()). The runner releases
 * everything a test allocated after the test has reset its device.
 */
#ifndef VCTS_ALLOC_H
#define VCTS_ALLOC_H

#include <stddef.h>
#include <stdint.h>

typedef uintptr_t alloc_mark_t;

void alloc_init(uintptr_t start, uintptr_t end);
/* Zeroed memory, or NULL when the heap is exhausted. @align: power of two. */
void *alloc_zeroed(size_t size, size_t align);
alloc_mark_t alloc_mark(void);
void alloc_release(alloc_mark_t mark);
size_t alloc_free_bytes(void);

/*
 * The physical address of @pointer: the kernel maps RAM one to one. Not
 * what a device is given for it (virtio_dma_address(), virtio.h), except
 * where the spec asks for physical addresses (balloon page numbers).
 */
static inline uint64_t physical_address(const void *pointer)
{
	return (uint64_t)(uintptr_t)pointer;
}

#endif
