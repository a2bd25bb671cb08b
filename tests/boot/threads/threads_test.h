/* Slots of the "threads" boot test's component. */
#ifndef THREADS_TEST_H
#define THREADS_TEST_H

#define T_SLOT_EP 2
#define T_SLOT_REPLY 3
#define T_SLOT_NTFN 4
#define T_SLOT_EP2 5     /* thread 2 Recvs here, with the bound notification */
#define T_SLOT_THREAD2 6 /* cap to thread 2 (W), for NtfnBind */

#endif
