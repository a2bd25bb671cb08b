/* Slots and addresses shared by the "share" boot test's programs. */
#ifndef SHARE_TEST_H
#define SHARE_TEST_H

#define SHARE_PLAN 8
#define S_SLOT_SPACE 2             /* sharer: its own space, all rights (and no untyped at all) */
#define S_SLOT_UNTYPED_R 3         /* sharer: the root's untyped, R only */
#define S_SLOT_NOTHING 9           /* sharer: an empty slot */
#define S_ATTACK_VA 0x1000000000ul /* sharer: where its shares go, 2 MiB apart */
#define S_ATTACK_TRIES 40000u      /* more than the whole pool's worth of page tables */

#endif
