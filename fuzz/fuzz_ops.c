/*
 * libFuzzer target: any sequence of libipc operations on a small world
 * (4 threads, 2 endpoints, 2 notifications, 2 reply objects, 8-slot CSpaces),
 * run in lock-step with the reference model in model/ and checked against
 * libipc's invariants after every operation (see lockstep.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "lockstep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return ls_run(data, size, LS_OPS);
}
