/*
 * Kernel objects: what a cap can name. Endpoints, notifications and reply
 * objects are libipc's structs; threads, spaces and untyped budgets are
 * kernel ("embedder") types that libipc only counts references to. Every
 * object, page table and mapped frame is one pool page charged to exactly
 * one untyped (the pool's page table says which) and goes back to it when
 * freed. Concurrency: interrupts masked, the kernel lock held (a thread or
 * space may still be in use by another core: sched.c's gates say when it
 * can go); libipc hooks run inside libipc calls, so they only record work
 * (thread_end_later, space_end_later) that kernel_exit() finishes
 * afterwards.
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include <ipc/ipc.h>
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/kernel.h>
#include <uapi/kabi.h>

/* The ABI's numbers are libipc's where both name the same thing. */
_Static_assert(KOBJ_ENDPOINT == IPC_OBJ_ENDPOINT && KOBJ_NTFN == IPC_OBJ_NTFN && KOBJ_REPLY == IPC_OBJ_REPLY,
               "libipc's objects keep libipc's type numbers");
_Static_assert(KOBJ_SPACE >= IPC_OBJ_EMBEDDER && KOBJ_THREAD >= IPC_OBJ_EMBEDDER &&
                   KOBJ_UNTYPED >= IPC_OBJ_EMBEDDER,
               "kernel objects are libipc embedder types");
_Static_assert(KABI_SLOT_NONE == IPC_SLOT_NONE, "one 'no slot' value");
_Static_assert(KABI_REG_WORDS == IPC_MSG_REG_WORDS, "message words in registers");
_Static_assert(KABI_E_NO_MEMORY <= IPC_E_EMBEDDER_BASE && KABI_E_MIN < KABI_E_NO_MEMORY,
               "kernel statuses are in libipc's embedder range");
_Static_assert(KABI_SPACE_SLOTS <= KABI_SLOT_NONE, "slot numbers fit 32 bits");

/*
 * A budget of pool pages. A child (Retype KOBJ_UNTYPED) is one page charged
 * to its parent plus `budget` pages taken from the parent's; once its last
 * cap is gone and everything charged to it has come back, both return to
 * the parent (untyped_settle). The root task's untyped has no parent.
 */
struct untyped {
	struct ipc_object obj;
	uint64_t pages_left; /* budget not spent, in pool pages */
	uint64_t budget;     /* pages it was given */
	struct untyped *parent;
	bool capless;     /* its last cap is gone */
	uint64_t charged; /* kernel_check() only: pages and budgets it has out */
};
/* While a revoke of `u` or an ancestor is under way, nothing more is
 * charged to `u` (Retype, SpaceMap, SpaceShare: NO_MEMORY). */
bool untyped_frozen(const struct untyped *u);

/*
 * An address space and its CSpace. It lives while a cap names it or a
 * thread is configured in it; then space_end_later() queues it and
 * objects_reap_step() deletes every cap in its CSpace, unmaps and frees its
 * frames and page tables, frees its ASID and its page.
 */
struct space {
	struct ipc_object obj;
	struct arch_vspace vs;
	struct ipc_cspace cs;
	unsigned id;
	unsigned threads; /* configured threads running in it */
	bool capless;     /* its last cap is gone */
	bool on_zombie_list;
	bool reap_tables;   /* teardown: CSpace done, ASID retired */
	uint32_t reap_slot; /* teardown: the next slot to empty */
	uintptr_t reap_va;  /* teardown: the next address to unmap */
	struct space *zombie_next;
	struct space *all_next, *all_prev; /* every live space (untyped_revoke) */
	struct tcb *thread_list;           /* its configured threads */
	struct ipc_cap slots[KABI_SPACE_SLOTS];
};

enum tcb_state {
	TCB_INACTIVE = 0, /* created, not started */
	TCB_READY,        /* on the run queue */
	TCB_RUNNING,      /* current */
	TCB_BLOCKED,      /* waiting in libipc */
	TCB_SUSPENDED,    /* SYS_THREAD_SUSPEND: off the CPU until resumed */
	TCB_STOPPED,      /* faulted without a handler, or the handler said so */
	TCB_DEAD,         /* exited or its last cap deleted */
};

