/*
 * Boot test "asid": what ctl and the readers agree on besides the
 * description (asid.sys): the word ctl writes and where in the page.
 */
#ifndef ASID_TEST_H
#define ASID_TEST_H

#define R_MAGIC 0x5a5a0000feedf00dul
#define R_OFFSET 64 /* where in the page */

#endif
