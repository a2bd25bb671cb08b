/*
 * SharedRing: a single-producer single-consumer ring of fixed-size slots in
 * a memory region shared by two protection domains (SEMANTICS G1-G5).
 * Concurrency contract: exactly one producer thread and one consumer thread,
 * each owning a private side struct (struct ipc_ring_prod / ipc_ring_cons) in
 * its own memory; the shared region holds a versioned header, the two
 * free-running indices on separate cache lines, two "wake me" flags and the
 * slots. Nothing is locked. Each side is the only writer of its own index and
 * keeps the truth about it privately; the peer's index is read from shared
 * memory only when the private cached copy says "full" or "empty", and every
 * value the peer can write is treated as hostile: it is validated after each
 * load and every slot index is masked, so a corrupt peer can make a call fail
 * with IPC_RING_E_CORRUPT but never make this side touch memory outside the
 * ring (G5). Ordering follows the C11 model and is valid on weakly ordered
 * CPUs (ARM64): each acquire/release below names its partner (G2). Blocking
 * is left to caller-supplied wait/notify callbacks (G3), so the ring is the
 * same code in the kernel, in user space and on a host.
 *
 * Freestanding C11: only compiler headers; no libc, no allocation, no globals.
 */
#ifndef IPC_RING_H
#define IPC_RING_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ipc/status.h>

#ifdef __cplusplus
#error "ipc/ring.h is C11 (uses _Atomic); wrap it behind a C translation unit"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define IPC_RING_MUST_CHECK __attribute__((warn_unused_result))
#define IPC_RING_LIKELY(x) __builtin_expect(!!(x), 1)
#define IPC_RING_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define IPC_RING_PREFETCH(addr) __builtin_prefetch((addr), 0, 3) /* read, keep */
#else
#define IPC_RING_MUST_CHECK
#define IPC_RING_LIKELY(x) (x)
#define IPC_RING_UNLIKELY(x) (x)
#define IPC_RING_PREFETCH(addr) ((void)(addr))
#endif

/* Status codes: IPC_RING_OK (0) or a negative IPC_RING_E_* value, in
 * libipc's one status space (<ipc/status.h>); ipc_strerror() names them. */

/* Layout constants: a stable ABI (G1). Bump IPC_RING_VERSION on any change. */
#define IPC_RING_MAGIC 0x474e5249u /* "IRNG" little-endian */
#define IPC_RING_VERSION 1u
#define IPC_RING_LINE 64u                          /* cache line assumed by the layout */
#define IPC_RING_ALIGN IPC_RING_LINE               /* region alignment */
#define IPC_RING_SLOTS_OFFSET (5u * IPC_RING_LINE) /* header + 4 state lines */
#define IPC_RING_MAX_CAPACITY (1u << 30)
#define IPC_RING_MAX_SLOT_SIZE (1u << 16)

/* Line 0, written once by ipc_ring_create(), validated by each attach. */
struct ipc_ring_header {
	_Atomic uint32_t magic; /* stored last, with release */
	uint32_t version;
	uint32_t slot_size;    /* bytes per slot */
	uint32_t capacity;     /* slots, a power of two */
	uint32_t slots_offset; /* IPC_RING_SLOTS_OFFSET */
	uint32_t reserved[3];
};

/* The shared region starts with this; slots follow at IPC_RING_SLOTS_OFFSET.
 * One writer per line, except the wake flags (set by the sleeper, cleared by
 * the waker), which sit on lines of their own so that checking them while the
 * peer is busy hits a clean, shared line. */
struct ipc_ring_shared {
	alignas(IPC_RING_LINE) struct ipc_ring_header hdr;
	alignas(IPC_RING_LINE) _Atomic uint32_t head;          /* producer: items published */
	alignas(IPC_RING_LINE) _Atomic uint32_t tail;          /* consumer: items released */
	alignas(IPC_RING_LINE) _Atomic uint32_t cons_sleeping; /* consumer: "wake me on data" */
	alignas(IPC_RING_LINE) _Atomic uint32_t prod_sleeping; /* producer: "wake me on space" */
};

