/*
 * Shared conventions of the boot tests: the slots every test component
 * finds its report endpoint in, and the root task's start/finish helpers.
 * A test's root task prints the TAP plan, spawns the components, then waits
 * until each has reported "done" on the report endpoint and halts QEMU with
 * status 0 if nothing failed. Concurrency: each component is single-threaded
 * unless its test says otherwise.
 */
#ifndef BTEST_H
#define BTEST_H

#include <user/spawn.h>
#include <user/sys.h>
#include <user/ulib.h>

/* Component CSpace slots common to all tests. */
#define C_SLOT_REPORT 1 /* endpoint to the root: send label = failures */
#define C_SLOT_FIRST 2  /* test-specific caps start here */

/* Root: set up, print the plan, create the report endpoint. */
void root_begin(uintptr_t bootimg, unsigned plan);
/* Root: slot of the report endpoint (to install into components). */
uint32_t root_report_slot(void);
/* Root: spawn `name` with the report cap installed; not started yet. */
long root_spawn(const char *name, unsigned prio, uint32_t fault_slot, struct component *c);
/* Root: install a minted copy of root slot `src` into c's slot `dst`. */
void root_give(struct component *c, uint32_t dst, uint32_t src, uint32_t rights, uint64_t badge);
/* Root: a new object of KOBJ_* type in a fresh root slot. */
uint32_t root_new(unsigned type);
/* Root: wait for `n` done reports (each within timeout_ms), then halt. */
_Noreturn void root_finish(unsigned n, unsigned timeout_ms);
/* Component: tell the root we are done (label = our failure count). */
void report_done(void);

#endif
