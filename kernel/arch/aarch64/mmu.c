/*
 * ARM64 MMU: 4 KiB granule, 39-bit virtual addresses, translation starts at
 * level 1 (512 x 1 GiB entries). Every address space is one TTBR0 level-1
 * table: entries 0 and 1 (the device window and RAM, identity-mapped, EL1
 * only, global) are shared by all of them; entries 2..511 (0x8000_0000 up)
 * belong to the user and are tagged non-global with the space's ASID. TTBR1
 * is disabled. The kernel image is mapped with 4 KiB pages so text is R-X,
 * rodata R-- and data RW-; the rest of RAM is RW- 2 MiB blocks (W^X, and
 * SCTLR.WXN makes the hardware enforce it too).
 *
 * A new mapping needs only a barrier that makes the table write visible to
 * the walker (nothing was cached for an invalid entry). Removing one
 * invalidates its TLB entries by ASID and address (TLBI VAE1IS, every
 * level, so the walk cache of a table freed with it goes too); destroying a
 * space invalidates its whole ASID (TLBI ASIDE1IS) before the core gives the
 * ASID (8 or 16 bits, whatever the CPU has) to another space.
 * Concurrency: one CPU, interrupts masked.
 */
#include <arch/sysregs.h>
#include <kernel/arch.h>

#include <kernel/platform.h>

#define PTE_VALID (1ul << 0)
#define PTE_TABLE (1ul << 1) /* table at L1/L2, page at L3 */
#define PTE_ATTR(i) ((uint64_t)(i) << 2)
#define PTE_AP_EL0 (1ul << 6)
#define PTE_AP_RO (1ul << 7)
#define PTE_SH_INNER (3ul << 8)
#define PTE_AF (1ul << 10)
#define PTE_NG (1ul << 11)
#define PTE_PXN (1ul << 53)
#define PTE_UXN (1ul << 54)
#define PTE_SW_ALIAS (1ul << 55) /* software bit: ARCH_PERM_ALIAS */
#define PTE_ADDR 0x0000fffffffff000ul

#define ATTR_DEVICE 0 /* MAIR index 0: Device-nGnRnE */
#define ATTR_NORMAL 1 /* MAIR index 1: Normal, write-back cacheable */
#define MAIR_VALUE 0xff00ul

#define KERN_BLOCK (PTE_VALID | PTE_AF | PTE_SH_INNER | PTE_ATTR(ATTR_NORMAL))
#define KERN_PAGE (KERN_BLOCK | PTE_TABLE)
#define KERN_DEV (PTE_VALID | PTE_AF | PTE_ATTR(ATTR_DEVICE) | PTE_PXN | PTE_UXN)

/* The translation geometry (4 KiB granule, three levels): a table holds
 * PT_ENTRIES entries; an entry at level 1 spans 1 << PT_L1_SHIFT bytes (1 GiB),
 * at level 2 1 << PT_L2_SHIFT (2 MiB: what one level-3 table maps), at level
 * 3 a page. tools/sysgen.py reads these to count a component's tables. */
#define PT_L1_SHIFT 30
#define PT_L2_SHIFT 21
#define PT_L3_SHIFT 12
#define PT_LEVEL_BITS 9
#define PT_ENTRIES (1u << PT_LEVEL_BITS)
#define PT_L2_SPAN (1ul << PT_L2_SHIFT)
#define PT_INDEX(va, shift) (((va) >> (shift)) & (PT_ENTRIES - 1))
_Static_assert(1ul << PT_L3_SHIFT == KABI_PAGE_SIZE && PT_ENTRIES * 8 == KABI_PAGE_SIZE,
               "4 KiB granule: 512 eight-byte entries a table");
_Static_assert(PT_L3_SHIFT + PT_LEVEL_BITS == PT_L2_SHIFT && PT_L2_SHIFT + PT_LEVEL_BITS == PT_L1_SHIFT,
               "each level resolves PT_LEVEL_BITS bits of the address");

#define IMG_L3_TABLES 8 /* the image (with user blobs) must fit in 16 MiB */

extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];

static uint64_t kern_l1[PT_ENTRIES] __attribute__((aligned(KABI_PAGE_SIZE)));
static unsigned asid_limit = ARCH_ASID_MAX_8BIT; /* ARCH_ASID_MAX where the CPU has 16-bit ASIDs */
static uint64_t kern_l2_dev[PT_ENTRIES] __attribute__((aligned(KABI_PAGE_SIZE)));
static uint64_t kern_l2_ram[PT_ENTRIES] __attribute__((aligned(KABI_PAGE_SIZE)));
static uint64_t kern_l3_img[IMG_L3_TABLES][PT_ENTRIES] __attribute__((aligned(KABI_PAGE_SIZE)));

