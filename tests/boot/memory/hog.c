/*
 * Boot test "memory", the hog: built from its own untyped, it spends what is
 * left of it and must be stopped exactly at the end with NO_MEMORY, a
 * refused SpaceMap charging nothing, and everything coming back when it
 * deletes what it made.
 */
#include "../common/btest.h"

#include "memory_test.h"

int main(void)
{
	uint64_t left = u_untyped_info(HOG_SLOT_UNTYPED).pages_left;
	long big = u_space_map(HOG_SLOT_SPACE, HOG_MAP_VA, left, KPERM_R | KPERM_W, HOG_SLOT_UNTYPED);
	tap_ok(left > 8 && left < KABI_SPACE_SLOTS - HOG_SLOT_FIRST && big == KABI_E_NO_MEMORY &&
	           u_untyped_info(HOG_SLOT_UNTYPED).pages_left == left,
	       "hog: a SpaceMap of all %lu pages left (plus its tables) NO_MEMORY, nothing charged (%ld)",
	       (unsigned long)left, big);

	unsigned made = 0;
	long e = 0;
	for (uint32_t s = HOG_SLOT_FIRST; s < KABI_SPACE_SLOTS && !e; s++)
		if (!(e = u_retype(HOG_SLOT_UNTYPED, KOBJ_ENDPOINT, s)))
			made++;
	long sp = u_retype(HOG_SLOT_UNTYPED, KOBJ_SPACE, KABI_SPACE_SLOTS - 1);
	long un = u_untyped_split(HOG_SLOT_UNTYPED, KABI_SPACE_SLOTS - 1, 1);
	tap_ok(made == left && e == KABI_E_NO_MEMORY && sp == e && un == e &&
	           u_untyped_info(HOG_SLOT_UNTYPED).pages_left == 0,
	       "hog: exactly %lu endpoints, then NO_MEMORY for endpoints, spaces and untyped (%u, %ld)",
	       (unsigned long)left, made, e);
	for (uint32_t s = HOG_SLOT_FIRST; s < HOG_SLOT_FIRST + made; s++)
		e = u_cap_delete(s);

	/* All of it in one mapping: the frames and its two tables. */
	long m = u_space_map(HOG_SLOT_SPACE, HOG_MAP_VA, left - 2, KPERM_R | KPERM_W, HOG_SLOT_UNTYPED);
	uint64_t after_map = u_untyped_info(HOG_SLOT_UNTYPED).pages_left;
	volatile uint64_t *p = (volatile uint64_t *)HOG_MAP_VA;
	p[0] = 42;
	long u = u_space_unmap(HOG_SLOT_SPACE, HOG_MAP_VA, left - 2);
	tap_ok(e == 0 && m == 0 && after_map == 0 && u == 0 &&
	           u_untyped_info(HOG_SLOT_UNTYPED).pages_left == left,
	       "hog: deleting them gives all back; one map of the rest spends it to 0, unmapping returns it "
	       "(%ld %ld %lu)",
	       m, u, (unsigned long)after_map);
	report_done();
	u_thread_exit();
}
