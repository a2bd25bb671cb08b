/*
 * libFuzzer target: message transfer (SEMANTICS M1-M3, B1, C3-C8). The input
 * first fills every CSpace with random caps (objects, rights, badges), then
 * drives mostly sends, calls, receives and replies with random lengths, cap
 * descriptors, receive slots and buffers rewritten under blocked threads,
 * compared with the reference model after every step (see lockstep.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "lockstep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return ls_run(data, size, LS_TRANSFER);
}
