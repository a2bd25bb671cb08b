/*
 * Literals the ABI headers share with assembly: KABI_U(4096) is 4096u in
 * C and plain 4096 to the assembler, which knows no suffixes. Every uapi
 * header is assembly-safe: numbers are #defines built from these; types
 * and function-like macros sit behind #ifndef __ASSEMBLER__.
 */
#ifndef UAPI_CONST_H
#define UAPI_CONST_H

#ifdef __ASSEMBLER__
#define KABI_U(x) x
#define KABI_UL(x) x
#else
#define KABI_U(x) x##u
#define KABI_UL(x) x##ul
#endif

#endif
