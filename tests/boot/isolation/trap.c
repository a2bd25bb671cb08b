/*
 * "isolation" test, instructions: thread i (arg i) of this component tries
 * one write to state the kernel or other components depend on. Each must
 * trap and reach the fault handler (judge.c) as an UNDEFINED fault message,
 * which leaves the thread stopped; if it returns, the write took effect and
 * the thread says so (a failure).
 *
 *  0- 7 the PMU beyond what pmu/ tries: software increment, overflow flags
 *       set and clear, the cycle counter's filter (directly and through
 *       PMSELR = 31 and PMXEVTYPER), event counter 0 through PMSELR and
 *       PMXEVCNTR, PMUSERENR (granting itself write access), PMINTENSET
 *  8-11 the kernel's timer: stop it, push its compare value out, reload
 *       its countdown, grant EL0 the timers (CNTKCTL_EL1)
 *  12   mask interrupts (DAIF), to never be preempted
 *  13-14 PSCI SYSTEM_OFF through hvc and smc: end the machine
 *  15   semihosting (hlt #0xf000): print a forged kernel halt line straight
 *       to QEMU's stdout and exit QEMU with status 0 (a false pass)
 */
#include <common/arm.h>
#include "comp.h"
#include "isolation_test.h"

static const char forged[] = "kernel: halt requested by thread 0 (root), status 0\n";

int main(uintptr_t arg)
{
	switch (arg) {
	case 0:
		__asm__ volatile("msr pmswinc_el0, %0; isb" ::"r"(1ul));
		break;
	case 1:
		__asm__ volatile("msr pmovsset_el0, %0; isb" ::"r"(1ul << 31));
		break;
	case 2:
		__asm__ volatile("msr pmovsclr_el0, %0; isb" ::"r"(~0ul));
		break;
	case 3:
		__asm__ volatile("msr pmccfiltr_el0, %0; isb" ::"r"(1ul << 31)); /* stop counting EL1 */
		break;
	case 4:
		__asm__ volatile("msr pmselr_el0, %0; isb; msr pmxevtyper_el0, %1; isb" ::"r"(31ul),
		                 "r"(1ul << 31));
		break;
	case 5:
		__asm__ volatile(
		    "msr pmselr_el0, xzr; isb; msr pmxevcntr_el0, %0; isb" ::"r"((uint64_t)T_MAGIC));
		break;
	case 6:
		__asm__ volatile("msr pmuserenr_el0, %0; isb" ::"r"(0xful));
		break;
	case 7:
		__asm__ volatile("msr pmintenset_el1, %0; isb" ::"r"(~0ul));
		break;
	case 8:
		__asm__ volatile("msr cntv_ctl_el0, xzr; isb");
		break;
	case 9:
		__asm__ volatile("msr cntv_cval_el0, %0; isb" ::"r"(~0ul));
		break;
	case 10:
		__asm__ volatile("msr cntv_tval_el0, %0; isb" ::"r"(0x7ffffffful));
		break;
	case 11:
		__asm__ volatile("msr cntkctl_el1, %0; isb" ::"r"(0x303ul));
		break;
	case 12:
		__asm__ volatile("msr daifset, #3; isb" ::: "memory");
		break;
	case 13: {
		register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
		__asm__ volatile("hvc #0" : "+r"(x0)::"memory");
		break;
	}
	case 14: {
		register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
		__asm__ volatile("smc #0" : "+r"(x0)::"memory");
		break;
	}
	default: {
		register uint64_t x0 __asm__("x0") = SEMIHOST_SYS_WRITE0;
		register uint64_t x1 __asm__("x1") = (uint64_t)forged;
		__asm__ volatile("hlt #" ARM_STR(SEMIHOST_HLT) : "+r"(x0) : "r"(x1) : "memory");
		static const uint64_t block[2] = {SEMIHOST_EXIT_APPLICATION, 0}; /* status 0 */
		x0 = SEMIHOST_SYS_EXIT;
		x1 = (uint64_t)block;
		__asm__ volatile("hlt #" ARM_STR(SEMIHOST_HLT) : "+r"(x0) : "r"(x1) : "memory");
		break;
	}
	}
	comp_ok(false, "trap %lu: the write from EL0 took effect instead of trapping", (unsigned long)arg);
	return 0;
}
