/*
 * The kernel's ABI, shared by the kernel, user space, assembly and
 * tools/sysgen.py: the one place each number is written (docs/kernel.md has
 * the tables, docs/architecture.md who includes what). User code includes
 * these headers and libipc's public ones, nothing else of the kernel. Every
 * file here is freestanding and assembly-safe:
 *   <uapi/syscall.h>  call numbers, argument and result registers, statuses
 *   <uapi/object.h>   object types, permissions, slots, root caps, faults
 *   <uapi/layout.h>   page size, address layouts, the boot image
 */
#ifndef UAPI_KABI_H
#define UAPI_KABI_H

#include <uapi/layout.h>
#include <uapi/object.h>
#include <uapi/syscall.h>

#ifndef __ASSEMBLER__
#define KABI_MSGINFO(label, ncaps, len)                                                                      \
	(((unsigned long)(label) << KABI_MI_LABEL_SHIFT) |                                                   \
	 (((unsigned long)(ncaps)&KABI_MI_CAPS_MASK) << KABI_MI_CAPS_SHIFT) |                                \
	 ((unsigned long)(len)&KABI_MI_LEN_MASK))
#define KABI_MI_LABEL(mi) ((unsigned long)(mi) >> KABI_MI_LABEL_SHIFT)
#define KABI_MI_NCAPS(mi) (((unsigned long)(mi) >> KABI_MI_CAPS_SHIFT) & KABI_MI_CAPS_MASK)
#define KABI_MI_LEN(mi) ((unsigned long)(mi)&KABI_MI_LEN_MASK)
#endif

#endif
