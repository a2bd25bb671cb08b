/* Slots and values shared by the "pmu" boot test's programs. */
#ifndef PMU_TEST_H
#define PMU_TEST_H

#define PMU_PLAN 5
#define PMU_WRITES 5 /* meddlers 0..4 each try one PMU write; 5 writes its own PMSELR */
#define PMU_MEDDLERS 6
/* Slot 2: judge: the endpoint (R); meddler i: its fault handler cap (badge
 * i + 1); snoop: a W|G cap to it with badge P_BADGE_DONE. */
#define P_SLOT_EP 2
#define P_SLOT_REPLY 3        /* judge: reply object */
#define P_BADGE_DONE 100      /* snoop's "I have measured" call to the judge */
#define PMU_MAGIC 0x5eed1234u /* what meddler 0 and 1 write into the counters */
#define PMU_SELR_MEDDLER 5u   /* what meddler 5 writes into its PMSELR */
#define PMU_SELR_SNOOP 2u     /* what snoop keeps in its PMSELR */
#define PMU_EC_SYSREG 0x18u   /* ESR.EC of a trapped MSR/MRS (Arm ARM) */

#endif
