/*
 * Memory: the page size, the user address window, the IPC buffer page, the
 * root task's layout, every component's layout, and the boot image the
 * kernel hands the root task. tools/sysgen.py reads these numbers from
 * here (and user/user.ld's link address, 0x2_0000_0000, where every
 * program's text starts).
 */
#ifndef UAPI_LAYOUT_H
#define UAPI_LAYOUT_H

#include <uapi/const.h>

#define KABI_PAGE_SIZE KABI_UL(4096)
#define KABI_USER_MIN KABI_UL(0x80000000)   /* lowest user virtual address */
#define KABI_USER_MAX KABI_UL(0x8000000000) /* one past the highest */
/* Offset in the IPC buffer page where the kernel stores the struct
 * ipc_recv_info of a received message that carries caps (struct ipc_buffer
 * before it). A message without caps leaves it as it was: the registers
 * (KABI_RET_*) carry all of its receive info. */
#define KABI_RECV_INFO_OFFSET KABI_U(2048)

/* The root task's space (built by the kernel, kernel/core/boot.c). */
#define ROOT_BOOTIMG_VA KABI_UL(0x100000000) /* boot image (read-only), root's slot 0 */
#define ROOT_IPCBUF_VA KABI_UL(0x0ff000000)
#define ROOT_STACK_TOP KABI_UL(0x0fe000000)
#define ROOT_STACK_PAGES KABI_U(8)

/* Every component's space (built by the root task, user/lib/spawn.c).
 * Thread i of a component has stack COMP_STACK_TOP - i * COMP_STACK_STRIDE
 * and IPC buffer COMP_IPCBUF_VA + i pages. */
#define COMP_STACK_TOP KABI_UL(0x1f0000000)
#define COMP_STACK_PAGES KABI_U(8)
#define COMP_STACK_STRIDE KABI_UL(0x100000)
#define COMP_IPCBUF_VA KABI_UL(0x1f8000000)
/* A window the loader never maps in any component's space (sysgen refuses
 * a region mapped into it): a component holding a cap to a space maps,
 * shares and unmaps there at run time without colliding with its program,
 * stacks, IPC buffers or regions. */
#define COMP_FREE_VA KABI_UL(0x4000000000)
#define COMP_FREE_SIZE KABI_UL(0x40000000) /* 1 GiB */

/* The boot image: the user programs, embedded read-only in the kernel
 * image by user/mkbootimg.py; entry 0 is the root task. */
#define BOOTIMG_MAGIC KABI_UL(0x474d49544f4f42) /* "BOOTIMG" */
#define BOOTIMG_NAME_LEN 32                     /* bytes of an entry's name, NUL included */

#ifndef __ASSEMBLER__
struct bootimg_entry {
	char name[BOOTIMG_NAME_LEN];
	unsigned long offset; /* from the start of the image */
	unsigned long size;
};
struct bootimg_header {
	unsigned long magic;
	unsigned long count; /* entries */
	struct bootimg_entry entry[];
};
#endif

#endif
