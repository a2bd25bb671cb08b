/* Addresses and limits of the "share" boot test (slots: share.sys). */
#ifndef SHARE_TEST_H
#define SHARE_TEST_H

#define S_ATTACK_VA 0x1000000000ul /* sharer: where its shares go, 2 MiB apart */
#define S_ATTACK_TRIES 40000u      /* more than the whole pool's worth of page tables */

#endif