struct tcb {
	struct arch_regs regs; /* first: 16-byte aligned, see vectors.S */
	struct arch_fpu fpu;   /* FP/SIMD registers while another thread owns them */
	struct arch_pmu pmu;   /* its PMU counter selector (pmu.c) */
	struct ipc_object obj; /* what caps to this thread name */
	struct ipc_thread ipc;
	struct tcb *rq_next, *rq_prev; /* run queue (TCB_READY) */
	struct tcb *to_next, *to_prev; /* deadline heap (blocked with deadline) */
	struct tcb *zombie_next;       /* thread_end_later() list */
	enum tcb_state zombie_state;   /* STOPPED or DEAD, once ended */
	struct space *space;           /* set once configured; holds it alive (space.threads) */
	struct tcb *sp_next, *sp_prev; /* space.thread_list */
	enum tcb_state state;
	unsigned sysno;      /* the syscall it is blocked in (for results), < SYS_COUNT; beside
	                      * `state`: the fast path writes both as it blocks a thread */
	unsigned timeslice;  /* ticks left before round-robin */
	uint32_t fault_slot; /* fault handler endpoint in its space, or NONE */
	unsigned fault_kind; /* KABI_FAULT_* of its last fault */
	/* What makes the fast path leave a wake-up of this thread to the slow
	 * path, in one word it tests at once (`unusual`): the four flags 0 and
	 * `cpu` the running core's, i.e. the word equals that core's
	 * `struct cpu.home` (TCB_HOME). `cpu` is the core the thread runs on
	 * (docs/kernel.md, "Cores: placement"); only the scheduler writes it
	 * (sched_move()), under the kernel lock. */
	union {
		struct {
			bool faulting;        /* blocked in a fault Call */
			bool on_timeout_list; /* blocked with a deadline */
			bool on_zombie_list;
			bool suspend_pending; /* suspended while blocked: park it when it wakes */
			uint8_t cpu;          /* its core, < KERNEL_MAX_CPUS */
			uint8_t unusual_pad[3];
		};
		uint64_t unusual;
	};
	struct tcb *move_next; /* on its core's `moves` list (sched.c) */
	uint8_t move_to;       /* where that move goes */
	bool move_pending;
	bool configured;
	bool teardown_wait;  /* re-executing a CapDelete/CapRevoke until the teardown is done */
	int teardown_status; /* what that call returns then */
	unsigned id;
	char name[KABI_NAME_MAX + 1]; /* console prefix; set before it runs */
	uintptr_t ipcbuf_va;
	struct ipc_buffer *ipcbuf; /* kernel view (identity-mapped frame, referenced: frame_ref) */
	/* The deadline heap's other links (sched.c): first child, and the
	 * blocking order that breaks ties between equal deadlines. */
	struct tcb *to_child;
	uint64_t to_seq;
};

/* The `unusual` word of a thread of core `cpu` with no flag set; the
 * on_timeout_list byte of that word (little-endian: byte 1); a bit no
 * thread's word has, which a core's `home` carries while its thread has
 * been stopped from another core (sched.c, evict()). */
#define TCB_HOME(cpu) ((uint64_t)(cpu) << 32)
#define TCB_UNUSUAL_TIMEOUT (0xffull << 8)
#define TCB_HOME_STOPPED (1ull << 63)
_Static_assert(KERNEL_MAX_CPUS <= 256, "tcb.cpu is a byte");

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ &&
                   offsetof(struct tcb, on_timeout_list) == offsetof(struct tcb, unusual) + 1 &&
                   offsetof(struct tcb, cpu) == offsetof(struct tcb, unusual) + 4,
               "TCB_UNUSUAL_TIMEOUT and TCB_HOME name these bytes of `unusual`");

static inline struct tcb *tcb_of(struct ipc_thread *t)
{
	return container_of(t, struct tcb, ipc);
}

/* ---- page pool (object.c) ---- */
void pool_init(uintptr_t start, uintptr_t end);
uint64_t pool_free_pages(void);
/* A zeroed page charged to `u` (NULL: the kernel's own), or NULL. */
void *page_alloc(struct untyped *u);
/* Back to the pool and to the untyped it was charged to. */
void page_free(void *p);
/* Frames are referenced by each mapping and each IPC buffer using them; the
 * last unref frees the page. Addresses outside the pool (the boot image)
 * are ignored. */
