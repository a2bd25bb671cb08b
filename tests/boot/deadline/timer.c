/* "deadline" test: each blocking call with a timeout, timed with the
 * counter EL0 may read. */
#include "../common/btest.h"

#define T_SLOT_EP 2
#define T_SLOT_N 3
#define T_SLOT_SILENT 4

static void check(long err, uint64_t t0, uint64_t want_us, const char *what)
{
	uint64_t took = u_now_us() - t0;
	tap_ok(err == IPC_E_TIMED_OUT && took >= want_us && took < want_us + 20000,
	       "X4 %s with a %lu us timeout: TIMED_OUT after %lu us (%ld)", what, (unsigned long)want_us,
	       (unsigned long)took, err);
}

int main(uintptr_t arg)
{
	(void)arg;
	uint64_t t0 = u_now_us();
	check(u_recv(T_SLOT_EP, U_NONE, 50000).err, t0, 50000, "Recv");
	t0 = u_now_us();
	check(u_wait(T_SLOT_N, 30000).err, t0, 30000, "Wait");
	t0 = u_now_us();
	check(u_call(T_SLOT_SILENT, (struct u_out){0, 0, 0, 0}, 40000).err, t0, 40000,
	      "Call (server never replies)");
	t0 = u_now_us();
	check(u_send(T_SLOT_EP, (struct u_out){0, 0, 0, 0}, 20000), t0, 20000, "Send (nobody receives)");
	/* The root sends at about 400 ms after start; a 5 s deadline must not
	 * fire first. */
	struct u_msg m = u_recv(T_SLOT_EP, U_NONE, 5000000);
	tap_ok(m.err == 0 && m.label == 7, "X4 message before the deadline is received (%ld)", m.err);
	report_done();
	return 0;
}
