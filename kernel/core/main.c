/*
 * kmain: the boot order, top to bottom. start.S calls it once on the boot
 * CPU in kernel mode with the MMU off, interrupts masked and a zeroed BSS; it never
 * returns (kernel_exit() drops into the first user thread). It starts the
 * other cores (kmain_secondary(), below), which run the threads placed on
 * them (docs/kernel.md, "Cores: placement") and idle otherwise. Concurrency:
 * single-threaded until the other cores start; they touch only their own
 * registers, their own timer (and its state in platform.c) and the arrival
 * count until they hold the kernel lock, which
 * the boot core holds from the MMU on to its first return to user mode.
 */
#include <kernel/object.h>
#include <kernel/platform.h>

extern char __kernel_end[];

/* Cores that reached kmain_secondary()'s check-in, the boot core included. */
static unsigned cores_online = 1;

/*
 * Start every other core PSCI knows (QEMU -smp N: cores 1..N-1; the others
 * are reported absent, which is not an error) and wait, at most a second,
 * until each has checked in. Returns how many cores run.
 */
static unsigned start_cores(void)
{
	unsigned started = 1;
	for (unsigned i = 1; i < KERNEL_MAX_CPUS; i++) {
		struct cpu *c = &cpu_blocks[i].cpu;
		c->index = i;
		c->home = TCB_HOME(i);
		if (arch_cpu_start(i, c) == 0)
			started++;
	}
	uint64_t give_up = time_now() + time_us_to_counter(1000000);
	unsigned n;
	/* Acquire: pairs with each core's release increment (it wrote nothing
	 * the boot core reads, so this is only the count itself). */
	while ((n = __atomic_load_n(&cores_online, __ATOMIC_ACQUIRE)) < started && time_now() < give_up)
		;
	return n;
}

_Noreturn void kmain(uintptr_t dtb)
{
	(void)dtb;
	platform_init(); /* console first, so everything after can report */
	kprintf("\nkernel: booting on %s\n", arch_name());
	arch_mmu_init();           /* W^X kernel-only identity map; user spaces come later */
	arch_lock_take();          /* the first return to user mode gives it back */
	this_cpu()->online = true; /* index 0, home TCB_HOME(0): the zeroed struct */
	unsigned n = start_cores();
	/* The boot tests check this count against QEMU's -smp. */
	kprintf("kernel: %u %s online\n", n, n == 1 ? "core" : "cores");
	pool_init((uintptr_t)__kernel_end, PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE);
	boot_root_task(); /* needs the MMU (page tables) and the pool */
	/* Last: a tick before a thread exists is harmless but pointless. */
	platform_start_tick(this_cpu()->index, arch_counter_hz());
	this_cpu()->ticking = true;
	kernel_exit(); /* run the root task */
}

/* Another core, from start.S with its stack and TPIDR_EL1 set: the same
 * MMU set-up, its GIC interface and timer line, check in, then wait for the
 * lock and idle (with TTBR0 on the kernel's table, ASID 0). */
_Noreturn void kmain_secondary(void)
{
	arch_mmu_init_secondary();
	/* Until its MMU was on, this core wrote its stack and struct cpu
	 * uncached; a stale copy of those lines that another core's cache took
	 * by speculation since would now shadow them. Cleaning and
	 * invalidating the block by address (which reaches every core's
	 * caches) leaves memory's values, i.e. this core's. */
	struct cpu_block *b = (struct cpu_block *)((char *)this_cpu() - offsetof(struct cpu_block, cpu));
	arch_clean_inval_poc((uintptr_t)b, sizeof(*b));
	platform_init_cpu();
	platform_start_tick(this_cpu()->index, arch_counter_hz()); /* its threads' slices and deadlines */
	this_cpu()->ticking = true;
	/* Release: `online` (read under the kernel lock by SYS_THREAD_SET_CPU,
	 * or by the boot core after its acquire above) before the count. */
	__atomic_store_n(&this_cpu()->online, true, __ATOMIC_RELEASE);
	__atomic_fetch_add(&cores_online, 1, __ATOMIC_RELEASE);
	arch_lock_take();
	sched_idle_core();
}
