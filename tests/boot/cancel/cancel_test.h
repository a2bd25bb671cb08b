/* Slots and badges shared by the "cancel" boot test's programs. */
#ifndef CANCEL_TEST_H
#define CANCEL_TEST_H

#define CANCEL_PLAN 8
#define K_SLOT_EP 2      /* every component's cap to the endpoint (rights per role) */
#define K_SLOT_EP_RWG 3  /* attacker: R|W|G (all but GR), with the victim's badge */
#define K_SLOT_REPLY 3   /* handler: reply object */
#define K_BADGE_VICTIM 7 /* sender and faulter of round 1; the attacker holds it too */
#define K_BADGE_OWN 9    /* sender and faulter of round 2, cancelled by the root */

#endif
