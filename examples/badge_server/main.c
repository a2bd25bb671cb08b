/*
 * The badge server of SEMANTICS B3, on the host: one server and four client
 * threads (POSIX threads) talk through one endpoint with libipc.
 *
 *   1. Each well-behaved client Calls the server on its unbadged cap asking
 *      for a badge. The server mints a badged copy of its own endpoint cap
 *      (a distinct badge per client) and transfers it in the reply.
 *   2. Clients then Call with strings on their badged caps. The server tells
 *      them apart by the badge alone and answers with ReplyRecv.
 *   3. A rogue client that never asked for a badge sends a string on its
 *      unbadged cap and is refused.
 *
 * libipc needs its callers serialised: one mutex plays the big kernel lock
 * and a blocked thread sleeps on its own condition variable until libipc's
 * runnable hook wakes it (the embedder contract of docs/libipc.md).
 *
 * Built with IPC_TRACE (the badge_server_trace target, over libipc with its
 * trace points), it also records every IPC event and writes them, with the
 * threads' names, as a trace file (<ipc/trace.h>) to $IPC_TRACE_FILE, for
 * tools/trace.py.
 */
#include <ipc/ipc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_EP = 0, SLOT_REPLY = 1, SLOT_BADGED = 2, NSLOTS = 4 };
enum { OP_GET_BADGE = 1, OP_SAY = 2, OP_QUIT = 3 };
enum { ANSWER_OK = 0, ANSWER_REFUSED = 1 };
#define NCLIENTS 3

struct host_thread {
	struct ipc_thread t;
	struct ipc_cspace cs;
	struct ipc_cap slots[NSLOTS];
	struct ipc_buffer buf;
	pthread_cond_t wake;
	int runnable;
	char name[16];
};

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ipc_endpoint ep;
static struct ipc_reply reply_obj;
static struct host_thread server, clients[NCLIENTS], rogue;
static int failures;

static struct host_thread *host_of(struct ipc_thread *t)
{
	return (struct host_thread *)(void *)((char *)t - offsetof(struct host_thread, t));
}

void ipc_hook_thread_blocked(struct ipc_thread *t)
{
	host_of(t)->runnable = 0;
}
void ipc_hook_thread_runnable(struct ipc_thread *t)
{
	host_of(t)->runnable = 1;
	pthread_cond_signal(&host_of(t)->wake);
}
void ipc_hook_object_unreferenced(struct ipc_object *o)
{
	(void)o;
}
void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	fprintf(stderr, "libipc: %s:%d: %s\n", file, line, expr);
	abort();
}

#ifdef IPC_TRACE
#include <ipc/trace.h>

#define TRACE_MAX 1024
static struct ipc_trace_event trace_log[TRACE_MAX]; /* under big_lock */
static unsigned trace_n;

/* Threads by number: server 1, clients 2.., rogue last; 0 = none. */
static uint64_t trace_tid(uint64_t addr)
{
	if (addr == 0)
		return 0;
	if (addr == (uintptr_t)&server.t)
		return 1;
	for (int i = 0; i < NCLIENTS; i++)
		if (addr == (uintptr_t)&clients[i].t)
			return (uint64_t)i + 2;
	return NCLIENTS + 2;
}

void ipc_hook_trace(const struct ipc_trace_event *ev)
{
	struct ipc_trace_event e = *ev;

	e.time = trace_n; /* the event's number: the order is what matters here */
	e.src = trace_tid(e.src);
	e.dst = trace_tid(e.dst);
	/* One object of each type: the endpoint and the server's reply object. */
	e.obj = e.obj ? IPC_TRACE_OBJ_ID(((const struct ipc_object *)(uintptr_t)e.obj)->type, 1) : 0;
	if (trace_n < TRACE_MAX)
		trace_log[trace_n++] = e;
}

static void trace_name(FILE *f, uint32_t kind, uint64_t src, uint64_t dst, const char *name)
{
	struct ipc_trace_event e = {.kind = kind, .src = src, .dst = dst};

	/* obj, label and badge hold the name */
	memcpy((char *)&e + offsetof(struct ipc_trace_event, obj), name, strlen(name) + 1);
	fwrite(&e, sizeof(e), 1, f);
}