_Static_assert(offsetof(struct ipc_ring_shared, head) == 1 * IPC_RING_LINE, "ABI");
_Static_assert(offsetof(struct ipc_ring_shared, tail) == 2 * IPC_RING_LINE, "ABI");
_Static_assert(offsetof(struct ipc_ring_shared, cons_sleeping) == 3 * IPC_RING_LINE, "ABI");
_Static_assert(offsetof(struct ipc_ring_shared, prod_sleeping) == 4 * IPC_RING_LINE, "ABI");
_Static_assert(sizeof(struct ipc_ring_shared) == IPC_RING_SLOTS_OFFSET, "ABI");

/*
 * Blocking is supplied by the user. wait(ctx, flag, 1) must return once
 * *flag != 1 or once notify() has been called after the flag was set; it may
 * return spuriously. A futex (FUTEX_WAIT on flag) or a sticky kernel
 * notification both fit. A negative return aborts the blocking call with that
 * value (use it for timeouts or cancellation). notify(ctx, flag) wakes the
 * peer blocked on that flag. Either pointer may be NULL on a side that never
 * blocks / never wakes.
 */
struct ipc_ring_waker {
	int (*wait)(void *ctx, _Atomic uint32_t *flag, uint32_t expected);
	void (*notify)(void *ctx, _Atomic uint32_t *flag);
	void *ctx;
};

/* Private producer state: lives in the producer's own memory. Each side
 * struct fills one cache line of its own: a thread that owns the producer of
 * one ring and the consumer of another (ping-pong), or two side structs
 * placed next to each other, must not false-share their private indices. */
struct ipc_ring_prod {
	alignas(IPC_RING_LINE) struct ipc_ring_shared *sh;
	unsigned char *slots;
	uint32_t mask;       /* capacity - 1, private copy validated at attach */
	uint32_t slot_size;  /* private copy validated at attach */
	uint32_t head;       /* own index: the truth; never re-read from shared memory */
	uint32_t tail_cache; /* last validated consumer index */
	uint32_t reserved;   /* slots handed out by reserve(), not yet committed */
	struct ipc_ring_waker waker;
};

/* Private consumer state: lives in the consumer's own memory. */
struct ipc_ring_cons {
	alignas(IPC_RING_LINE) struct ipc_ring_shared *sh;
	unsigned char *slots;
	uint32_t mask;
	uint32_t slot_size;
	uint32_t tail;       /* own index: the truth */
	uint32_t head_cache; /* last validated producer index */
	uint32_t peeked;     /* slots handed out by peek(), not yet released */
	struct ipc_ring_waker waker;
};

/* ---- slow paths (ring.c) ------------------------------------------------ */

/* Bytes a region needs for `capacity` slots of `slot_size` bytes; 0 if the
 * geometry is invalid (capacity not a power of two in 1..2^30, slot size not
 * in 1..65536) or the size does not fit a size_t. Never blocks. */
size_t ipc_ring_region_size(uint32_t slot_size, uint32_t capacity);

/* Lay out a fresh, empty ring in `mem` (size bytes, IPC_RING_ALIGN-aligned).
 * Must not race with any attached side. Errors: E_INVAL (NULL), E_ALIGN,
 * E_BAD_GEOMETRY, E_TOO_SMALL. Never blocks. */
IPC_RING_MUST_CHECK int ipc_ring_create(void *mem, size_t size, uint32_t slot_size, uint32_t capacity);

/* Attach the producer / consumer side to a ring made by ipc_ring_create(),
 * possibly by another process that maps the same region at another address.
 * Validates the header (magic, version, geometry against `size`) and the
 * indices, copies everything needed into the private side struct, and adopts
 * the shared index of its own side (so a restarted side resumes). `waker` may
 * be NULL (no blocking, no signalling). Errors: E_INVAL, E_ALIGN,
 * E_BAD_MAGIC, E_BAD_VERSION, E_BAD_GEOMETRY, E_TOO_SMALL, E_CORRUPT. At most
 * one producer and one consumer may be attached at a time. Never blocks. */
IPC_RING_MUST_CHECK int ipc_ring_prod_attach(struct ipc_ring_prod *p, void *mem, size_t size,
                                             const struct ipc_ring_waker *waker);
IPC_RING_MUST_CHECK int ipc_ring_cons_attach(struct ipc_ring_cons *c, void *mem, size_t size,
                                             const struct ipc_ring_waker *waker);

/* Block until at least one item can be popped (G3): announce "wake me", full
 * fence, re-check, then wait(); loops over spurious wake-ups. Returns the
 * number of items available (> 0), E_CORRUPT, E_NO_WAKER, or the negative
 * value a wait() callback returned. */
