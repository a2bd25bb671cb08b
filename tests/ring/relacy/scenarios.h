/* Interface between the C scenarios and the Relacy driver (relacy_ring.cpp). */
#ifndef IPC_RELACY_SCENARIOS_H
#define IPC_RELACY_SCENARIOS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rs_scenario {
	RS_SINGLE,    /* push / pop, one item at a time */
	RS_BURST,     /* push_burst / pop_burst, wrapping mid-burst */
	RS_ZERO_COPY, /* reserve / commit and peek / release, partial commits and releases */
	RS_ATTACH,    /* both sides attach while the peer runs (restarted producer) */
	RS_CREATE,    /* the consumer polls attach while the producer creates the ring */
	RS_COUNT
};

#define RS_SLOT 4u /* bytes per slot: ipc_ring_internal_copy's 4-byte case */

void rs_setup(int scenario, uint32_t cap, void *mem, size_t size);
void rs_thread(int idx);

#ifdef __cplusplus
}
#endif

#endif /* IPC_RELACY_SCENARIOS_H */
