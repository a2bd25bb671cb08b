/*
 * The mem* and str* functions of the freestanding C library, shared by the
 * kernel and user programs (common/string.c). Only compiler headers here:
 * this code includes nothing from kernel/, user/ or platform/.
 * Concurrency: pure functions, no shared state.
 */
#ifndef COMMON_STRING_H
#define COMMON_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
