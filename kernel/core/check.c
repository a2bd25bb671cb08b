/*
 * The kernel's invariant check (docs/kernel.md, "The invariant check"): at
 * halt, walk everything the kernel keeps and check that it is consistent:
 * every thread is in exactly the place its state says (some core's current
 * thread, its core's run queue at its priority, an IPC queue or reply link,
 * the deadline heap exactly while it waits with a deadline, the list of
 * threads to end), every libipc object passes libipc's own check
 * (ipc_object_check), every cap names a live object and the reference
 * counts add up to the caps, every untyped's budget equals what it has left
 * plus what is charged to it, the pool's free list and counts agree, and
 * the kernel lock is held. It prints one line the boot-test runner
 * requires. Off every fast path: it runs once, at halt. Concurrency: under
 * the kernel lock, interrupts masked, like every kernel entry; it only
 * reads (and the untypeds' scratch count `charged`).
 */
#include <kernel/object.h>

bool kcheck(struct kcheck *k, bool ok, const char *what, const void *where)
{
	if (!ok && !k->broken) {
		k->broken = what;
		k->where = where;
	}
	return ok;
}

bool kernel_check(void)
{
	struct kcheck k = {0};
	kcheck(&k, arch_lock_held(), "the kernel lock is not held", NULL);
	objects_check(&k);
	sched_check(&k);
	kcheck(&k, k.running == k.rq_running, "running threads != cores running one", NULL);
	kcheck(&k, k.ready == k.rq_ready, "ready threads != threads in the run queues", NULL);
	kcheck(&k, k.deadlines == k.heap, "threads marked with a deadline != threads in the heap", NULL);
	if (k.broken) {
		kprintf("kernel: INVARIANT BROKEN: %s (at %lx)\n", k.broken,
		        (unsigned long)(uintptr_t)k.where);
		return false;
	}
	kprintf("kernel: invariants hold: %u threads (%u running, %u ready, %u blocked, %u with a deadline), "
	        "%u objects, %u spaces, %u caps, %lu pages in use, %lu free\n",
	        k.threads, k.running, k.ready, k.blocked, k.deadlines, k.objects, k.spaces, k.caps,
	        (unsigned long)k.pages_used, (unsigned long)k.pages_free);
	return true;
}