static inline void dsb_isb(void)
{
	__asm__ volatile("dsb ishst; isb" ::: "memory");
}

static uint64_t kernel_page_attrs(uintptr_t pa)
{
	if (pa >= (uintptr_t)__kernel_start && pa < (uintptr_t)__text_end)
		return KERN_PAGE | PTE_AP_RO | PTE_UXN; /* text: R-X */
	if (pa >= (uintptr_t)__text_end && pa < (uintptr_t)__rodata_end)
		return KERN_PAGE | PTE_AP_RO | PTE_UXN | PTE_PXN; /* rodata: R-- */
	return KERN_PAGE | PTE_UXN | PTE_PXN;                     /* data, bss, pool: RW- */
}

static void build_kernel_tables(void)
{
	uintptr_t img_span = IMG_L3_TABLES * PT_L2_SPAN;
	if ((uintptr_t)__kernel_end > PLATFORM_RAM_BASE + img_span)
		kernel_panic_trap("kernel image too large for boot tables", 0, 0, (uintptr_t)__kernel_end);

	for (uintptr_t off = 0; off < PLATFORM_DEV_SIZE; off += PT_L2_SPAN) {
		uintptr_t pa = PLATFORM_DEV_BASE + off;
		kern_l2_dev[PT_INDEX(pa, PT_L2_SHIFT)] = pa | KERN_DEV;
	}
	for (unsigned t = 0; t < IMG_L3_TABLES; t++) {
		for (unsigned i = 0; i < PT_ENTRIES; i++) {
			uintptr_t pa = PLATFORM_RAM_BASE + t * PT_L2_SPAN + i * KABI_PAGE_SIZE;
			kern_l3_img[t][i] = pa | kernel_page_attrs(pa);
		}
		kern_l2_ram[t] = (uintptr_t)kern_l3_img[t] | PTE_VALID | PTE_TABLE;
	}
	for (uintptr_t off = img_span; off < PLATFORM_RAM_SIZE; off += PT_L2_SPAN) {
		uintptr_t pa = PLATFORM_RAM_BASE + off;
		kern_l2_ram[PT_INDEX(pa, PT_L2_SHIFT)] = pa | KERN_BLOCK | PTE_UXN | PTE_PXN;
	}
	kern_l1[PLATFORM_DEV_BASE >> PT_L1_SHIFT] = (uintptr_t)kern_l2_dev | PTE_VALID | PTE_TABLE;
	kern_l1[PLATFORM_RAM_BASE >> PT_L1_SHIFT] = (uintptr_t)kern_l2_ram | PTE_VALID | PTE_TABLE;
}
/* The kernel owns the first two level-1 entries (1 GiB each): devices in
 * the first, RAM in the second; user space starts above them and ends
 * where T0SZ puts the top of TTBR0's range. */
_Static_assert(PLATFORM_DEV_BASE >> PT_L1_SHIFT == 0 &&
                   (PLATFORM_DEV_BASE + PLATFORM_DEV_SIZE - 1) >> PT_L1_SHIFT == 0,
               "the device window is level-1 entry 0");
_Static_assert(PLATFORM_RAM_BASE >> PT_L1_SHIFT == 1 &&
                   (PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE - 1) >> PT_L1_SHIFT == 1,
               "RAM is level-1 entry 1");
_Static_assert(KABI_USER_MIN == 2ul << PT_L1_SHIFT, "user space starts at level-1 entry 2");
#define TCR_T0SZ 25 /* a 39-bit (512 GiB) TTBR0 range: three levels of 4 KiB tables */
_Static_assert(KABI_USER_MAX == 1ul << (64 - TCR_T0SZ), "user space ends at the top of TTBR0's range");

/*
 * This core's MMU on with the kernel's tables (TTBR0 = kern_l1, ASID 0:
 * an idle core stays parked there), and the per-core registers that go with
 * it; the one definition of MAIR, TCR and SCTLR for every core. Returns
 * whether the core has 16-bit ASIDs.
 */
