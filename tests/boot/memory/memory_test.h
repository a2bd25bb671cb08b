/*
 * Boot test "memory": what the root task and the hog component agree on:
 * the hog's budget and the slots the root installs its caps in.
 */
#ifndef MEMORY_TEST_H
#define MEMORY_TEST_H

#define HOG_BUDGET 64u            /* pages of the hog's own untyped, its building included */
#define HOG_SLOT_UNTYPED 2u       /* W cap to that untyped */
#define HOG_SLOT_SPACE 3u         /* W cap to its own space */
#define HOG_SLOT_FIRST 4u         /* free from here */
#define HOG_MAP_VA 0x4000000000ul /* a GiB with no tables yet: a map there needs two */

#endif