void frame_ref(uintptr_t pa);
void frame_unref(uintptr_t pa);
/* Page-table pages for arch_vspace_*(), from page_alloc(u); freed with
 * page_free(), mapped frames released with frame_unref(). */
struct arch_page_source page_source(struct untyped *u);
/* Free address-space ids (reserved by a space from its creation). */
unsigned asids_free(void);
/* Give `s` its ASID the first time one of its threads is about to run. */
void space_activate_asid(struct space *s);

/* ---- objects (object.c) ---- */
/* Create an object of KOBJ_* `type` (an untyped: of `pages` pages) and
 * install its original cap in `dst`. */
int object_retype(struct untyped *u, unsigned type, uint64_t pages, struct ipc_cspace *cs, uint32_t dst);
struct space *space_create(struct untyped *u, int *err);
struct tcb *thread_create(struct untyped *u);
/* The thread's IPC buffer is now the frame at kernel address `buf`. */
void thread_set_ipcbuf(struct tcb *t, struct ipc_buffer *buf, uintptr_t va);
/* `t` was configured to run in `s`: `s` lives at least as long. */
void space_add_thread(struct space *s, struct tcb *t);
/*
 * Destroy everything made from `u` and its descendants (CapRevoke on a W
 * cap to a split untyped), in bounded steps (objects_reap_step): every
 * thread running in a space charged to them (or using an IPC buffer frame
 * charged to them) is killed, every cap anywhere to an object charged to
 * them is deleted, and every mapping in other spaces of a frame or through
 * a page table charged to them is removed; the objects' pages come back as
 * they die. `u` itself and its caps stay. One revoke at a time:
 * untyped_revoke_busy() says whether one is under way.
 */
void untyped_revoke_begin(struct untyped *u);
bool untyped_revoke_busy(void);
/* Bumped by everything that can add a reference a revoke pass has already
 * looked past: a cap copied, minted, moved, installed or received, a
 * mapping added, a thread configured or given an IPC buffer. */
extern uint64_t kernel_ref_epoch;
/* Is s[0..len) a valid thread name (KABI_NAME_MAX, [A-Za-z0-9_.-])? */
bool thread_name_ok(const char *s, size_t len);
/*
 * Take `t` off the CPU now and end its libipc half (ipc_thread_destroy_some,
 * X6: it leaves every queue, callers waiting on its replies get PEER_GONE,
 * KERNEL_CHUNK_CALLERS a step) in later objects_reap_step()s, since hooks
 * may not call into libipc. `final`
 * is TCB_STOPPED (a fault ended it; kept for the record) or TCB_DEAD.
 */
void thread_end_later(struct tcb *t, enum tcb_state final);
/*
 * Delete the cap in `slot` (ipc_cap_delete). If it is the last cap to an
 * endpoint or notification with waiters, the kernel takes it instead,
 * where no thread can use it, and the waiters wake in later steps (X5,
 * KERNEL_CHUNK_WAITERS a step), then the object goes. Errors as
 * ipc_cap_delete().
 */
struct ipc_ret object_cap_delete(struct ipc_cspace *cs, uint32_t slot);
/*
 * Teardown in bounded steps (docs/kernel.md "Bounded kernel work"): one
 * step of whatever is pending (threads to end, objects draining, dead
 * spaces, the revoke), on every kernel exit. True if work is left.
 */
bool objects_reap_step(void);
bool objects_pending(void);
/* What one step does at most. */
#define KERNEL_CHUNK_THREADS 8u                 /* threads ended, killed or looked at */
#define KERNEL_CHUNK_SLOTS 16u                  /* CSpace slots emptied or looked at */
#define KERNEL_CHUNK_WAITERS KABI_CHUNK_WAITERS /* waiters woken by a destroy (X5) */
#define KERNEL_CHUNK_CAPS KABI_CHUNK_CAPS       /* units of a CapRevoke's revoke (C9), an entry */
/* Callers of one thread woken by a step (X6): the threads a step ends
 * together wake at most KERNEL_CHUNK_WAITERS. */
