/*
 * The smallest real embedder of libipc: two POSIX threads exchange a message
 * through an endpoint. libipc needs its callers serialised, so one mutex
 * plays the "big kernel lock"; a thread that libipc blocks sleeps on its own
 * condition variable until the runnable hook wakes it, then reads its final
 * status. This is the same contract a kernel implements with its scheduler.
 */
#include <ipc/ipc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct host_thread {
	struct ipc_thread t;
	struct ipc_cspace cs;
	struct ipc_cap slots[4];
	struct ipc_buffer buf;
	pthread_cond_t wake;
	int runnable;
};

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ipc_endpoint ep;
static struct host_thread client, server;

static struct host_thread *host_of(struct ipc_thread *t)
{
	return (struct host_thread *)(void *)((char *)t - offsetof(struct host_thread, t));
}

/* --- the hooks libipc needs (called with big_lock held) --- */
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

/* Finish an operation: sleep while libipc has us blocked. */
static int settle(struct host_thread *h, struct ipc_ret r)
{
	if (r.err != IPC_BLOCKED)
		return r.err;
	while (!h->runnable)
		pthread_cond_wait(&h->wake, &big_lock);
	return ipc_thread_status(&h->t);
}

static void *client_main(void *arg)
{
	const char *text = "hello from the client";
	struct ipc_msginfo mi = {1, 0, 0};
	(void)arg;
	pthread_mutex_lock(&big_lock);
	memcpy(client.buf.words, text, strlen(text) + 1);
	mi.length = (uint32_t)((strlen(text) + 8) / 8);
	int err = settle(&client, ipc_send(&client.t, 0, mi, IPC_DEADLINE_NONE));
	pthread_mutex_unlock(&big_lock);
	printf("client: send -> %s\n", ipc_strerror(err));
	return NULL;
}

static void *server_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&big_lock);
	int err = settle(&server, ipc_recv(&server.t, 0, IPC_SLOT_NONE, IPC_DEADLINE_NONE));
	const struct ipc_recv_info *info = ipc_thread_recv_info(&server.t);
	printf("server: recv -> %s, badge %llu, %u words: \"%s\"\n", ipc_strerror(err),
	       (unsigned long long)info->badge, info->length, (const char *)server.buf.words);
	pthread_mutex_unlock(&big_lock);
	return (void *)(long)(err == IPC_OK && info->badge == 42 ? 0 : 1);
}

static void setup(struct host_thread *h, uint32_t rights, uint64_t badge)
{
	ipc_cspace_init(&h->cs, h->slots, 4);
	ipc_thread_init(&h->t, &h->cs, &h->buf, 10);
	pthread_cond_init(&h->wake, NULL);
	h->runnable = 1;
	if (ipc_cap_install(&h->cs, 0, &ep.obj, rights, badge) != IPC_OK)
		abort();
}

int main(void)
{
	pthread_t a, b;
	void *rc;

	ipc_ep_init(&ep);
	setup(&client, IPC_W, 42);
	setup(&server, IPC_R, 0);
	pthread_create(&a, NULL, client_main, NULL);
	pthread_create(&b, NULL, server_main, NULL);
	pthread_join(a, NULL);
	pthread_join(b, &rc);
	puts(rc == NULL ? "embed-demo: ok" : "embed-demo: FAILED");
	return rc == NULL ? 0 : 1;
}
