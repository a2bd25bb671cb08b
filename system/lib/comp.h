/*
 * Helpers every demo component uses: TAP results counted per component and
 * the one "done" report to the loader (label = failures, word 0 = results
 * printed), through the REPORT slot the loader installs (sysdesc.h). The
 * generated header of the component's program (SYS_HEADER, from
 * tools/sysgen.py) gives every other slot number and region address.
 * Concurrency: single-threaded components.
 */
#ifndef SYSTEM_COMP_H
#define SYSTEM_COMP_H

#include <stdbool.h>
#include <user/sys.h>
#include <user/ulib.h>

#include SYS_HEADER

/* Print "ok - ..." / "not ok - ..." and count it. Returns cond. */
bool comp_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* snprintf subset (the formats of uprintf); returns the length written. */
int comp_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Tell the loader we are done; call once, at the end. */
void comp_done(void);

#endif
