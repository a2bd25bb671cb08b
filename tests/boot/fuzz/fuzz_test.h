/* Slots and limits shared by the "fuzz" boot test's programs. */
#ifndef FUZZ_TEST_H
#define FUZZ_TEST_H

#define FZ_SLOT_ECHO 2  /* echo endpoint, moved out of reach first */
#define FZ_SLOT_HIDE 40 /* where report and echo caps wait out the fuzzing */
#define FZ_SLOT_EP0 8   /* two endpoints: 8, 9 */
#define FZ_SLOT_NTFN 10
#define FZ_SLOT_REPLY 11
#define FZ_SLOT_MIN 8 /* random slots fall in [8, 16) or are wild */
#define FZ_SLOT_SPAN 8
#define FZ_ITERATIONS 30000

#endif
