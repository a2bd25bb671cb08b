/*
 * ARM64 trap decoding and the small CPU services behind <kernel/arch.h>:
 * turn an exception syndrome into a core event (syscall, fault, interrupt),
 * idle, halt the machine, and map syscall ABI slots onto registers. All of
 * it runs with interrupts masked, on the one kernel stack; the vector stubs
 * in vectors.S have already saved the user registers into the current TCB.
 */
#include <common/arm.h>
#include <common/string.h>
#include <kernel/arch.h>
#include <kernel/cpu.h> /* KERNEL_SMP */
#include <kernel/platform.h>
#include <kernel/trace.h>

#include <stdint.h>

#define SPSR_EL0T 0x0ul /* EL0, SP_EL0, interrupts unmasked */

unsigned long arch_boot_el; /* EL we were entered at; written by start.S */

static inline uint64_t read_esr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, esr_el1" : "=r"(v));
	return v;
}

static inline uint64_t read_far(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, far_el1" : "=r"(v));
	return v;
}

/* Synchronous exception from EL0: a syscall or a fault of the thread. */
_Noreturn void arch_el0_sync(struct arch_regs *r)
{
	uint64_t esr = read_esr();
	unsigned ec = ARM_ESR_EC(esr);

	switch (ec) {
	case ARM_EC_SVC64:
		trap_syscall(); /* ELR already points past the svc */
		break;
	case ARM_EC_FP:
		trap_fpu(); /* ELR is the FP instruction: it re-runs */
		break;
	case ARM_EC_DABT_LOW:
		trap_fault((esr & ARM_ESR_DFSC_MASK) == ARM_DFSC_ALIGNMENT ? KABI_FAULT_ALIGNMENT
		                                                           : KABI_FAULT_DATA_ABORT,
		           read_far(), esr, r->pc);
		break;
	case ARM_EC_IABT_LOW:
		trap_fault(KABI_FAULT_INSN_ABORT, read_far(), esr, r->pc);
		break;
	case ARM_EC_PC_ALIGN: /* FAR holds the misaligned pc */
		trap_fault(KABI_FAULT_ALIGNMENT, read_far(), esr, r->pc);
		break;
	case ARM_EC_SP_ALIGN:
		/* FAR is UNKNOWN for this exception (it may still hold the
		 * address of another thread's last fault): report the
		 * misaligned stack pointer itself. */
		trap_fault(KABI_FAULT_ALIGNMENT, r->sp, esr, r->pc);
		break;
	default: /* unknown instruction, trapped sysreg/WFI, BRK, ... */
		trap_fault(KABI_FAULT_UNDEFINED, r->pc, esr, r->pc);
		break;
	}
	kernel_exit();
}

_Noreturn void arch_el0_irq(struct arch_regs *r)
{
	(void)r;
	trap_irq();
	kernel_exit();
}

_Noreturn void arch_el0_bad(struct arch_regs *r)
{
	trap_fault(KABI_FAULT_OTHER, r->pc, read_esr(), r->pc);
	kernel_exit();
}

/* Interrupt taken in the idle loop: handle it and return into the loop. */
void arch_el1_irq(struct arch_regs *r)
{
	(void)r;
	trap_irq();
}

static bool halting; /* arch_halt() has started: see psci_off() */
static _Noreturn void psci_off(void);
static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

/* Any synchronous exception inside the kernel is a kernel bug, except the
 * semihosting trap of arch_halt() when QEMU runs without semihosting. */
_Noreturn void arch_el1_sync(struct arch_regs *r)
{
	if (halting)
		psci_off();
	kernel_panic_trap("kernel exception", read_esr(), r->pc, read_far());
}

/* Take a pending interrupt now (the isb makes the unmask take effect
 * before the mask), under the kernel lock: the handler is kernel code. */
static void irq_window(void)
{
	__asm__ volatile("msr daifclr, #2; isb; msr daifset, #2" ::: "memory");
}

void arch_idle(void)
{
	/* The lock goes back for the wait (another core may enter the kernel
	 * meanwhile), and interrupts open only once it is ours again: the
	 * kernel is otherwise not reentrant. wfi with IRQs masked still wakes
	 * on a pending IRQ (the mask does not gate the wake-up), and one that
	 * was pending before wfi makes it return at once. */
	arch_lock_give();
	__asm__ volatile("wfi" ::: "memory");
	arch_lock_take();
	irq_window();
}

