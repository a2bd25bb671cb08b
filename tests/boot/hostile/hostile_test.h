/* Slots shared by the "hostile" boot test's programs. */
#ifndef HOSTILE_TEST_H
#define HOSTILE_TEST_H

#define HOSTILE_TEST_PLAN 21
#define H_SLOT_RONLY 2     /* hostile: endpoint cap with R only */
#define H_SLOT_NTFN_W 3    /* hostile: notification cap with W only */
#define H_SLOT_FAULT 4     /* hostile: fault handler endpoint, W|G, badge 1 */
#define H_SLOT_ECHO 5      /* hostile: echo endpoint, W|G */
#define H_SLOT_SPACE_R 6   /* hostile: its own space, R only */
#define H_SLOT_UNTYPED_R 7 /* hostile: the root's untyped, R only */
#define W_SLOT_EP 2        /* watcher: the endpoint faults and echo calls arrive on */
#define W_SLOT_REPLY 3     /* watcher: reply object */
#define WILD_SYSCALL 0x7777ul

#endif