static void trace_write(void)
{
	const char *path = getenv("IPC_TRACE_FILE");
	struct ipc_trace_header h = {.version = IPC_TRACE_VERSION,
	                             .event_size = sizeof(struct ipc_trace_event),
	                             .count = trace_n + NCLIENTS + 3,
	                             .clock = IPC_TRACE_CLOCK_SEQ};
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f == NULL)
		return;
	memcpy(h.magic, IPC_TRACE_MAGIC, sizeof(h.magic));
	fwrite(&h, sizeof(h), 1, f);
	trace_name(f, IPC_TR_NAME_COMP, 1, 0, "host");
	trace_name(f, IPC_TR_NAME_THREAD, 1, 1, server.name);
	for (int i = 0; i < NCLIENTS; i++)
		trace_name(f, IPC_TR_NAME_THREAD, (uint64_t)i + 2, 1, clients[i].name);
	trace_name(f, IPC_TR_NAME_THREAD, NCLIENTS + 2, 1, rogue.name);
	fwrite(trace_log, sizeof(trace_log[0]), trace_n, f);
	fclose(f);
	printf("trace: %u events written to %s\n", trace_n, path);
}
#else
static void trace_write(void) {}
#endif

/* Sleep while libipc has `h` blocked; return the operation's final status. */
static int settle(struct host_thread *h, struct ipc_ret r)
{
	if (r.err != IPC_BLOCKED)
		return r.err;
	while (!h->runnable)
		pthread_cond_wait(&h->wake, &big_lock);
	return ipc_thread_status(&h->t);
}

static uint32_t put_string(struct ipc_buffer *b, const char *s)
{
	size_t n = strlen(s) + 1;
	memcpy(b->words, s, n);
	return (uint32_t)((n + 7) / 8);
}

static void expect(int cond, const char *what)
{
	if (!cond) {
		printf("  !! FAILED: %s\n", what);
		failures++;
	}
}

/* ------------------------------------------------------------------ server */

static void *server_main(void *arg)
{
	uint64_t next_badge = 0x100;
	int quits = 0, err;
	struct ipc_msginfo answer = {0, 0, 0};
	(void)arg;

	pthread_mutex_lock(&big_lock);
	err = settle(&server, ipc_recv(&server.t, SLOT_EP, SLOT_REPLY, IPC_DEADLINE_NONE));
	while (err == IPC_OK) {
		const struct ipc_recv_info *in = ipc_thread_recv_info(&server.t);
		answer = (struct ipc_msginfo){ANSWER_OK, 0, 0};
		if (in->badge == 0 && in->label == OP_GET_BADGE) {
			/* B3: mint a badged copy of our cap into the reply. */
			server.buf.caps[0] =
			    (struct ipc_xfer){SLOT_EP, IPC_XFER_MINT, IPC_W | IPC_GR, 0, next_badge};
			answer.ncaps = 1;
			printf("server: new client; minting badge %#llx\n", (unsigned long long)next_badge);
			next_badge += 0x100;
		} else if (in->badge == 0) {
			printf("server: refusing an unbadged request (label %llu)\n",
			       (unsigned long long)in->label);
			answer.label = ANSWER_REFUSED;
		} else if (in->label == OP_SAY) {
			printf("server: client %#llx says \"%s\"\n", (unsigned long long)in->badge,
			       (const char *)server.buf.words);
			answer.length = put_string(&server.buf, "noted");
		} else if (in->label == OP_QUIT) {
			quits++;
		}
		if (quits == NCLIENTS) {
			err = settle(&server, ipc_reply(&server.t, SLOT_REPLY, answer));
			break;
		}
		err = settle(&server,
		             ipc_reply_recv(&server.t, SLOT_EP, SLOT_REPLY, answer, IPC_DEADLINE_NONE));
	}
	expect(err == IPC_OK, "server loop ended cleanly");
	printf("server: all clients done (%s)\n", ipc_strerror(err));
	pthread_mutex_unlock(&big_lock);
	return NULL;
}

/* ----------------------------------------------------------------- clients */

