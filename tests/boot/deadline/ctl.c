/*
 * "deadline" test: the message that arrives before its deadline. Above the
 * timer and the silent server, it sleeps 400 ms on a notification nobody
 * signals (so the timer's timeouts run first), then sends on the endpoint
 * the timer waits on with a 5 s deadline (deadline.sys).
 */
#include "comp.h"
#include "deadline_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	(void)u_wait(SLOT_TIMER, 400000);
	long e = u_send(SLOT_EP, (struct u_out){DL_LABEL, 0, 0, 0}, 0);
	if (e)
		uprintf("ctl: send %ld\n", e);
	comp_done();
	return 0;
}