static bool mmu_enable(void)
{
	uint64_t mmfr0;
	__asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
	uint64_t ips = mmfr0 & 7;
	bool asid16 = ((mmfr0 >> 4) & 0xf) == 2; /* ASIDBits: both A53 and A72 have 16 */
	if (ips > 5)
		ips = 5;
	uint64_t tcr = TCR_T0SZ                    /* 39-bit user+kernel space */
	               | (1ul << 8)                /* IRGN0: write-back */
	               | (1ul << 10)               /* ORGN0: write-back */
	               | (3ul << 12)               /* SH0: inner shareable */
	               | (0ul << 14)               /* TG0: 4 KiB */
	               | (25ul << 16)              /* T1SZ (unused) */
	               | (1ul << 23)               /* EPD1: no TTBR1 walks */
	               | (ips << 32)               /* IPS: what the CPU supports */
	               | ((uint64_t)asid16 << 36); /* AS: 16-bit ASIDs if present */

	/* EL0 may read the virtual counter (time without a syscall). */
	__asm__ volatile("msr cntkctl_el1, %0" ::"r"(2ul));
	/* FP/SIMD: EL0 traps until a thread claims the registers (fpu.c). */
	arch_fpu_init();
	/* EL0 may read the PMU's counters, never write them (pmu.c), so IPC
	 * costs can be measured from user space on both sides of a call
	 * (docs/benchmarking.md) without one component disturbing another's. */
	arch_pmu_init();

	__asm__ volatile("msr mair_el1, %0" ::"r"(MAIR_VALUE));
	__asm__ volatile("msr tcr_el1, %0" ::"r"(tcr));
	__asm__ volatile("msr ttbr0_el1, %0" ::"r"((uintptr_t)kern_l1));
	/* Tables must be in memory, and stale TLB entries from before reset
	 * gone, before the walker is switched on. */
	__asm__ volatile("dsb sy; tlbi vmalle1; dsb sy; isb" ::: "memory");

	uint64_t sctlr = SCTLR_EL1_RES1 | SCTLR_EL1_M | SCTLR_EL1_C | SCTLR_EL1_SA | SCTLR_EL1_SA0 |
	                 SCTLR_EL1_I | SCTLR_EL1_WXN;
	__asm__ volatile("msr sctlr_el1, %0; isb" ::"r"(sctlr) : "memory");
	return asid16;
}

void arch_mmu_init(void)
{
	build_kernel_tables();
	/* ASIDBits: the boot core's answer serves all (the others write
	 * nothing another core reads while their caches are off). */
	if (mmu_enable())
		asid_limit = ARCH_ASID_MAX;
}

/* Another core: the tables are built, and the boot core cleaned them (the
 * whole image) to the point of coherency before CPU_ON (arch_cpu_start()). */
void arch_mmu_init_secondary(void)
{
	(void)mmu_enable();
}

int arch_vspace_init(struct arch_vspace *vs, struct arch_page_source *ps)
{
	uint64_t *l1 = ps->alloc(ps->ctx);
	if (!l1)
		return -2;
	for (unsigned i = 0; i < KABI_USER_MIN >> PT_L1_SHIFT; i++)
		l1[i] = kern_l1[i]; /* the kernel's entries, shared by every space */
	vs->l1 = l1;
	vs->asid = 0;
	vs->ttbr = (uintptr_t)l1;
	dsb_isb();
	return 0;
}

void arch_vspace_set_asid(struct arch_vspace *vs, unsigned asid)
{
	vs->asid = asid;
	vs->ttbr = (uintptr_t)vs->l1 | ((uint64_t)asid << 48);
}

/* Where the 2 MiB one level-3 table maps from `va` ends, or `end` if sooner. */
static uintptr_t l3_chunk_end(uintptr_t va, uintptr_t end)
{
	uintptr_t chunk_end = (va | (PT_L2_SPAN - 1)) + 1;
	return chunk_end < end ? chunk_end : end;
}

/* The table writes are visible to the walker, then the TLB forgets. */
static void tlbi_va(unsigned asid, uintptr_t va)
{
	uint64_t arg = ((uint64_t)asid << 48) | ((va >> 12) & 0xfffffffffful);
	__asm__ volatile("dsb ishst; tlbi vae1is, %0" ::"r"(arg) : "memory");
}

static void tlbi_sync(void)
{
	__asm__ volatile("dsb ish; isb" ::: "memory");
}

static bool table_empty(const uint64_t *t)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

/* The level-3 table under *l2e has no mapping left: clear its entry (and
 * the level-2 table's, if that is empty now), invalidate the walk for its
 * range and wait for that, then free the table(s). */
