/* "console" test: prints while the forger has a half line open, and
 * leaves a half line of its own to the forger. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	(void)u_debug_puts("PANIC: chatter's own half line", 30);
	u_yield(); /* the forger prints next: it must not continue this line */
	comp_ok(true, "chatter printed in the middle of another component's line");
	comp_done();
	return 0;
}
