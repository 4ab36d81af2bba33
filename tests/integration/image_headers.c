/*
 * The headers of the Linux boot protocol images, read from the files:
 * the fields QEMU ignores but other loaders rely on (crosvm reads
 * syssize * 16 bytes; a 64-bit loader looks for XLF_KERNEL_64 and enters
 * at +0x200; init_size and image_size say how much memory the kernel
 * takes; an arm64 loader places the Image by text_offset and flags).
 * Values from Linux Documentation/arch/x86/boot.rst and
 * Documentation/arch/arm64/booting.rst.
 */
#include <CUnit/Basic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

/* The whole of @path and its size, or NULL. */
static uint8_t *read_image(const char *path, long *size)
{
	FILE *file = path ? fopen(path, "rb") : NULL;
	uint8_t *data;

	if (!file)
		return NULL;
	fseek(file, 0, SEEK_END);
	*size = ftell(file);
	rewind(file);
	data = malloc((size_t)*size);
	if (data && fread(data, 1, (size_t)*size, file) != (size_t)*size) {
		free(data);
		data = NULL;
	}
	fclose(file);
	return data;
}

static uint32_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void test_bzimage_header(void)
{
	long size = 0;
	uint8_t *image = read_image(getenv("VCTS_BZIMAGE"), &size);
	uint32_t setup_size, syssize, init_size;

	CU_ASSERT_FATAL(image != NULL && size > 0x1000);
	setup_size = (image[0x1f1] + 1) * 512;
	syssize = le32(image + 0x1f4);
	init_size = le32(image + 0x260);
	CU_ASSERT_EQUAL(le16(image + 0x1fe), 0xaa55);		/* boot_flag */
	CU_ASSERT(!memcmp(image + 0x202, "HdrS", 4));
	CU_ASSERT(le16(image + 0x206) >= 0x020c);		/* xloadflags exist */
	CU_ASSERT(image[0x211] & 0x01);				/* LOADED_HIGH */
	CU_ASSERT_EQUAL(le32(image + 0x214), 0x100000);		/* code32_start */
	CU_ASSERT_EQUAL(le64(image + 0x258), 0x100000);		/* pref_address */
	CU_ASSERT(le16(image + 0x236) & 0x0001);		/* XLF_KERNEL_64 */
	CU_ASSERT(le32(image + 0x238) >= 255);			/* cmdline_size */
	/* The protected-mode part is exactly the rest of the file. */
	CU_ASSERT(image[0x1f1] >= 1);
	CU_ASSERT_EQUAL(setup_size + syssize * 16, (uint32_t)size);
	CU_ASSERT(init_size >= syssize * 16 && init_size % 4096 == 0);
	/* Both entries are code, not the padding between them (int3). */
	CU_ASSERT(image[setup_size] != 0 && image[setup_size] != 0xcc);
	CU_ASSERT(image[setup_size + 0x200] != 0 && image[setup_size + 0x200] != 0xcc);
	free(image);
}

static void test_arm64_image_header(void)
{
	long size = 0;
	uint8_t *image = read_image(getenv("VCTS_IMAGE_AARCH64"), &size);

	CU_ASSERT_FATAL(image != NULL && size > 64);
	CU_ASSERT_EQUAL(le32(image) >> 26, 0x05);		/* code0: a B instruction */
	CU_ASSERT_EQUAL(le64(image + 8), 0);			/* text_offset */
	CU_ASSERT(le64(image + 16) >= (uint64_t)size);		/* image_size covers the file */
	CU_ASSERT_EQUAL(le64(image + 16) % 4096, 0);
	CU_ASSERT_EQUAL(le64(image + 24), 0xa);		/* LE, 4 KiB pages, anywhere */
	CU_ASSERT(!memcmp(image + 56, "ARM\x64", 4));
	free(image);
}

void add_image_header_tests(CU_pSuite suite)
{
	CU_add_test(suite, "Linux images: bzImage header", test_bzimage_header);
	CU_add_test(suite, "Linux images: arm64 Image header", test_arm64_image_header);
}