static void free_empty_l3(struct arch_vspace *vs, uint64_t *l1e, uint64_t *l2e, uintptr_t chunk_end,
                          struct arch_page_source *ps)
{
	uint64_t *l2 = (uint64_t *)(*l1e & PTE_ADDR), *l3 = (uint64_t *)(*l2e & PTE_ADDR);
	*l2e = 0;
	bool l2_gone = table_empty(l2);
	if (l2_gone)
		*l1e = 0;
	if (vs->asid) {
		tlbi_va(vs->asid, chunk_end - KABI_PAGE_SIZE);
		tlbi_sync();
	}
	ps->free(l3);
	if (l2_gone)
		ps->free(l2);
}

size_t arch_vspace_unmap(struct arch_vspace *vs, uintptr_t va, size_t pages, struct arch_page_source *ps)
{
	size_t n = 0;
	uintptr_t end = va + pages * KABI_PAGE_SIZE;
	while (va < end) {
		/* One level-3 table (2 MiB) at a time. */
		uintptr_t chunk_end = l3_chunk_end(va, end);
		uint64_t *l1e = &vs->l1[PT_INDEX(va, PT_L1_SHIFT)];
		uint64_t *l2 = (*l1e & PTE_VALID) ? (uint64_t *)(*l1e & PTE_ADDR) : 0;
		uint64_t *l2e = l2 ? &l2[PT_INDEX(va, PT_L2_SHIFT)] : 0;
		uint64_t *l3 = (l2e && (*l2e & PTE_VALID)) ? (uint64_t *)(*l2e & PTE_ADDR) : 0;
		bool hit = false;
		for (; l3 && va < chunk_end; va += KABI_PAGE_SIZE) {
			uint64_t *pte = &l3[PT_INDEX(va, PT_L3_SHIFT)];
			if (!(*pte & PTE_VALID))
				continue;
			uintptr_t pa = *pte & PTE_ADDR;
			*pte = 0;
			if (vs->asid)
				tlbi_va(vs->asid, va);
			ps->frame_gone(pa);
			n++;
			hit = true;
		}
		if (hit && table_empty(l3)) {
			/* The walker may have cached the table entries again since
			 * the TLBIs above (the space may be live in TTBR0): clear
			 * them, invalidate the walk for this range once more and
			 * wait for it, and only then may the tables be reused. */
			free_empty_l3(vs, l1e, l2e, chunk_end, ps);
		}
		va = chunk_end;
	}
	tlbi_sync();
	return n;
}

static void tlbi_asid(unsigned asid)
{
	if (asid) {
		uint64_t arg = (uint64_t)asid << 48;
		__asm__ volatile("dsb ishst; tlbi aside1is, %0; dsb ish; isb" ::"r"(arg) : "memory");
	}
}

void arch_vspace_retire(struct arch_vspace *vs)
{
	/* The space is loaded nowhere (the caller parked TTBR0): once its
	 * ASID's entries, walk cache included, are gone, nothing can cache
	 * them again, and its tables and frames may be reused. */
	tlbi_asid(vs->asid);
	vs->asid = 0;
	vs->ttbr = (uintptr_t)vs->l1; /* kept with the ASID (context.h) */
}

#define USER_WALK_START KABI_USER_MIN /* level-1 entries 0 and 1 are the kernel's */
#define USER_WALK_END KABI_USER_MAX

/*
 * From *cursor on, remove the mappings `charged` picks (NULL: all of them)
 * and every mapping under a table it picks, looking at no more than
 * `budget` entries (a mapped page costs ARCH_WALK_PAGE_COST), and free the
 * tables left empty. A space still live gets a TLBI per page and the
 * table-freeing sequence of arch_vspace_unmap(); a retired one (ASID 0)
 * has nothing cached. True when the whole user window is done.
 */
