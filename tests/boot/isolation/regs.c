/*
 * "isolation" test, registers: two instances (arg 0 = client A, 1 = server
 * B, same priority) load every general register, NZCV and TPIDR_EL0 with
 * their own pattern (regs.S) and check what comes back from yields, failed
 * syscalls, a spin the timer preempts, and Call/ReplyRecv between them:
 * only the documented result registers may change (x0; for a receive
 * x1..x7, and x2..x5 beyond the message length must be 0, never the
 * sender's registers), nothing of the peer's registers or IPC buffer beyond
 * the message length arrives, and PMSELR, FPCR and FPSR stay each thread's
 * own. A also suspends itself; ctl resumes it and its PMSELR must have
 * survived.
 */
#include "comp.h"
#include "isolation_test.h"

void regs_svc(struct rframe *f);
void regs_spin(struct rframe *f);

static unsigned me; /* 0 = A, 1 = B */
static struct rframe fr;
static char why[96]; /* the first mismatch, for the TAP line */

static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
}

static uint64_t pat(unsigned i)
{
	return (me ? 0xb1b1000000000000ul : 0xa1a1000000000000ul) | (uint64_t)i << 8 | 0x5a;
}

/* Secret words: A's message words and buffer, B's. */
static uint64_t sa(unsigned i, unsigned len)
{
	return 0xa5a5000000000000ul | (uint64_t)i << 8 | len;
}
static uint64_t sb(unsigned i, unsigned len)
{
	return 0xb5b5000000000000ul | (uint64_t)i << 8 | len;
}

static void fill(uint64_t sysno)
{
	for (unsigned i = 0; i < 31; i++)
		fr.in[i] = pat(i);
	fr.in[KABI_REG_SYSNO] = sysno;
	fr.in_nzcv = me ? 0x60000000ul : 0x90000000ul; /* ZC / NV */
	fr.in_tpidr = pat(31);
}

/* Every register must be as loaded, except x0 (== x0v) and the registers
 * in `skip`; for the registers in `ovm`, ov[i] instead. */
static bool same(uint64_t x0v, uint32_t skip, uint32_t ovm, const uint64_t *ov, bool flags)
{
	if ((long)fr.out[0] != (long)x0v) {
		say("x0 %lx, not %lx", (unsigned long)fr.out[0], (unsigned long)x0v);
		return false;
	}
	for (unsigned i = 1; i < 31; i++) {
		if (skip & (1u << i))
			continue;
		uint64_t want = (ovm & (1u << i)) ? ov[i] : fr.in[i];
		if (fr.out[i] != want) {
			say("x%u %lx, not %lx", i, (unsigned long)fr.out[i], (unsigned long)want);
			return false;
		}
	}
	if (flags && fr.out_nzcv != fr.in_nzcv) {
		say("NZCV %lx, not %lx", (unsigned long)fr.out_nzcv, (unsigned long)fr.in_nzcv);
		return false;
	}
	if (fr.out_tpidr != fr.in_tpidr) {
		say("TPIDR_EL0 %lx", (unsigned long)fr.out_tpidr);
		return false;
	}
	return true;
}

static uint64_t read_selr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, pmselr_el0" : "=r"(v));
	return v;
}

static uint64_t read_fpcr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, fpcr" : "=r"(v));
	return v;
}

static uint64_t read_fpsr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, fpsr" : "=r"(v));
	return v;
}

/* The peer's secret in our IPC buffer beyond `len` words? */
static bool leaked(unsigned len)
{
	uint64_t peer = me ? 0xa5a5u : 0xb5b5u;
	for (unsigned i = len; i < IPC_MSG_MAX_WORDS; i++)
		if ((u_ipcbuf()->words[i] >> 48) == peer) {
			say("buffer word %u %lx", i, (unsigned long)u_ipcbuf()->words[i]);
			return true;
		}
	return false;
}

static const unsigned lens[] = {0, 1, 2, 3, 4, 6};
#define NLENS (sizeof lens / sizeof lens[0])

static unsigned reply_len(unsigned len)
{
	return len > 4 ? 5 : 4 - len;
}

