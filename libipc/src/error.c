/*
 * Names for libipc's status codes, the core's and the SharedRing's: one
 * table for one status space (<ipc/status.h>). Built with the ring's
 * sources (libipc_ring_sources), so a program that takes only the ring has
 * it too. Pure data; no state.
 */
#include <ipc/ring.h>
#include <ipc/status.h>

const char *ipc_strerror(int status)
{
	switch (status) {
	case IPC_OK:
		return "ok";
	case IPC_BLOCKED:
		return "blocked: the final status arrives when the thread wakes";
	case IPC_E_MSG_TOO_LONG:
		return "message longer than IPC_MSG_MAX_WORDS";
	case IPC_E_TOO_MANY_CAPS:
		return "more than 3 extra caps in a message";
	case IPC_E_BAD_SLOT:
		return "slot index outside the cspace";
	case IPC_E_EMPTY_SLOT:
		return "slot holds no capability";
	case IPC_E_SLOT_FULL:
		return "destination slot is occupied";
	case IPC_E_WRONG_TYPE:
		return "capability names the wrong kind of object";
	case IPC_E_NO_RIGHTS:
		return "capability lacks a required right";
	case IPC_E_ALREADY_BADGED:
		return "capability already carries a badge";
	case IPC_E_NO_RECEIVER:
		return "no receiver was waiting; message not delivered";
	case IPC_E_NOTHING:
		return "nothing pending";
	case IPC_E_NO_REPLY:
		return "delivered, but the receiver had no reply object";
	case IPC_E_PEER_GONE:
		return "the peer went away before replying";
	case IPC_E_OBJECT_GONE:
		return "the object was destroyed while waiting";
	case IPC_E_CANCELLED:
		return "the wait was cancelled";
	case IPC_E_TIMED_OUT:
		return "the deadline passed";
	case IPC_E_NO_CALLER:
		return "the reply object holds no caller";
	case IPC_E_NOT_RECEIVER:
		return "only the thread that received the call may reply";
	case IPC_E_REPLY_BUSY:
		return "reply object is in use by another receiver";
	case IPC_E_BOUND:
		return "notification is bound to another thread";
	case IPC_E_ALREADY_BOUND:
		return "thread or notification already bound";
	case IPC_E_NOT_TRANSFERABLE:
		return "reply capabilities cannot be transferred";
	case IPC_E_BAD_ARG:
		return "argument out of range";
	case IPC_E_THREAD_STATE:
		return "thread is not in a state for this operation";
	case IPC_E_NO_HANDLER:
		return "no usable fault handler endpoint";
	case IPC_E_SAME_SLOT:
		return "source and destination are the same slot";
	case IPC_RING_E_EMPTY:
		return "ring empty";
	case IPC_RING_E_FULL:
		return "ring full";
	case IPC_RING_E_CORRUPT:
		return "peer index out of range (corrupt or hostile peer)";
	case IPC_RING_E_BAD_MAGIC:
		return "region is not a SharedRing (bad magic)";
	case IPC_RING_E_BAD_VERSION:
		return "unsupported SharedRing layout version";
	case IPC_RING_E_BAD_GEOMETRY:
		return "invalid slot size or capacity";
	case IPC_RING_E_TOO_SMALL:
		return "region too small for the ring";
	case IPC_RING_E_ALIGN:
		return "region not cache-line aligned";
	case IPC_RING_E_INVAL:
		return "invalid argument to a ring call";
	case IPC_RING_E_NO_WAKER:
		return "blocking call without a wait callback";
	default:
		return "unknown status";
	}
}

const char *ipc_ring_strerror(int err)
{
	return ipc_strerror(err);
}