IPC_RING_MUST_CHECK int ipc_ring_cons_wait(struct ipc_ring_cons *c);

/* Mirror for the producer: block until at least one slot is free. Returns the
 * number of free slots (> 0), E_CORRUPT, E_NO_WAKER or wait()'s error. */
IPC_RING_MUST_CHECK int ipc_ring_prod_wait(struct ipc_ring_prod *p);

/* ipc_strerror() under its older name (the same table); never NULL. */
const char *ipc_ring_strerror(int err);

/* ---- fast paths (inline) ------------------------------------------------ */

/* Copy one slot. Common small sizes become plain loads and stores; other
 * sizes call memcpy (an allowed undefined symbol of libipc). GCC checks the
 * constant-size branches against the caller's object after inlining even
 * though only the branch for the ring's real slot size can run; silence that
 * false -Warray-bounds / -Wstringop-overflow here only. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
static inline void ipc_ring_internal_copy(void *dst, const void *src, size_t n)
{
	switch (n) {
	case 4:
		__builtin_memcpy(dst, src, 4);
		break;
	case 8:
		__builtin_memcpy(dst, src, 8);
		break;
	case 16:
		__builtin_memcpy(dst, src, 16);
		break;
	case 32:
		__builtin_memcpy(dst, src, 32);
		break;
	case 64:
		__builtin_memcpy(dst, src, 64);
		break;
	default:
		__builtin_memcpy(dst, src, n);
		break;
	}
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

static inline unsigned char *ipc_ring_internal_slot(unsigned char *slots, uint32_t mask, uint32_t slot_size,
                                                    uint32_t idx)
{
	return slots + (size_t)(idx & mask) * slot_size; /* masked: in bounds whatever idx is */
}

/* Producer: reload the consumer index, validate it, cache it. Returns the
 * number of free slots or E_CORRUPT. */
static inline int ipc_ring_internal_prod_refresh(struct ipc_ring_prod *p)
{
	/* ACQUIRE tail. Partner: the RELEASE store of tail in ipc_ring_pop /
	 * pop_burst / release. Everything the consumer did before releasing
	 * those slots (its reads of the slot bytes) happens-before our next
	 * writes into them, so we never overwrite an item still being read. */
	uint32_t tail = atomic_load_explicit(&p->sh->tail, memory_order_acquire);
	uint32_t used = p->head - tail;
	/* Tail ahead of head, behind by > capacity, or moved back (a consumer
	 * never un-frees slots: we may already hold them in a reservation). */
	if (IPC_RING_UNLIKELY(used > p->mask + 1u || tail - p->tail_cache > p->mask + 1u))
		return IPC_RING_E_CORRUPT;
	p->tail_cache = tail;
	return (int)(p->mask + 1u - used);
}

/* Consumer: reload the producer index, validate it, cache it. Returns the
 * number of items available or E_CORRUPT. */
static inline int ipc_ring_internal_cons_refresh(struct ipc_ring_cons *c)
{
	/* ACQUIRE head. Partner: the RELEASE store of head in ipc_ring_push /
	 * push_burst / commit. The producer's writes of the slot bytes
	 * happen-before our reads of them: no torn or stale item (G2). */
	uint32_t head = atomic_load_explicit(&c->sh->head, memory_order_acquire);
	uint32_t avail = head - c->tail;
	/* Head behind tail, > capacity ahead, or moved back (a producer never
	 * un-publishes items: we may already hold them in a peek). */
	if (IPC_RING_UNLIKELY(avail > c->mask + 1u || head - c->head_cache > c->mask + 1u))
		return IPC_RING_E_CORRUPT;
	c->head_cache = head;
	return (int)avail;
}

/* Number of free slots as far as the producer can tell (refreshes from
 * shared memory only if the cached view shows none). >= 0, or E_CORRUPT. */
IPC_RING_MUST_CHECK static inline int ipc_ring_prod_space(struct ipc_ring_prod *p)
{
	uint32_t free_slots = p->mask + 1u - (p->head - p->tail_cache);
	if (free_slots != 0)
		return (int)free_slots;
	return ipc_ring_internal_prod_refresh(p);
}

/* Number of items ready for the consumer (refreshes only if the cached view
 * shows none). >= 0, or E_CORRUPT. */
