/*
 * Component side of the loader's reporting protocol (see comp.h): counts the
 * TAP results a component prints and sends them with its failure count in
 * one Send on SLOT_REPORT. Concurrency: one thread per component.
 */
#include <stdarg.h>
#include <user/sys.h>
#include <user/ulib.h>

#include "../loader/sysdesc.h"

static unsigned results, failures;

bool comp_ok(bool cond, const char *fmt, ...)
{
	char buf[KABI_PUTS_MAX - 16];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tap_ok(cond, "%s", buf);
	results++;
	failures += !cond;
	return cond;
}

int comp_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = fmt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

void comp_done(void)
{
	uint64_t w = results;
	long e = u_send(SD_SLOT_REPORT, (struct u_out){failures, &w, 1, 0}, 0);
	if (e)
		uprintf("component: report to the loader failed: %ld\n", e);
}
