/*
 * Root-task helpers for building a system: a slot allocator for the root's
 * CSpace, and loading a component from the boot image into a new address
 * space with a thread ready to start. Concurrency: root task only, one
 * thread.
 */
#ifndef USER_SPAWN_H
#define USER_SPAWN_H

#include <stdint.h>
#include <uapi/kabi.h>

/* Every component's address space is laid out as <uapi/layout.h> says
 * (COMP_STACK_TOP, COMP_IPCBUF_VA, ...; its program links where user.ld
 * says). */
/* Root CSpace slots spawn_component_from() takes per component: space, thread. */
#define SPAWN_ROOT_SLOTS 2u

struct component {
	uint32_t untyped; /* root slot: the untyped that pays for everything spawn makes */
	uint32_t space;   /* root slot: cap to the component's space */
	uint32_t thread;  /* root slot: cap to its first thread */
	const char *name; /* boot-image name; its threads' console name */
	uintptr_t entry;
};

/* The boot image, from the root task's start argument. */
void spawn_init(uintptr_t bootimg_va);
uint32_t root_alloc_slot(void);

/*
 * Create a space and a thread for boot-image program `name`, load its
 * segments, map its stack and IPC buffer and configure the thread with
 * `prio` and fault handler slot `fault_slot` (in the component's CSpace,
 * or IPC_SLOT_NONE), all paid from the untyped in root slot `untyped` (its
 * space, page tables, frames and threads, later ones from spawn_thread()
 * too). Returns 0 or a negative status. Does not start it.
 */
long spawn_component_from(uint32_t untyped, const char *name, unsigned prio, uint32_t fault_slot,
                          struct component *c);
/* Add thread number `index` (>= 1) to component `c`, with its own stack and
 * IPC buffer; its cap goes to a new root slot, *thread_slot. Not started. */
long spawn_thread(struct component *c, unsigned index, unsigned prio, uint32_t fault_slot,
                  uint32_t *thread_slot);
/*
 * A supervisor's restart: once revoking c's untyped has destroyed the
 * component (its space and threads, which empties their root slots), build
 * a fresh instance of the same program from the same untyped into the same
 * root slots: spawn_component_again() the space, program and first thread,
 * spawn_thread_again() each further thread. Not started.
 */
long spawn_component_again(struct component *c, unsigned prio, uint32_t fault_slot);
long spawn_thread_again(struct component *c, unsigned index, unsigned prio, uint32_t fault_slot,
                        uint32_t thread_slot);
/* Start c's first thread / thread `index` at the program's entry with x0 = arg. */
long spawn_start(struct component *c, uint64_t arg);
long spawn_thread_start(struct component *c, unsigned index, uint32_t thread_slot, uint64_t arg);

#endif