/* A: Call B with each length; its x2..x5 always hold secrets. */
static void client(void)
{
	bool regs_ok = true, clean = true;
	for (unsigned k = 0; k <= NLENS; k++) {
		unsigned len = k < NLENS ? lens[k] : 0;
		uint64_t label = k < NLENS ? 100 + len : R_LABEL_DONE;
		for (unsigned i = 0; i < IPC_MSG_MAX_WORDS; i++)
			u_ipcbuf()->words[i] = sa(i, len);
		fill(SYS_CALL);
		fr.in[KABI_ARG_SLOT] = SLOT_EP;
		fr.in[KABI_ARG_MSGINFO] = KABI_MSGINFO(label, 0, len);
		for (unsigned i = 0; i < KABI_REG_WORDS; i++)
			fr.in[KABI_ARG_WORD0 + i] = sa(i, len);
		fr.in[KABI_ARG_TIMEOUT] = 0;
		regs_svc(&fr);
		if (k == NLENS)
			break;
		unsigned rl = reply_len(len);
		uint64_t ov[KABI_NREGS] = {
		    [KABI_RET_MSGINFO] = KABI_MSGINFO(200 + len, 0, rl), [KABI_RET_KIND] = IPC_EV_REPLY};
		for (unsigned i = 0; i < KABI_REG_WORDS; i++)
			ov[KABI_RET_WORD0 + i] = i < rl ? sb(i, rl) : 0;
		if (regs_ok && !same(0, 0, 0xfe, ov, true)) {
			regs_ok = false;
			uprintf("regs A: reply to length %u: %s\n", len, why);
		}
		if (clean && (leaked(rl) || (rl == 5 && u_ipcbuf()->words[4] != sb(4, 5)))) {
			clean = false;
			uprintf("regs A: reply of length %u: %s\n", rl, why);
		}
	}
	comp_ok(regs_ok,
	        "regs A: Call returns the reply's msginfo and words in x1..x5 (0 beyond its length), "
	        "badge 0 and REPLY in x6/x7, and its own x8..x30, NZCV, TPIDR_EL0");
	comp_ok(clean,
	        "regs A: no word of the server's registers or buffer beyond the reply's length arrives");
	/* The last Call (DONE) blocked (B waited in ReplyRecv: the fast path
	 * takes it) and B then deleted its reply object: the Call fails after
	 * blocking, and x1..x7 come back 0, never the Call's own arguments or
	 * anything older (the fast path does not save them). */
	uint64_t zero[KABI_NREGS] = {0};
	bool ok = same((uint64_t)IPC_E_PEER_GONE, 0, 0xfe, zero, true);
	comp_ok(ok, "regs A: a Call that fails after blocking returns x1..x7 0 and its own x8..x30 %s",
	        ok ? "" : why);
}

/* B: Recv, then ReplyRecv until A says done; x2..x5 always secrets. */
static void server(void)
{
	bool regs_ok = true, clean = true;
	fill(SYS_RECV);
	fr.in[KABI_ARG_SLOT] = SLOT_EP;
	fr.in[KABI_ARG_SLOT2] = SLOT_REPLY;
	fr.in[KABI_ARG_TIMEOUT] = 0;
	regs_svc(&fr);
	for (unsigned k = 0;; k++) {
		unsigned len = k < NLENS ? lens[k] : 0;
		uint64_t label = k < NLENS ? 100 + len : R_LABEL_DONE;
		uint64_t ov[KABI_NREGS] = {[KABI_RET_MSGINFO] = KABI_MSGINFO(label, 0, len),
		                           [KABI_RET_BADGE] = BADGE_A_EP,
		                           [KABI_RET_KIND] = IPC_EV_CALL};
		for (unsigned i = 0; i < KABI_REG_WORDS; i++)
			ov[KABI_RET_WORD0 + i] = i < len ? sa(i, len) : 0;
		if (regs_ok && !same(0, 0, 0xfe, ov, true)) {
			regs_ok = false;
			uprintf("regs B: message %u: %s\n", k, why);
		}
		if (clean && (leaked(len) || (len == 6 && u_ipcbuf()->words[5] != sa(5, 6)))) {
			clean = false;
			uprintf("regs B: message of length %u: %s\n", len, why);
		}
		if (k == NLENS || fr.out[0] != 0) {
			/* The reply object goes, its caller linked: A's Call
			 * fails (S6) and A checks its registers. */
			comp_ok(u_cap_delete(SLOT_REPLY) == 0,
			        "regs B: deletes its reply object under A's Call");
			break;
		}
		unsigned rl = reply_len(len);
		for (unsigned i = 0; i < IPC_MSG_MAX_WORDS; i++)
			u_ipcbuf()->words[i] = sb(i, rl);
		fill(SYS_REPLY_RECV);
		fr.in[KABI_ARG_SLOT] = SLOT_EP;
		fr.in[KABI_ARG_MSGINFO] = KABI_MSGINFO(200 + len, 0, rl);
		for (unsigned i = 0; i < KABI_REG_WORDS; i++)
			fr.in[KABI_ARG_WORD0 + i] = sb(i, rl);
		fr.in[KABI_ARG_SLOT2] = SLOT_REPLY;
		fr.in[KABI_ARG_TIMEOUT] = 0;
		regs_svc(&fr);
	}
	comp_ok(regs_ok, "regs B: Recv/ReplyRecv return msginfo, the words (0 beyond the length), badge and "
	                 "CALL in x1..x7, and its own x8..x30, NZCV, TPIDR_EL0");
	comp_ok(clean,
	        "regs B: no word of the client's registers or buffer beyond the message length arrives");
}

