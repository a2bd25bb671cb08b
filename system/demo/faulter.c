/*
 * Demo (c), the faulting component: follows a NULL struct pointer, a bug
 * every C programmer has written. The data abort makes the kernel Call this
 * component's fault handler (the FAULT slot named by `fault=` in the
 * description, F1); the handler leaves it stopped, so the line after the
 * load never runs. It is "silent": it never reports to the loader.
 * Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "demo.h"

struct node {
	uint64_t key, pad;
	struct node *next; /* at offset DEMO_BAD_POINTER */
};
_Static_assert(__builtin_offsetof(struct node, next) == DEMO_BAD_POINTER, "demo.h offset");

int main(uintptr_t arg)
{
	struct node *volatile head = 0;
	(void)arg;
	uprintf("faulter: reading head->next with head == NULL (address 0x%lx)\n", DEMO_BAD_POINTER);
	struct node *n = head->next;
	comp_ok(false, "faulter resumed after its fault (%p)", (void *)n);
	return 0;
}
