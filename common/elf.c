/*
 * The ELF64 checks both loaders share (common/include/common/elf.h). Every
 * field is copied out of the file before use (memcpy: the file may sit at
 * any alignment), and every sum is checked against overflow before it is
 * compared with the file size.
 */
#include <common/elf.h>

#define ELF_MAGIC "\177ELF"
/* Segment addresses and sizes stay below this, so no sum or page rounding
 * of them wraps (every loader's user window is far lower). */
#define ELF_ADDR_LIMIT (1ull << 62)
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EM_AARCH64 183
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2

struct elf64_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64 && sizeof(struct elf64_phdr) == 56, "ELF64 layouts");

/* Does [off, off + len) lie inside a file of `size` bytes? */
static bool inside(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static void read_phdr(const struct elf_image *img, unsigned i, struct elf64_phdr *ph)
{
	struct elf64_ehdr eh;
	__builtin_memcpy(&eh, img->data, sizeof eh);
	__builtin_memcpy(ph, img->data + eh.e_phoff + (uint64_t)i * sizeof *ph, sizeof *ph);
}

static bool segment_ok(const struct elf64_phdr *ph, size_t size)
{
	if (ph->p_type != PT_LOAD)
		return true;
	return ph->p_filesz <= ph->p_memsz && inside(ph->p_offset, ph->p_filesz, size) &&
	       ph->p_vaddr < ELF_ADDR_LIMIT && ph->p_memsz < ELF_ADDR_LIMIT;
}

int elf_check(const void *data, size_t size, struct elf_image *img)
{
	struct elf64_ehdr eh;
	if (size < sizeof eh)
		return -1;
	__builtin_memcpy(&eh, data, sizeof eh);
	if (__builtin_memcmp(eh.e_ident, ELF_MAGIC, 4) != 0 || eh.e_ident[4] != ELFCLASS64 ||
	    eh.e_ident[5] != ELFDATA2LSB || eh.e_machine != EM_AARCH64 ||
	    eh.e_phentsize != sizeof(struct elf64_phdr) ||
	    !inside(eh.e_phoff, (uint64_t)eh.e_phnum * sizeof(struct elf64_phdr), size))
		return -1;
	*img = (struct elf_image){data, size, eh.e_entry, eh.e_phnum};
	for (unsigned i = 0; i < img->nsegs; i++) {
		struct elf64_phdr ph;
		read_phdr(img, i, &ph);
		if (!segment_ok(&ph, size))
			return -1;
	}
	return 0;
}

bool elf_segment(const struct elf_image *img, unsigned i, struct elf_segment *seg)
{
	struct elf64_phdr ph;
	read_phdr(img, i, &ph);
	if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
		return false;
	*seg = (struct elf_segment){ph.p_vaddr,
	                            ph.p_memsz,
	                            ph.p_offset,
	                            ph.p_filesz,
	                            (ph.p_flags & PF_W) != 0,
	                            (ph.p_flags & PF_X) != 0};
	return true;
}