bool arch_lock_held(void)
{
#if KERNEL_SMP
	extern uint32_t kernel_lock; /* vectors.S: now-serving | next << 16 */
	uint32_t v = __atomic_load_n(&kernel_lock, __ATOMIC_RELAXED);
	return (v & 0xffff) != v >> 16; /* a ticket is out that is not done */
#else
	return true; /* the uniprocessor build has no lock: masked interrupts are all it needs */
#endif
}

void arch_irq_window(void)
{
	/* As arch_idle() without the wait. */
	arch_lock_give();
	arch_lock_take();
	irq_window();
}

/*
 * Clean and invalidate [kva, kva + len) to the point of coherency (DC CIVAC
 * by the data cache's smallest line, CTR_EL0.DminLine), then dsb ish: the
 * memory holds the latest data, and no cache in the inner-shareable domain
 * keeps a copy (by-VA maintenance reaches every core's caches), so a
 * reader with its MMU and caches off sees it, and a later non-cacheable
 * write cannot be shadowed by a stale line. QEMU models no caches.
 */
void arch_clean_inval_poc(uintptr_t kva, size_t len)
{
	uint64_t ctr;
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	uintptr_t line = 4u << ((ctr >> 16) & 0xf); /* DminLine: log2 of words */
	for (uintptr_t a = kva & ~(line - 1); a < kva + len; a += line)
		__asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
	__asm__ volatile("dsb ish" ::: "memory");
}

/*
 * Make instructions written through the data side (the kernel's identity
 * map) visible to instruction fetch, from any virtual address: the ARM ARM's
 * sequence for modified instructions (B2.4.4, "Concurrent modification and
 * execution of instructions"): clean the data cache to the point of
 * unification by VA, DSB ISH so the clean completes, invalidate the
 * instruction cache, DSB ISH so that completes, ISB so this PE refetches.
 *
 * - Cortex-A53 and A72 have neither CTR_EL0.IDC nor DIC (both steps are
 *   needed); a core that sets them needs one or neither, so they are read.
 * - The clean is DC CIVAC, not DC CVAU: Cortex-A53 errata 819472, 826319,
 *   827319 and 824069 make a DC CVAU unreliable on some revisions, and Linux
 *   upgrades it the same way (ARM64_WORKAROUND_CLEAN_CACHE). Cleaning to
 *   the point of coherency includes the point of unification.
 * - The A53's L1 I-cache is VIPT and may alias (CTR_EL0.L1Ip), and the
 *   kernel writes through its own alias of the frame, not the user VA, so
 *   IC IVAU by the kernel's address could miss the user's lines: IC IALLUIS
 *   invalidates all of it (inner shareable: right on one core, and still
 *   right if the kernel ever runs on more).
 * Used for loaded program text (SpaceWrite into an X page) and for every
 * frame SpaceMap maps executable: a reused frame, zeroed through the data
 * side, may still have a previous owner's instructions in the I-cache.
 * QEMU does not model caches, so no test can see a missing step.
 */
void arch_sync_icache(uintptr_t kva, size_t len)
{
	uint64_t ctr;
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	if (!((ctr >> 28) & 1)) /* IDC clear: the clean is needed */
		arch_clean_inval_poc(kva, len);
	if (!((ctr >> 29) & 1)) /* DIC clear: the invalidation is needed */
		__asm__ volatile("ic ialluis\n\tdsb ish" ::: "memory");
	__asm__ volatile("isb" ::: "memory");
}

const char *arch_name(void)
{
	uint64_t midr;
	__asm__ volatile("mrs %0, midr_el1" : "=r"(midr));
	switch ((midr >> 4) & 0xfff) {
	case 0xd03:
		return "cortex-a53";
	case 0xd07:
		return "cortex-a57";
	case 0xd08:
		return "cortex-a72";
	default:
		return "aarch64";
	}
}

