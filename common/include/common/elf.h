/*
 * Reading an AArch64 ELF64 executable, for the two loaders: the kernel's
 * (the root task, kernel/core/boot.c) and the root task's (components,
 * user/lib/spawn.c). One set of bounds checks: elf_check() accepts a file
 * only if its header, its program-header table and every loadable
 * segment's file bytes lie inside it, and no segment's address range
 * wraps; elf_segment() then reads segments without further checks.
 * Concurrency: pure functions over caller memory (any alignment).
 */
#ifndef COMMON_ELF_H
#define COMMON_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf_image {
	const unsigned char *data;
	size_t size;
	uint64_t entry;
	unsigned nsegs; /* program headers (loadable or not) */
};

/* One loadable segment (PT_LOAD with a non-zero memory size). */
struct elf_segment {
	uint64_t vaddr, memsz;   /* each below 2^62: sums and rounding never wrap */
	uint64_t offset, filesz; /* filesz <= memsz, bytes inside the file */
	bool writable, executable;
};

/* 0 if data[0..size) is a well-formed little-endian AArch64 ELF64 file
 * (filling *img), -1 otherwise. */
int elf_check(const void *data, size_t size, struct elf_image *img);
/* The KPERM_* bits (<uapi/object.h>, included by the loaders that expand
 * this) a loader maps segment `seg` with: R, plus W and X as its flags say
 * (the kernel refuses W with X). */
#define ELF_SEGMENT_PERMS(seg) (KPERM_R | ((seg).writable ? KPERM_W : 0) | ((seg).executable ? KPERM_X : 0))
/* Program header i < img->nsegs: true and *seg if it is loadable. */
bool elf_segment(const struct elf_image *img, unsigned i, struct elf_segment *seg);

#endif
