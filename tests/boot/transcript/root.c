/*
 * Boot test "transcript": a server and two clients, one above and one
 * below the server's priority, run a long seeded random mix of Call (0-6
 * words, with a cap, with a deadline), Send, NBSend, cap copy/delete and
 * Signal; the server answers with ReplyRecv, sometimes abandons a caller
 * with Recv (S6) and deletes the caps it receives; a waiter above them all
 * Waits on the notification they signal. Every result is printed
 * as one transcript line. The mix runs through the fast path wherever it is
 * eligible and the slow path elsewhere; tests/boot/transcript_compare.py
 * boots this image built with and without the fast path and requires the
 * two transcripts to be byte-identical (docs/kernel.md, "Fast path").
 * Deterministic: fixed seeds, distinct priorities, no deadline expires.
 */
#include "../common/btest.h"
#include "transcript.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 2 + TR_CLIENTS);
	uint32_t ep = root_new(KOBJ_ENDPOINT), reply = root_new(KOBJ_REPLY);
	uint32_t gift = root_new(KOBJ_ENDPOINT), n = root_new(KOBJ_NTFN);
	struct component s, w, c[TR_CLIENTS];
	static const unsigned prio[TR_CLIENTS] = {70, 30};

	root_spawn("srv", 50, U_NONE, &s);
	root_give(&s, TR_SLOT_EP, ep, IPC_R, 0);
	root_give(&s, TR_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	spawn_start(&s, 0x2545f4914f6cdd1dul);
	root_spawn("w", 90, U_NONE, &w);
	root_give(&w, TR_SLOT_NTFN, n, IPC_R, 0);
	spawn_start(&w, 0);
	for (unsigned i = 0; i < TR_CLIENTS; i++) {
		root_spawn(i ? "c2" : "c1", prio[i], U_NONE, &c[i]);
		root_give(&c[i], TR_SLOT_EP, ep, IPC_W | IPC_G, 0x100 + i);
		root_give(&c[i], TR_SLOT_GIFT, gift, IPC_W, 0);
		root_give(&c[i], TR_SLOT_NTFN, n, IPC_W, 1u << i);
		root_give(&c[i], TR_SLOT_NTFN_STOP, n, IPC_W, TR_NTFN_STOP << i);
		spawn_start(&c[i], 0x9e3779b97f4a7c15ul * (i + 1));
	}
	root_finish(2 + TR_CLIENTS, 60000);
}