static bool unmap_walk(struct arch_vspace *vs, uintptr_t *cursor, unsigned budget,
                       bool (*charged)(uintptr_t pa, void *ctx), void *ctx, struct arch_page_source *ps)
{
	uintptr_t va = *cursor < USER_WALK_START ? USER_WALK_START : *cursor;
	long left = (long)budget;
	while (va < USER_WALK_END && left > 0) {
		left--;
		uint64_t *l1e = &vs->l1[va >> PT_L1_SHIFT];
		if (!(*l1e & PTE_VALID)) {
			va = (va | ((1ul << PT_L1_SHIFT) - 1)) + 1;
			continue;
		}
		uint64_t *l2 = (uint64_t *)(*l1e & PTE_ADDR);
		uint64_t *l2e = &l2[PT_INDEX(va, PT_L2_SHIFT)];
		uintptr_t chunk_end = (va | (PT_L2_SPAN - 1)) + 1;
		if (!(*l2e & PTE_VALID)) {
			va = chunk_end;
			continue;
		}
		uint64_t *l3 = (uint64_t *)(*l2e & PTE_ADDR);
		bool all = !charged || charged((uintptr_t)l2, ctx) || charged((uintptr_t)l3, ctx);
		bool hit = false;
		for (; va < chunk_end && left > 0; va += KABI_PAGE_SIZE) {
			uint64_t *pte = &l3[PT_INDEX(va, PT_L3_SHIFT)];
			left--;
			if (!(*pte & PTE_VALID))
				continue;
			left -= ARCH_WALK_PAGE_COST - 1;
			uintptr_t pa = *pte & PTE_ADDR;
			if (!all && !charged(pa, ctx))
				continue;
			*pte = 0;
			if (vs->asid)
				tlbi_va(vs->asid, va);
			ps->frame_gone(pa);
			hit = true;
		}
		/* Only once the walk has passed the whole table (a step that
		 * stops inside it leaves mapped entries after the cursor). */
		if (va == chunk_end && (hit || all) && table_empty(l3)) {
			/* As in arch_vspace_unmap(): entries cleared, the walk for
			 * this range invalidated and waited for, then freed. */
			free_empty_l3(vs, l1e, l2e, chunk_end, ps);
		}
	}
	tlbi_sync();
	*cursor = va;
	return va >= USER_WALK_END;
}

bool arch_vspace_destroy_some(struct arch_vspace *vs, uintptr_t *cursor, unsigned budget,
                              struct arch_page_source *ps)
{
	if (!unmap_walk(vs, cursor, budget, NULL, NULL, ps))
		return false;
	ps->free(vs->l1);
	vs->l1 = 0;
	vs->ttbr = 0;
	return true;
}

bool arch_vspace_unmap_charged_some(struct arch_vspace *vs, uintptr_t *cursor, unsigned budget,
                                    bool (*charged)(uintptr_t pa, void *ctx), void *ctx,
                                    struct arch_page_source *ps)
{
	return unmap_walk(vs, cursor, budget, charged, ctx, ps);
}

static uint64_t *next_table(uint64_t *table, unsigned idx, struct arch_page_source *ps)
{
	if (table[idx] & PTE_VALID)
		return (uint64_t *)(table[idx] & PTE_ADDR);
	if (!ps)
		return 0;
	uint64_t *t = ps->alloc(ps->ctx);
	if (!t)
		return 0;
	table[idx] = (uintptr_t)t | PTE_VALID | PTE_TABLE;
	return t;
}

/* The level-3 table that maps `va` (made, with its level-2 table, from `ps`
 * when missing and `ps` is given); 0 if there is none. */
static inline __attribute__((always_inline)) uint64_t *l3_table(const struct arch_vspace *vs, uintptr_t va,
                                                                struct arch_page_source *ps)
{
	uint64_t *l2 = next_table(vs->l1, PT_INDEX(va, PT_L1_SHIFT), ps);
	return l2 ? next_table(l2, PT_INDEX(va, PT_L2_SHIFT), ps) : 0;
}

/* `pages` pages from `va` lie in the user window: never a kernel table,
 * never a wrap. */
static bool user_range(uintptr_t va, size_t pages)
{
	return va >= KABI_USER_MIN && va < KABI_USER_MAX && pages <= (KABI_USER_MAX - va) / KABI_PAGE_SIZE;
}

int arch_vspace_map(struct arch_vspace *vs, uintptr_t va, uintptr_t pa, unsigned perms,
                    struct arch_page_source *ps)
{
	if (va < KABI_USER_MIN || va >= KABI_USER_MAX || (va | pa) & (KABI_PAGE_SIZE - 1))
		return -1;
	if (!(perms & KPERM_R) || ((perms & KPERM_W) && (perms & KPERM_X)))
		return -1; /* W^X */
	uint64_t *l3 = l3_table(vs, va, ps);
	if (!l3)
		return -2;
	uint64_t *pte = &l3[PT_INDEX(va, PT_L3_SHIFT)];
	if (*pte & PTE_VALID)
		return -3;
	uint64_t e = pa | PTE_VALID | PTE_TABLE | PTE_AF | PTE_SH_INNER | PTE_ATTR(ATTR_NORMAL) | PTE_NG |
	             PTE_AP_EL0 | PTE_PXN;
	if (!(perms & KPERM_W))
		e |= PTE_AP_RO;
	if (!(perms & KPERM_X))
		e |= PTE_UXN;
	if (perms & ARCH_PERM_ALIAS)
		e |= PTE_SW_ALIAS;
	*pte = e;
	dsb_isb(); /* the walker must see the entry before the user runs */
	return 0;
}

