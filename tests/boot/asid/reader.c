/*
 * Boot test "asid", a reader. Argument 0: the first reader, in space A,
 * reads the magic word at COMP_SHARED_VA (so the TLB holds A's translation
 * of it), then deletes the last cap to its own thread, which ends it and
 * with it its space and ASID. Argument 1: the second reader, in space B,
 * which maps nothing there and gets A's recycled ASID: its read must fault
 * at that address. If it reads anything, a stale TLB entry of A's answered:
 * it says so and faults elsewhere, which the root reports as a failure.
 * Argument 2: the unmapper reads its page, unmaps it itself (no other space
 * runs in between) and reads again: that must fault at the address.
 */
#include "../common/btest.h"

#include "asid_test.h"

int main(uint64_t arg)
{
	uintptr_t va = COMP_SHARED_VA + R_OFFSET;
	uint64_t v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
	if (arg == 0) {
		if (v != R_MAGIC)
			uprintf("reader A: read %lx, not the magic word\n", (unsigned long)v);
		long e = u_cap_delete(R_SLOT_SELF);
		uprintf("reader A: still running after deleting its last cap (%ld)\n", (long)e);
		for (;;)
			u_yield();
	}
	if (arg == 2) {
		long e = u_space_unmap(R_SLOT_SPACE, COMP_SHARED_VA, 1);
		__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
		uprintf("unmapper: read %lx after unmapping it (%ld)\n", (unsigned long)v, e);
		__asm__ volatile("str xzr, [%0]" ::"r"(0x10ul) : "memory");
	}
	uprintf("reader B: read %lx through a stale translation of the recycled ASID\n", (unsigned long)v);
	__asm__ volatile("str xzr, [%0]" ::"r"(0x10ul) : "memory"); /* not the address the root expects */
	for (;;)
		;
}
