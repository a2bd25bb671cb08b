/*
 * SharedRing slow paths: region layout, attach-time validation of the shared
 * header (G1, G5), the blocking halves of the signalling protocol (G3) and
 * error strings. The fast paths are static inline in <ipc/ring.h>, whose
 * opening comment states the concurrency contract. create() must not race
 * with an attached side; attach() runs on one side while the peer may already
 * be running; the wait functions run on their own side's thread only. Uses
 * atomics only: no hooks, no libc.
 */
#include <ipc/ring.h>

size_t ipc_ring_region_size(uint32_t slot_size, uint32_t capacity)
{
	if (capacity == 0 || capacity > IPC_RING_MAX_CAPACITY || (capacity & (capacity - 1u)) != 0)
		return 0;
	if (slot_size == 0 || slot_size > IPC_RING_MAX_SLOT_SIZE)
		return 0;
	/* 2^30 * 2^16 bytes does not fit a 32-bit size_t: check before multiplying. */
	if ((SIZE_MAX - IPC_RING_SLOTS_OFFSET) / slot_size < capacity)
		return 0;
	return IPC_RING_SLOTS_OFFSET + (size_t)slot_size * capacity;
}

static int check_region(const void *mem, size_t size)
{
	if (mem == NULL)
		return IPC_RING_E_INVAL;
	if (((uintptr_t)mem & (IPC_RING_ALIGN - 1u)) != 0)
		return IPC_RING_E_ALIGN;
	if (size < sizeof(struct ipc_ring_shared))
		return IPC_RING_E_TOO_SMALL;
	return IPC_RING_OK;
}

int ipc_ring_create(void *mem, size_t size, uint32_t slot_size, uint32_t capacity)
{
	int err = check_region(mem, size);
	if (err != IPC_RING_OK)
		return err;
	size_t need = ipc_ring_region_size(slot_size, capacity);
	if (need == 0)
		return IPC_RING_E_BAD_GEOMETRY;
	if (need > size)
		return IPC_RING_E_TOO_SMALL;

	struct ipc_ring_shared *sh = mem;
	atomic_store_explicit(&sh->hdr.magic, 0, memory_order_relaxed);
	sh->hdr.version = IPC_RING_VERSION;
	sh->hdr.slot_size = slot_size;
	sh->hdr.capacity = capacity;
	sh->hdr.slots_offset = IPC_RING_SLOTS_OFFSET;
	for (size_t i = 0; i < sizeof sh->hdr.reserved / sizeof sh->hdr.reserved[0]; i++)
		sh->hdr.reserved[i] = 0;
	atomic_store_explicit(&sh->head, 0, memory_order_relaxed);
	atomic_store_explicit(&sh->tail, 0, memory_order_relaxed);
	atomic_store_explicit(&sh->cons_sleeping, 0, memory_order_relaxed);
	atomic_store_explicit(&sh->prod_sleeping, 0, memory_order_relaxed);
	/* RELEASE magic. Partner: the ACQUIRE load of magic in read_header().
	 * A side that sees the magic also sees the header and zeroed indices. */
	atomic_store_explicit(&sh->hdr.magic, IPC_RING_MAGIC, memory_order_release);
	return IPC_RING_OK;
}

/* What an attaching side learns from the header, already validated. */
struct ring_geometry {
	int err;
	uint32_t slot_size;
	uint32_t capacity;
};

/* Copy the header out of shared memory once, then validate the copy: the
 * peer may rewrite the shared header at any time, so only the private copy
 * is trusted from here on. */
static struct ring_geometry read_header(void *mem, size_t size)
{
	struct ring_geometry g = {.err = check_region(mem, size)};
	if (g.err != IPC_RING_OK)
		return g;
	struct ipc_ring_shared *sh = mem;
	/* ACQUIRE magic. Partner: the RELEASE store of magic in ipc_ring_create. */
	uint32_t magic = atomic_load_explicit(&sh->hdr.magic, memory_order_acquire);
	uint32_t version = ((volatile struct ipc_ring_header *)&sh->hdr)->version;
	uint32_t offset = ((volatile struct ipc_ring_header *)&sh->hdr)->slots_offset;
	g.slot_size = ((volatile struct ipc_ring_header *)&sh->hdr)->slot_size;
	g.capacity = ((volatile struct ipc_ring_header *)&sh->hdr)->capacity;
	size_t need = ipc_ring_region_size(g.slot_size, g.capacity);
	if (magic != IPC_RING_MAGIC)
		g.err = IPC_RING_E_BAD_MAGIC;
	else if (version != IPC_RING_VERSION)
		g.err = IPC_RING_E_BAD_VERSION;
	else if (need == 0 || offset != IPC_RING_SLOTS_OFFSET)
		g.err = IPC_RING_E_BAD_GEOMETRY;
	else if (need > size)
		g.err = IPC_RING_E_TOO_SMALL;
	return g;
}

