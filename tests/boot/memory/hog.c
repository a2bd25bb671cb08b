/*
 * Boot test "memory", the hog (memory.sys): built by the loader from its own
 * untyped, it spends what is left of it and must be stopped exactly at the
 * end with NO_MEMORY, a refused SpaceMap charging nothing, and everything
 * coming back when it deletes what it made. Then it tells ctl, which tears
 * it down.
 */
#include "comp.h"

#define FIRST_FREE (SYS_SLOT_LAST + 1)
#define MAP_VA SYS_UNMAPPED_VA /* a GiB with no tables yet: a map there needs two */

int main(uintptr_t arg)
{
	(void)arg;
	uint64_t left = u_untyped_info(SLOT_UNTYPED).pages_left;
	long big = u_space_map(SLOT_SPACE, MAP_VA, left, KPERM_R | KPERM_W, SLOT_UNTYPED);
	comp_ok(left > 8 && left < KABI_SPACE_SLOTS - FIRST_FREE && big == KABI_E_NO_MEMORY &&
	            u_untyped_info(SLOT_UNTYPED).pages_left == left,
	        "hog: a SpaceMap of all %lu pages left (plus its tables) NO_MEMORY, nothing charged (%ld)",
	        (unsigned long)left, big);

	unsigned made = 0;
	long e = 0;
	for (uint32_t s = FIRST_FREE; s < KABI_SPACE_SLOTS && !e; s++)
		if (!(e = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, s)))
			made++;
	long sp = u_retype(SLOT_UNTYPED, KOBJ_SPACE, KABI_SPACE_SLOTS - 1);
	long un = u_untyped_split(SLOT_UNTYPED, KABI_SPACE_SLOTS - 1, 1);
	comp_ok(made == left && e == KABI_E_NO_MEMORY && sp == e && un == e &&
	            u_untyped_info(SLOT_UNTYPED).pages_left == 0,
	        "hog: exactly %lu endpoints, then NO_MEMORY for endpoints, spaces and untyped (%u, %ld)",
	        (unsigned long)left, made, e);
	/* Arguments are checked before the budget: an exhausted untyped still
	 * says what is wrong with a malformed Retype, and changes nothing. */
	long b1 = u_retype(SLOT_UNTYPED, KOBJ_UNTYPED + 1, KABI_SPACE_SLOTS - 1);
	long b2 = u_retype(SLOT_UNTYPED, 0, KABI_SPACE_SLOTS - 1);
	long b3 = u_untyped_split(SLOT_UNTYPED, KABI_SPACE_SLOTS - 1, 0);
	long b4 = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, KABI_SPACE_SLOTS);
	long b5 = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, FIRST_FREE);
	comp_ok(b1 == IPC_E_BAD_ARG && b2 == b1 && b3 == b1 && b4 == IPC_E_BAD_SLOT &&
	            b5 == IPC_E_SLOT_FULL && u_untyped_info(SLOT_UNTYPED).pages_left == 0,
	        "hog: with nothing left, a bad type or budget is BAD_ARG, a bad slot BAD_SLOT, a full one "
	        "SLOT_FULL, not NO_MEMORY (%ld %ld %ld %ld %ld)",
	        b1, b2, b3, b4, b5);
	for (uint32_t s = FIRST_FREE; s < FIRST_FREE + made; s++)
		e = u_cap_delete(s);

	/* All of it in one mapping: the frames and its two tables. */
	long m = u_space_map(SLOT_SPACE, MAP_VA, left - 2, KPERM_R | KPERM_W, SLOT_UNTYPED);
	uint64_t after_map = u_untyped_info(SLOT_UNTYPED).pages_left;
	volatile uint64_t *p = (volatile uint64_t *)MAP_VA;
	p[0] = 42;
	long u = u_space_unmap(SLOT_SPACE, MAP_VA, left - 2);
	comp_ok(e == 0 && m == 0 && after_map == 0 && u == 0 &&
	            u_untyped_info(SLOT_UNTYPED).pages_left == left,
	        "hog: deleting them gives all back; one map of the rest spends it to 0, unmapping returns it "
	        "(%ld %ld %lu)",
	        m, u, (unsigned long)after_map);
	comp_done();
	(void)u_signal(SLOT_DONE);
	for (;;) /* ctl tears us down */
		u_yield();
}
