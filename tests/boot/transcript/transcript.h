/*
 * Boot test "transcript": labels and limits shared by its server, waiter
 * and clients (transcript.sys says what the test proves and holds the slots).
 */
#ifndef TRANSCRIPT_H
#define TRANSCRIPT_H

#include <stdint.h>

#define TR_OPS 250 /* operations per client */
#define TR_LABEL_STOP 0x5709u
#define TR_CLIENTS 2u
#define TR_TIMEOUT_US 20000000u /* a deadline that never expires: the timer list, not time */

/* xorshift64: the same sequence on every run and in every build. */
static inline uint64_t tr_rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#endif