static void copy_waker(struct ipc_ring_waker *dst, const struct ipc_ring_waker *src)
{
	if (src != NULL) {
		*dst = *src;
	} else {
		dst->wait = NULL;
		dst->notify = NULL;
		dst->ctx = NULL;
	}
}

int ipc_ring_prod_attach(struct ipc_ring_prod *p, void *mem, size_t size, const struct ipc_ring_waker *waker)
{
	if (p == NULL)
		return IPC_RING_E_INVAL;
	struct ring_geometry g = read_header(mem, size);
	if (g.err != IPC_RING_OK)
		return g.err;
	struct ipc_ring_shared *sh = mem;
	/* Own index: relaxed, nobody else writes it. Peer index: ACQUIRE,
	 * partner the consumer's RELEASE stores of tail (as in
	 * ipc_ring_internal_prod_refresh). */
	uint32_t head = atomic_load_explicit(&sh->head, memory_order_relaxed);
	uint32_t tail = atomic_load_explicit(&sh->tail, memory_order_acquire);
	if (head - tail > g.capacity)
		return IPC_RING_E_CORRUPT;
	p->sh = sh;
	p->slots = (unsigned char *)mem + IPC_RING_SLOTS_OFFSET;
	p->mask = g.capacity - 1u;
	p->slot_size = g.slot_size;
	p->head = head;
	p->tail_cache = tail;
	p->reserved = 0;
	copy_waker(&p->waker, waker);
	return IPC_RING_OK;
}

int ipc_ring_cons_attach(struct ipc_ring_cons *c, void *mem, size_t size, const struct ipc_ring_waker *waker)
{
	if (c == NULL)
		return IPC_RING_E_INVAL;
	struct ring_geometry g = read_header(mem, size);
	if (g.err != IPC_RING_OK)
		return g.err;
	struct ipc_ring_shared *sh = mem;
	/* Peer index: ACQUIRE, partner the producer's RELEASE stores of head
	 * (as in ipc_ring_internal_cons_refresh). */
	uint32_t tail = atomic_load_explicit(&sh->tail, memory_order_relaxed);
	uint32_t head = atomic_load_explicit(&sh->head, memory_order_acquire);
	if (head - tail > g.capacity)
		return IPC_RING_E_CORRUPT;
	c->sh = sh;
	c->slots = (unsigned char *)mem + IPC_RING_SLOTS_OFFSET;
	c->mask = g.capacity - 1u;
	c->slot_size = g.slot_size;
	c->tail = tail;
	c->head_cache = head;
	c->peeked = 0;
	copy_waker(&c->waker, waker);
	return IPC_RING_OK;
}

/*
 * The sleeping half of G3, shared by both directions: `ready` re-reads the
 * peer's index (acquire) and returns > 0 when this side can go on. Announce
 * "wake me", full fence, re-check, and only then wait. The waker's half is
 * ipc_ring_prod_signal / ipc_ring_cons_signal: publish, full fence, read the
 * flag. Two seq_cst fences around the store-then-load on each side forbid the
 * outcome where both sides read the old value (we sleep on an index the
 * peer already moved, and the peer skips the signal): no lost wake-up.
 */
static int sleep_until(_Atomic uint32_t *flag, const struct ipc_ring_waker *w, int (*ready)(void *side),
                       void *side)
{
	if (w->wait == NULL)
		return IPC_RING_E_NO_WAKER;
	int n;
	for (;;) {
		n = ready(side);
		if (n != 0)
			break;
		atomic_store_explicit(flag, 1, memory_order_relaxed);
		/* FULL FENCE. Partner: the seq_cst fence in the peer's
		 * ipc_ring_*_signal between its index store and its flag load. */
		atomic_thread_fence(memory_order_seq_cst);
		n = ready(side);
		if (n != 0)
			break;
		int r = w->wait(w->ctx, flag, 1);
		if (r < 0) {
			n = r;
			break;
		}
	}
	/* Withdraw the announcement (the waker may already have cleared it). */
	atomic_store_explicit(flag, 0, memory_order_relaxed);
	return n;
}

static int cons_ready(void *side)
{
	return ipc_ring_internal_cons_refresh(side);
}

static int prod_ready(void *side)
{
	return ipc_ring_internal_prod_refresh(side);
}

int ipc_ring_cons_wait(struct ipc_ring_cons *c)
{
	int n = ipc_ring_cons_avail(c);
	if (n != 0)
		return n;
	return sleep_until(&c->sh->cons_sleeping, &c->waker, cons_ready, c);
}

int ipc_ring_prod_wait(struct ipc_ring_prod *p)
{
	int n = ipc_ring_prod_space(p);
	if (n != 0)
		return n;
	return sleep_until(&p->sh->prod_sleeping, &p->waker, prod_ready, p);
}
