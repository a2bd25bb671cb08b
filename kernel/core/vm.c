/*
 * User memory: the only way the kernel touches memory a user names. Every
 * user address is translated through the caller's own page tables page by
 * page (arch_vspace_lookup), and the copy goes through the kernel's identity
 * map of the frame, so a bad pointer is an error code, never a kernel fault,
 * and a component can only name memory its own mappings give it.
 * Mapping operations build per-space page tables from an untyped budget;
 * every mapping holds a reference on its frame (frame_ref), so a frame
 * shared into other spaces lives until its last mapping is gone.
 * Concurrency: one CPU, interrupts masked; only SpaceUnmap and space
 * destruction remove mappings, never while a system call is copying.
 */
#include <kernel/object.h>

static int user_range_ok(uintptr_t uva, size_t len)
{
	return len <= KABI_USER_MAX && uva >= KABI_USER_MIN && uva <= KABI_USER_MAX - len;
}

bool user_range_mapped(struct space *s, uintptr_t uva, size_t len, unsigned need)
{
	if (!user_range_ok(uva, len))
		return false;
	if (len == 0)
		return true;
	for (uintptr_t p = uva & ~(KABI_PAGE_SIZE - 1); p < uva + len; p += KABI_PAGE_SIZE) {
		uintptr_t pa;
		unsigned perms;
		if (!arch_vspace_lookup(&s->vs, p, &pa, &perms) || (perms & need) != need)
			return false;
	}
	return true;
}

int copy_from_user(struct space *s, void *dst, uintptr_t uva, size_t len)
{
	if (!user_range_ok(uva, len))
		return KABI_E_BAD_ADDRESS;
	char *d = dst;
	while (len) {
		uintptr_t pa;
		unsigned perms;
		if (!arch_vspace_lookup(&s->vs, uva, &pa, &perms) || !(perms & KPERM_R))
			return KABI_E_BAD_ADDRESS;
		size_t n = KABI_PAGE_SIZE - (uva & (KABI_PAGE_SIZE - 1));
		if (n > len)
			n = len;
		memcpy(d, (const void *)pa, n);
		d += n, uva += n, len -= n;
	}
	return 0;
}

/* May [uva, uva+len) of `s` be written? `force` ignores the user's W right,
 * but only on frames the space owns, never through an alias of someone
 * else's frame (a read-only share, the kernel's boot image). */
static bool writable(struct space *s, uintptr_t uva, size_t len, bool force)
{
	if (!user_range_ok(uva, len))
		return false;
	for (uintptr_t p = uva & ~(KABI_PAGE_SIZE - 1); p < uva + len; p += KABI_PAGE_SIZE) {
		uintptr_t pa;
		unsigned perms;
		if (!arch_vspace_lookup(&s->vs, p, &pa, &perms) ||
		    (!(perms & KPERM_W) && (!force || (perms & ARCH_PERM_ALIAS))))
			return false;
	}
	return true;
}

bool space_loadable(struct space *s, uintptr_t uva, size_t len)
{
	return writable(s, uva, len, true);
}

/* Write into a space's mapped pages. `force` ignores the user's W right: the
 * root task loading program text into a space it built (SYS_SPACE_WRITE). */
static int write_space(struct space *s, uintptr_t uva, const void *src, size_t len, bool force)
{
	/* Check the whole range first so a failure leaves memory unchanged. */
	if (!writable(s, uva, len, force))
		return KABI_E_BAD_ADDRESS;
	const char *sp = src;
	while (len) {
		uintptr_t pa;
		unsigned perms;
		arch_vspace_lookup(&s->vs, uva, &pa, &perms);
		size_t n = KABI_PAGE_SIZE - (uva & (KABI_PAGE_SIZE - 1));
		if (n > len)
			n = len;
		memcpy((void *)pa, sp, n);
		if (perms & KPERM_X)
			arch_sync_icache(pa, n); /* loaded program text */
		sp += n, uva += n, len -= n;
	}
	return 0;
}

int copy_to_user(struct space *s, uintptr_t uva, const void *src, size_t len)
{
	return write_space(s, uva, src, len, false);
}

int space_load(struct space *s, uintptr_t uva, const void *src, size_t len)
{
	return write_space(s, uva, src, len, true);
}

void *user_page_rw(struct space *s, uintptr_t uva)
{
	uintptr_t pa;
	unsigned perms;
	if (uva & (KABI_PAGE_SIZE - 1))
		return NULL;
	if (!arch_vspace_lookup(&s->vs, uva, &pa, &perms))
		return NULL;
	if ((perms & (KPERM_R | KPERM_W)) != (KPERM_R | KPERM_W))
		return NULL;
	return (void *)pa;
}

static bool perms_ok(unsigned perms)
{
	return (perms & ~(unsigned)(KPERM_R | KPERM_W | KPERM_X)) == 0 && (perms & KPERM_R) &&
	       !((perms & KPERM_W) && (perms & KPERM_X));
}