#define KERNEL_CHUNK_CALLERS (KERNEL_CHUNK_WAITERS / KERNEL_CHUNK_THREADS)
_Static_assert(KERNEL_CHUNK_CALLERS >= 1, "a step ends a thread's destroy with at least one caller");
#define KERNEL_CHUNK_ENTRIES 512u /* page-table entries looked at (ARCH_WALK_PAGE_COST a mapped page) */
/*
 * Typed cap lookups for system calls: the object if slot `slot` (a raw
 * register value) holds a cap of that type with at least `rights`, else
 * NULL and *err = BAD_SLOT / EMPTY_SLOT / WRONG_TYPE / NO_RIGHTS. Once *err
 * is set further lookups return NULL and keep it. On kernel objects W means
 * "may change it" (map into a space, configure or start a thread, retype
 * from an untyped) and R "may read from it" (the source of a share).
 */
struct space *cap_space(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err);
struct tcb *cap_thread(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err);
struct untyped *cap_untyped(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err);
struct ipc_ntfn *cap_ntfn(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err);

/* ---- scheduler (sched.c) ---- */
/* this_cpu()->cur (<kernel/cpu.h>): the thread whose registers this core's
 * next kernel exit loads. */
void sched_ready(struct tcb *t);   /* make ready (tail of its queue) */
void sched_unready(struct tcb *t); /* leave the run queue if on it */
void sched_hint(struct ipc_ret r); /* apply libipc's who-runs-next */
void sched_yield(void);
/* A core other than the boot core, started: with the kernel lock held,
 * run its threads (kernel_exit()), idling while it has none. */
_Noreturn void sched_idle_core(void);
/* Timer interrupt: expire this core's deadlines; on a periodic tick also
 * age its running thread's time slice. */
void sched_timer(bool tick);
/* This core was kicked (PLATFORM_IRQ_KICK): re-arm its alarm. */
void sched_kicked(void);
void sched_stop(struct tcb *t, enum tcb_state why);
/* Change a thread's priority (libipc re-sorts its wait queue, Q1). */
void sched_set_prio(struct tcb *t, uint8_t prio);
/* `s` is about to be freed: never switch to its tables again without
 * loading them. */
void sched_forget_space(const struct space *s);
/* Several cores (docs/kernel.md, "Cores: placement"). Is `t` the thread
 * another core runs (its `cur`: at EL0, or stopped from here and kicked
 * but not yet out)? Then its TCB must stay. */
bool sched_running_elsewhere(const struct tcb *t);
/* Does another core's TTBR0 hold the tables of `s`? Each such core is
 * kicked (its thread there has been stopped) and the caller tries again
 * later. */
bool sched_space_elsewhere(const struct space *s);
/* `t` is about to be freed: no core's FP/PMU owner or move list names it. */
void sched_forget_thread(struct tcb *t);
/* Move `t` to core `to` (online): at once, or, while its state is live on
 * another core (it runs there, or its FP/PMU registers are that core's),
 * by that core at its next kernel exit (it is kicked). */
void sched_move(struct tcb *t, unsigned to);
/* Interrupt the core that runs `t` if another core does (after a change
 * of its priority there). */
void sched_kick_running(const struct tcb *t);
/* `t` was just stopped (no longer RUNNING): if another core runs it, that
 * core is kicked and, until it has chosen again, makes no call or fault
 * of `t` (its fast path declines, trap_syscall() drops it). */
void sched_evict(const struct tcb *t);
void timeout_add(struct tcb *t);
void timeout_remove(struct tcb *t);

/* ---- user memory (vm.c) ---- */
/* Copy between kernel memory and the user range of `s`, checking each page
 * is mapped for user access (and writable for copy_to_user). 0 or KABI_E_BAD_ADDRESS. */
