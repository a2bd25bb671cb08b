/* Slots and addresses shared by the "spacerights" boot test's programs. */
#ifndef SPACERIGHTS_TEST_H
#define SPACERIGHTS_TEST_H

#define SR_SLOT_OWN 2                            /* writer: its own space, all rights (a loader's cap) */
#define SR_SLOT_VICTIM 3                         /* writer: the victim's space, R only */
#define SR_SLOT_UNTYPED 4                        /* writer: the root's untyped, W (pays for shares) */
#define SR_VICTIM_RO COMP_SHARED_VA              /* victim: page mapped R-- ("original") */
#define SR_VICTIM_RW (COMP_SHARED_VA + 0x1000ul) /* victim: page mapped RW- ("secret") */
#define SR_SHARED_RO COMP_SHARED_VA              /* writer: the victim's R-- page, shared R-- */
#define SR_TRY_RW (COMP_SHARED_VA + 0x1000ul)    /* writer: where it tries a RW share */
#define SR_TRY_R (COMP_SHARED_VA + 0x2000ul)     /* writer: the victim's RW page, shared R-- */

#endif
