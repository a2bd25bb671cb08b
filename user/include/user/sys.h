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

struct u_sysret {
	long x0;
	uint64_t x1, x2, x3, x4, x5, x6, x7;
};

static inline struct u_sysret u_syscall(uint64_t no, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                                        uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x6 __asm__("x6") = a6;
	register uint64_t x7 __asm__("x7") = a7;
	register uint64_t x8 __asm__("x8") = no;
	__asm__ volatile("svc #0"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7)
	                 : "r"(x8)
	                 : "memory");
	return (struct u_sysret){(long)x0, x1, x2, x3, x4, x5, x6, x7};
}

static inline long u_sys(uint64_t no, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                         uint64_t a5)
{
	return u_syscall(no, a0, a1, a2, a3, a4, a5, 0, 0).x0;
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
	uint64_t w[4];
};

/* Outgoing message: label, words (copied: first 4 to registers, the rest to
 * the IPC buffer unless `w` already is the buffer), caps described in
 * u_ipcbuf()->caps[0..ncaps). */
struct u_out {
	uint64_t label;
	const uint64_t *w;
	uint32_t len, ncaps;
};

static inline uint64_t u_prepare(struct u_out o, uint64_t r[4])
{
	struct ipc_buffer *b = u_ipcbuf();
	for (uint32_t i = 0; i < 4; i++)
		r[i] = (o.w && i < o.len) ? o.w[i] : 0;
	if (o.w && o.w != b->words)
		for (uint32_t i = 4; i < o.len && i < IPC_MSG_MAX_WORDS; i++)
			b->words[i] = o.w[i];
	return KABI_MSGINFO(o.label, o.ncaps, o.len);
}

static inline struct u_msg u_result(struct u_sysret s)
{
	return (struct u_msg){
	    s.x0, KABI_MI_LABEL(s.x1), (uint32_t)KABI_MI_LEN(s.x1), (uint32_t)KABI_MI_NCAPS(s.x1),
	    s.x6, (uint32_t)s.x7,      {s.x2, s.x3, s.x4, s.x5}};
}

