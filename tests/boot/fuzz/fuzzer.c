/* "fuzz" test: random system calls (fuzz.sys). */
#include "comp.h"
#include "fuzz_test.h"

static uint64_t state;

static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static uint64_t slot(void)
{
	switch (rnd() % 8) {
	case 0:
		return rnd(); /* wild */
	case 1:
		return IPC_SLOT_NONE;
	default:
		return FZ_SLOT_MIN + rnd() % FZ_SLOT_SPAN;
	}
}

static uint64_t pointer(void)
{
	static const uint64_t p[] = {0,
	                             SYS_KERNEL_VA,
	                             SYS_RAM_BASE,
	                             SYS_UART_BASE,
	                             SYS_UNMAPPED_VA,
	                             SYS_PROGRAM_VA,
	                             COMP_IPCBUF_VA,
	                             COMP_STACK_TOP - 8,
	                             ROOT_IPCBUF_VA,
	                             ~0ul};
	return rnd() % 4 ? p[rnd() % (sizeof p / sizeof p[0])] : rnd();
}

static uint64_t arg(void)
{
	switch (rnd() % 6) {
	case 0:
		return rnd();
	case 1:
		return pointer();
	case 2:
		return rnd() % 8;
	default:
		return slot();
	}
}

/* Random but well-formed-looking IPC buffer contents: transfer
 * descriptors and receive slots that may or may not make sense. */
static void scramble_buffer(void)
{
	struct ipc_buffer *b = u_ipcbuf();
	for (unsigned i = 0; i < IPC_MSG_MAX_CAPS; i++) {
		b->caps[i] = (struct ipc_xfer){(uint32_t)slot(), (uint32_t)(rnd() % 4), (uint32_t)rnd(), 0,
		                               rnd() % 3 ? 0 : rnd()};
		b->recv_slots[i] = (uint32_t)slot();
	}
}

static const unsigned calls[] = {
    SYS_SEND,
    SYS_NBSEND,
    SYS_CALL,
    SYS_RECV,
    SYS_NBRECV,
    SYS_REPLY,
    SYS_REPLY_RECV,
    SYS_NBSEND_RECV,
    SYS_SIGNAL,
    SYS_WAIT,
    SYS_POLL,
    SYS_YIELD,
    SYS_CAP_COPY,
    SYS_CAP_MINT,
    SYS_CAP_MOVE,
    SYS_CAP_DELETE,
    SYS_CAP_REVOKE,
    SYS_CAP_CANCEL_BADGED_SENDS,
    SYS_NTFN_BIND,
    SYS_NTFN_UNBIND,
    SYS_RETYPE,
    SYS_SPACE_MAP,
    SYS_SPACE_SHARE,
    SYS_SPACE_WRITE,
    SYS_CAP_INSTALL,
    SYS_THREAD_CONFIGURE,
    SYS_THREAD_START,
    SYS_DEBUG_HALT,
    SYS_THREAD_SET_PRIO,
    SYS_THREAD_RESUME,
};

int main(uintptr_t seed)
{
	state = seed;
	unsigned blocked_ok = 0, errors = 0;
	/* Random slots include 0..7: park the report and echo caps where no
	 * random argument reaches, so the fuzzing cannot use them. */
	long h = u_cap_move(SLOT_REPORT, SLOT_HIDE_REPORT) | u_cap_move(SLOT_ECHO, SLOT_HIDE_ECHO);
	for (unsigned i = 0; i < FZ_ITERATIONS; i++) {
		unsigned no = calls[rnd() % (sizeof calls / sizeof calls[0])];
		/* Calls that empty slots are rarer, or the CSpace drains early. */
		while ((no == SYS_CAP_DELETE || no == SYS_CAP_MOVE || no == SYS_CAP_REVOKE) && rnd() % 16)
			no = calls[rnd() % (sizeof calls / sizeof calls[0])];
		/* Shaped like real calls often enough to get past the first
		 * check: a slot, a slot or a msginfo, one or two slots in SLOT2. */
		struct u_regs a;
		a.r[KABI_ARG_SLOT] = rnd() % 8 ? slot() : arg();
		a.r[KABI_ARG_MSGINFO] = rnd() % 2 ? slot() : KABI_MSGINFO(rnd(), rnd() % 5, rnd() % 130);
		for (unsigned k = 0; k < KABI_REG_WORDS; k++)
			a.r[KABI_ARG_WORD0 + k] = arg();
		a.r[KABI_ARG_SLOT2] =
		    rnd() % 2 ? slot() : (slot() & 0xffffffffu) | slot() << KABI_NBSEND_RECV_REPLY_SHIFT;
		/* Every blocking call gets a short deadline so the run ends:
		 * 1..2000 us, i.e. the next tick or two. */
		a.r[KABI_ARG_TIMEOUT] = 1 + rnd() % 2000;
		if (no == SYS_RETYPE)
			a.r[KABI_RETYPE_UNTYPED] = FZ_SLOT_MIN + rnd() % FZ_SLOT_SPAN;
		if (no == SYS_DEBUG_HALT)
			a.r[KABI_HALT_UNTYPED] = FZ_SLOT_MIN + rnd() % FZ_SLOT_SPAN;
		if (rnd() % 4 == 0)
			scramble_buffer();
		long st = u_status(u_syscall(no, a));
		bool core = st < 0 && st > IPC_RING_E_EMPTY; /* libipc's core statuses: above the ring's */
		bool kernel = st <= KABI_E_NO_MEMORY && st >= KABI_E_MIN;
		if (st > 0 || (st < 0 && !core && !kernel))
			errors++; /* not a libipc or kernel status value */
		else if (st == 0)
			blocked_ok++;
	}
	/* A fresh receive-slot state, then real work must still succeed. */
	for (unsigned i = 0; i < IPC_MSG_MAX_CAPS; i++)
		u_ipcbuf()->recv_slots[i] = IPC_SLOT_NONE;
	h |= u_cap_move(SLOT_HIDE_REPORT, SLOT_REPORT) | u_cap_move(SLOT_HIDE_ECHO, SLOT_ECHO);
	comp_ok(h == 0 && errors == 0, "%u random syscalls: every result a status code (%u succeeded)",
	        FZ_ITERATIONS, blocked_ok);
	uint64_t v = seed & 0xffff;
	struct u_msg m = u_call(SLOT_ECHO, (struct u_out){1, &v, 1, 0}, 1000000);
	comp_ok(m.err == 0 && m.len == 1 && m.w[0] == v + 1, "IPC still works after the fuzzing (%ld)",
	        m.err);
	comp_done();
	return 0;
}
