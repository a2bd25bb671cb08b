/*
 * Boot test "asid": a recycled ASID never sees the old space's mappings.
 * Space A reads a page (its TLB entry is cached under A's ASID), then its
 * thread deletes its own last cap: A is torn down and its ASID freed. Space
 * B, created earlier but never run, runs next without any other space in
 * between and gets the same ASID (the last freed one): its read of the
 * same address, which B never mapped, must fault. Without the TLB
 * invalidation on free it reads A's page instead (under QEMU as on
 * hardware: the TTBR0 ASID never changed, so QEMU keeps its TLB too).
 * A space that unmaps a page it has just read faults on the next read of
 * it (the TLB entry went with the mapping). Then 66000 spaces whose threads run, more than the 65535 ASIDs of
 * the A53, leave the free ASID count where it was.
 */
#include "../common/btest.h"

#include "asid_test.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define WRAP_CYCLES 66000u

/* The children's IPC buffer: this page of ours, shared next to their code
 * so that a child space costs five pages (its own, three tables, a TCB). */
static char ipcbuf_page[KABI_PAGE_SIZE] __attribute__((aligned(KABI_PAGE_SIZE)));

void child_entry(void);
__asm__(".text\n .balign 64\n .global child_entry\n child_entry:\n mov x8, #" STR(
    SYS_THREAD_EXIT) "\n svc #0\n b .\n");

static long run_once(uint32_t x, uint32_t y)
{
	uintptr_t code = (uintptr_t)child_entry & ~(KABI_PAGE_SIZE - 1);
	uintptr_t ipcbuf = ((code >> 12) & 511) == 511 ? code - KABI_PAGE_SIZE : code + KABI_PAGE_SIZE;
	long e = u_retype(ROOT_SLOT_UNTYPED, KOBJ_SPACE, x);
	if (!e)
		e = u_retype(ROOT_SLOT_UNTYPED, KOBJ_THREAD, y);
	if (!e)
		e = u_space_share(x, code, ROOT_SLOT_SPACE, code, 1, KPERM_R | KPERM_X, ROOT_SLOT_UNTYPED);
	if (!e)
		e = u_space_share(x, ipcbuf, ROOT_SLOT_SPACE, (uintptr_t)ipcbuf_page, 1, KPERM_R | KPERM_W,
		                  ROOT_SLOT_UNTYPED);
	if (!e)
		e = u_thread_configure(y, x, ipcbuf, 200, U_NONE);
	if (!e)
		e = u_thread_start(y, (uintptr_t)child_entry, 0, 0);
	u_yield();
	e |= u_cap_delete(y);
	e |= u_cap_delete(x);
	return e;
}

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 4);
	struct u_untyped_info i0 = u_untyped_info(ROOT_SLOT_UNTYPED);
	uint32_t fep = root_new(KOBJ_ENDPOINT), reply = root_new(KOBJ_REPLY);
	struct component a, b;
	root_spawn("reader", 150, R_SLOT_FAULT, &a);
	root_spawn("reader", 100, R_SLOT_FAULT, &b);
	root_give(&a, R_SLOT_FAULT, fep, IPC_W | IPC_G, 0);
	root_give(&b, R_SLOT_FAULT, fep, IPC_W | IPC_G, 0);
	root_give(&a, R_SLOT_SELF, a.thread, IPC_RIGHTS_ALL, 0);
	uint64_t magic = R_MAGIC;
	long e = u_space_map(a.space, COMP_SHARED_VA, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	e |= u_space_write(a.space, COMP_SHARED_VA + R_OFFSET, &magic, sizeof magic);
	e |= spawn_start(&b, 1); /* below us: waits until we block */
	e |= spawn_start(&a, 0);
	/* A's own cap to its thread is now the only thing keeping A alive. */
	e |= u_cap_delete(a.thread) | u_cap_delete(a.space);
	struct u_msg m = u_recv(fep, reply, 5000000);
	uint64_t addr = u_ipcbuf()->words[0];
	tap_ok(e == 0 && m.err == 0 && m.label == IPC_FAULT_DATA_ABORT && addr == COMP_SHARED_VA + R_OFFSET,
	       "the space that got the recycled ASID faults on the old space's address (err %ld, label %lu, "
	       "address %lx)",
	       m.err, (unsigned long)m.label, (unsigned long)addr);

	struct component c;
	root_spawn("reader", 150, R_SLOT_FAULT, &c);
	root_give(&c, R_SLOT_FAULT, fep, IPC_W | IPC_G, 0);
	root_give(&c, R_SLOT_SPACE, c.space, IPC_RIGHTS_ALL, 0);
	e = u_space_map(c.space, COMP_SHARED_VA, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	e |= spawn_start(&c, 2);
	m = u_recv(fep, reply, 5000000);
	addr = u_ipcbuf()->words[0];
	tap_ok(e == 0 && m.err == 0 && m.label == IPC_FAULT_DATA_ABORT && addr == COMP_SHARED_VA + R_OFFSET,
	       "a space that unmaps a page it just read faults on the next read (err %ld, label %lu, address "
	       "%lx)",
	       m.err, (unsigned long)m.label, (unsigned long)addr);

	e = u_cap_delete(reply) | u_cap_delete(b.thread) | u_cap_delete(b.space);
	e |= u_cap_revoke(c.space) | u_cap_delete(c.thread) | u_cap_delete(c.space);
	struct u_untyped_info i1 = u_untyped_info(ROOT_SLOT_UNTYPED);
	tap_ok(e == 0 && i1.asids_free == i0.asids_free && i1.pages_left == i0.pages_left - 1,
	       "the readers gone: ASIDs %lu -> %lu, budget %lu -> %lu (the fault endpoint left)",
	       (unsigned long)i0.asids_free, (unsigned long)i1.asids_free, (unsigned long)i0.pages_left,
	       (unsigned long)i1.pages_left);

	uint32_t x = root_alloc_slot(), y = root_alloc_slot();
	e = 0;
	for (unsigned i = 0; i < WRAP_CYCLES && !e; i++)
		e = run_once(x, y);
	struct u_untyped_info i2 = u_untyped_info(ROOT_SLOT_UNTYPED);
	tap_ok(
	    e == 0 && i2.asids_free == i1.asids_free && i2.pages_left == i1.pages_left,
	    "%u spaces that ran, more than there are ASIDs (%lu free): ASIDs %lu -> %lu, budget %lu -> %lu",
	    WRAP_CYCLES, (unsigned long)i1.asids_free, (unsigned long)i1.asids_free,
	    (unsigned long)i2.asids_free, (unsigned long)i1.pages_left, (unsigned long)i2.pages_left);
	u_debug_halt(tap_failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	return 0;
}
