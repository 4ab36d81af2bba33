/*
 * Backing files of block devices, filled with a known pattern so that the
 * kernel can check what it reads and the host can check what it wrote.
 */
#ifndef VCTS_DISK_IMAGE_H
#define VCTS_DISK_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define SECTOR_SIZE 512

/* The seed of the pattern the harness writes: "host" in ASCII. */
#define HOST_PATTERN_SEED 0x686f7374u

/* Create (or overwrite) @path with @size bytes of the pattern of @seed. */
int disk_image_create(const char *path, uint64_t size, uint32_t seed);

enum pattern_check {
	PATTERN_MATCHES,
	PATTERN_DIFFERS,
	PATTERN_UNREADABLE,
};

/*
 * Compare @count sectors from @lba of @path with the pattern of @seed.
 * On a difference or an error, @why says where and what.
 */
enum pattern_check disk_image_check_pattern(const char *path, uint64_t lba,
					    uint64_t count, uint32_t seed,
					    char *why, size_t why_size);

#endif
