/*
 * The kernel's IPC trace (-Dtrace=true; docs/kernel.md "IPC trace"): a
 * fixed buffer of <ipc/trace.h> events, libipc's through ipc_hook_trace()
 * plus the kernel's context switches and thread names, written to a file
 * through semihosting at halt. Without KERNEL_TRACE the hooks below are
 * empty macros: the normal kernel has not one instruction more.
 * Concurrency: one CPU, interrupts masked.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

struct tcb;

#ifdef KERNEL_TRACE
/* The file the trace goes to, in QEMU's working directory. */
#define KTRACE_FILE "ipc-trace.bin"
/* `next` is about to run (the CPU may come from idle). */
void ktrace_switch(const struct tcb *next);
/* Write the trace so far to KTRACE_FILE, replacing it (at halt; from GDB). */
void ktrace_dump(void);
#else
#define ktrace_switch(next) ((void)0)
#define ktrace_dump() ((void)0)
#endif

#endif
