/* The label of the message the "deadline" test's ctl sends in time. */
#ifndef DEADLINE_TEST_H
#define DEADLINE_TEST_H

#define DL_LABEL 7

#endif
