/*
 * The mem* and str* functions of the freestanding kernel (and libipc, which
 * references only the mem* ones and its hooks) and of user programs: one
 * implementation, compiled into both libraries. Message words, receive info
 * and page zeroing all go through here, so aligned buffers are moved 8 bytes
 * at a time; anything else falls back to bytes. Pure functions, no shared
 * state. Built with -fno-tree-loop-distribute-patterns so the compiler does
 * not turn these loops back into calls to themselves.
 */
#include <common/string.h>
#include <stdint.h>

static inline int aligned8(const void *a, const void *b, size_t n)
{
	return (((uintptr_t)a | (uintptr_t)b | n) & 7) == 0;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	if (aligned8(dst, src, n)) {
		uint64_t *d = dst;
		const uint64_t *s = src;
		for (n /= 8; n; n--)
			*d++ = *s++;
		return dst;
	}
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	if (aligned8(dst, src, n)) { /* libipc moves message words with this */
		uint64_t *d = dst;
		const uint64_t *s = src;
		n /= 8;
		if (d < s) {
			while (n--)
				*d++ = *s++;
		} else if (d > s) {
			while (n--)
				d[n] = s[n];
		}
		return dst;
	}
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else if (d > s) {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	if (c == 0 && aligned8(dst, dst, n)) {
		uint64_t *d = dst;
		for (n /= 8; n; n--)
			*d++ = 0;
		return dst;
	}
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}
