/* The "xcore" test's shared numbers: the round trips, the labels and the
 * words both sides compute for round i. */
#ifndef XCORE_TEST_H
#define XCORE_TEST_H

#include <stdint.h>

#define XCORE_ROUNDS 100000u
#define XCORE_CALL_LABEL 0x77u
#define XCORE_REPLY_LABEL 0x99u
/* The server's timed Wait on core 1: its timeout, and how late it may end
 * (QEMU -icount: time follows instructions; a deadline served by another
 * core's 10 ms tick instead of core 1's own alarm would miss this). */
#define XCORE_TIMEOUT_US 20000u
/* The words in the shared page (the client only reads): the spinner's
 * count, the rounds it checked its FP/SIMD registers and the register
 * halves found not holding what it put there; then the two hogs' counts.
 * And the spinner's first round's FP values. */
enum { XCORE_SPIN_COUNT, XCORE_SPIN_FP_ROUNDS, XCORE_SPIN_FP_BAD, XCORE_HOG_COUNT };
#define XCORE_FP_BASE 0x5eed000000000000ull
#define XCORE_LATE_US 2000u
/* How far into the server's second timed Wait the client moves it: close
 * to the deadline, so core 3's 10 ms tick (which re-arms its alarm from
 * its heap) does not come first and hide a missing kick (without the kick
 * in timeout_add() the Wait ends 5.7 ms late). */
#define XCORE_MOVE_AFTER_US 17000u

static inline uint64_t xcore_request(uint64_t i)
{
	return i * 0x9e3779b97f4a7c15ull;
}

static inline uint64_t xcore_reply(uint64_t i)
{
	return ~i * 7u + 3u;
}

#endif
