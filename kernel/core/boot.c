/*
 * Creating the root task: the one component the kernel builds itself. It
 * gets the whole memory budget (an untyped cap), caps to its own thread and
 * space, its program loaded from entry 0 of the boot image, the boot image
 * itself mapped read-only (so it can load every other component), a stack
 * and an IPC buffer. Everything else is the root task's job.
 * Concurrency: runs once during boot, before any user thread.
 */
#include <common/elf.h>
#include <kernel/object.h>

#define ROOT_PRIO 200
#define KERNEL_RESERVE_PAGES 64 /* pool pages kept back from the root's budget */

extern const char bootimg_start[], bootimg_end[];

struct untyped root_untyped; /* object.h */

static void load_elf(struct space *s, const char *data, size_t size, uintptr_t *entry)
{
	struct elf_image img;
	struct elf_segment seg;
	if (elf_check(data, size, &img))
		panic("boot: root task is not an AArch64 ELF64 executable");
	for (unsigned i = 0; i < img.nsegs; i++) {
		if (!elf_segment(&img, i, &seg))
			continue;
		unsigned perms = ELF_SEGMENT_PERMS(seg);
		uintptr_t va = seg.vaddr & ~(KABI_PAGE_SIZE - 1);
		uintptr_t end = ROUND_UP(seg.vaddr + seg.memsz, KABI_PAGE_SIZE);
		if (space_map_new(s, va, (end - va) / KABI_PAGE_SIZE, perms, &root_untyped) ||
		    space_load(s, seg.vaddr, data + seg.offset, seg.filesz))
			panic("boot: cannot load root segment %u (W+X or overlapping?)", i);
	}
	*entry = img.entry;
}

void boot_root_task(void)
{
	const struct bootimg_header *h = (const void *)bootimg_start;
	if (h->magic != BOOTIMG_MAGIC || h->count == 0)
		panic("boot: no boot image");
	if ((uintptr_t)bootimg_start & (KABI_PAGE_SIZE - 1))
		panic("boot: boot image not page-aligned");

	uint64_t free = pool_free_pages();
	ipc_object_init(&root_untyped.obj, KOBJ_UNTYPED);
	root_untyped.pages_left = free > KERNEL_RESERVE_PAGES ? free - KERNEL_RESERVE_PAGES : 0;
	root_untyped.budget = root_untyped.pages_left; /* no parent: never settled */

	int err;
	struct space *s = space_create(&root_untyped, &err);
	struct tcb *t = thread_create(&root_untyped);
	if (!s || !t)
		panic("boot: out of memory for the root task");

	uintptr_t entry;
	load_elf(s, bootimg_start + h->entry[0].offset, h->entry[0].size, &entry);

	/* The boot image, read-only, so the root task can load components. */
	size_t img_pages =
	    ROUND_UP((uintptr_t)(bootimg_end - bootimg_start), KABI_PAGE_SIZE) / KABI_PAGE_SIZE;
	struct arch_page_source ps = page_source(&root_untyped);
	for (size_t i = 0; i < img_pages; i++)
		if (arch_vspace_map(&s->vs, ROOT_BOOTIMG_VA + i * KABI_PAGE_SIZE,
		                    (uintptr_t)bootimg_start + i * KABI_PAGE_SIZE, KPERM_R | ARCH_PERM_ALIAS,
		                    &ps))
			panic("boot: cannot map the boot image");

	if (space_map_new(s, ROOT_STACK_TOP - ROOT_STACK_PAGES * KABI_PAGE_SIZE, ROOT_STACK_PAGES,
	                  KPERM_R | KPERM_W, &root_untyped) ||
	    space_map_new(s, ROOT_IPCBUF_VA, 1, KPERM_R | KPERM_W, &root_untyped))
		panic("boot: cannot map the root stack / IPC buffer");

	struct ipc_buffer *buf = user_page_rw(s, ROOT_IPCBUF_VA);
	ipc_thread_init(&t->ipc, &s->cs, buf, ROOT_PRIO);
	t->space = s;
	space_add_thread(s, t);
	thread_set_ipcbuf(t, buf, ROOT_IPCBUF_VA);
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
