/*
 * Force-included (-include) into libipc/src/ring.c and scenarios.c when they
 * are built for the Relacy test: the ring's own C code, compiled by the C
 * compiler exactly as shipped, with every atomic operation, fence and slot
 * copy routed to Relacy (relacy_ring.cpp), which explores thread
 * interleavings and C11 weak-memory outcomes (a load may return any store
 * the memory model allows, not just the latest one).
 *
 * How: <stdatomic.h> is included here first, then its *_explicit macros and
 * atomic_thread_fence are redefined to call the bridge with the memory order
 * unchanged; ring.h's own #include <stdatomic.h> is then a no-op. Every other
 * atomic_* macro is redefined to a compile error, so no atomic access can
 * bypass Relacy. __builtin_memcpy (all slot copies in ring.h, including
 * ipc_ring_internal_copy) becomes a byte-wise copy through Relacy variables
 * for bytes inside the slot array, so a slot read or write that is not
 * ordered by happens-before against the peer's is reported as a data race.
 */
#ifndef IPC_RELACY_SHIM_H
#define IPC_RELACY_SHIM_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* The bridge (extern "C" in relacy_ring.cpp). `mo` is the C11 memory order. */
uint32_t ipc_rl_load(const void *obj, int mo, const char *file, int line);
void ipc_rl_store(void *obj, uint32_t v, int mo, const char *file, int line);
uint32_t ipc_rl_exchange(void *obj, uint32_t v, int mo, const char *file, int line);
void ipc_rl_fence(int mo, const char *file, int line);
void *ipc_rl_memcpy(void *dst, const void *src, size_t n, const char *file, int line);
void ipc_rl_yield(const char *file, int line);

/* Only _Atomic uint32_t objects exist in the ring: anything else fails to
 * compile (no _Generic association matches). */
#define IPC_RL_U32(obj) ((void *)_Generic((obj), _Atomic uint32_t * : (obj)))

#undef atomic_load_explicit
#undef atomic_store_explicit
#undef atomic_exchange_explicit
#undef atomic_thread_fence
#define atomic_load_explicit(obj, mo) ipc_rl_load(IPC_RL_U32(obj), (mo), __FILE__, __LINE__)
#define atomic_store_explicit(obj, v, mo) ipc_rl_store(IPC_RL_U32(obj), (v), (mo), __FILE__, __LINE__)
#define atomic_exchange_explicit(obj, v, mo) ipc_rl_exchange(IPC_RL_U32(obj), (v), (mo), __FILE__, __LINE__)
#define atomic_thread_fence(mo) ipc_rl_fence((mo), __FILE__, __LINE__)

/* Not used by the ring; if that changes, teach the bridge first. */
#undef atomic_load
#undef atomic_store
#undef atomic_exchange
#undef atomic_init
#undef atomic_signal_fence
#undef atomic_compare_exchange_strong
#undef atomic_compare_exchange_strong_explicit
#undef atomic_compare_exchange_weak
#undef atomic_compare_exchange_weak_explicit
#undef atomic_fetch_add
#undef atomic_fetch_add_explicit
#undef atomic_fetch_sub
#undef atomic_fetch_sub_explicit
#undef atomic_fetch_or
#undef atomic_fetch_or_explicit
#undef atomic_fetch_and
#undef atomic_fetch_and_explicit
#undef atomic_fetch_xor
#undef atomic_fetch_xor_explicit
#define atomic_load(...) ipc_rl_unsupported_atomic_op
#define atomic_store(...) ipc_rl_unsupported_atomic_op
#define atomic_exchange(...) ipc_rl_unsupported_atomic_op
#define atomic_init(...) ipc_rl_unsupported_atomic_op
#define atomic_signal_fence(...) ipc_rl_unsupported_atomic_op
#define atomic_compare_exchange_strong(...) ipc_rl_unsupported_atomic_op
#define atomic_compare_exchange_strong_explicit(...) ipc_rl_unsupported_atomic_op
#define atomic_compare_exchange_weak(...) ipc_rl_unsupported_atomic_op
#define atomic_compare_exchange_weak_explicit(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_add(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_add_explicit(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_sub(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_sub_explicit(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_or(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_or_explicit(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_and(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_and_explicit(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_xor(...) ipc_rl_unsupported_atomic_op
#define atomic_fetch_xor_explicit(...) ipc_rl_unsupported_atomic_op

#define __builtin_memcpy(dst, src, n) ipc_rl_memcpy((dst), (src), (n), __FILE__, __LINE__)

#endif /* IPC_RELACY_SHIM_H */
