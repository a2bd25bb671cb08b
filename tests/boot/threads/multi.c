/* "threads" test component: main(0) serves, main(1) calls and signals,
 * main(2) waits with a notification thread 0 bound to it. */
#include "comp.h"

static volatile uint64_t shared_counter; /* one address space: all see it */

int main(uintptr_t which)
{
	if (which == 0) {
		long b = u_ntfn_bind(SLOT_NTFN, SLOT_THREAD2);
		uint64_t sum = 0;
		for (unsigned i = 0; i < 3; i++) {
			struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
			sum += m.w[0];
			uint64_t v = m.w[0] * 2;
			(void)u_reply(SLOT_REPLY, (struct u_out){0, &v, 1, 0});
		}
		comp_ok(b == 0 && sum == 6 && shared_counter == 3,
		        "thread 0 served thread 1 in the same space (bind %ld, sum %lu)", b,
		        (unsigned long)sum);
	} else if (which == 1) {
		bool ok = true;
		for (uint64_t i = 1; i <= 3; i++) {
			shared_counter++;
			struct u_msg m = u_call(SLOT_EP, (struct u_out){0, &i, 1, 0}, 0);
			ok &= m.err == 0 && m.w[0] == 2 * i;
		}
		comp_ok(ok && u_ipcbuf() == (struct ipc_buffer *)(COMP_IPCBUF_VA + KABI_PAGE_SIZE),
		        "thread 1 has its own IPC buffer and got its replies");
		(void)u_signal(SLOT_NTFN);
	} else {
		/* Thread 2 runs first (priority 110) and blocks here before the
		 * binding exists; the signal reaches it because the binding is made
		 * while it waits. */
		struct u_msg m = u_recv(SLOT_EP2, U_NONE, 0);
		comp_ok(m.err == 0 && m.kind == IPC_EV_NOTIFY && m.badge == BADGE_MULTI_NTFN,
		        "N4 notification bound by another thread wakes thread 2 (kind %u)", m.kind);
	}
	comp_done();
	return 0;
}
