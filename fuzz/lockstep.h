/*
 * Lock-step driver shared by the libipc fuzz targets: it decodes fuzz input
 * into a sequence of operations on a small world, runs each one on libipc
 * and on the reference model (model/model.h), and after every operation
 * compares the two and checks libipc's invariants. Any difference aborts
 * with a description of the operation and what differed.
 *
 * Single-threaded: one input at a time, as libFuzzer runs it.
 */
#ifndef FUZZ_LOCKSTEP_H
#define FUZZ_LOCKSTEP_H

#include <stddef.h>
#include <stdint.h>

enum ls_mode {
	LS_OPS = 0,      /* any operation, default world of root caps */
	LS_TRANSFER = 1, /* random cap tables, mostly message transfer */
};

/* Run one input; returns 0 (differences abort). */
int ls_run(const uint8_t *data, size_t size, enum ls_mode mode);
/* Calls and ReplyRecvs so far that the fast-path primitives took (each one
 * checked against the slow operation). */
unsigned long ls_fast_taken(void);

#endif
