/* Slots and cases shared by the "fault" boot test's programs. */
#ifndef FAULT_TEST_H
#define FAULT_TEST_H

#define FAULT_TEST_PLAN 9
#define F_SLOT_FAULT 2 /* faulter: fault handler endpoint, W|G, badge = case */
#define H_SLOT_EP 2    /* handler: fault endpoint, R */
#define H_SLOT_REPLY 3 /* handler: reply object */
#define B_SLOT_NONE 2

enum fault_case {
	CASE_UNMAPPED_READ = 1, /* load from an address nothing maps */
	CASE_KERNEL_READ = 2,   /* load from the kernel image */
	CASE_TEXT_WRITE = 3,    /* store to its own (read-only) text: W^X */
	CASE_EXEC_DATA = 4,     /* jump to its stack: W^X */
	CASE_UNDEFINED = 5,     /* udf #0 */
	CASE_COUNT = 5,
};
#define UNMAPPED_VA 0x300000000ul
#define KERNEL_VA 0x40080000ul

#endif
