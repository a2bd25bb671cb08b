/*
 * SPIN model of the SharedRing index and signalling protocol
 * (libipc/include/ipc/ring.h, libipc/src/ring.c; SEMANTICS G2, G3).
 *
 * One producer and one consumer move M sequence-numbered items through a
 * ring of N slots, in bursts of any size the ring allows, each side keeping
 * its own index privately and a cached copy of the peer's, and blocking on a
 * futex-like wait when the ring is full/empty (announce "wake me", re-check,
 * wait; the peer publishes, reads the flag, clears it and wakes). Indices are
 * free-running bytes that start just below 256, so they wrap mid-run; slots
 * are addressed modulo N as with the mask in C.
 *
 * Checked exhaustively, for N = 1, 2, 4:
 *   - no overflow/underflow: a ghost bit per slot says whether it holds an
 *     unconsumed item; the producer only writes free slots, the consumer
 *     only reads full ones, and neither ever sees a peer index out of range;
 *   - no item lost, duplicated or reordered: the consumer checks every
 *     sequence number;
 *   - no lost wake-up and no deadlock: both processes must reach their end
 *     (a sleeper left waiting forever is an "invalid end state").
 *
 * Memory model: SPIN interleaves atomically (sequential consistency). The
 * one reordering that matters for this protocol on real CPUs and that the
 * acquire/release pairs in C do not forbid is a store followed by a load of
 * another location (store buffer: x86-TSO and ARM64 alike). The seq_cst
 * fences in ipc_ring_*_signal and in sleep_until forbid it. Compiled with
 * -DNO_FENCE the model lets each such load be performed before the store
 * that precedes it, which is what happens without the fences; SPIN then
 * finds the lost wake-up (a negative control run by the test suite). The
 * acquire/release pairs themselves are modelled as ordered: slot writes are
 * visible before the index that publishes them, slot reads finish before
 * the index that frees them.
 *
 * What this model assumes about every atomic operation and fence of the C
 * code, one line each: file, function, operation, object, memory order, and
 * the [tag] of the model statement that stands for it ("-": not modelled,
 * see below). tools/check_ring_orders.py (suite spin) extracts the same list
 * from ring.h and ring.c and fails on any difference, so an ordering changed
 * in C without a matching change here fails a test. Whether the orders are
 * strong enough is Relacy's job (tests/ring/relacy, suite relacy), on the
 * real code; this model checks the protocol they are assumed to give.
 *
 * @order ring.h ipc_ring_internal_prod_refresh load tail acquire [prod-load-tail]
 * @order ring.h ipc_ring_internal_cons_refresh load head acquire [cons-load-head]
 * @order ring.h ipc_ring_push store head release [prod-publish]
 * @order ring.h ipc_ring_push_burst store head release [prod-publish]
 * @order ring.h ipc_ring_commit store head release [prod-publish]
 * @order ring.h ipc_ring_pop store tail release [cons-free]
 * @order ring.h ipc_ring_pop_burst store tail release [cons-free]
 * @order ring.h ipc_ring_release store tail release [cons-free]
 * @order ring.h ipc_ring_prod_signal fence - seq_cst [prod-signal-fence]
 * @order ring.h ipc_ring_prod_signal load cons_sleeping relaxed [prod-signal-load]
 * @order ring.h ipc_ring_prod_signal exchange cons_sleeping relaxed [prod-signal-xchg]
 * @order ring.h ipc_ring_cons_signal fence - seq_cst [cons-signal-fence]
 * @order ring.h ipc_ring_cons_signal load prod_sleeping relaxed [cons-signal-load]
 * @order ring.h ipc_ring_cons_signal exchange prod_sleeping relaxed [cons-signal-xchg]
 * @order ring.c sleep_until store flag relaxed [sleep-announce]
 * @order ring.c sleep_until fence - seq_cst [sleep-fence]
 * @order ring.c sleep_until store flag relaxed [sleep-withdraw]
 * @order ring.c ipc_ring_create store magic relaxed -
 * @order ring.c ipc_ring_create store head relaxed -
 * @order ring.c ipc_ring_create store tail relaxed -
 * @order ring.c ipc_ring_create store cons_sleeping relaxed -
 * @order ring.c ipc_ring_create store prod_sleeping relaxed -
 * @order ring.c ipc_ring_create store magic release -
 * @order ring.c read_header load magic acquire -
 * @order ring.c ipc_ring_prod_attach load head relaxed -
 * @order ring.c ipc_ring_prod_attach load tail acquire -
 * @order ring.c ipc_ring_cons_attach load tail relaxed -
 * @order ring.c ipc_ring_cons_attach load head acquire -
 *
 * Not modelled ("-"): creation and attach. The model starts from a created
 * ring with both sides attached (the initial values above); the magic's
 * release/acquire and the attach-time index loads are checked by Relacy's
 * attach and create scenarios and by the unit tests.
 */

#ifndef N
#define N 2
#endif
#define M (2 * N + 3)     /* items: enough to fill, wrap the slots, block both ways */
#define START (256 - N - 1) /* free-running indices wrap past 255 mid-run */
#define DIST(a, b) (((a) - (b) + 256) % 256)

byte head = START;  /* written by the producer only (release store) */
byte tail = START;  /* written by the consumer only (release store) */
bit cons_sl;        /* consumer: "wake me on data"; cleared by the waker */
bit prod_sl;        /* producer: "wake me on space" */
bit cons_asleep;    /* consumer parked in the futex (kernel state) */
bit prod_asleep;
byte slot[N];       /* item payload: sequence number */
bit occ[N];        /* ghost: slot holds an unconsumed item */

