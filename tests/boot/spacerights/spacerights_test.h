/* Addresses shared by the "spacerights" boot test's programs (slots:
 * spacerights.sys). */
#ifndef SPACERIGHTS_TEST_H
#define SPACERIGHTS_TEST_H

#define SR_BASE_VA 0x1e0000000ul             /* below every component's stack */
#define SR_VICTIM_RO SR_BASE_VA              /* victim: page mapped R-- ("original") */
#define SR_VICTIM_RW (SR_BASE_VA + 0x1000ul) /* victim: page mapped RW- ("secret") */
#define SR_SHARED_RO SR_BASE_VA              /* writer: the victim's R-- page, shared R-- */
#define SR_TRY_RW (SR_BASE_VA + 0x1000ul)    /* writer: where it tries a RW share */
#define SR_TRY_R (SR_BASE_VA + 0x2000ul)     /* writer: the victim's RW page, shared R-- */
#define SR_LOOK_VA 0x180000000ul             /* ctl: where it looks at the victim's pages */

#endif