static void *client_main(void *arg)
{
	struct host_thread *me = arg;
	const struct ipc_recv_info *in = ipc_thread_recv_info(&me->t);
	char text[64];
	int err;

	pthread_mutex_lock(&big_lock);
	me->buf.recv_slots[0] = SLOT_BADGED;
	err = settle(me, ipc_call(&me->t, SLOT_EP, (struct ipc_msginfo){OP_GET_BADGE, 0, 0}, 0));
	expect(err == IPC_OK && in->cap_outcome[0] == IPC_CAP_DELIVERED, "badged cap delivered");
	printf("%s: got a cap in slot %u with badge %#llx\n", me->name, in->cap_slot[0],
	       (unsigned long long)ipc_cap_badge(&me->cs, SLOT_BADGED));

	for (int i = 1; i <= 2; i++) {
		snprintf(text, sizeof(text), "hello #%d from %s", i, me->name);
		struct ipc_msginfo mi = {OP_SAY, put_string(&me->buf, text), 0};
		err = settle(me, ipc_call(&me->t, SLOT_BADGED, mi, IPC_DEADLINE_NONE));
		expect(err == IPC_OK && in->label == ANSWER_OK, ipc_strerror(err));
		printf("%s: server answered \"%s\"\n", me->name, (const char *)me->buf.words);
	}
	err = settle(me, ipc_call(&me->t, SLOT_BADGED, (struct ipc_msginfo){OP_QUIT, 0, 0}, 0));
	expect(err == IPC_OK, "quit answered");
	pthread_mutex_unlock(&big_lock);
	return NULL;
}

static void *rogue_main(void *arg)
{
	int err;
	(void)arg;

	pthread_mutex_lock(&big_lock);
	struct ipc_msginfo mi = {OP_SAY, put_string(&rogue.buf, "let me in"), 0};
	err = settle(&rogue, ipc_call(&rogue.t, SLOT_EP, mi, IPC_DEADLINE_NONE));
	expect(err == IPC_OK && ipc_thread_recv_info(&rogue.t)->label == ANSWER_REFUSED,
	       "unbadged client refused");
	printf("rogue: server %s the unbadged request\n",
	       ipc_thread_recv_info(&rogue.t)->label == ANSWER_REFUSED ? "refused" : "ACCEPTED");
	pthread_mutex_unlock(&big_lock);
	return NULL;
}

static void setup(struct host_thread *h, const char *name, uint32_t rights)
{
	snprintf(h->name, sizeof(h->name), "%s", name);
	ipc_cspace_init(&h->cs, h->slots, NSLOTS);
	ipc_thread_init(&h->t, &h->cs, &h->buf, 10);
	for (unsigned i = 0; i < IPC_MSG_MAX_CAPS; i++)
		h->buf.recv_slots[i] = IPC_SLOT_NONE;
	pthread_cond_init(&h->wake, NULL);
	h->runnable = 1;
	if (ipc_cap_install(&h->cs, SLOT_EP, &ep.obj, rights, 0) != IPC_OK)
		abort();
}

int main(void)
{
	pthread_t ts, tc[NCLIENTS], tr;

	puts("badge server demo (SEMANTICS B3) on libipc, host threads");
	ipc_ep_init(&ep);
	ipc_reply_init(&reply_obj);
	setup(&server, "server", IPC_RIGHTS_ALL); /* GR too: minted caps keep it */
	if (ipc_cap_install(&server.cs, SLOT_REPLY, &reply_obj.obj, 0, 0) != IPC_OK)
		abort();
	for (int i = 0; i < NCLIENTS; i++) {
		char name[16];
		snprintf(name, sizeof(name), "client%d", i + 1);
		setup(&clients[i], name, IPC_W | IPC_G); /* G: may receive caps in replies */
	}
	setup(&rogue, "rogue", IPC_W | IPC_GR);

	pthread_create(&ts, NULL, server_main, NULL);
	pthread_create(&tr, NULL, rogue_main, NULL);
	pthread_join(tr, NULL);
	for (int i = 0; i < NCLIENTS; i++)
		pthread_create(&tc[i], NULL, client_main, &clients[i]);
	for (int i = 0; i < NCLIENTS; i++)
		pthread_join(tc[i], NULL);
	pthread_join(ts, NULL);
	trace_write();
	printf("badge server demo: %s\n", failures == 0 ? "ok" : "FAILED");
	return failures == 0 ? 0 : 1;
}
