/* Slots and constants shared by the "ipc" boot test's programs. */
#ifndef IPC_TEST_H
#define IPC_TEST_H

#define IPC_TEST_PLAN 15
#define CLIENT_BADGE 7
#define XFER_BADGE 0x55
#define BACK_LABEL 99

#define S_SLOT_EP 2    /* server: endpoint, R */
#define S_SLOT_REPLY 3 /* server: reply object */
#define S_SLOT_GOT 10  /* server: where the transferred cap lands */
#define C_SLOT_EP 2    /* client: same endpoint, W|G, badge CLIENT_BADGE */
#define C_SLOT_BACK 3  /* client: second endpoint, all rights */

static inline uint64_t pattern(unsigned round, unsigned i)
{
	return 0x1000u * round + i * 3u + 1;
}

#endif