static inline struct u_msg u_ipc(uint64_t no, uint32_t slot, struct u_out o, uint64_t x6, uint64_t timeout_us)
{
	uint64_t r[4];
	uint64_t mi = u_prepare(o, r);
	return u_result(u_syscall(no, slot, mi, r[0], r[1], r[2], r[3], x6, timeout_us));
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
	return u_sys(SYS_SIGNAL, ntfn, 0, 0, 0, 0, 0);
}
static inline struct u_msg u_wait(uint32_t ntfn, uint64_t timeout_us)
{
	return u_result(u_syscall(SYS_WAIT, ntfn, 0, 0, 0, 0, 0, 0, timeout_us));
}
static inline struct u_msg u_poll(uint32_t ntfn)
{
	return u_result(u_syscall(SYS_POLL, ntfn, 0, 0, 0, 0, 0, 0, 0));
}
static inline void u_yield(void)
{
	u_sys(SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

/* Capability slots (own CSpace). */
static inline long u_cap_copy(uint32_t src, uint32_t dst)
{
	return u_sys(SYS_CAP_COPY, src, dst, 0, 0, 0, 0);
}
static inline long u_cap_mint(uint32_t src, uint32_t dst, uint32_t rights, uint64_t badge)
{
	return u_sys(SYS_CAP_MINT, src, dst, rights, badge, 0, 0);
}
static inline long u_cap_move(uint32_t src, uint32_t dst)
{
	return u_sys(SYS_CAP_MOVE, src, dst, 0, 0, 0, 0);
}
static inline long u_cap_delete(uint32_t slot)
{
	return u_sys(SYS_CAP_DELETE, slot, 0, 0, 0, 0, 0);
}
static inline long u_cap_revoke(uint32_t slot)
{
	return u_sys(SYS_CAP_REVOKE, slot, 0, 0, 0, 0, 0);
}
static inline long u_cap_cancel_badged_sends(uint32_t slot)
{
	return u_sys(SYS_CAP_CANCEL_BADGED_SENDS, slot, 0, 0, 0, 0, 0);
}
static inline long u_ntfn_bind(uint32_t ntfn, uint32_t thread)
{
	return u_sys(SYS_NTFN_BIND, ntfn, thread, 0, 0, 0, 0);
}
static inline long u_ntfn_unbind(uint32_t thread)
{
	return u_sys(SYS_NTFN_UNBIND, thread, 0, 0, 0, 0, 0);
}

/* Building a system. */
static inline long u_retype(uint32_t untyped, unsigned type, uint32_t dst)
{
	return u_sys(SYS_RETYPE, untyped, type, dst, 0, 0, 0);
}
/* A child untyped of `pages` pages, paid (its page and its budget) from `untyped`. */
static inline long u_untyped_split(uint32_t untyped, uint32_t dst, uint64_t pages)
{
	return u_sys(SYS_RETYPE, untyped, KOBJ_UNTYPED, dst, pages, 0, 0);
}
struct u_untyped_info {
	long err;
	uint64_t pages_left, budget, pool_free, asids_free;
};
static inline struct u_untyped_info u_untyped_info(uint32_t untyped)
{
	struct u_sysret r = u_syscall(SYS_UNTYPED_INFO, untyped, 0, 0, 0, 0, 0, 0, 0);
	return (struct u_untyped_info){r.x0, r.x1, r.x2, r.x3, r.x4};
}
static inline long u_space_unmap(uint32_t space, uintptr_t va, uint64_t pages)
{
	return u_sys(SYS_SPACE_UNMAP, space, va, pages, 0, 0, 0);
}
static inline long u_space_map(uint32_t space, uintptr_t va, uint64_t pages, unsigned perms, uint32_t untyped)
{
	return u_sys(SYS_SPACE_MAP, space, va, pages, perms, untyped, 0);
}
/* Page tables the share needs are charged to `untyped` (W), the caller's. */
static inline long u_space_share(uint32_t dst, uintptr_t dva, uint32_t src, uintptr_t sva, uint64_t pages,
                                 unsigned perms, uint32_t untyped)
{
	return u_syscall(SYS_SPACE_SHARE, dst, dva, src, sva, pages, perms, untyped, 0).x0;
}
static inline long u_space_write(uint32_t space, uintptr_t dva, const void *src, uint64_t len)
{
	return u_sys(SYS_SPACE_WRITE, space, dva, (uintptr_t)src, len, 0, 0);
}
static inline long u_cap_install(uint32_t space, uint32_t dst, uint32_t src, uint32_t rights, uint64_t badge)
{
	return u_sys(SYS_CAP_INSTALL, space, dst, src, rights, badge, 0);
}
static inline long u_thread_configure(uint32_t thread, uint32_t space, uintptr_t ipcbuf, unsigned prio,
                                      uint32_t fault_slot)
{
	return u_sys(SYS_THREAD_CONFIGURE, thread, space, ipcbuf, prio, fault_slot, 0);
}
static inline long u_thread_start(uint32_t thread, uintptr_t pc, uintptr_t sp, uint64_t arg)
{
	return u_sys(SYS_THREAD_START, thread, pc, sp, arg, 0, 0);
}
static inline long u_thread_set_ipcbuf(uint32_t thread, uintptr_t va)
{
	return u_sys(SYS_THREAD_SET_IPCBUF, thread, va, 0, 0, 0, 0);
}
static inline _Noreturn void u_thread_exit(void)
{
	u_sys(SYS_THREAD_EXIT, 0, 0, 0, 0, 0, 0);
	for (;;)
		;
}
static inline long u_thread_set_prio(uint32_t thread, unsigned prio)
{
	return u_sys(SYS_THREAD_SET_PRIO, thread, prio, 0, 0, 0, 0);
}
static inline long u_thread_suspend(uint32_t thread)
{
	return u_sys(SYS_THREAD_SUSPEND, thread, 0, 0, 0, 0, 0);
}
static inline long u_thread_resume(uint32_t thread)
{
	return u_sys(SYS_THREAD_RESUME, thread, 0, 0, 0, 0, 0);
}
static inline long u_debug_puts(const char *s, uint64_t len)
{
	return u_sys(SYS_DEBUG_PUTS, (uintptr_t)s, len, 0, 0, 0, 0);
}
/* Name a thread that has not run yet: its console lines read "[name] ...". */
static inline long u_thread_set_name(uint32_t thread, const char *name, uint64_t len)
{
	return u_sys(SYS_THREAD_SET_NAME, thread, (uintptr_t)name, len, 0, 0, 0);
}
static inline long u_debug_halt(int status, uint32_t untyped)
{
	return u_sys(SYS_DEBUG_HALT, (uint64_t)status, untyped, 0, 0, 0, 0);
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
