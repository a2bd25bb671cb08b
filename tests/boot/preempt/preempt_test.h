/* The page the "preempt" test's components share (region SHARED, preempt.sys). */
#ifndef PREEMPT_TEST_H
#define PREEMPT_TEST_H

#include <stdint.h>

struct shared {
	volatile uint64_t spin[2]; /* each spinner's counter */
	volatile uint32_t log_len;
	volatile char log[64]; /* the yielders' letters, in the order they ran */
};

#endif
