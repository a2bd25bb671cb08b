/* Limits of the "fuzz" boot test's fuzzer (its slots: fuzz.sys). */
#ifndef FUZZ_TEST_H
#define FUZZ_TEST_H

/* Random slots fall in [SLOT_EP0, SLOT_EP0 + 8) (fuzz.sys puts the shared
 * caps there) or are wild. */
#define FZ_SLOT_MIN SLOT_EP0
#define FZ_SLOT_SPAN 8
#define FZ_ITERATIONS 30000

#endif
