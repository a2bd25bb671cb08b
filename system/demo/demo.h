/*
 * Constants the demo's components agree on beyond what the system
 * description generates: message labels of the badge service, the item
 * format and value function of the ring scenario, and the bad pointer of
 * the fault scenario. Concurrency: constants only.
 */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

/* (a) badge service: label of a registration Call (badge 0) and the
 * requests each client makes on its session cap. */
#define DEMO_LABEL_REGISTER 1u
#define DEMO_LABEL_REQUEST 2u
#define DEMO_REQUESTS 3u
#define DEMO_BADGE_BASE 0x100u

/* (b) ring: 16-byte items; value is a fixed function of the sequence
 * number so the consumer can verify every item independently. */
struct demo_item {
	uint64_t seq;
	uint64_t val;
};
#define DEMO_RING_CAPACITY 1024u
#define DEMO_RING_BURST 64u
#define DEMO_RING_SHOWN 100u

static inline uint64_t demo_value(uint64_t seq)
{
	uint64_t x = seq * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
	x ^= x >> 29;
	return x * 0xbf58476d1ce4e5b9ull;
}

/* Order-sensitive checksum (a wrong order or a lost item changes it). */
static inline uint64_t demo_checksum(uint64_t sum, uint64_t val)
{
	return (sum ^ val) * 0x100000001b3ull + 1;
}

/* (c) the faulter follows a NULL struct pointer to this field offset. */
#define DEMO_BAD_POINTER 0x10ul

/* (d) a server the supervisor restarts: it crashes (a data abort at
 * DEMO_CRASH_POINTER) on every arg-th request of each instance and answers
 * the others with demo_crash_answer(request) and the caller's badge. A
 * client's arg is DEMO_CRASH_CLIENT_ARG(requests, badge); the tally's arg is
 * DEMO_CRASH_TALLY_ARG(clients, crashes expected). Clients send the tally
 * {PEER_GONEs retried, requests answered} on its endpoint. */
#define DEMO_CRASH_POINTER 0x18ul
#define DEMO_CRASH_BADGE_BITS 16
#define DEMO_CRASH_CLIENT_ARG(requests, badge) ((uint64_t)(requests) << DEMO_CRASH_BADGE_BITS | (badge))
#define DEMO_CRASH_CLIENT_BADGE(arg) ((arg) & ((1ul << DEMO_CRASH_BADGE_BITS) - 1))
#define DEMO_CRASH_CLIENT_REQUESTS(arg) ((arg) >> DEMO_CRASH_BADGE_BITS)

static inline uint64_t demo_crash_answer(uint64_t x)
{
	return x * 0x9e3779b97f4a7c15ull + 7;
}

#endif
