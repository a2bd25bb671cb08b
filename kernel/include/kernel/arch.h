/*
 * The seam between the portable kernel (kernel/core/) and one architecture
 * (kernel/arch/<arch>/). Core code reaches the CPU, the MMU and the trap
 * frame only through these functions, so it never names a register or an
 * instruction. The architecture selects its types by include path
 * (<arch/context.h>), never by #ifdef. Concurrency: all of these run in the
 * kernel with interrupts masked and the kernel lock held, except
 * arch_idle(), which gives the lock back for the duration of one wait, and
 * the per-core start-up before a core first takes it.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/context.h> /* struct arch_regs, struct arch_vspace */
#include <arch/lazy.h>    /* arch_fpu_enter(), arch_pmu_enter() */
#include <uapi/kabi.h>    /* KPERM_*, KABI_PAGE_SIZE, the user window, KABI_FAULT_* */

/* ---- CPU ------------------------------------------------------------- */

/* Turn on the MMU with the kernel's own mappings (identity, kernel-only). */
void arch_mmu_init(void);
/* The same on another core, with the tables the boot core built. */
void arch_mmu_init_secondary(void);
/* Start core `index` (PSCI CPU_ON) at its kernel entry with its struct cpu
 * `c` (its stack top); it calls kmain_secondary(). 0 if it was started,
 * else PSCI's error (the core does not exist, or is on already). */
int arch_cpu_start(unsigned index, void *c);
/* The kernel lock (docs/kernel.md, "The kernel lock"): every entry from
 * user mode takes it and every return gives it back (vectors.S); C takes
 * it once at boot, before the first return to user mode. */
void arch_lock_take(void);
void arch_lock_give(void);
/* Is the kernel lock taken (by someone: a ticket lock records no owner)?
 * For the invariant check at halt, which runs inside the kernel. */
bool arch_lock_held(void);
/* Wait for an interrupt, with the kernel lock given back for the wait;
 * handle what came with the lock held again; return with interrupts
 * masked. */
void arch_idle(void);
/* Let a pending interrupt be taken, then mask again: between the bounded
 * steps of kernel work done while no thread is ready (kernel_exit). */
void arch_irq_window(void);
/* End the machine (QEMU) with `status`: 0 = success. */
_Noreturn void arch_halt(int status);
/* Load `r` and drop to user mode. */
_Noreturn void arch_return_to_user(struct arch_regs *r);
/* The slow way in from a synchronous exception at EL0 (a system call or a
 * fault), with the thread's registers saved in `r`: the vector calls it,
 * or the fast path where it declines (kernel/core/fastpath.c). */
_Noreturn void arch_el0_sync(struct arch_regs *r);
const char *arch_name(void);
/* Ticks per second of the counter platform_now() reads. */
uint64_t arch_counter_hz(void);

/* ---- FP/SIMD state (lazy) -------------------------------------------- */

/* Boot: user FP/SIMD use traps until a thread claims the registers. */
void arch_fpu_init(void);
/* The running thread (state `f`) used FP: make the registers its own. */
void arch_fpu_claim(struct arch_fpu *f);
/* arch_fpu_enter(), arch_pmu_enter(): inline in <arch/lazy.h>. */
/* The thread with state `f` is gone: core `c` (this one or another, under
 * the kernel lock: only the pointer is dropped, that core's registers are
 * never read) never saves into it again. */
void arch_fpu_forget(struct arch_cpu *c, struct arch_fpu *f);
/* The thread with state `f` leaves this core: if its registers hold it,
 * save them into `f` first. */
void arch_fpu_flush(struct arch_fpu *f);

/* ---- Performance monitors (pmu.c) ------------------------------------ */

/* Boot: counters running, read-only at EL0 (no-op on a CPU without a PMU). */
void arch_pmu_init(void);
/* The thread with PMU state `p` is gone: core `c` (pointer only, under the
 * lock) never saves into it again. */
