/* Values shared by the "pmu" boot test's programs (slots, badges: pmu.sys). */
#ifndef PMU_TEST_H
#define PMU_TEST_H

#define PMU_WRITES 5          /* meddlers 0..4 each try one PMU write; 5 writes its own PMSELR */
#define PMU_MAGIC 0x5eed1234u /* what meddler 0 and 1 write into the counters */
#define PMU_SELR_MEDDLER 5u   /* what meddler 5 writes into its PMSELR */
#define PMU_SELR_SNOOP 2u     /* what snoop keeps in its PMSELR */

#endif
