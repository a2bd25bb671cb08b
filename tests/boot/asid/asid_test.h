/*
 * Boot test "asid": what the root task and the readers agree on.
 */
#ifndef ASID_TEST_H
#define ASID_TEST_H

#define R_SLOT_FAULT 2 /* the root's fault endpoint (W, G) */
#define R_SLOT_SELF 3  /* the first reader's own thread cap: its last one */
#define R_SLOT_SPACE 4 /* the unmapper's own space (W) */
#define R_MAGIC 0x5a5a0000feedf00dul
#define R_OFFSET 64 /* where in the page: past the pool's free-list link */

#endif
