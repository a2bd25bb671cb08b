/*
 * Loading components from the boot image (root task side). The root task
 * parses each ELF itself, asks the kernel for fresh frames in the child's
 * space (SYS_SPACE_MAP, with W^X permissions from the segment flags) and
 * copies the file bytes in with SYS_SPACE_WRITE; it never maps a child's
 * pages into its own space. Concurrency: root task only.
 */
#include <common/elf.h>
#include <user/spawn.h>
#include <user/sys.h>
#include <user/ulib.h>

static const struct bootimg_header *bootimg;
static uint32_t next_slot = ROOT_SLOT_FIRST_FREE;

void spawn_init(uintptr_t bootimg_va)
{
	bootimg = (const struct bootimg_header *)bootimg_va;
}

uint32_t root_alloc_slot(void)
{
	return next_slot++;
}

static const struct bootimg_entry *find(const char *name)
{
	if (!bootimg || bootimg->magic != BOOTIMG_MAGIC)
		return 0;
	for (unsigned long i = 0; i < bootimg->count; i++)
		if (!strcmp(bootimg->entry[i].name, name))
			return &bootimg->entry[i];
	return 0;
}

static long load(uint32_t untyped, uint32_t space, const char *data, unsigned long size, uintptr_t *entry)
{
	struct elf_image img;
	struct elf_segment seg;
	if (elf_check(data, size, &img))
		return IPC_E_BAD_ARG;
	for (unsigned i = 0; i < img.nsegs; i++) {
		if (!elf_segment(&img, i, &seg))
			continue;
		unsigned perms = ELF_SEGMENT_PERMS(seg);
		uintptr_t va = seg.vaddr & ~(KABI_PAGE_SIZE - 1);
		uintptr_t end = (seg.vaddr + seg.memsz + KABI_PAGE_SIZE - 1) & ~(KABI_PAGE_SIZE - 1);
		long e = u_space_map(space, va, (end - va) / KABI_PAGE_SIZE, perms, untyped);
		if (!e && seg.filesz)
			e = u_space_write(space, seg.vaddr, data + seg.offset, seg.filesz);
		if (e)
			return e;
	}
	*entry = img.entry;
	return 0;
}

/* The console names a thread's lines with this (cut to KABI_NAME_MAX);
 * a name the kernel refuses leaves its default "t<id>". */
static void name_thread(uint32_t t, const char *name)
{
	size_t n = strlen(name);
	(void)u_thread_set_name(t, name, n > KABI_NAME_MAX ? KABI_NAME_MAX : n);
}

/* Thread `index` of a component, its cap in root slot `t` (empty). */
static long add_thread_in(uint32_t untyped, uint32_t space, const char *name, unsigned index, unsigned prio,
                          uint32_t fault_slot, uint32_t t)
{
	uintptr_t stack_top = COMP_STACK_TOP - index * COMP_STACK_STRIDE;
	uintptr_t ipcbuf = COMP_IPCBUF_VA + index * KABI_PAGE_SIZE;
	long e = u_retype(untyped, KOBJ_THREAD, t);
	if (!e)
		e = u_space_map(space, stack_top - COMP_STACK_PAGES * KABI_PAGE_SIZE, COMP_STACK_PAGES,
		                KPERM_R | KPERM_W, untyped);
	if (!e)
		e = u_space_map(space, ipcbuf, 1, KPERM_R | KPERM_W, untyped);
	if (!e)
		e = u_thread_configure(t, space, ipcbuf, prio, fault_slot);
	if (!e && name)
		name_thread(t, name);
	return e;
}

static long add_thread(uint32_t untyped, uint32_t space, const char *name, unsigned index, unsigned prio,
                       uint32_t fault_slot, uint32_t *thread_slot)
{
	*thread_slot = root_alloc_slot();
	return add_thread_in(untyped, space, name, index, prio, fault_slot, *thread_slot);
}

/* A component's space, program and first thread, in c's root slots (empty). */
static long build(const struct bootimg_entry *be, unsigned prio, uint32_t fault_slot, struct component *c)
{
	long e = u_retype(c->untyped, KOBJ_SPACE, c->space);
	if (!e)
		e = load(c->untyped, c->space, (const char *)bootimg + be->offset, be->size, &c->entry);
	if (!e)
		e = add_thread_in(c->untyped, c->space, c->name, 0, prio, fault_slot, c->thread);
	return e;
}

long spawn_component_from(uint32_t untyped, const char *name, unsigned prio, uint32_t fault_slot,
                          struct component *c)
{
	const struct bootimg_entry *be = find(name);
	if (!be)
		return IPC_E_BAD_ARG;
	c->name = be->name;
	c->untyped = untyped;
	c->space = root_alloc_slot();
	c->thread = root_alloc_slot();
	return build(be, prio, fault_slot, c);
}

long spawn_component_again(struct component *c, unsigned prio, uint32_t fault_slot)
{
	const struct bootimg_entry *be = find(c->name);
	return be ? build(be, prio, fault_slot, c) : IPC_E_BAD_ARG;
}

long spawn_thread(struct component *c, unsigned index, unsigned prio, uint32_t fault_slot,
                  uint32_t *thread_slot)
{
	return add_thread(c->untyped, c->space, c->name, index, prio, fault_slot, thread_slot);
}

long spawn_thread_again(struct component *c, unsigned index, unsigned prio, uint32_t fault_slot,
                        uint32_t thread_slot)
{
	return add_thread_in(c->untyped, c->space, c->name, index, prio, fault_slot, thread_slot);
}

long spawn_thread_start(struct component *c, unsigned index, uint32_t thread_slot, uint64_t arg)
{
	return u_thread_start(thread_slot, c->entry, COMP_STACK_TOP - index * COMP_STACK_STRIDE, arg);
}

long spawn_start(struct component *c, uint64_t arg)
{
	return u_thread_start(c->thread, c->entry, COMP_STACK_TOP, arg);
}
