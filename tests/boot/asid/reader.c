/*
 * Boot test "asid", a reader (asid.sys). Argument 0 (reader_a): reads the
 * magic word in the page at REGION_PAGE_VA (so the TLB holds its space's
 * translation of it), then deletes the last cap to its own thread, which
 * ends it and with it its space and ASID. Argument 1 (reader_b): maps
 * nothing there and gets reader_a's recycled ASID: its read must fault at
 * that address. If it reads anything, a stale TLB entry of reader_a's
 * answered: it says so and faults elsewhere, which ctl reports as a
 * failure. Argument 2 (the unmapper): reads its page, unmaps it itself (no
 * other space runs in between) and reads again: that must fault at the
 * address.
 */
#include "comp.h"

#include "asid_test.h"

int main(uintptr_t arg)
{
	uintptr_t va = REGION_PAGE_VA + R_OFFSET;
	uint64_t v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
	if (arg == ARG_READER_A) {
		if (v != R_MAGIC)
			uprintf("reader A: read %lx, not the magic word\n", (unsigned long)v);
		long e = u_cap_delete(SLOT_SELF);
		uprintf("reader A: still running after deleting its last cap (%ld)\n", (long)e);
		for (;;)
			u_yield();
	}
	if (arg == ARG_UNMAPPER) {
		long e = u_space_unmap(SLOT_SPACE, REGION_PAGE_VA, 1);
		__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
		uprintf("unmapper: read %lx after unmapping it (%ld)\n", (unsigned long)v, e);
		__asm__ volatile("str xzr, [%0]" ::"r"(0x10ul) : "memory");
	}
	uprintf("reader B: read %lx through a stale translation of the recycled ASID\n", (unsigned long)v);
	__asm__ volatile("str xzr, [%0]" ::"r"(0x10ul) : "memory"); /* not the address ctl expects */
	for (;;)
		;
}