bool arch_vspace_lookup(const struct arch_vspace *vs, uintptr_t va, uintptr_t *pa, unsigned *perms)
{
	if (!vs || !vs->l1 || va < KABI_USER_MIN || va >= KABI_USER_MAX)
		return false;
	const uint64_t *l3 = l3_table(vs, va, 0);
	if (!l3)
		return false;
	uint64_t e = l3[PT_INDEX(va, PT_L3_SHIFT)];
	if ((e & (PTE_VALID | PTE_TABLE)) != (PTE_VALID | PTE_TABLE) || !(e & PTE_AP_EL0))
		return false;
	*pa = (e & PTE_ADDR) | (va & (KABI_PAGE_SIZE - 1));
	*perms = KPERM_R | ((e & PTE_AP_RO) ? 0 : KPERM_W) | ((e & PTE_UXN) ? 0 : KPERM_X) |
	         ((e & PTE_SW_ALIAS) ? ARCH_PERM_ALIAS : 0);
	return true;
}

bool arch_vspace_range_free(const struct arch_vspace *vs, uintptr_t va, size_t pages)
{
	if (!user_range(va, pages))
		return false;
	uintptr_t end = va + pages * KABI_PAGE_SIZE;
	while (va < end) {
		uintptr_t chunk_end = l3_chunk_end(va, end);
		const uint64_t *l3 = l3_table(vs, va, 0);
		for (; l3 && va < chunk_end; va += KABI_PAGE_SIZE)
			if (l3[PT_INDEX(va, PT_L3_SHIFT)] & PTE_VALID)
				return false;
		va = chunk_end;
	}
	return true;
}

bool arch_vspace_range_mapped(const struct arch_vspace *vs, uintptr_t va, size_t pages, unsigned perms)
{
	uint64_t need = PTE_VALID | PTE_TABLE | PTE_AP_EL0, clear = 0;
	if (perms & KPERM_W)
		clear |= PTE_AP_RO;
	if (perms & KPERM_X)
		clear |= PTE_UXN;
	if (!user_range(va, pages))
		return false;
	uintptr_t end = va + pages * KABI_PAGE_SIZE;
	while (va < end) {
		uintptr_t chunk_end = l3_chunk_end(va, end);
		const uint64_t *l3 = l3_table(vs, va, 0);
		if (!l3)
			return false;
		for (; va < chunk_end; va += KABI_PAGE_SIZE) {
			uint64_t e = l3[PT_INDEX(va, PT_L3_SHIFT)];
			if ((e & need) != need || (e & clear))
				return false;
		}
	}
	return true;
}

size_t arch_vspace_tables_needed(const struct arch_vspace *vs, uintptr_t va, size_t pages)
{
	size_t n = 0;
	uintptr_t end = va + pages * KABI_PAGE_SIZE;
	uintptr_t counted_l1 = ~0ul; /* a missing level-2 table is counted once */
	for (uintptr_t a = va & ~(PT_L2_SPAN - 1); a < end; a += PT_L2_SPAN) {
		uint64_t *l2 = next_table(vs->l1, PT_INDEX(a, PT_L1_SHIFT), 0);
		if (!l2) {
			if ((a >> PT_L1_SHIFT) != counted_l1)
				n++;
			counted_l1 = a >> PT_L1_SHIFT;
			n++; /* and the level-3 table below it */
		} else if (!next_table(l2, PT_INDEX(a, PT_L2_SHIFT), 0)) {
			n++;
		}
	}
	return n;
}

unsigned arch_asid_limit(void)
{
	return asid_limit;
}

void arch_vspace_park(void)
{
	uint64_t ttbr;
	__asm__ volatile("mrs %0, ttbr0_el1" : "=r"(ttbr));
	ttbr = (ttbr & ~PTE_ADDR) | (uintptr_t)kern_l1;
	__asm__ volatile("msr ttbr0_el1, %0; isb" ::"r"(ttbr) : "memory");
}

void arch_vspace_activate(const struct arch_vspace *vs)
{
	uint64_t ttbr = vs ? ((uintptr_t)vs->l1 | ((uint64_t)vs->asid << 48)) : (uintptr_t)kern_l1;
	__asm__ volatile("msr ttbr0_el1, %0; isb" ::"r"(ttbr) : "memory");
}
