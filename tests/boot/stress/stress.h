/*
 * The "stress" boot test's shared numbers (stress.sys says what runs where):
 * on each of STRESS_COMPS cores a server (answers Calls, counts Sends,
 * handles its core's workers' faults) and a component of STRESS_WORKERS
 * workers that each run STRESS_OPS seeded pseudo-random operations, then
 * report to the tally. The badges here are the ones
 * stress.sys writes as literals (sysgen does not read C); a mismatch makes
 * the replies' checks fail, never pass.
 */
#ifndef STRESS_H
#define STRESS_H

#include <stdint.h>

#define STRESS_COMPS 4u
#define STRESS_THREADS 8u                   /* per core: the server and the workers */
#define STRESS_WORKERS (STRESS_THREADS - 1) /* workers 1..7 of each core */
#define STRESS_OPS 1500u                    /* operations per worker */
#define STRESS_PRIO_WORKER 100u             /* stress.sys: w0..w3 (servers 110: they answer at once) */

/* A worker's arg: its core's component and its index in it (1..7). */
#define STRESS_ARG(comp, idx) ((uint64_t)(comp) << 4 | (idx))
#define STRESS_ARG_COMP(a) ((unsigned)((a) >> 4))
#define STRESS_ARG_IDX(a) ((unsigned)((a)&0xf))

/* Badges (stress.sys): component k's caps to every server's endpoint
 * (EP0..EP3), its fault cap (OWN), its notification cap (BUSY), and the
 * tally's caps to the servers (S0..S3). */
#define STRESS_BADGE_CLIENT(k) (0x100u + (k))
#define STRESS_BADGE_FAULT(k) (0x200u + (k))
#define STRESS_BADGE_BUSY(k) (1u << (k))
#define STRESS_BADGE_BUSY_ALL ((1u << STRESS_COMPS) - 1)
#define STRESS_BADGE_STOP 0x300u

/* What a server answers a Call with: word 0 scrambled, its own index,
 * and the badge it saw. */
#define STRESS_SCRAMBLE 0x5a5aa5a5c3c33c3cull

/* A deadline that always expires (nobody signals QUIET or sends to IDLE),
 * and the one given to a Wait on BUSY, which may or may not be signalled. */
#define STRESS_TIMEOUT_US 300u

/* A worker's report to the tally (Call, label STRESS_REPORT). */
enum stress_word {
	SW_WHO,      /* STRESS_ARG of the worker */
	SW_OPS,      /* operations done */
	SW_BAD,      /* results that were not what they should be */
	SW_CALLS,    /* Calls answered (by any server, through any cap) */
	SW_SENDS,    /* Sends and NBSends delivered */
	SW_FAULTS,   /* faults taken and resumed */
	SW_TIMEOUTS, /* waits that ended TIMED_OUT */
	SW_SIGNALS,  /* Signals sent */
	SW_CAPS,     /* copy/mint/revoke/delete cycles */
	SW_COUNT,
};
#define STRESS_REPORT 1u
/* A server's answer to the tally's stop (Call through S0..S3). */
enum stress_srv_word {
	SS_CALLS,  /* Calls answered */
	SS_SENDS,  /* Sends received */
	SS_FAULTS, /* fault messages of its workers, resumed */
	SS_BAD,    /* messages that were not what they should be */
	SS_COUNT,
};

#endif
