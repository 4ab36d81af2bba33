/*
 * Disk images. The pattern comes from pattern_byte() in the header the
 * kernel shares, so host and guest cannot disagree about what it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm/disk_image.h"
#include "guest-kernel/lib/fnv.h"

static void fill_sector(uint8_t *sector, uint32_t seed, uint64_t lba)
{
	for (uint32_t i = 0; i < SECTOR_SIZE; i++)
		sector[i] = pattern_byte(seed, lba, i);
}

static int write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int disk_image_create(const char *path, uint64_t size, uint32_t seed)
{
	/* Sixty-four sectors per write keeps the system calls few. */
	uint8_t chunk[64 * SECTOR_SIZE];
	uint64_t sectors = size / SECTOR_SIZE;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int saved;

	if (fd < 0)
		return -1;
	for (uint64_t lba = 0; lba < sectors; ) {
		size_t n = 0;

		while (n < 64 && lba < sectors)
			fill_sector(chunk + SECTOR_SIZE * n++, seed, lba++);
		if (write_all(fd, chunk, n * SECTOR_SIZE))
			goto fail;
	}
	if (close(fd))
		return -1;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

static int read_sector(int fd, uint64_t lba, uint8_t *sector)
{
	size_t done = 0;

	while (done < SECTOR_SIZE) {
		ssize_t n = pread(fd, sector + done, SECTOR_SIZE - done,
				  (off_t)(lba * SECTOR_SIZE + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

static enum pattern_check compare_sector(const uint8_t *sector, uint64_t lba,
					 uint32_t seed, char *why, size_t why_size)
{
	for (uint32_t i = 0; i < SECTOR_SIZE; i++) {
		uint8_t expected = pattern_byte(seed, lba, i);

		if (sector[i] != expected) {
			snprintf(why, why_size,
				 "sector %" PRIu64 " offset %u: expected 0x%02x, actual 0x%02x (pattern seed %" PRIu32 ")",
				 lba, i, expected, sector[i], seed);
			return PATTERN_DIFFERS;
		}
	}
	return PATTERN_MATCHES;
}

enum pattern_check disk_image_check_pattern(const char *path, uint64_t lba,
					    uint64_t count, uint32_t seed,
					    char *why, size_t why_size)
{
	enum pattern_check ret = PATTERN_MATCHES;
	uint8_t sector[SECTOR_SIZE];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(why, why_size, "cannot open %s: %s", path, strerror(errno));
		return PATTERN_UNREADABLE;
	}
	if (fstat(fd, &st)) {
		snprintf(why, why_size, "cannot stat %s: %s", path, strerror(errno));
		close(fd);
		return PATTERN_UNREADABLE;
	}
	if (count > (uint64_t)st.st_size / SECTOR_SIZE ||
	    lba > (uint64_t)st.st_size / SECTOR_SIZE - count) {
		snprintf(why, why_size,
			 "sectors %" PRIu64 "+%" PRIu64 " are outside the %lld-byte image",
			 lba, count, (long long)st.st_size);
		close(fd);
		return PATTERN_DIFFERS;
	}
	for (uint64_t s = lba; s < lba + count && ret == PATTERN_MATCHES; s++) {
		if (read_sector(fd, s, sector)) {
			snprintf(why, why_size, "cannot read sector %" PRIu64 " of %s",
				 s, path);
			ret = PATTERN_UNREADABLE;
		} else {
			ret = compare_sector(sector, s, seed, why, why_size);
		}
	}
	close(fd);
	return ret;
}
