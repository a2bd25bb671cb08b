/*
 * User-side system call stubs: one inline `svc` per call, following the
 * register ABI in <uapi/kabi.h>. IPC wrappers put message words 0..3 in
 * registers and words 4.. in the calling thread's IPC buffer, whose address
 * the kernel keeps in TPIDR_EL0 (set when the thread starts). Received
 * words 0..3 come back in registers; all received words are also in the
 * IPC buffer. Concurrency: a thread's IPC buffer is its own; nothing here
 * is shared between threads.
 */
#ifndef USER_SYS_H
#define USER_SYS_H

#include <ipc/ipc.h>
#include <stdint.h>
#include <uapi/kabi.h>

/* The ABI slots 0..KABI_NREGS-1 of one call, in or out (<uapi/syscall.h>).
 * Fill and read them by the KABI_* names, never by position:
 * U_ARGS([KABI_MAP_SPACE] = space, [KABI_MAP_VA] = va, ...). */
struct u_regs {
	uint64_t r[KABI_NREGS];
};
#define U_ARGS(...) ((struct u_regs){{__VA_ARGS__}})

/* Slot n is register xn and the call number goes in x8, as the kernel's
 * <arch/sysabi.h> has it. U_SVC_BIND declares the registers, U_SVC_OUT lists
 * them as asm operands and U_SVC_RESULT collects them, so that a caller
 * that wraps the svc in more instructions (system/bench/bench.h) binds
 * them in the same one place. */
_Static_assert(KABI_NREGS == 8 && KABI_REG_SYSNO == 8, "U_SVC_BIND: x0..x7 carry the slots, x8 the number");
#define U_SVC_BIND(no, a)                                                                                    \
	register uint64_t x0 __asm__("x0") = (a).r[0];                                                       \
	register uint64_t x1 __asm__("x1") = (a).r[1];                                                       \
	register uint64_t x2 __asm__("x2") = (a).r[2];                                                       \
	register uint64_t x3 __asm__("x3") = (a).r[3];                                                       \
	register uint64_t x4 __asm__("x4") = (a).r[4];                                                       \
	register uint64_t x5 __asm__("x5") = (a).r[5];                                                       \
	register uint64_t x6 __asm__("x6") = (a).r[6];                                                       \
	register uint64_t x7 __asm__("x7") = (a).r[7];                                                       \
	register uint64_t x8 __asm__("x8") = (no)
#define U_SVC_OUT "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7)
#define U_SVC_RESULT ((struct u_regs){{x0, x1, x2, x3, x4, x5, x6, x7}})

static inline struct u_regs u_syscall(uint64_t no, struct u_regs a)
{
	U_SVC_BIND(no, a);
	__asm__ volatile("svc #0" : U_SVC_OUT : "r"(x8) : "memory");
	return U_SVC_RESULT;
}

/* A call's status: 0 or a negative IPC_E_* / KABI_E_* value. */
static inline long u_status(struct u_regs r)
{
	return (long)r.r[KABI_RET_STATUS];
}

static inline long u_sys(uint64_t no, struct u_regs a)
{
	return u_status(u_syscall(no, a));
}

static inline struct ipc_buffer *u_ipcbuf(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(v));
	return (struct ipc_buffer *)v;
}

/* The receive info of the last message received with caps (u_msg.ncaps >
 * 0): the caps' outcomes, slots and badges. A message without caps does not
 * rewrite it; everything it carries is in struct u_msg. */
static inline const struct ipc_recv_info *u_recv_info(void)
{
	return (const struct ipc_recv_info *)((char *)u_ipcbuf() + KABI_RECV_INFO_OFFSET);
}

/* What a receiving call returns (SEMANTICS M3). w[0..3] mirror the first
 * words; u_ipcbuf()->words[] holds all `len` of them. */
struct u_msg {
	long err;
	uint64_t label;
	uint32_t len, ncaps;
	uint64_t badge;
	uint32_t kind; /* enum ipc_event_kind */
	uint64_t w[KABI_REG_WORDS];
};

/* Outgoing message: label, words (copied: first 4 to registers, the rest to
 * the IPC buffer unless `w` already is the buffer), caps described in
 * u_ipcbuf()->caps[0..ncaps). */
struct u_out {
	uint64_t label;
	const uint64_t *w;
	uint32_t len, ncaps;
};

/* The IPC arguments of `o`: msginfo and the first words in their slots,
 * the rest of the words in the IPC buffer. */
