/* "fuzz" test: answer two Calls with word + 1. */
#include "../common/btest.h"

int main(uintptr_t arg)
{
	(void)arg;
	bool ok = true;
	for (unsigned i = 0; i < 2; i++) {
		struct u_msg m = u_recv(2, 3, 0);
		uint64_t v = m.w[0] + 1;
		ok &= m.err == 0;
		ok &= u_reply(3, (struct u_out){0, &v, 1, 0}) == 0;
	}
	tap_ok(ok, "echo server answered both fuzzers");
	report_done();
	return 0;
}
