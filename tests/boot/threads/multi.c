/* "threads" test component: main(0) serves, main(1) calls and signals,
 * main(2) waits with a notification thread 0 bound to it. */
#include "../common/btest.h"
#include "threads_test.h"

static volatile uint64_t shared_counter; /* one address space: all see it */

int main(uintptr_t which)
{
	if (which == 0) {
		long b = u_ntfn_bind(T_SLOT_NTFN, T_SLOT_THREAD2);
		uint64_t sum = 0;
		for (unsigned i = 0; i < 3; i++) {
			struct u_msg m = u_recv(T_SLOT_EP, T_SLOT_REPLY, 0);
			sum += m.w[0];
			uint64_t v = m.w[0] * 2;
			(void)u_reply(T_SLOT_REPLY, (struct u_out){0, &v, 1, 0});
		}
		tap_ok(b == 0 && sum == 6 && shared_counter == 3,
		       "thread 0 served thread 1 in the same space (bind %ld, sum %lu)", b,
		       (unsigned long)sum);
	} else if (which == 1) {
		bool ok = true;
		for (uint64_t i = 1; i <= 3; i++) {
			shared_counter++;
			struct u_msg m = u_call(T_SLOT_EP, (struct u_out){0, &i, 1, 0}, 0);
			ok &= m.err == 0 && m.w[0] == 2 * i;
		}
		tap_ok(ok && u_ipcbuf() == (struct ipc_buffer *)(COMP_IPCBUF_VA + KABI_PAGE_SIZE),
		       "thread 1 has its own IPC buffer and got its replies");
		(void)u_signal(T_SLOT_NTFN);
	} else {
		/* Thread 2 runs first (priority 110) and blocks here before the
		 * binding exists; the signal reaches it because the binding is made
		 * while it waits. */
		struct u_msg m = u_recv(T_SLOT_EP2, U_NONE, 0);
		tap_ok(m.err == 0 && m.kind == IPC_EV_NOTIFY && m.badge == 0x40,
		       "N4 notification bound by another thread wakes thread 2 (kind %u)", m.kind);
	}
	report_done();
	return 0;
}
