/* Slots shared by the "console" boot test's programs. */
#ifndef CONSOLE_TEST_H
#define CONSOLE_TEST_H

#define CONSOLE_PLAN 5
#define N_SLOT_SELF 2 /* forger: a W cap to its own thread */

#endif