int main(uintptr_t arg)
{
	me = arg ? 1 : 0;
	const char *n = me ? "regs B" : "regs A";
	uint64_t selr = me ? R_SELR_B : R_SELR_A;
	uint64_t fpcr = me ? 0x00400000ul : 0x03c00000ul; /* RP / RZ, DN, FZ */
	uint64_t fpsr = me ? 0x08000000ul : 0x9ful;       /* QC / every cumulative flag */
	__asm__ volatile("msr pmselr_el0, %0; isb" ::"r"(selr));
	__asm__ volatile("msr fpcr, %0; msr fpsr, %1" ::"r"(fpcr), "r"(fpsr));
	fpcr = read_fpcr(); /* what the CPU keeps of them */
	fpsr = read_fpsr();

	bool ok = true;
	for (unsigned i = 0; i < 20 && ok; i++) {
		fill(SYS_YIELD);
		regs_svc(&fr);
		ok = same(0, 0, 0, 0, true);
	}
	comp_ok(ok, "%s: Yield (20 times, the peer running in between) changes no register but x0 %s", n,
	        ok ? "" : why);

	/* Failed calls: Send to an empty slot, a receive the cap does not
	 * allow (A: W only) or on the wrong type (B: a reply object), a
	 * Retype without an untyped. Only x0 may change. */
	uint64_t calls[3][3] = {
	    {SYS_SEND, 60, (uint64_t)IPC_E_EMPTY_SLOT},
	    {SYS_NBRECV, me ? SLOT_REPLY : SLOT_EP, (uint64_t)(me ? IPC_E_WRONG_TYPE : IPC_E_NO_RIGHTS)},
	    {SYS_RETYPE, 60, (uint64_t)IPC_E_EMPTY_SLOT},
	};
	ok = true;
	for (unsigned i = 0; i < 3 && ok; i++) {
		fill(calls[i][0]);
		fr.in[KABI_ARG_SLOT] = calls[i][1];
		fr.in[KABI_ARG_MSGINFO] = KABI_MSGINFO(1, 0, 2);
		fr.in[KABI_ARG_TIMEOUT] = 0;
		regs_svc(&fr);
		ok = same(calls[i][2], 0, 0, 0, true);
	}
	comp_ok(ok, "%s: failed Send, NBRecv, Retype change no register but x0 %s", n, ok ? "" : why);

	fill(0);
	fr.in[12] = R_SPIN;
	regs_spin(&fr);
	uint64_t hz;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	uint64_t gap_us = fr.out[11] / (hz / 1000000u);
	ok = same(fr.in[0], 0x3e00, 0, 0, false);
	comp_ok(ok && gap_us > 1000,
	        "%s: a spin preempted by the timer (off the CPU up to %lu us) finds every other register, "
	        "TPIDR_EL0 as it left them %s",
	        n, (unsigned long)gap_us, ok ? "" : why);
	comp_ok(read_selr() == selr && read_fpcr() == fpcr && read_fpsr() == fpsr,
	        "%s: PMSELR, FPCR, FPSR still its own after yields and preemption (%lu %lx %lx)", n,
	        (unsigned long)read_selr(), (unsigned long)read_fpcr(), (unsigned long)read_fpsr());

	if (me)
		server();
	else
		client();

	if (!me) {
		(void)u_signal(SLOT_NTFN);
		long e = u_thread_suspend(KABI_SELF); /* ctl resumes us */
		comp_ok(e == 0 && read_selr() == selr && read_fpcr() == fpcr,
		        "regs A: PMSELR (and FPCR) survive ThreadSuspend/Resume while others write theirs "
		        "(%ld %lu)",
		        e, (unsigned long)read_selr());
	}
	comp_done();
	return 0;
}
