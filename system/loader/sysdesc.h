/*
 * The tables a system description becomes (tools/sysgen.py writes them as
 * <system>_tables.c) and the root-task loader (loader.c) reads: objects to
 * create, shared regions, components with their priority, core, start stage,
 * fault-handler slot and restart policy (the loader supervises restart=
 * components), their further threads, the caps to install into each
 * component's CSpace (to those objects, or to a component's space, thread or
 * untyped, or to the root task's space or untyped) and the region mappings.
 * Everything here is const data checked at build time; the loader still
 * reports every kernel error it meets. Concurrency: read only, by the root
 * task's single thread.
 */
#ifndef SYSDESC_H
#define SYSDESC_H

#include <stdint.h>
#include <uapi/kabi.h>

#define SD_SLOT_REPORT 1u               /* every reporting component's "done" endpoint */
#define SD_REGION_ROOT_VA 0x180000000ul /* where the root maps the regions it owns */
/* Root CSpace slots the loader takes besides one per object and
 * SPAWN_ROOT_SLOTS per component: its report endpoint and the reply object
 * it receives supervised components' fault messages with; each is one object
 * (one page), so tools/sysgen.py counts this many pages for the loader too.
 * sysgen reads these and the kabi.h / spawn.h numbers to refuse a system
 * that cannot fit. */
#define SD_ROOT_SLOTS_LOADER 2u
/* The badge of the supervisor cap (to the report endpoint, W and G, in
 * SD_SLOT_REPORT) of restart= component number i: every thread of it faults
 * to the loader through that cap. Reports come unbadged. */
#define SD_SUPERVISED_BADGE(i) ((uint64_t)(i) + 1u)
/* Root CSpace slots the loader takes per component besides spawn's
 * (SPAWN_ROOT_SLOTS): its own untyped. */
#define SD_ROOT_SLOTS_COMPONENT 1u
#define SD_MAX_REGIONS 64u /* entries of the loader's region table */

struct sd_object {
	const char *name;
	unsigned type; /* KOBJ_ENDPOINT, KOBJ_NTFN or KOBJ_REPLY */
};

struct sd_region {
	const char *name;
	uint64_t pages;
};

struct sd_component {
	const char *name;
	const char *program; /* boot-image entry */
	unsigned prio;
	unsigned stage;   /* started once stage - 1 has reported */
	unsigned until;   /* the stage whose end waits for its report (>= stage) */
	unsigned reports; /* "done"s it sends on SD_SLOT_REPORT (label = failures): one a thread, or 0 */
	uint32_t fault_slot;
	uint64_t arg;           /* x0 of its first thread */
	uint64_t budget;        /* pages of its own untyped: everything it is built from */
	uint32_t restart_limit; /* restart=limit: restarts the supervisor grants; 0: not supervised */
	uint32_t backoff_us;    /* restart=backoff: wait after a crash before the next instance */
	unsigned cpu;           /* cpu=: the core every thread of it runs on (< the system's cpus=) */
};

/* A further thread of a component: started with it, at the program's entry. */
struct sd_thread {
	uint16_t comp, index; /* index >= 1: its stack and IPC buffer (spawn.h) */
	unsigned prio;
	uint32_t fault_slot;
	uint64_t arg;
};

/* What a cap table entry's `object` names. */
enum sd_ref {
	SD_REF_OBJECT,       /* objects[object] */
	SD_REF_SPACE,        /* the space of components[object] */
	SD_REF_THREAD,       /* thread `thread` of components[object] (0: its first) */
	SD_REF_ROOT_SPACE,   /* the root task's own space */
	SD_REF_ROOT_UNTYPED, /* the root task's untyped */
	SD_REF_UNTYPED,      /* the untyped components[object] is built from */
};

struct sd_cap {
	uint16_t comp, slot;
	uint16_t ref; /* enum sd_ref */
	uint16_t object, thread;
	uint16_t sole; /* thread, space, untyped: the loader drops its cap once the component started */
	uint32_t rights;
	uint64_t badge;
};

struct sd_map {
	uint16_t region, comp;
	uint64_t va;
	unsigned perms; /* KPERM_* */
};

struct sd_system {
	const char *name;
	const struct sd_object *objects;
	unsigned nobjects;
	const struct sd_region *regions;
	unsigned nregions;
	const struct sd_component *components;
	unsigned ncomponents;
	const struct sd_thread *threads;
	unsigned nthreads;
	const struct sd_cap *caps;
	unsigned ncaps;
	const struct sd_map *maps;
	unsigned nmaps;
	unsigned stages;
	unsigned plan; /* TAP results the components print; 0: as many as they report */
	unsigned cpus; /* cpus=: the cores the system needs online (QEMU -smp at least this) */
};

extern const struct sd_system sd_system;

#endif
