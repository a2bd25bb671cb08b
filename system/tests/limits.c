/*
 * Program `limits`: the component of the systems tools/syslimits.py writes
 * at each limit tools/sysgen.py checks (most objects, components, caps,
 * regions, region pages, memory). It proves that what the loader built at
 * the limit exists and works, as its `arg` asks (limits.h): every cap slot
 * up to the last one its program uses holds a live endpoint cap, and every
 * page of every region it maps carries what the writer wrote into it.
 * Concurrency: one thread per component; the writer runs in an earlier
 * stage than the reader, so the loader orders them.
 */
#include "../lib/comp.h"
#include "../loader/sysdesc.h"
#include "limits.h"

static uint64_t pattern(uintptr_t va)
{
	return (va * 0x9e3779b97f4a7c15ull) ^ 0x5eed;
}

static void check_caps(void)
{
	unsigned bad = 0;
	uint32_t first_bad = 0;
	long first_err = 0;
	for (uint32_t slot = SD_SLOT_REPORT + 1; slot <= SYS_SLOT_LAST; slot++) {
		struct u_msg m = u_nbrecv(slot, U_NONE);
		if (m.err != IPC_E_NOTHING && !bad++) {
			first_bad = slot;
			first_err = m.err;
		}
	}
	comp_ok(bad == 0, "every slot %u..%u holds an endpoint cap that receives (bad: %u, first %u: %ld)",
	        SD_SLOT_REPORT + 1, SYS_SLOT_LAST, bad, first_bad, first_err);
	long e = u_nbsend(SYS_SLOT_LAST, (struct u_out){0, 0, 0, 0});
	comp_ok(e == IPC_E_NO_RECEIVER, "the last slot, %u, sends too (NBSend: %ld)", SYS_SLOT_LAST, e);
	struct u_msg m = u_nbrecv(KABI_SPACE_SLOTS, U_NONE);
	comp_ok(m.err == IPC_E_BAD_SLOT, "slot %u is beyond the CSpace (%ld)", KABI_SPACE_SLOTS, m.err);
}

static __attribute__((unused)) void region(const char *name, uintptr_t va, uintptr_t size, unsigned mode)
{
	unsigned bad = 0;
	for (uintptr_t p = va; p < va + size; p += KABI_PAGE_SIZE) {
		volatile uint64_t *first = (volatile uint64_t *)p;
		volatile uint64_t *last = (volatile uint64_t *)(p + KABI_PAGE_SIZE) - 1;
		if (mode & LIMITS_WRITE) {
			*first = pattern(p);
			*last = ~pattern(p);
		}
		bad += *first != pattern(p) || *last != ~pattern(p);
	}
	comp_ok(bad == 0, "region %s, %lu pages at 0x%lx: %s every page (%u wrong)", name,
	        (unsigned long)(size / KABI_PAGE_SIZE), (unsigned long)va,
	        mode & LIMITS_WRITE ? "wrote and read back" : "found the writer's pattern in", bad);
}

int main(uintptr_t arg)
{
	if (arg & LIMITS_CAPS)
		check_caps();
	if (arg & (LIMITS_WRITE | LIMITS_VERIFY)) {
#define REGION(name, va, size) region(#name, va, size, (unsigned)arg);
		SYS_REGION_LIST(REGION)
#undef REGION
	}
	comp_done();
	return 0;
}