IPC_RING_MUST_CHECK static inline int ipc_ring_cons_avail(struct ipc_ring_cons *c)
{
	uint32_t avail = c->head_cache - c->tail;
	if (avail != 0)
		return (int)avail;
	return ipc_ring_internal_cons_refresh(c);
}

/* Copy one item (slot_size bytes from `item`) into the ring and publish it.
 * Returns 0, E_FULL, E_CORRUPT or E_INVAL (a reservation is open). Never
 * blocks; to wake a sleeping consumer call ipc_ring_prod_signal() after. */
IPC_RING_MUST_CHECK static inline int ipc_ring_push(struct ipc_ring_prod *p, const void *item)
{
	uint32_t head = p->head;
	if (IPC_RING_UNLIKELY(head - p->tail_cache > p->mask)) { /* looks full */
		int space = ipc_ring_internal_prod_refresh(p);
		if (space <= 0)
			return space < 0 ? space : IPC_RING_E_FULL;
	}
	if (IPC_RING_UNLIKELY(p->reserved != 0))
		return IPC_RING_E_INVAL;
	ipc_ring_internal_copy(ipc_ring_internal_slot(p->slots, p->mask, p->slot_size, head), item,
	                       p->slot_size);
	p->head = head + 1u;
	/* RELEASE head. Partner: the ACQUIRE load of head in
	 * ipc_ring_internal_cons_refresh. Orders the slot bytes before the
	 * index that publishes them (on ARM64: stlr after the plain stores). */
	atomic_store_explicit(&p->sh->head, head + 1u, memory_order_release);
	return IPC_RING_OK;
}

/* Copy one item out of the ring into `item` and free its slot. Returns 0,
 * E_EMPTY, E_CORRUPT or E_INVAL (a peek is open). Never blocks; call
 * ipc_ring_cons_signal() after if the producer may sleep waiting for space. */
IPC_RING_MUST_CHECK static inline int ipc_ring_pop(struct ipc_ring_cons *c, void *item)
{
	uint32_t tail = c->tail;
	if (IPC_RING_UNLIKELY(tail == c->head_cache)) { /* looks empty */
		/* Latency: start fetching the line of the next slot now, so that
		 * once head shows the item its bytes are in flight already
		 * instead of costing a second, serial cache miss after the head
		 * miss (ping-pong round trip about 20% shorter). Only a hint: the
		 * index is masked, the bytes are read for real only after the
		 * ACQUIRE load of head below, and nothing is written. Single pop
		 * only: a burst consumer would pull lines the producer is still
		 * filling. */
		IPC_RING_PREFETCH(ipc_ring_internal_slot(c->slots, c->mask, c->slot_size, tail));
		int avail = ipc_ring_internal_cons_refresh(c);
		if (avail <= 0)
			return avail < 0 ? avail : IPC_RING_E_EMPTY;
	}
	if (IPC_RING_UNLIKELY(c->peeked != 0))
		return IPC_RING_E_INVAL;
	ipc_ring_internal_copy(item, ipc_ring_internal_slot(c->slots, c->mask, c->slot_size, tail),
	                       c->slot_size);
	c->tail = tail + 1u;
	/* RELEASE tail. Partner: the ACQUIRE load of tail in
	 * ipc_ring_internal_prod_refresh. Our reads of the slot complete before
	 * the producer may reuse it (ARM64 may otherwise let a later store
	 * overtake an earlier load). */
	atomic_store_explicit(&c->sh->tail, tail + 1u, memory_order_release);
	return IPC_RING_OK;
}

/* Burst push (G4): copy up to n items (n * slot_size bytes, contiguous) and
 * publish them with one index store. Returns the number pushed (0 when full),
 * or E_CORRUPT / E_INVAL. Never blocks. */
IPC_RING_MUST_CHECK static inline int ipc_ring_push_burst(struct ipc_ring_prod *p, const void *items,
                                                          uint32_t n)
{
	uint32_t head = p->head;
	uint32_t cap = p->mask + 1u;
	uint32_t space = cap - (head - p->tail_cache);
	if (space < n) {
		int r = ipc_ring_internal_prod_refresh(p);
		if (r < 0)
			return r;
		space = (uint32_t)r;
	}
	if (IPC_RING_UNLIKELY(p->reserved != 0))
		return IPC_RING_E_INVAL;
	if (n > space)
		n = space;
	if (n == 0)
		return 0;
	uint32_t first = head & p->mask;
	uint32_t run = cap - first < n ? cap - first : n; /* up to the end of the slot array */
	const unsigned char *src = (const unsigned char *)items;
	__builtin_memcpy(p->slots + (size_t)first * p->slot_size, src, (size_t)run * p->slot_size);
	if (run < n)
		__builtin_memcpy(p->slots, src + (size_t)run * p->slot_size,
		                 (size_t)(n - run) * p->slot_size);
	p->head = head + n;
	/* RELEASE head. Partner: the ACQUIRE load of head in
	 * ipc_ring_internal_cons_refresh. One store publishes the whole burst. */
	atomic_store_explicit(&p->sh->head, head + n, memory_order_release);
	return (int)n;
}

