/*
 * Loading components from the boot image (root task side). The root task
 * parses each ELF itself, asks the kernel for fresh frames in the child's
 * space (SYS_SPACE_MAP, with W^X permissions from the segment flags) and
 * copies the file bytes in with SYS_SPACE_WRITE; it never maps a child's
 * pages into its own space. Concurrency: root task only.
 */
#include <user/spawn.h>
#include <user/sys.h>
#include <user/ulib.h>

#include <kernel/elf.h>

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

static long load(uint32_t space, const char *img, unsigned long size, uintptr_t *entry)
{
	const struct elf64_ehdr *eh = (const void *)img;
	if (size < sizeof *eh || *(const uint32_t *)eh->e_ident != ELF_MAGIC || eh->e_machine != EM_AARCH64)
		return IPC_E_BAD_ARG;
	const struct elf64_phdr *ph = (const void *)(img + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		unsigned perms =
		    KPERM_R | (ph[i].p_flags & PF_W ? KPERM_W : 0) | (ph[i].p_flags & PF_X ? KPERM_X : 0);
		uintptr_t va = ph[i].p_vaddr & ~0xffful;
		uintptr_t end = (ph[i].p_vaddr + ph[i].p_memsz + 0xfff) & ~0xffful;
		long e = u_space_map(space, va, (end - va) / 4096, perms, ROOT_SLOT_UNTYPED);
		if (!e && ph[i].p_filesz)
			e = u_space_write(space, ph[i].p_vaddr, img + ph[i].p_offset, ph[i].p_filesz);
		if (e)
			return e;
	}
	*entry = eh->e_entry;
	return 0;
}

/* The console names a thread's lines with this (cut to KABI_NAME_MAX);
 * a name the kernel refuses leaves its default "t<id>". */
static void name_thread(uint32_t t, const char *name)
{
	size_t n = strlen(name);
	(void)u_thread_set_name(t, name, n > KABI_NAME_MAX ? KABI_NAME_MAX : n);
}

static long add_thread(uint32_t space, const char *name, unsigned index, unsigned prio, uint32_t fault_slot,
                       uint32_t *thread_slot)
{
	uint32_t t = root_alloc_slot();
	uintptr_t stack_top = COMP_STACK_TOP - index * 0x100000ul;
	uintptr_t ipcbuf = COMP_IPCBUF_VA + index * 4096ul;
	long e = u_retype(ROOT_SLOT_UNTYPED, KOBJ_THREAD, t);
	if (!e)
		e = u_space_map(space, stack_top - COMP_STACK_PAGES * 4096ul, COMP_STACK_PAGES,
		                KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	if (!e)
		e = u_space_map(space, ipcbuf, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	if (!e)
		e = u_thread_configure(t, space, ipcbuf, prio, fault_slot);
	if (!e && name)
		name_thread(t, name);
	*thread_slot = t;
	return e;
}

long spawn_component(const char *name, unsigned prio, uint32_t fault_slot, struct component *c)
{
	const struct bootimg_entry *be = find(name);
	if (!be)
		return IPC_E_BAD_ARG;
	c->name = be->name;
	c->space = root_alloc_slot();
	long e = u_retype(ROOT_SLOT_UNTYPED, KOBJ_SPACE, c->space);
	if (!e)
		e = load(c->space, (const char *)bootimg + be->offset, be->size, &c->entry);
	if (!e)
		e = add_thread(c->space, c->name, 0, prio, fault_slot, &c->thread);
	return e;
}

long spawn_thread(struct component *c, unsigned index, unsigned prio, uint32_t fault_slot, uintptr_t pc,
                  uint64_t arg, uint32_t *thread_slot)
{
	long e = add_thread(c->space, c->name, index, prio, fault_slot, thread_slot);
	if (!e)
		e = u_thread_start(*thread_slot, pc, COMP_STACK_TOP - index * 0x100000ul, arg);
	return e;
}

long spawn_start(struct component *c, uint64_t arg)
{
	return u_thread_start(c->thread, c->entry, COMP_STACK_TOP, arg);
}