/* futex_wait(flag, 1): atomically park only if the flag is still set. */
#define FUTEX_WAIT(flag, asleep) \
	atomic { if :: flag == 1 -> asleep = 1 :: else -> skip fi }; \
	(asleep == 0)

/* futex_wake: unpark the sleeper if there is one. */
#define FUTEX_WAKE(asleep) asleep = 0

active proctype producer()
{
	byte h = START;  /* own index: the truth */
	byte tc = START; /* cached consumer index */
	byte sent = 0;
	byte k, i, n, t2;
	bit f;

	do
	:: sent == M -> break
	:: else ->
		/* ipc_ring_prod_space: refresh the cache only if it says full */
		if
		:: DIST(h, tc) == N ->
			t2 = tail; /* [prod-load-tail] acquire: partner of the consumer's release of tail */
			assert(DIST(h, t2) <= N);
			tc = t2
		:: else -> skip
		fi;
		if
		:: DIST(h, tc) < N ->
			/* push_burst of k items, 1 <= k <= min(free, left) */
			n = N - DIST(h, tc);
			if
			:: n > M - sent -> n = M - sent
			:: else -> skip
			fi;
			k = 1;
			do
			:: k < n -> k++
			:: break
			od;
			i = 0;
			do
			:: i < k ->
				assert(occ[(h + i) % N] == 0); /* overflow */
				slot[(h + i) % N] = sent + i;
				occ[(h + i) % N] = 1;
				i++
			:: else -> break
			od;
			h = (h + k) % 256;
			sent = sent + k;
			/* [prod-publish] head (release), then ipc_ring_prod_signal:
			 * [prod-signal-fence] full fence, [prod-signal-load] flag */
#ifdef NO_FENCE
			if
			:: head = h; f = cons_sl
			:: f = cons_sl; head = h /* load performed before the store is visible */
			fi;
#else
			head = h;
			f = cons_sl;
#endif
			if
			:: f == 1 ->
				atomic { f = cons_sl; cons_sl = 0 }; /* [prod-signal-xchg] exchange(flag, 0) */
				if
				:: f == 1 -> FUTEX_WAKE(cons_asleep)
				:: else -> skip
				fi
			:: else -> skip
			fi
		:: else ->
			/* ipc_ring_prod_wait -> sleep_until: check, announce,
			 * fence, re-check, wait; loop; withdraw on the way out */
			do
			:: t2 = tail; /* [prod-load-tail] */
				assert(DIST(h, t2) <= N);
				tc = t2;
				if
				:: DIST(h, tc) < N -> break
				:: else -> skip
				fi;
				/* [sleep-announce] store flag, [sleep-fence], [prod-load-tail] */
#ifdef NO_FENCE
				if
				:: prod_sl = 1; t2 = tail
				:: t2 = tail; prod_sl = 1
				fi;
#else
				prod_sl = 1;
				t2 = tail;
#endif
				assert(DIST(h, t2) <= N);
				tc = t2;
				if
				:: DIST(h, tc) < N -> break
				:: else -> FUTEX_WAIT(prod_sl, prod_asleep)
				fi
			od;
			prod_sl = 0 /* [sleep-withdraw] */
		fi
	od;
end_producer:
	skip
}

active proctype consumer()
{
	byte t = START;  /* own index */
	byte hc = START; /* cached producer index */
	byte got = 0;
	byte k, i, n, h2;
	bit f;

	do
	:: got == M -> break
	:: else ->
		/* ipc_ring_cons_avail: refresh the cache only if it says empty */
		if
		:: hc == t ->
			h2 = head; /* [cons-load-head] acquire: partner of the producer's release of head */
			assert(DIST(h2, t) <= N);
			hc = h2
		:: else -> skip
		fi;
		if
		:: hc != t ->
			/* pop_burst of k items, 1 <= k <= avail */
			n = DIST(hc, t);
			k = 1;
			do
			:: k < n -> k++
			:: break
			od;
			i = 0;
			do
			:: i < k ->
				assert(occ[(t + i) % N] == 1);   /* underflow */
				assert(slot[(t + i) % N] == got); /* lost, duplicated, reordered */
				occ[(t + i) % N] = 0;
				got++;
				i++
			:: else -> break
			od;
			t = (t + k) % 256;
			/* [cons-free] tail (release), then ipc_ring_cons_signal:
			 * [cons-signal-fence] full fence, [cons-signal-load] flag */
#ifdef NO_FENCE
			if
			:: tail = t; f = prod_sl
			:: f = prod_sl; tail = t
			fi;
#else
			tail = t;
			f = prod_sl;
#endif
			if
			:: f == 1 ->
				atomic { f = prod_sl; prod_sl = 0 }; /* [cons-signal-xchg] */
				if
				:: f == 1 -> FUTEX_WAKE(prod_asleep)
				:: else -> skip
				fi
			:: else -> skip
			fi
		:: else ->
			/* ipc_ring_cons_wait -> sleep_until */
			do
			:: h2 = head; /* [cons-load-head] */
				assert(DIST(h2, t) <= N);
				hc = h2;
				if
				:: hc != t -> break
				:: else -> skip
				fi;
				/* [sleep-announce] store flag, [sleep-fence], [cons-load-head] */
#ifdef NO_FENCE
				if
				:: cons_sl = 1; h2 = head
				:: h2 = head; cons_sl = 1
				fi;
#else
				cons_sl = 1;
				h2 = head;
#endif
				assert(DIST(h2, t) <= N);
				hc = h2;
				if
				:: hc != t -> break
				:: else -> FUTEX_WAIT(cons_sl, cons_asleep)
				fi
			od;
			cons_sl = 0 /* [sleep-withdraw] */
		fi
	od;
	assert(got == M && head == (START + M) % 256);
end_consumer:
	skip
}