/* Burst pop (G4): copy up to n items into `items` and free their slots with
 * one index store. Returns the number popped (0 when empty), E_CORRUPT or
 * E_INVAL. Never blocks. */
IPC_RING_MUST_CHECK static inline int ipc_ring_pop_burst(struct ipc_ring_cons *c, void *items, uint32_t n)
{
	uint32_t tail = c->tail;
	uint32_t avail = c->head_cache - tail;
	if (avail < n) {
		int r = ipc_ring_internal_cons_refresh(c);
		if (r < 0)
			return r;
		avail = (uint32_t)r;
	}
	if (IPC_RING_UNLIKELY(c->peeked != 0))
		return IPC_RING_E_INVAL;
	if (n > avail)
		n = avail;
	if (n == 0)
		return 0;
	uint32_t cap = c->mask + 1u;
	uint32_t first = tail & c->mask;
	uint32_t run = cap - first < n ? cap - first : n;
	unsigned char *dst = (unsigned char *)items;
	__builtin_memcpy(dst, c->slots + (size_t)first * c->slot_size, (size_t)run * c->slot_size);
	if (run < n)
		__builtin_memcpy(dst + (size_t)run * c->slot_size, c->slots,
		                 (size_t)(n - run) * c->slot_size);
	c->tail = tail + n;
	/* RELEASE tail. Partner: the ACQUIRE load of tail in
	 * ipc_ring_internal_prod_refresh. */
	atomic_store_explicit(&c->sh->tail, tail + n, memory_order_release);
	return (int)n;
}

/* Zero-copy reserve (G4): hand out up to `want` free slots that are
 * contiguous in memory (a reservation stops at the end of the slot array),
 * starting at *slots. Fill them, then ipc_ring_commit(). Returns the number
 * of slots reserved (0 when full), E_CORRUPT or E_INVAL (want == 0 or a
 * reservation already open). Never blocks. */
IPC_RING_MUST_CHECK static inline int ipc_ring_reserve(struct ipc_ring_prod *p, uint32_t want, void **slots)
{
	if (IPC_RING_UNLIKELY(p->reserved != 0 || want == 0 || slots == NULL))
		return IPC_RING_E_INVAL;
	uint32_t cap = p->mask + 1u;
	uint32_t space = cap - (p->head - p->tail_cache);
	uint32_t first = p->head & p->mask;
	uint32_t run = cap - first; /* contiguous slots before the wrap */
	uint32_t n = want < run ? want : run;
	if (space < n) {
		int r = ipc_ring_internal_prod_refresh(p);
		if (r < 0)
			return r;
		space = (uint32_t)r;
	}
	if (n > space)
		n = space;
	*slots = p->slots + (size_t)first * p->slot_size;
	p->reserved = n;
	return (int)n;
}

/* Publish the first n slots of the open reservation (n may be less than
 * reserved; the rest are given back). Returns 0 or E_INVAL (n > reserved).
 * Never blocks. */
IPC_RING_MUST_CHECK static inline int ipc_ring_commit(struct ipc_ring_prod *p, uint32_t n)
{
	if (IPC_RING_UNLIKELY(n > p->reserved))
		return IPC_RING_E_INVAL;
	p->reserved = 0;
	if (n == 0)
		return IPC_RING_OK;
	p->head += n;
	/* RELEASE head. Partner: the ACQUIRE load of head in
	 * ipc_ring_internal_cons_refresh; orders the caller's slot writes
	 * (made through the reserved pointer) before the publication. */
	atomic_store_explicit(&p->sh->head, p->head, memory_order_release);
	return IPC_RING_OK;
}