void arch_pmu_forget(struct arch_cpu *c, struct arch_pmu *p);
/* The thread with PMU state `p` leaves this core: save its selector first. */
void arch_pmu_flush(struct arch_pmu *p);

#ifdef KERNEL_TRACE
/* Instructions retired since boot (event counter 0, widened to 64 bits;
 * 0 without a PMU, or in QEMU without -icount). */
uint64_t arch_pmu_insns(void);
/* Semihosting file output (the trace): create or truncate `name` in the
 * host's working directory, -1 if refused; write; close. */
long arch_semihost_open(const char *name);
void arch_semihost_write(long fd, const void *buf, size_t len);
void arch_semihost_close(long fd);
#endif

/* ---- User register state -------------------------------------------- */

/* Fresh user state: starts at `pc` with stack `sp` and `arg` as argument 0. */
void arch_regs_init(struct arch_regs *r, uintptr_t pc, uintptr_t sp, uintptr_t arg);
uintptr_t arch_regs_pc(const struct arch_regs *r);
/* The thread re-executes the system call it is in when it next runs. */
void arch_regs_restart_syscall(struct arch_regs *r);
/* The user thread-pointer register: holds the thread's IPC buffer address. */
void arch_regs_set_tls(struct arch_regs *r, uintptr_t v);

/*
 * Syscall ABI slots: the architecture decides which registers carry what.
 * Slot numbers are the ABI positions in <uapi/syscall.h>: 0..KABI_NREGS-1
 * for arguments / results, KABI_REG_SYSNO for the call number.
 */
/* static inline uint64_t arch_sys_get(const struct arch_regs *r, unsigned slot);
 * static inline void arch_sys_set(struct arch_regs *r, unsigned slot, uint64_t v);
 * inline, from the architecture: every syscall reads and writes several. */
#include <arch/sysabi.h>

/* ---- Address spaces -------------------------------------------------- */

/*
 * Page permissions for user mappings are the ABI's KPERM_R, KPERM_W and
 * KPERM_X (W and X are never granted together), in the user window
 * [KABI_USER_MIN, KABI_USER_MAX) with pages of KABI_PAGE_SIZE. One more bit,
 * kernel-only and never from a user: the mapping aliases a frame that
 * belongs elsewhere (a share, the boot image), so SpaceWrite may not ignore
 * its W.
 */
#define ARCH_PERM_ALIAS 8u
_Static_assert((ARCH_PERM_ALIAS & KPERM_ALL) == 0, "ARCH_PERM_ALIAS is not a user permission");

/* Page-table pages come from the caller so it can charge a budget, and go
 * back through it when a table empties or the space is destroyed. */
struct arch_page_source {
	void *(*alloc)(void *ctx); /* a zeroed page, or NULL */
	void *ctx;
	void (*free)(void *page);
	void (*frame_gone)(uintptr_t pa); /* a mapping of frame `pa` was removed */
};

/* Errors: 0, or -1 (bad argument), -2 (out of memory), -3 (already mapped).
 * A new space has no ASID (0) until arch_vspace_set_asid(). */
int arch_vspace_init(struct arch_vspace *vs, struct arch_page_source *ps);
/* Highest usable address-space id (ids 1..limit; 0 is the kernel's). */
unsigned arch_asid_limit(void);
void arch_vspace_set_asid(struct arch_vspace *vs, unsigned asid);
/* arch_vspace_asid(): inline in <arch/lazy.h>. */
int arch_vspace_map(struct arch_vspace *vs, uintptr_t va, uintptr_t pa, unsigned perms,
                    struct arch_page_source *ps);
/* Remove every mapping in [va, va + pages * page size) (holes are skipped):
 * ps->frame_gone() for each frame, TLB entries invalidated by ASID and
 * address, page tables left empty given back through ps->free(). Returns
 * the number of pages unmapped. */