static void semihost_exit(int status)
{
	/* SYS_EXIT (0x18) with ADP_Stopped_ApplicationExit and a subcode:
	 * QEMU with -semihosting-config enable=on,target=native exits with it. */
	uint64_t block[2] = {SEMIHOST_EXIT_APPLICATION, (uint64_t)(unsigned)status};
	register uint64_t x0 __asm__("x0") = SEMIHOST_SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)block;
	__asm__ volatile("hlt #" ARM_STR(SEMIHOST_HLT) : "+r"(x0) : "r"(x1) : "memory");
}

#ifdef KERNEL_TRACE
static long semihost(uint64_t op, const void *block)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = (uint64_t)block;
	__asm__ volatile("hlt #" ARM_STR(SEMIHOST_HLT) : "+r"(x0) : "r"(x1) : "memory");
	return (long)x0;
}

long arch_semihost_open(const char *name)
{
	uint64_t block[3] = {(uint64_t)name, 5 /* "wb" */, strlen(name)}; /* SYS_OPEN */
	return semihost(SEMIHOST_SYS_OPEN, block);
}

void arch_semihost_write(long fd, const void *buf, size_t len)
{
	uint64_t block[3] = {(uint64_t)fd, (uint64_t)buf, len}; /* SYS_WRITE */
	(void)semihost(SEMIHOST_SYS_WRITE, block);
}

void arch_semihost_close(long fd)
{
	uint64_t block[1] = {(uint64_t)fd}; /* SYS_CLOSE */
	(void)semihost(SEMIHOST_SYS_CLOSE, block);
}
#endif

_Noreturn void arch_halt(int status)
{
	/* Without -semihosting-config the hlt below is an undefined
	 * instruction; arch_el1_sync() sees `halting` and powers off instead,
	 * so QEMU still ends (with status 0; the console shows the status). */
	halting = true;
	ktrace_dump(); /* the trace file, through semihosting (-Dtrace=true) */
	if (status != 0)
		semihost_exit(status);
	psci_off();
}

static _Noreturn void psci_off(void)
{
	/* PSCI SYSTEM_OFF: QEMU exits with 0. */
	(void)psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

/* PSCI through the conduit _start recorded: hvc when entered at EL1 (QEMU
 * emulates PSCI at EL2), smc at EL2 (QEMU as the EL3 firmware). */
static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn, x1 __asm__("x1") = a1, x2 __asm__("x2") = a2,
	                     x3 __asm__("x3") = a3;
	if (arch_boot_el == 2)
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)::"memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)::"memory");
	return (int64_t)x0;
}

void _start_secondary(void);

extern char __kernel_start[], __kernel_end[]; /* kernel.ld */

int arch_cpu_start(unsigned index, void *c)
{
	/* The entry's physical address: the kernel runs identity-mapped. The
	 * core's MPIDR affinity is the board's. The new core runs with its
	 * MMU and caches off until mmu_enable(): everything it reads by then
	 * (the kernel's text and data, its tables, its struct cpu) must be in
	 * memory, not only in this core's cache, and no cache may keep a
	 * dirty line that a later write-back would lay over what it writes
	 * uncached (its stack): the whole image is cleaned and invalidated to
	 * the point of coherency. */
	arch_clean_inval_poc((uintptr_t)__kernel_start, (size_t)(__kernel_end - __kernel_start));
	return (int)psci_call(PSCI_CPU_ON, PLATFORM_CPU_MPIDR(index), (uintptr_t)_start_secondary,
	                      (uintptr_t)c);
}

uint64_t arch_counter_hz(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

void arch_regs_init(struct arch_regs *r, uintptr_t pc, uintptr_t sp, uintptr_t arg)
{
	for (unsigned i = 0; i < 31; i++)
		r->x[i] = 0;
	r->x[0] = arg;
	r->sp = sp;
	r->pc = pc;
	r->spsr = SPSR_EL0T;
	r->tpidr = 0;
	r->pad = 0;
}

uintptr_t arch_regs_pc(const struct arch_regs *r)
{
	return r->pc;
}

void arch_regs_restart_syscall(struct arch_regs *r)
{
	r->pc -= 4; /* back onto the svc */
}

void arch_regs_set_tls(struct arch_regs *r, uintptr_t v)
{
	r->tpidr = v;
}
