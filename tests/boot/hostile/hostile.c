/* "hostile" test: the misbehaving component (hostile.sys). */
#include "comp.h"
#include "hostile_test.h"

extern char _start[];

static long nop_send(uint32_t slot)
{
	return u_send(slot, (struct u_out){0, 0, 0, 0}, 0);
}

int main(uintptr_t arg)
{
	(void)arg;
	long e;
	e = nop_send(SLOT_EMPTY);
	comp_ok(e == IPC_E_EMPTY_SLOT, "R1 Send on an empty slot: EMPTY_SLOT (%ld)", e);
	e = nop_send(1000);
	comp_ok(e == IPC_E_BAD_SLOT, "Send on a slot outside the CSpace: BAD_SLOT (%ld)", e);
	e = u_sys(SYS_SEND, U_ARGS([KABI_ARG_SLOT] = 0x100000002ul));
	comp_ok(e == IPC_E_BAD_SLOT, "slot number with high bits set is not truncated (%ld)", e);
	e = nop_send(SLOT_RONLY);
	comp_ok(e == IPC_E_NO_RIGHTS, "R1 Send through a receive-only cap: NO_RIGHTS (%ld)", e);
	e = u_wait(SLOT_NTFN_W, 0).err;
	comp_ok(e == IPC_E_NO_RIGHTS, "R1 Wait through a signal-only cap: NO_RIGHTS (%ld)", e);
	e = u_signal(SLOT_RONLY);
	comp_ok(e == IPC_E_WRONG_TYPE, "R1 Signal on an endpoint: WRONG_TYPE (%ld)", e);
	e = u_ipc(SYS_SEND, SLOT_ECHO, (struct u_out){0, 0, 2000, 0}, 0, 0).err;
	comp_ok(e == IPC_E_MSG_TOO_LONG, "M2 length above the maximum: MSG_TOO_LONG (%ld)", e);
	e = u_ipc(SYS_SEND, SLOT_ECHO, (struct u_out){0, 0, 0, 5}, 0, 0).err;
	comp_ok(e == IPC_E_TOO_MANY_CAPS, "M2 five extra caps: TOO_MANY_CAPS (%ld)", e);

	/* Bad IPC buffer pointers: kernel memory, unmapped, read-only text,
	 * misaligned, and a pointer to another space's buffer address. */
	long b1 = u_thread_set_ipcbuf(KABI_SELF, SYS_KERNEL_VA);
	long b2 = u_thread_set_ipcbuf(KABI_SELF, SYS_UNMAPPED_VA);
	long b3 = u_thread_set_ipcbuf(KABI_SELF, (uintptr_t)_start);
	long b4 = u_thread_set_ipcbuf(KABI_SELF, COMP_IPCBUF_VA + 8);
	long b5 = u_thread_set_ipcbuf(KABI_SELF, ROOT_IPCBUF_VA);
	comp_ok(b1 == KABI_E_BAD_ADDRESS && b2 == b1 && b3 == b1 && b4 == b1 && b5 == b1,
	        "bad IPC buffer pointers refused with BAD_ADDRESS (%ld %ld %ld %ld %ld)", b1, b2, b3, b4, b5);
	e = u_thread_set_ipcbuf(KABI_SELF, COMP_IPCBUF_VA);
	comp_ok(e == 0, "a good IPC buffer pointer is accepted (%ld)", e);
	long p1 = u_debug_puts((const char *)SYS_KERNEL_VA, 8);
	long p2 = u_debug_puts((const char *)SYS_UNMAPPED_VA, 8);
	long p3 = u_debug_puts((const char *)COMP_STACK_TOP - 4, 8); /* runs off the stack */
	long p4 = u_debug_puts("x", 1ul << 40);
	comp_ok(p1 == KABI_E_BAD_ADDRESS && p2 == p1 && p3 == p1 && p4 == IPC_E_BAD_ARG,
	        "bad string pointers refused (%ld %ld %ld %ld)", p1, p2, p3, p4);

	/* Root-only operations without the caps for them. */
	long r1 = u_retype(ROOT_SLOT_UNTYPED, KOBJ_ENDPOINT, SLOT_SPARE);
	long r2 = u_debug_halt(0, ROOT_SLOT_UNTYPED);
	long r3 = u_space_map(ROOT_SLOT_SPACE, SYS_UNMAPPED_VA, 1, KPERM_R | KPERM_W, SLOT_NTFN_W);
	long r4 = u_cap_install(SLOT_ECHO, SLOT_NTFN_W, SLOT_ECHO, IPC_RIGHTS_ALL, 0);
	long r5 = u_thread_start(SLOT_ECHO, 0, 0, 0);
	comp_ok(r1 && r2 && r3 && r4 && r5,
	        "system-building calls without caps refused (%ld %ld %ld %ld %ld)", r1, r2, r3, r4, r5);
	long d1 = u_space_map(SLOT_SPACE_R, SYS_UNMAPPED_VA, 1, KPERM_R | KPERM_W, SLOT_UNTYPED_R);
	long d2 = u_retype(SLOT_UNTYPED_R, KOBJ_ENDPOINT, SLOT_SPARE);
	long d3 = u_debug_halt(0, SLOT_UNTYPED_R);
	long d4 = u_space_write(SLOT_SPACE_R, COMP_IPCBUF_VA, "x", 1);
	comp_ok(d1 == IPC_E_NO_RIGHTS && d2 == d1 && d3 == d1 && d4 == d1,
	        "read-only caps to a space and an untyped allow no change (%ld %ld %ld %ld)", d1, d2, d3, d4);
	long c1 = u_cap_mint(SLOT_RONLY, SLOT_MINTED, IPC_RIGHTS_ALL, 0);
	comp_ok(c1 == 0 &&
	            u_ipc(SYS_SEND, SLOT_MINTED, (struct u_out){0, 0, 0, 0}, 0, 0).err == IPC_E_NO_RIGHTS,
	        "C1 minting cannot add rights");
	long c2 = u_cap_mint(SLOT_ECHO, SLOT_REBADGED, IPC_RIGHTS_ALL, 99);
	comp_ok(c2 == IPC_E_ALREADY_BADGED, "B2 re-badging a badged cap is refused (%ld)", c2);

	/* A wild syscall number: a fault message to our handler, which
	 * resumes us; the call then returns an error. */
	long w1 = u_sys(WILD_SYSCALL, U_ARGS(0));
	comp_ok(w1 == IPC_E_BAD_ARG, "F1 wild syscall number: handler resumed us with an error (%ld)", w1);
	long w2 = u_sys(~0ul, U_ARGS(0));
	comp_ok(w2 == IPC_E_BAD_ARG, "F1 syscall number ~0: same (%ld)", w2);

	/* Still alive and able to talk to a peer. */
	uint64_t v = 41;
	struct u_msg m = u_call(SLOT_ECHO, (struct u_out){1, &v, 1, 0}, 0);
	comp_ok(m.err == 0 && m.len == 1 && m.w[0] == 42, "kernel and peers alive after the abuse");
	comp_done();
	return 0;
}