int copy_from_user(struct space *s, void *dst, uintptr_t uva, size_t len);
int copy_to_user(struct space *s, uintptr_t uva, const void *src, size_t len);
/* Is [uva, uva+len) mapped for user access with at least `need` rights? */
bool user_range_mapped(struct space *s, uintptr_t uva, size_t len, unsigned need);
/* Kernel pointer to a whole user page mapped R+W in `s`, or NULL. */
void *user_page_rw(struct space *s, uintptr_t uva);
/* Write into user-mapped pages of `s`, ignoring the user's W right on the
 * frames `s` owns (not on shares or the boot image: ARCH_PERM_ALIAS). */
int space_load(struct space *s, uintptr_t uva, const void *src, size_t len);
/* Would space_load() accept all of [uva, uva+len)? */
bool space_loadable(struct space *s, uintptr_t uva, size_t len);
int space_map_new(struct space *s, uintptr_t va, size_t pages, unsigned perms, struct untyped *u);
/* The same, checking all of [va, va + pages) but mapping only the first
 * `now` pages of it: one kernel entry of a restarted SpaceMap. */
int space_map_part(struct space *s, uintptr_t va, size_t pages, size_t now, unsigned perms,
                   struct untyped *u);
/*
 * Pages a SpaceMap, SpaceShare or SpaceUnmap handles in one kernel entry (with
 * interrupts masked). A longer call maps or unmaps this many, advances its
 * own address and page-count registers and re-executes its `svc` (seL4's
 * restart): interrupts are taken in between, and each entry is bounded.
 */
#define KERNEL_CHUNK_PAGES KABI_CHUNK_PAGES
/* Unmap whatever is mapped in [va, va + pages pages) of `s`: each frame
 * loses a reference, the TLB entries go (by ASID and address). */
int space_unmap(struct space *s, uintptr_t va, size_t pages);
/* Page tables charged to `u` (the caller's untyped); all or nothing. */
int space_share(struct space *dst, uintptr_t dva, struct space *src, uintptr_t sva, size_t pages,
                unsigned perms, struct untyped *u);
/* The same, checking all `pages` but sharing only the first `now`. */
int space_share_part(struct space *dst, uintptr_t dva, struct space *src, uintptr_t sva, size_t pages,
                     size_t now, unsigned perms, struct untyped *u);

/* ---- system calls and faults (syscall.c, fault.c) ---- */
void syscall_dispatch(struct tcb *t);
/* Write the final result of a finished syscall (at once, or when its
 * thread wakes: syscall_complete_woken()). */
void syscall_complete(struct tcb *t, int status);
/* The same for a thread that blocked in the call and wakes now. */
void syscall_complete_woken(struct tcb *t, int status);
void fault_raise(struct tcb *t, unsigned kind, uintptr_t addr, uint64_t syndrome, uintptr_t pc);
/* A thread blocked in a fault Call woke: resume or stop it. */
void fault_wake(struct tcb *t);

/* ---- invariants (check.c; docs/kernel.md "The invariant check") ---- */
/* What one walk of the kernel's state found: the first invariant broken
 * (NULL: none) and the object it concerns, and the counts both halves
 * (objects_check, sched_check) compare. */
struct kcheck {
	const char *broken;
	const void *where;
	unsigned threads, running, ready, blocked, deadlines, zombies; /* by the pool walk */
	unsigned rq_ready, rq_running, heap;                           /* by the scheduler's walk */
	unsigned objects, spaces, caps;
	uint64_t pages_used, pages_free;
};
/* Record `what` as broken (at `where`) unless `ok`; the first one stays. */
bool kcheck(struct kcheck *k, bool ok, const char *what, const void *where);
/* Is `p` a pool page in use holding an object of KOBJ_* `kind`? */
bool page_holds(const void *p, unsigned kind);
/* Every object through the pool's table, the lists of object.c, the
 * untyped accounting, the page pool and the ASIDs (object.c). */
void objects_check(struct kcheck *k);
/* Every core's run queue, current thread, threads to move and deadline
 * heap (sched.c). */
void sched_check(struct kcheck *k);
/* At halt: walk everything, print "kernel: invariants hold: ..." or
 * "kernel: INVARIANT BROKEN: ..."; true if they hold. */
bool kernel_check(void);

/* ---- boot (boot.c) ---- */
/* The root task's untyped (slot 3): every other descends from it. */
extern struct untyped root_untyped;
void boot_root_task(void);

#endif