static bool range_unmapped(struct space *s, uintptr_t va, size_t pages)
{
	if (va & (KABI_PAGE_SIZE - 1) || pages == 0 || pages > KABI_MAP_MAX_PAGES ||
	    !user_range_ok(va, pages * KABI_PAGE_SIZE))
		return false;
	return arch_vspace_range_free(&s->vs, va, pages);
}

/* Can `u` (and the pool) give `pages` more pages? */
static bool can_charge(struct untyped *u, size_t pages)
{
	return u->pages_left >= pages && pool_free_pages() >= pages && !untyped_frozen(u);
}

/*
 * Map `pages` fresh zeroed frames at `va`, frames and page tables charged to
 * `u`. Checked first: range free and in the user window, permissions W^X,
 * budget for the frames and every page table the range needs; so after the
 * checks nothing can fail, and a failed call maps nothing and charges
 * nothing.
 */
int space_map_new(struct space *s, uintptr_t va, size_t pages, unsigned perms, struct untyped *u)
{
	return space_map_part(s, va, pages, pages, perms, u);
}

int space_map_part(struct space *s, uintptr_t va, size_t pages, size_t now, unsigned perms, struct untyped *u)
{
	if (!perms_ok(perms) || !range_unmapped(s, va, pages))
		return IPC_E_BAD_ARG;
	if (!can_charge(u, pages + arch_vspace_tables_needed(&s->vs, va, pages)))
		return KABI_E_NO_MEMORY;
	kernel_ref_epoch++; /* a new mapping (untyped_revoke_begin) */
	struct arch_page_source ps = page_source(u);
	for (size_t i = 0; i < now && i < pages; i++) {
		void *frame = page_alloc(u);
		kassert(frame);
		frame_ref((uintptr_t)frame);
		if (perms & KPERM_X) /* zeroed through the data side; stale code in the I-cache */
			arch_sync_icache((uintptr_t)frame, KABI_PAGE_SIZE);
		int e = arch_vspace_map(&s->vs, va + i * KABI_PAGE_SIZE, (uintptr_t)frame, perms, &ps);
		kassert(e == 0); /* range free, tables budgeted */
	}
	return 0;
}

/*
 * Unmap whatever [va, va + pages) of `s` maps. Each frame loses one
 * reference (freed to the untyped that paid for it when it was the last);
 * page tables left empty go back to theirs. Bad ranges are refused before
 * anything changes; holes are not an error.
 */
int space_unmap(struct space *s, uintptr_t va, size_t pages)
{
	if (va & (KABI_PAGE_SIZE - 1) || pages == 0 || pages > KABI_MAP_MAX_PAGES ||
	    !user_range_ok(va, pages * KABI_PAGE_SIZE))
		return IPC_E_BAD_ARG;
	struct arch_page_source ps = page_source(NULL);
	arch_vspace_unmap(&s->vs, va, pages < KERNEL_CHUNK_PAGES ? pages : KERNEL_CHUNK_PAGES, &ps);
	return 0;
}

/*
 * Map the frames behind src's [sva, sva + pages) into dst at dva. The new
 * mapping can only have rights the source mapping has, so sharing never
 * creates a writable alias of code or an executable alias of data (W^X).
 * The page tables it needs are charged to `u`, the caller's untyped (not
 * the budget dst was made from: a component must not spend memory it was
 * not given), and are budgeted before anything is mapped, so a failed share
 * maps nothing and charges nothing.
 */
int space_share(struct space *dst, uintptr_t dva, struct space *src, uintptr_t sva, size_t pages,
                unsigned perms, struct untyped *u)
{
	return space_share_part(dst, dva, src, sva, pages, pages, perms, u);
}

int space_share_part(struct space *dst, uintptr_t dva, struct space *src, uintptr_t sva, size_t pages,
                     size_t now, unsigned perms, struct untyped *u)
{
	if (!perms_ok(perms) || !range_unmapped(dst, dva, pages) || (sva & (KABI_PAGE_SIZE - 1)))
		return IPC_E_BAD_ARG;
	if (!arch_vspace_range_mapped(&src->vs, sva, pages, perms))
		return KABI_E_BAD_ADDRESS; /* a hole, or a page with fewer rights than asked */
	if (!can_charge(u, arch_vspace_tables_needed(&dst->vs, dva, pages)))
		return KABI_E_NO_MEMORY;
	kernel_ref_epoch++; /* a new mapping of src's frames (untyped_revoke_begin) */
	struct arch_page_source ps = page_source(u);
	for (size_t i = 0; i < now && i < pages; i++) {
		uintptr_t pa;
		unsigned sp;
		arch_vspace_lookup(&src->vs, sva + i * KABI_PAGE_SIZE, &pa, &sp);
		frame_ref(pa);
		int e = arch_vspace_map(&dst->vs, dva + i * KABI_PAGE_SIZE, pa, perms | ARCH_PERM_ALIAS, &ps);
		kassert(e == 0); /* range free, tables budgeted */
	}
	return 0;
}
