/* "fuzz" test: answer two Calls with word + 1. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	bool ok = true;
	for (unsigned i = 0; i < 2; i++) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
		uint64_t v = m.w[0] + 1;
		ok &= m.err == 0;
		ok &= u_reply(SLOT_REPLY, (struct u_out){0, &v, 1, 0}) == 0;
	}
	comp_ok(ok, "echo server answered both fuzzers");
	comp_done();
	return 0;
}