/* Zero-copy peek (G4): expose up to `want` ready items that are contiguous in
 * memory, starting at *slots, without freeing them. Read them, then
 * ipc_ring_release(). Returns the number exposed (0 when empty), E_CORRUPT or
 * E_INVAL. The bytes belong to the peer's side of the trust boundary: copy
 * what you validate (a hostile producer may rewrite them). Never blocks. */
IPC_RING_MUST_CHECK static inline int ipc_ring_peek(struct ipc_ring_cons *c, uint32_t want,
                                                    const void **slots)
{
	if (IPC_RING_UNLIKELY(c->peeked != 0 || want == 0 || slots == NULL))
		return IPC_RING_E_INVAL;
	uint32_t cap = c->mask + 1u;
	uint32_t avail = c->head_cache - c->tail;
	uint32_t first = c->tail & c->mask;
	uint32_t run = cap - first;
	uint32_t n = want < run ? want : run;
	if (avail < n) {
		int r = ipc_ring_internal_cons_refresh(c);
		if (r < 0)
			return r;
		avail = (uint32_t)r;
	}
	if (n > avail)
		n = avail;
	*slots = c->slots + (size_t)first * c->slot_size;
	c->peeked = n;
	return (int)n;
}

/* Free the first n slots of the open peek. Returns 0 or E_INVAL (n > peeked).
 * Never blocks. */
IPC_RING_MUST_CHECK static inline int ipc_ring_release(struct ipc_ring_cons *c, uint32_t n)
{
	if (IPC_RING_UNLIKELY(n > c->peeked))
		return IPC_RING_E_INVAL;
	c->peeked = 0;
	if (n == 0)
		return IPC_RING_OK;
	c->tail += n;
	/* RELEASE tail. Partner: the ACQUIRE load of tail in
	 * ipc_ring_internal_prod_refresh; the caller's reads of the peeked
	 * slots complete before the producer may overwrite them. */
	atomic_store_explicit(&c->sh->tail, c->tail, memory_order_release);
	return IPC_RING_OK;
}

/* Signalling with suppression (G3), producer side: call after publishing
 * (push, push_burst, commit), once per burst is enough. Wakes the consumer
 * only if it announced it is going to sleep. Returns 1 if notify() was
 * called, 0 if not needed. Never blocks (notify() should not either). */
static inline int ipc_ring_prod_signal(struct ipc_ring_prod *p)
{
	/* FULL FENCE. Partner: the seq_cst fence in ipc_ring_cons_wait between
	 * its store of cons_sleeping = 1 and its re-load of head. Store-buffer
	 * pattern: either we see the flag, or the consumer sees our new head.
	 * A release/acquire pair cannot forbid both loads seeing old values
	 * (that is the lost wake-up), only two seq_cst fences can. */
	atomic_thread_fence(memory_order_seq_cst);
	if (IPC_RING_LIKELY(atomic_load_explicit(&p->sh->cons_sleeping, memory_order_relaxed) == 0))
		return 0; /* consumer busy: signal suppressed, the flag line stays shared-clean */
	/* Clear before notifying, so a futex wait(flag, 1) that has not gone
	 * to sleep yet returns at once; only one waker wins the exchange. */
	if (atomic_exchange_explicit(&p->sh->cons_sleeping, 0, memory_order_relaxed) == 0)
		return 0;
	if (p->waker.notify == NULL)
		return 0;
	p->waker.notify(p->waker.ctx, &p->sh->cons_sleeping);
	return 1;
}

/* Mirror for the consumer: call after freeing slots (pop, pop_burst,
 * release) if the producer may block in ipc_ring_prod_wait(). Returns 1 if
 * notify() was called, 0 if not needed. Never blocks. */
static inline int ipc_ring_cons_signal(struct ipc_ring_cons *c)
{
	/* FULL FENCE. Partner: the seq_cst fence in ipc_ring_prod_wait between
	 * its store of prod_sleeping = 1 and its re-load of tail. */
	atomic_thread_fence(memory_order_seq_cst);
	if (IPC_RING_LIKELY(atomic_load_explicit(&c->sh->prod_sleeping, memory_order_relaxed) == 0))
		return 0;
	if (atomic_exchange_explicit(&c->sh->prod_sleeping, 0, memory_order_relaxed) == 0)
		return 0;
	if (c->waker.notify == NULL)
		return 0;
	c->waker.notify(c->waker.ctx, &c->sh->prod_sleeping);
	return 1;
}

#endif /* IPC_RING_H */
