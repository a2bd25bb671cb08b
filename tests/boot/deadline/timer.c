/* "deadline" test: each blocking call with a timeout, timed with the
 * counter EL0 may read. */
#include "comp.h"
#include "deadline_test.h"

static void check(long err, uint64_t t0, uint64_t want_us, const char *what)
{
	uint64_t took = u_now_us() - t0;
	comp_ok(err == IPC_E_TIMED_OUT && took >= want_us && took < want_us + 20000,
	        "X4 %s with a %lu us timeout: TIMED_OUT after %lu us (%ld)", what, (unsigned long)want_us,
	        (unsigned long)took, err);
}

int main(uintptr_t arg)
{
	(void)arg;
	uint64_t t0 = u_now_us();
	check(u_recv(SLOT_EP, U_NONE, 50000).err, t0, 50000, "Recv");
	t0 = u_now_us();
	check(u_wait(SLOT_N, 30000).err, t0, 30000, "Wait");
	t0 = u_now_us();
	check(u_call(SLOT_SILENT, (struct u_out){0, 0, 0, 0}, 40000).err, t0, 40000,
	      "Call (server never replies)");
	t0 = u_now_us();
	check(u_send(SLOT_EP, (struct u_out){0, 0, 0, 0}, 20000), t0, 20000, "Send (nobody receives)");
	/* ctl sends at about 400 ms after start; a 5 s deadline must not
	 * fire first. */
	struct u_msg m = u_recv(SLOT_EP, U_NONE, 5000000);
	comp_ok(m.err == 0 && m.label == DL_LABEL, "X4 message before the deadline is received (%ld)", m.err);
	comp_done();
	return 0;
}
