/*
 * Boot test "asid" (asid.sys): a recycled ASID never sees the old space's
 * mappings. reader_a reads a page (its TLB entry is cached under its ASID),
 * then its thread deletes its own last cap: its space is torn down and its
 * ASID freed. reader_b, built by the loader with the others but never run,
 * runs next without any other space in between and gets the same ASID (the
 * last freed one): its read of the same address, which it never mapped,
 * must fault. Without the TLB invalidation on free it reads reader_a's page
 * instead (under QEMU as on hardware: the TTBR0 ASID never changed, so QEMU
 * keeps its TLB too). A space that unmaps a page it has just read faults on
 * the next read of it (the TLB entry went with the mapping). ctl holds the
 * only caps to the readers' spaces and threads once they start (sole):
 * deleting them gives back their ASIDs and every page of their budgets.
 * Then 66000 spaces whose threads run, more than the 65535 ASIDs of the
 * A53, leave the free ASID count where it was.
 */
#include "comp.h"

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
	long e = u_retype(SLOT_UNTYPED, KOBJ_SPACE, x);
	if (!e)
		e = u_retype(SLOT_UNTYPED, KOBJ_THREAD, y);
	if (!e)
		e = u_space_share(x, code, SLOT_SPACE, code, 1, KPERM_R | KPERM_X, SLOT_UNTYPED);
	if (!e)
		e = u_space_share(x, ipcbuf, SLOT_SPACE, (uintptr_t)ipcbuf_page, 1, KPERM_R | KPERM_W,
		                  SLOT_UNTYPED);
	if (!e)
		e = u_thread_configure(y, x, ipcbuf, PRIO_CTL, U_NONE);
	if (!e)
		e = u_thread_start(y, (uintptr_t)child_entry, 0, 0);
	u_yield();
	e |= u_cap_delete(y);
	e |= u_cap_delete(x);
	return e;
}

/* The fault ctl expects: a data abort at the magic word's address. */
static bool faulted_at_the_word(const struct u_msg *m)
{
	return m->err == 0 && m->label == IPC_FAULT_DATA_ABORT &&
	       u_ipcbuf()->words[KABI_FAULT_WORD_ADDR] == REGION_PAGE_VA + R_OFFSET;
}

int main(uintptr_t arg)
{
	(void)arg;
	/* The readers are below us: none has run yet. */
	struct u_untyped_info i0 = u_untyped_info(SLOT_UNTYPED);
	*(volatile uint64_t *)(REGION_PAGE_VA + R_OFFSET) = R_MAGIC;
	long e = u_cap_install(SLOT_A_SPACE, READER_SLOT_SELF, SLOT_A, IPC_RIGHTS_ALL, 0);
	e |= u_cap_install(SLOT_C_SPACE, READER_SLOT_SPACE, SLOT_C_SPACE, IPC_RIGHTS_ALL, 0);
	/* reader_a's own cap to its thread is now the only thing keeping it alive. */
	e |= u_cap_delete(SLOT_A) | u_cap_delete(SLOT_A_SPACE);
	struct u_msg m = u_recv(SLOT_FAULT, SLOT_REPLY, 5000000);
	uint64_t addr = u_ipcbuf()->words[KABI_FAULT_WORD_ADDR];
	comp_ok(e == 0 && faulted_at_the_word(&m),
	        "the space that got the recycled ASID faults on the old space's address (err %ld, label %lu, "
	        "address %lx)",
	        m.err, (unsigned long)m.label, (unsigned long)addr);

	m = u_recv(SLOT_FAULT, SLOT_REPLY, 5000000);
	addr = u_ipcbuf()->words[KABI_FAULT_WORD_ADDR];
	comp_ok(
	    faulted_at_the_word(&m),
	    "a space that unmaps a page it just read faults on the next read (err %ld, label %lu, address "
	    "%lx)",
	    m.err, (unsigned long)m.label, (unsigned long)addr);

	e = u_cap_delete(SLOT_REPLY) | u_cap_delete(SLOT_B) | u_cap_delete(SLOT_B_SPACE);
	e |= u_cap_revoke(SLOT_C_SPACE) | u_cap_delete(SLOT_C) | u_cap_delete(SLOT_C_SPACE);
	struct u_untyped_info i1 = u_untyped_info(SLOT_UNTYPED), a = u_untyped_info(SLOT_A_UNTYPED),
	                      b = u_untyped_info(SLOT_B_UNTYPED), c = u_untyped_info(SLOT_C_UNTYPED);
	comp_ok(
	    e == 0 && i1.asids_free == i0.asids_free + 3 && i1.pages_left == i0.pages_left &&
	        a.pages_left == BUDGET_PAGES_READER_A && b.pages_left == BUDGET_PAGES_READER_B &&
	        c.pages_left == BUDGET_PAGES_UNMAPPER,
	    "the readers gone: their 3 ASIDs back (%lu -> %lu), every page of their budgets back (%lu %lu "
	    "%lu left)",
	    (unsigned long)i0.asids_free, (unsigned long)i1.asids_free, (unsigned long)a.pages_left,
	    (unsigned long)b.pages_left, (unsigned long)c.pages_left);

	const uint32_t x = SLOT_X, y = SLOT_Y;
	e = 0;
	for (unsigned i = 0; i < WRAP_CYCLES && !e; i++)
		e = run_once(x, y);
	struct u_untyped_info i2 = u_untyped_info(SLOT_UNTYPED);
	comp_ok(
	    e == 0 && i2.asids_free == i1.asids_free && i2.pages_left == i1.pages_left,
	    "%u spaces that ran, more than there are ASIDs (%lu free): ASIDs %lu -> %lu, budget %lu -> %lu",
	    WRAP_CYCLES, (unsigned long)i1.asids_free, (unsigned long)i1.asids_free,
	    (unsigned long)i2.asids_free, (unsigned long)i1.pages_left, (unsigned long)i2.pages_left);
	comp_done();
	return 0;
}
