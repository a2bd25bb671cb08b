/*
 * Creating the root task: the one component the kernel builds itself. It
 * gets the whole memory budget (an untyped cap), caps to its own thread and
 * space, its program loaded from entry 0 of the boot image, the boot image
 * itself mapped read-only (so it can load every other component), a stack
 * and an IPC buffer. Everything else is the root task's job.
 * Concurrency: runs once during boot, before any user thread.
 */
#include <kernel/elf.h>
#include <kernel/object.h>

#define ROOT_PRIO 200
#define KERNEL_RESERVE_PAGES 64 /* pool pages kept back from the root's budget */

extern const char bootimg_start[], bootimg_end[];

static struct untyped root_untyped;

static void load_elf(struct space *s, const char *img, size_t size, uintptr_t *entry)
{
	const struct elf64_ehdr *eh = (const void *)img;
	if (size < sizeof *eh || *(const uint32_t *)eh->e_ident != ELF_MAGIC ||
	    eh->e_ident[4] != ELFCLASS64 || eh->e_machine != EM_AARCH64 ||
	    eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr) > size)
		panic("boot: root task is not an AArch64 ELF64 executable");
	const struct elf64_phdr *ph = (const void *)(img + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		unsigned perms = ARCH_PERM_R;
		if (ph[i].p_flags & PF_W)
			perms |= ARCH_PERM_W;
		if (ph[i].p_flags & PF_X)
			perms |= ARCH_PERM_X;
		uintptr_t va = ph[i].p_vaddr & ~(ARCH_PAGE_SIZE - 1);
		uintptr_t end = ROUND_UP(ph[i].p_vaddr + ph[i].p_memsz, ARCH_PAGE_SIZE);
		if (ph[i].p_offset + ph[i].p_filesz > size ||
		    space_map_new(s, va, (end - va) / ARCH_PAGE_SIZE, perms, &root_untyped) ||
		    space_load(s, ph[i].p_vaddr, img + ph[i].p_offset, ph[i].p_filesz))
			panic("boot: cannot load root segment %u (W+X or overlapping?)", i);
	}
	*entry = eh->e_entry;
}

void boot_root_task(void)
{
	const struct bootimg_header *h = (const void *)bootimg_start;
	if (h->magic != BOOTIMG_MAGIC || h->count == 0)
		panic("boot: no boot image");
	if ((uintptr_t)bootimg_start & (ARCH_PAGE_SIZE - 1))
		panic("boot: boot image not page-aligned");

	uint64_t free = pool_free_pages();
	ipc_object_init(&root_untyped.obj, KOBJ_TYPE_UNTYPED);
	root_untyped.pages_left = free > KERNEL_RESERVE_PAGES ? free - KERNEL_RESERVE_PAGES : 0;

	int err;
	struct space *s = space_create(&root_untyped, &err);
	struct tcb *t = thread_create(&root_untyped);
	if (!s || !t)
		panic("boot: out of memory for the root task");

	uintptr_t entry;
	load_elf(s, bootimg_start + h->entry[0].offset, h->entry[0].size, &entry);

	/* The boot image, read-only, so the root task can load components. */
	size_t img_pages =
	    ROUND_UP((uintptr_t)(bootimg_end - bootimg_start), ARCH_PAGE_SIZE) / ARCH_PAGE_SIZE;
	struct arch_page_source ps = {(void *(*)(void *))page_alloc, &root_untyped};
	for (size_t i = 0; i < img_pages; i++)
		if (arch_vspace_map(&s->vs, ROOT_BOOTIMG_VA + i * ARCH_PAGE_SIZE,
		                    (uintptr_t)bootimg_start + i * ARCH_PAGE_SIZE,
		                    ARCH_PERM_R | ARCH_PERM_ALIAS, &ps))
			panic("boot: cannot map the boot image");

	if (space_map_new(s, ROOT_STACK_TOP - ROOT_STACK_PAGES * ARCH_PAGE_SIZE, ROOT_STACK_PAGES,
	                  ARCH_PERM_R | ARCH_PERM_W, &root_untyped) ||
	    space_map_new(s, ROOT_IPCBUF_VA, 1, ARCH_PERM_R | ARCH_PERM_W, &root_untyped))
		panic("boot: cannot map the root stack / IPC buffer");

	struct ipc_buffer *buf = user_page_rw(s, ROOT_IPCBUF_VA);
	ipc_thread_init(&t->ipc, &s->cs, buf, ROOT_PRIO);
	t->space = s;
	t->ipcbuf = buf;
	t->ipcbuf_va = ROOT_IPCBUF_VA;
	t->configured = true;
	/* Its console name is its boot-image name (cut to a valid name). */
	size_t n = 0;
	while (n < KABI_NAME_MAX && thread_name_ok(&h->entry[0].name[n], 1))
		n++;
	if (n) {
		memcpy(t->name, h->entry[0].name, n);
		t->name[n] = '\0';
	}

	if (ipc_cap_install(&s->cs, ROOT_SLOT_THREAD, &t->obj, IPC_RIGHTS_ALL, 0) ||
	    ipc_cap_install(&s->cs, ROOT_SLOT_SPACE, &s->obj, IPC_RIGHTS_ALL, 0) ||
	    ipc_cap_install(&s->cs, ROOT_SLOT_UNTYPED, &root_untyped.obj, IPC_RIGHTS_ALL, 0))
		panic("boot: cannot install the root caps");

	arch_regs_init(&t->regs, entry, ROOT_STACK_TOP, ROOT_BOOTIMG_VA);
	arch_regs_set_tls(&t->regs, ROOT_IPCBUF_VA);
	sched_ready(t);
	kprintf("kernel: root task '%s' loaded, entry %lx, budget %lu pages\n", h->entry[0].name,
	        (unsigned long)entry, (unsigned long)root_untyped.pages_left);
}
