/* Slots shared by the "ntfn" boot test's programs. */
#ifndef NTFN_TEST_H
#define NTFN_TEST_H

#define NTFN_TEST_PLAN 6
#define W_SLOT_N 2     /* waiter: notification, R */
#define W_SLOT_SYNC 3  /* waiter: endpoint, R (signaller says "now poll") */
#define W_SLOT_BOUND 4 /* waiter: second notification, bound to it, R */
#define W_SLOT_EP 5    /* waiter: endpoint it Recvs on while bound, R */
#define S_SLOT_N1 2    /* signaller: notification, W, badge 1 */
#define S_SLOT_N4 3    /* signaller: notification, W, badge 4 */
#define S_SLOT_SYNC 4  /* signaller: endpoint, W */
#define S_SLOT_BOUND 5 /* signaller: bound notification, W, badge 0x10 */

#endif
