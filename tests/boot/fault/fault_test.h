/* Cases shared by the "fault" boot test's programs (slots: fault.sys). */
#ifndef FAULT_TEST_H
#define FAULT_TEST_H

enum fault_case {
	CASE_UNMAPPED_READ = 1, /* load from an address nothing maps */
	CASE_KERNEL_READ = 2,   /* load from the kernel image */
	CASE_TEXT_WRITE = 3,    /* store to its own (read-only) text: W^X */
	CASE_EXEC_DATA = 4,     /* jump to its stack: W^X */
	CASE_UNDEFINED = 5,     /* udf #0 */
	CASE_COUNT = 5,
};

#endif
