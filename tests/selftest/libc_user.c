/* A deliberately non-freestanding library: the symbol check must refuse it
 * (tests/meson.build runs the check on it with should_fail). */
#include <string.h>

size_t selftest_uses_libc(const char *s)
{
	return strlen(s) + (size_t)strchr(s, 'x');
}