size_t arch_vspace_unmap(struct arch_vspace *vs, uintptr_t va, size_t pages, struct arch_page_source *ps);
/* The space is loaded nowhere and no thread will run in it again:
 * invalidate every TLB entry of its ASID (walk caches too) and forget the
 * ASID (0), so the ASID may go to another space at once while the tables
 * are freed step by step (arch_vspace_destroy_some). */
void arch_vspace_retire(struct arch_vspace *vs);
/*
 * One bounded step of tearing a retired space down, from user address
 * *cursor on (start at 0): ps->frame_gone() for each mapped frame, each
 * emptied table through ps->free(), the level-1 table with the last step.
 * `budget` counts the table entries looked at, and ARCH_WALK_PAGE_COST
 * more for each mapped page, so a step is bounded whatever the layout.
 * Advances *cursor; true when the space has no tables left.
 */
bool arch_vspace_destroy_some(struct arch_vspace *vs, uintptr_t *cursor, unsigned budget,
                              struct arch_page_source *ps);
/*
 * One bounded step (`budget` as above) of an untyped's revoke in a live
 * space, from *cursor on: every mapping whose frame, or whose level-2/3
 * table, `charged(pa, ctx)` says is going is removed (TLB entries by ASID
 * and address; frames through ps->frame_gone()), and a table left empty is
 * freed. Advances *cursor; true when the user window is done.
 */
bool arch_vspace_unmap_charged_some(struct arch_vspace *vs, uintptr_t *cursor, unsigned budget,
                                    bool (*charged)(uintptr_t pa, void *ctx), void *ctx,
                                    struct arch_page_source *ps);
#define ARCH_WALK_PAGE_COST 8u
/* Is nothing mapped in [va, va + pages * page size)? One look per entry of
 * each level-3 table, none for a missing table. */
bool arch_vspace_range_free(const struct arch_vspace *vs, uintptr_t va, size_t pages);
/* Is every page of [va, va + pages * page size) mapped for user mode with at
 * least `perms` (KPERM_*)? Walked a level-3 table at a time. */
bool arch_vspace_range_mapped(const struct arch_vspace *vs, uintptr_t va, size_t pages, unsigned perms);
/* Translate a user address: true and *pa, *perms if mapped for user mode. */
bool arch_vspace_lookup(const struct arch_vspace *vs, uintptr_t va, uintptr_t *pa, unsigned *perms);
/* How many page-table pages mapping [va, va + pages * page size) would
 * allocate (the range must be in the user window): checked up front, so a
 * mapping call either has all it needs or changes nothing. */
size_t arch_vspace_tables_needed(const struct arch_vspace *vs, uintptr_t va, size_t pages);
/* Make `vs` the current user address space (NULL: none). */
void arch_vspace_activate(const struct arch_vspace *vs);
/* The current space is about to be freed: point the walker at the kernel's
 * own tables (no user mappings), keeping the ASID field as it is. */
void arch_vspace_park(void);
/* The kernel wrote instructions at kernel address `kva` (`len` bytes) that
 * user code will execute: make them visible to instruction fetch. */
void arch_sync_icache(uintptr_t kva, size_t len);
/* Clean and invalidate a kernel range to the point of coherency (all cores' caches). */
void arch_clean_inval_poc(uintptr_t kva, size_t len);

/* ---- Entries from the architecture into the core ---------------------- */

/* Called by the arch trap code; each returns to the arch, which then calls
 * kernel_exit() to run whichever thread the scheduler picks. `kind` is a
 * KABI_FAULT_* value (<uapi/object.h>). */
void trap_syscall(void);
void trap_fault(unsigned kind, uintptr_t addr, uint64_t syndrome, uintptr_t pc);
void trap_irq(void);
void trap_fpu(void); /* FP/SIMD instruction while the FPU is not the thread's */
_Noreturn void kernel_exit(void);
_Noreturn void kernel_panic_trap(const char *what, uint64_t syndrome, uintptr_t pc, uintptr_t addr);

#endif