static inline void u_prepare(struct u_out o, struct u_regs *a)
{
	struct ipc_buffer *b = u_ipcbuf();
	a->r[KABI_ARG_MSGINFO] = KABI_MSGINFO(o.label, o.ncaps, o.len);
	for (uint32_t i = 0; i < KABI_REG_WORDS; i++)
		a->r[KABI_ARG_WORD0 + i] = (o.w && i < o.len) ? o.w[i] : 0;
	if (o.w && o.w != b->words)
		for (uint32_t i = KABI_REG_WORDS; i < o.len && i < IPC_MSG_MAX_WORDS; i++)
			b->words[i] = o.w[i];
}

static inline struct u_msg u_result(struct u_regs s)
{
	uint64_t mi = s.r[KABI_RET_MSGINFO];
	struct u_msg m = {u_status(s),
	                  KABI_MI_LABEL(mi),
	                  (uint32_t)KABI_MI_LEN(mi),
	                  (uint32_t)KABI_MI_NCAPS(mi),
	                  s.r[KABI_RET_BADGE],
	                  (uint32_t)s.r[KABI_RET_KIND],
	                  {0}};
	for (uint32_t i = 0; i < KABI_REG_WORDS; i++)
		m.w[i] = s.r[KABI_RET_WORD0 + i];
	return m;
}

/* An IPC call: `slot2` goes to KABI_ARG_SLOT2 (the reply object, or
 * NBSendRecv's pair of slots). */
static inline struct u_msg u_ipc(uint64_t no, uint32_t slot, struct u_out o, uint64_t slot2,
                                 uint64_t timeout_us)
{
	struct u_regs a =
	    U_ARGS([KABI_ARG_SLOT] = slot, [KABI_ARG_SLOT2] = slot2, [KABI_ARG_TIMEOUT] = timeout_us);
	u_prepare(o, &a);
	return u_result(u_syscall(no, a));
}

#define U_NONE IPC_SLOT_NONE

static inline long u_send(uint32_t ep, struct u_out o, uint64_t timeout_us)
{
	return u_ipc(SYS_SEND, ep, o, 0, timeout_us).err;
}
static inline long u_nbsend(uint32_t ep, struct u_out o)
{
	return u_ipc(SYS_NBSEND, ep, o, 0, 0).err;
}
static inline struct u_msg u_call(uint32_t ep, struct u_out o, uint64_t timeout_us)
{
	return u_ipc(SYS_CALL, ep, o, 0, timeout_us);
}
static inline struct u_msg u_recv(uint32_t ep, uint32_t reply, uint64_t timeout_us)
{
	return u_ipc(SYS_RECV, ep, (struct u_out){0, 0, 0, 0}, reply, timeout_us);
}
static inline struct u_msg u_nbrecv(uint32_t ep, uint32_t reply)
{
	return u_ipc(SYS_NBRECV, ep, (struct u_out){0, 0, 0, 0}, reply, 0);
}
static inline long u_reply(uint32_t reply, struct u_out o)
{
	return u_ipc(SYS_REPLY, reply, o, 0, 0).err;
}
static inline struct u_msg u_reply_recv(uint32_t ep, uint32_t reply, struct u_out o, uint64_t timeout_us)
{
	return u_ipc(SYS_REPLY_RECV, ep, o, reply, timeout_us);
}
static inline struct u_msg u_nbsend_recv(uint32_t send_ep, struct u_out o, uint32_t recv, uint32_t reply,
                                         uint64_t timeout_us)
{
	return u_ipc(SYS_NBSEND_RECV, send_ep, o,
	             (uint64_t)recv | (uint64_t)reply << KABI_NBSEND_RECV_REPLY_SHIFT, timeout_us);
}
static inline long u_signal(uint32_t ntfn)
{
	return u_sys(SYS_SIGNAL, U_ARGS([KABI_ARG_SLOT] = ntfn));
}
static inline struct u_msg u_wait(uint32_t ntfn, uint64_t timeout_us)
{
	return u_result(u_syscall(SYS_WAIT, U_ARGS([KABI_ARG_SLOT] = ntfn, [KABI_ARG_TIMEOUT] = timeout_us)));
}
static inline struct u_msg u_poll(uint32_t ntfn)
{
	return u_result(u_syscall(SYS_POLL, U_ARGS([KABI_ARG_SLOT] = ntfn)));
}
static inline void u_yield(void)
{
	u_sys(SYS_YIELD, U_ARGS(0));
}

