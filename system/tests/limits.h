/*
 * What a component of program `limits` (limits.c) proves, chosen by its
 * `arg` in the descriptions tools/syslimits.py writes (which reads these
 * bits from here): the systems built at each limit sysgen checks.
 */
#ifndef SYSTEM_TESTS_LIMITS_H
#define SYSTEM_TESTS_LIMITS_H

#define LIMITS_CAPS 0x1u   /* every slot above REPORT holds an endpoint cap with R and W */
#define LIMITS_WRITE 0x2u  /* write a pattern into every page of every mapped region */
#define LIMITS_VERIFY 0x4u /* find the pattern in every page of every mapped region */

#endif
