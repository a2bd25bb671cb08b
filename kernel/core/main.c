/*
 * kmain: the boot order, top to bottom. start.S calls it once on the boot
 * CPU in kernel mode with the MMU off, interrupts masked and a zeroed BSS; it never
 * returns (kernel_exit() drops into the first user thread). Concurrency:
 * single-threaded until the first user thread runs; from then on the kernel
 * runs only with interrupts masked.
 */
#include <kernel/object.h>
#include <kernel/platform.h>

extern char __kernel_end[];

_Noreturn void kmain(uintptr_t dtb)
{
	(void)dtb;
	platform_init(); /* console first, so everything after can report */
	kprintf("\nkernel: booting on %s\n", arch_name());
	arch_mmu_init();  /* W^X kernel-only identity map; user spaces come later */
	arch_lock_take(); /* the first return to user mode gives it back */
	pool_init((uintptr_t)__kernel_end, PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE);
	boot_root_task();      /* needs the MMU (page tables) and the pool */
	platform_start_tick(); /* last: a tick before a thread exists is harmless
	                          but pointless */
	kernel_exit();         /* run the root task */
}
