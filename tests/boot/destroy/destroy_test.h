/* Badges of the "destroy" test's senders (ctl mints them; destroy.sys). */
#ifndef DESTROY_TEST_H
#define DESTROY_TEST_H

#include <stdint.h>

#define DESTROY_BADGE_CANCEL 5 /* senders 0 and 2: cancelled by CancelBadgedSends */
#define DESTROY_BADGE_KEEP 6   /* sender 1: still queued, then received */
#define DESTROY_SENDERS 3

static inline uint64_t destroy_badge(unsigned sender)
{
	return sender == 1 ? DESTROY_BADGE_KEEP : DESTROY_BADGE_CANCEL;
}

#endif
