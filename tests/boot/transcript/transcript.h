/*
 * Boot test "transcript": slots, priorities and labels shared by its root
 * task, server and clients (root.c says what the test proves).
 */
#ifndef TRANSCRIPT_H
#define TRANSCRIPT_H

#include <stdint.h>

#define TR_SLOT_EP 2        /* server: R; clients: W,G badged */
#define TR_SLOT_REPLY 3     /* server: its reply object */
#define TR_SLOT_SPARE 4     /* server: receives caps; clients: copy/delete target */
#define TR_SLOT_GIFT 5      /* clients: an endpoint cap to transfer */
#define TR_SLOT_NTFN 6      /* clients: a notification to signal (badge 1 << i); waiter: R */
#define TR_SLOT_NTFN_STOP 7 /* clients: the same notification, badge TR_NTFN_STOP << i */

#define TR_NTFN_STOP 0x100u /* the waiter stops once both clients' stop bits came */

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