/* Capability slots (own CSpace). */
static inline long u_cap_copy(uint32_t src, uint32_t dst)
{
	return u_sys(SYS_CAP_COPY, U_ARGS([KABI_CAP_SRC] = src, [KABI_CAP_DST] = dst));
}
static inline long u_cap_mint(uint32_t src, uint32_t dst, uint32_t rights, uint64_t badge)
{
	return u_sys(SYS_CAP_MINT, U_ARGS([KABI_CAP_SRC] = src, [KABI_CAP_DST] = dst,
	                                  [KABI_MINT_RIGHTS] = rights, [KABI_MINT_BADGE] = badge));
}
static inline long u_cap_move(uint32_t src, uint32_t dst)
{
	return u_sys(SYS_CAP_MOVE, U_ARGS([KABI_CAP_SRC] = src, [KABI_CAP_DST] = dst));
}
static inline long u_cap_delete(uint32_t slot)
{
	return u_sys(SYS_CAP_DELETE, U_ARGS([KABI_CAP_SRC] = slot));
}
static inline long u_cap_revoke(uint32_t slot)
{
	return u_sys(SYS_CAP_REVOKE, U_ARGS([KABI_CAP_SRC] = slot));
}
static inline long u_cap_cancel_badged_sends(uint32_t slot)
{
	return u_sys(SYS_CAP_CANCEL_BADGED_SENDS, U_ARGS([KABI_CAP_SRC] = slot));
}
static inline long u_ntfn_bind(uint32_t ntfn, uint32_t thread)
{
	return u_sys(SYS_NTFN_BIND, U_ARGS([KABI_BIND_NTFN] = ntfn, [KABI_BIND_THREAD] = thread));
}
static inline long u_ntfn_unbind(uint32_t thread)
{
	return u_sys(SYS_NTFN_UNBIND, U_ARGS([KABI_THREAD] = thread));
}

