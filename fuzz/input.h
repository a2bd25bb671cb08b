/*
 * The fuzz input as a byte stream, shared by every target: each reads its
 * operations and arguments from the front, little-endian, and past the end
 * reads zeros (so a short input still decodes to a valid, finite run).
 * Single-threaded; one stream per translation unit.
 */
#ifndef FUZZ_INPUT_H
#define FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

static const uint8_t *in;
static size_t in_left;

static inline void input_start(const uint8_t *data, size_t size)
{
	in = data;
	in_left = size;
}

static inline uint8_t u8(void)
{
	if (in_left == 0)
		return 0;
	in_left--;
	return *in++;
}

static inline uint16_t u16(void)
{
	uint16_t lo = u8();
	return (uint16_t)(lo | (uint16_t)(u8() << 8));
}

static inline uint32_t u32(void)
{
	uint32_t v = 0;
	for (int k = 0; k < 4; k++)
		v |= (uint32_t)u8() << (8 * k);
	return v;
}

#endif
