/* Addresses shared by the "spacerights" boot test's programs (slots:
 * spacerights.sys). */
#ifndef SPACERIGHTS_TEST_H
#define SPACERIGHTS_TEST_H

#include <uapi/layout.h>

#define SR_BASE_VA COMP_FREE_VA                         /* victim and writer: their run-time window */
#define SR_VICTIM_RO SR_BASE_VA                         /* victim: page mapped R-- ("original") */
#define SR_VICTIM_RW (SR_BASE_VA + KABI_PAGE_SIZE)      /* victim: page mapped RW- ("secret") */
#define SR_SHARED_RO SR_BASE_VA                         /* writer: the victim's R-- page, shared R-- */
#define SR_TRY_RW (SR_BASE_VA + KABI_PAGE_SIZE)         /* writer: where it tries a RW share */
#define SR_TRY_R (SR_BASE_VA + 2 * KABI_PAGE_SIZE)      /* writer: the victim's RW page, shared R-- */
#define SR_LOOK_VA (COMP_FREE_VA + KABI_UL(0x10000000)) /* ctl: where it looks at the victim's pages */

#endif
