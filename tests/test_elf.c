/*
 * common/elf.c, the ELF checks both loaders use (the kernel's for the root
 * task, the root task's for components): a well-formed AArch64 ELF64 file
 * is read back field by field, and every malformed file (short, wrong
 * magic, class, byte order or machine, program headers outside the file or
 * wrapping, a segment's bytes outside the file or wrapping, more file bytes
 * than memory, a huge address) is refused, at any alignment of the buffer.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include <common/elf.h>

#define EHDR 64
#define PHDR 56

static unsigned char file[1024 + 1];
static unsigned char *f = file; /* the file under test */
static size_t size;

static void put16(size_t off, uint16_t v)
{
	memcpy(f + off, &v, 2);
}
static void put32(size_t off, uint32_t v)
{
	memcpy(f + off, &v, 4);
}
static void put64(size_t off, uint64_t v)
{
	memcpy(f + off, &v, 8);
}

/* Program header i's fields. */
static size_t ph(unsigned i, size_t field)
{
	return EHDR + i * PHDR + field;
}
enum { P_TYPE = 0, P_FLAGS = 4, P_OFFSET = 8, P_VADDR = 16, P_FILESZ = 32, P_MEMSZ = 40 };

/* Two program headers: a loadable R+X segment with 16 file bytes at 0x200
 * and 0x40 in memory, and a PT_NOTE whose fields point nowhere. */
static void good_file(unsigned char *at)
{
	f = at;
	size = 1024;
	memset(f, 0, size);
	memcpy(f, "\177ELF", 4);
	f[4] = 2; /* ELFCLASS64 */
	f[5] = 1; /* little-endian */
	f[6] = 1;
	put16(16, 2);   /* ET_EXEC */
	put16(18, 183); /* EM_AARCH64 */
	put64(24, 0x200000010);
	put64(32, EHDR);
	put16(54, PHDR);
	put16(56, 2);
	put32(ph(0, P_TYPE), 1);
	put32(ph(0, P_FLAGS), 5);
	put64(ph(0, P_OFFSET), 0x200);
	put64(ph(0, P_VADDR), 0x200000000);
	put64(ph(0, P_FILESZ), 16);
	put64(ph(0, P_MEMSZ), 0x40);
	put32(ph(1, P_TYPE), 4);
	put64(ph(1, P_OFFSET), UINT64_MAX);
	put64(ph(1, P_FILESZ), UINT64_MAX);
}

static void refused(const char *what)
{
	struct elf_image img;
	cr_expect_eq(elf_check(f, size, &img), -1, "%s: accepted", what);
}

TestSuite(elf, .init = NULL);

Test(elf, reads_a_well_formed_file)
{
	for (unsigned shift = 0; shift < 2; shift++) { /* aligned, then not */
		good_file(file + shift);
		struct elf_image img;
		struct elf_segment seg;
		cr_assert_eq(elf_check(f, size, &img), 0);
		cr_expect_eq(img.entry, 0x200000010);
		cr_expect_eq(img.nsegs, 2);
		cr_assert(elf_segment(&img, 0, &seg));
		cr_expect_eq(seg.vaddr, 0x200000000);
		cr_expect_eq(seg.memsz, 0x40);
		cr_expect_eq(seg.offset, 0x200);
		cr_expect_eq(seg.filesz, 16);
		cr_expect(!seg.writable);
		cr_expect(seg.executable);
		cr_expect(!elf_segment(&img, 1, &seg), "a PT_NOTE is not loaded");
	}
}

Test(elf, skips_an_empty_segment)
{
	good_file(file);
	put64(ph(0, P_FILESZ), 0);
	put64(ph(0, P_MEMSZ), 0);
	struct elf_image img;
	struct elf_segment seg;
	cr_assert_eq(elf_check(f, size, &img), 0);
	cr_expect(!elf_segment(&img, 0, &seg));
}

Test(elf, refuses_a_bad_header)
{
	good_file(file);
	size = EHDR - 1;
	refused("shorter than the header");
	good_file(file);
	f[3] = 'f';
	refused("bad magic");
	good_file(file);
	f[4] = 1;
	refused("ELF32");
	good_file(file);
	f[5] = 2;
	refused("big-endian");
	good_file(file);
	put16(18, 62);
	refused("x86-64");
	good_file(file);
	put16(54, PHDR - 1);
	refused("odd program header size");
}

Test(elf, refuses_program_headers_outside_the_file)
{
	good_file(file);
	size = EHDR + 2 * PHDR - 1;
	refused("last header cut off");
	good_file(file);
	put64(32, size);
	refused("headers past the end");
	good_file(file);
	put64(32, UINT64_MAX - PHDR + 1);
	refused("header offset wraps");
	good_file(file);
	put16(56, UINT16_MAX);
	refused("too many headers for the file");
}

Test(elf, refuses_a_segment_outside_the_file)
{
	good_file(file);
	put64(ph(0, P_OFFSET), size - 15);
	refused("file bytes past the end");
	good_file(file);
	put64(ph(0, P_OFFSET), UINT64_MAX - 7);
	refused("offset + size wraps");
	good_file(file);
	put64(ph(0, P_FILESZ), 0x41);
	refused("more file bytes than memory");
	good_file(file);
	put64(ph(0, P_VADDR), UINT64_MAX - 0x10);
	refused("address range wraps");
	good_file(file);
	put64(ph(0, P_MEMSZ), UINT64_MAX);
	refused("huge memory size");
}
