/* Constants shared by the "ipc" boot test's programs (slots and the
 * client's badge: ipc.sys). */
#ifndef IPC_TEST_H
#define IPC_TEST_H

#define XFER_BADGE 0x55
#define BACK_LABEL 99

static inline uint64_t pattern(unsigned round, unsigned i)
{
	return 0x1000u * round + i * 3u + 1;
}

#endif