/* Building a system. */
static inline long u_retype(uint32_t untyped, unsigned type, uint32_t dst)
{
	return u_sys(
	    SYS_RETYPE,
	    U_ARGS([KABI_RETYPE_UNTYPED] = untyped, [KABI_RETYPE_TYPE] = type, [KABI_RETYPE_DST] = dst));
}
/* A child untyped of `pages` pages, paid (its page and its budget) from `untyped`. */
static inline long u_untyped_split(uint32_t untyped, uint32_t dst, uint64_t pages)
{
	return u_sys(SYS_RETYPE, U_ARGS([KABI_RETYPE_UNTYPED] = untyped, [KABI_RETYPE_TYPE] = KOBJ_UNTYPED,
	                                [KABI_RETYPE_DST] = dst, [KABI_RETYPE_PAGES] = pages));
}
struct u_untyped_info {
	long err;
	uint64_t pages_left, budget, pool_free, asids_free;
};
static inline struct u_untyped_info u_untyped_info(uint32_t untyped)
{
	struct u_regs r = u_syscall(SYS_UNTYPED_INFO, U_ARGS([KABI_INFO_UNTYPED] = untyped));
	return (struct u_untyped_info){u_status(r), r.r[KABI_INFO_PAGES_LEFT], r.r[KABI_INFO_BUDGET],
	                               r.r[KABI_INFO_POOL_FREE], r.r[KABI_INFO_ASIDS_FREE]};
}
static inline long u_space_unmap(uint32_t space, uintptr_t va, uint64_t pages)
{
	return u_sys(SYS_SPACE_UNMAP,
	             U_ARGS([KABI_UNMAP_SPACE] = space, [KABI_UNMAP_VA] = va, [KABI_UNMAP_PAGES] = pages));
}
static inline long u_space_map(uint32_t space, uintptr_t va, uint64_t pages, unsigned perms, uint32_t untyped)
{
	return u_sys(SYS_SPACE_MAP,
	             U_ARGS([KABI_MAP_SPACE] = space, [KABI_MAP_VA] = va, [KABI_MAP_PAGES] = pages,
	                    [KABI_MAP_PERMS] = perms, [KABI_MAP_UNTYPED] = untyped));
}
/* Page tables the share needs are charged to `untyped` (W), the caller's. */
static inline long u_space_share(uint32_t dst, uintptr_t dva, uint32_t src, uintptr_t sva, uint64_t pages,
                                 unsigned perms, uint32_t untyped)
{
	return u_sys(SYS_SPACE_SHARE,
	             U_ARGS([KABI_SHARE_DST] = dst, [KABI_SHARE_DST_VA] = dva, [KABI_SHARE_SRC] = src,
	                    [KABI_SHARE_SRC_VA] = sva, [KABI_SHARE_PAGES] = pages, [KABI_SHARE_PERMS] = perms,
	                    [KABI_SHARE_UNTYPED] = untyped));
}
static inline long u_space_write(uint32_t space, uintptr_t dva, const void *src, uint64_t len)
{
	return u_sys(SYS_SPACE_WRITE, U_ARGS([KABI_WRITE_SPACE] = space, [KABI_WRITE_DST_VA] = dva,
	                                     [KABI_WRITE_SRC] = (uintptr_t)src, [KABI_WRITE_LEN] = len));
}
static inline long u_cap_install(uint32_t space, uint32_t dst, uint32_t src, uint32_t rights, uint64_t badge)
{
	return u_sys(SYS_CAP_INSTALL,
	             U_ARGS([KABI_INSTALL_SPACE] = space, [KABI_INSTALL_DST] = dst, [KABI_INSTALL_SRC] = src,
	                    [KABI_INSTALL_RIGHTS] = rights, [KABI_INSTALL_BADGE] = badge));
}
static inline long u_thread_configure(uint32_t thread, uint32_t space, uintptr_t ipcbuf, unsigned prio,
                                      uint32_t fault_slot)
{
	return u_sys(
	    SYS_THREAD_CONFIGURE,
	    U_ARGS([KABI_CONF_THREAD] = thread, [KABI_CONF_SPACE] = space, [KABI_CONF_IPCBUF] = ipcbuf,
	           [KABI_CONF_PRIO] = prio, [KABI_CONF_FAULT] = fault_slot));
}
static inline long u_thread_start(uint32_t thread, uintptr_t pc, uintptr_t sp, uint64_t arg)
{
	return u_sys(SYS_THREAD_START, U_ARGS([KABI_START_THREAD] = thread, [KABI_START_PC] = pc,
	                                      [KABI_START_SP] = sp, [KABI_START_ARG] = arg));
}
static inline long u_thread_set_ipcbuf(uint32_t thread, uintptr_t va)
{
	return u_sys(SYS_THREAD_SET_IPCBUF, U_ARGS([KABI_THREAD] = thread, [KABI_IPCBUF_VA] = va));
}
static inline _Noreturn void u_thread_exit(void)
{
	u_sys(SYS_THREAD_EXIT, U_ARGS(0));
	for (;;)
		;
}
static inline long u_thread_set_prio(uint32_t thread, unsigned prio)
{
	return u_sys(SYS_THREAD_SET_PRIO, U_ARGS([KABI_THREAD] = thread, [KABI_PRIO_PRIO] = prio));
}
static inline long u_thread_set_cpu(uint32_t thread, uint64_t cpu)
{
	return u_sys(SYS_THREAD_SET_CPU, U_ARGS([KABI_THREAD] = thread, [KABI_CPU_CPU] = cpu));
}
static inline long u_thread_suspend(uint32_t thread)
{
	return u_sys(SYS_THREAD_SUSPEND, U_ARGS([KABI_THREAD] = thread));
}
static inline long u_thread_resume(uint32_t thread)
{
	return u_sys(SYS_THREAD_RESUME, U_ARGS([KABI_THREAD] = thread));
}
static inline long u_debug_puts(const char *s, uint64_t len)
{
	return u_sys(SYS_DEBUG_PUTS, U_ARGS([KABI_PUTS_PTR] = (uintptr_t)s, [KABI_PUTS_LEN] = len));
}
/* Name a thread that has not run yet: its console lines read "[name] ...". */
static inline long u_thread_set_name(uint32_t thread, const char *name, uint64_t len)
{
	return u_sys(
	    SYS_THREAD_SET_NAME,
	    U_ARGS([KABI_THREAD] = thread, [KABI_NAME_PTR] = (uintptr_t)name, [KABI_NAME_LEN] = len));
}
static inline long u_debug_halt(int status, uint32_t untyped)
{
	return u_sys(SYS_DEBUG_HALT,
	             U_ARGS([KABI_HALT_STATUS] = (uint64_t)status, [KABI_HALT_UNTYPED] = untyped));
}

/* Instructions retired so far, at EL0 and EL1: the PMU event counter the
 * kernel runs on them (KABI_PMU_INSN_COUNTER; EL0 may read it, exact under
 * -icount). The isb keeps the read after the instructions before it. */
_Static_assert(KABI_PMU_INSN_COUNTER == 0, "u_insns() reads pmevcntr0_el0");
static inline uint64_t u_insns(void)
{
	uint64_t v;
	__asm__ volatile("isb; mrs %0, pmevcntr0_el0" : "=r"(v)::"memory");
	return v;
}

/* Time from the virtual counter (EL0 may read it; see mmu.c). */
static inline uint64_t u_now_us(void)
{
	uint64_t c, f;
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(c)::"memory");
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return c / (f / 1000000u);
}

#endif
